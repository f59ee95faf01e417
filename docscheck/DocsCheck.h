//===- DocsCheck.h - The gap report joined with what Doc/ says -----------===//
//
// For each target, every item the reference has and the target lacks is
// looked up in the checkout's Doc/ (docscheck/DocsReader.h) under the module
// users import and the C module's own name; the availability notes of the
// entry, its enclosing classes and its module page decide whether the docs
// already say so. Every explicit "not WASI"/"not Emscripten" of an item the
// target has is a stale note.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DOCSCHECK_DOCSCHECK_H
#define WASM_GAPSCAN_DOCSCHECK_DOCSCHECK_H

#include "docscheck/DocsReader.h"
#include "model/DocVerdicts.h"
#include "model/Gap.h"
#include <set>

namespace gapscan {

/// Classifies every missing item and every explicit note of every
/// WebAssembly target (model/Targets.h gives each its notes' platform word).
DocsCheckReport checkDocs(const Comparison &Scan, const DocsIndex &Docs);

/// The keys of every finding of the report (what a baseline accepts).
std::set<std::string> baselineKeys(const DocsCheckReport &Report);
/// Marks the findings the baseline accepts and recounts.
void applyBaseline(DocsCheckReport &Report, const std::set<std::string> &Keys);

} // namespace gapscan

#endif

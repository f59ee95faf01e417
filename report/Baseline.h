//===- Baseline.h - The accepted findings of the docs check, as JSON ------===//
#ifndef WASM_GAPSCAN_REPORT_BASELINE_H
#define WASM_GAPSCAN_REPORT_BASELINE_H

#include "model/DocVerdicts.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>

namespace gapscan {

/// Reads a baseline: the keys of accepted findings, one JSON array. Errors
/// name the file and how to regenerate it.
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);
/// A baseline accepting every finding of the report.
std::string baselineToJson(const DocsCheckReport &Report);

} // namespace gapscan

#endif

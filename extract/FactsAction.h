//===- FactsAction.h - The Clang pass over one translation unit
//------------===//
#ifndef WASM_GAPSCAN_EXTRACT_FACTSACTION_H
#define WASM_GAPSCAN_EXTRACT_FACTSACTION_H

#include "model/Facts.h"
#include "clang/Tooling/Tooling.h"
#include <functional>
#include <memory>

namespace gapscan {

/// Receives the facts of each translation unit when it is done. May be called
/// from several threads (one per ClangTool shard); must be thread-safe.
using FactsSink = std::function<void(TUFacts)>;

/// Creates the FrontendAction that records the conditional directives and runs
/// the named extractors (all when empty) over each translation unit.
std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFactsActionFactory(FactsSink Sink,
                       std::vector<std::string> ExtractorNames = {});

} // namespace gapscan

#endif

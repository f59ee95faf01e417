//===- Pipeline.h - Configured build -> items, with its conditionals ------===//
#ifndef WASM_GAPSCAN_LIB_PIPELINE_H
#define WASM_GAPSCAN_LIB_PIPELINE_H

#include "lib/ItemLinker.h"
#include "lib/Scanner.h"

namespace gapscan {

/// Every conditional directive met in a build, by (display path, line). A
/// header directive read by several translation units is taken if any of
/// them took it.
using DirectiveIndex =
    std::map<std::pair<std::string, unsigned>, ConditionalDirective>;

/// One configuration, analysed.
struct AnalysedBuild {
  BuildInfo Build;
  ItemsReport Items;
  DirectiveIndex Directives;
};

DirectiveIndex indexDirectives(const BuildInfo &Build,
                               const std::vector<TUFacts> &TUs);

/// Reads the build, runs the Clang pass (one ClangTool run) and links.
llvm::Expected<AnalysedBuild> analyseBuild(llvm::StringRef SourceDir,
                                           llvm::StringRef BuildDir,
                                           const ScanOptions &Options);

} // namespace gapscan

#endif

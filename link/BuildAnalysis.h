//===- BuildAnalysis.h - One configured build -> items and its conditionals
//===//
#ifndef WASM_GAPSCAN_LINK_BUILDANALYSIS_H
#define WASM_GAPSCAN_LINK_BUILDANALYSIS_H

#include "collect/UnitRunner.h"
#include "link/ItemLinker.h"

namespace gapscan {

DirectiveIndex indexDirectives(const BuildInfo &Build,
                               const std::vector<TUFacts> &TUs);

/// Reads the build, runs the Clang pass (one ClangTool run) and links.
llvm::Expected<AnalysedBuild> analyseBuild(llvm::StringRef SourceDir,
                                           llvm::StringRef BuildDir,
                                           const AnalysisOptions &Options);

} // namespace gapscan

#endif

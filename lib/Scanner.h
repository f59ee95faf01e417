//===- Scanner.h - One ClangTool run over a configured build ---------------===//
#ifndef WASM_GAPSCAN_LIB_SCANNER_H
#define WASM_GAPSCAN_LIB_SCANNER_H

#include "config/BuildConfig.h"
#include "matchers/Records.h"

namespace gapscan {

struct ScanOptions {
  unsigned Jobs = 1;
  std::string ResourceDir; ///< Empty: the one Clang was built with.
  std::vector<std::string> Extractors; ///< Empty: all.
  /// Cache root for facts of translation units (lib/FactsCache.h); empty:
  /// no cache.
  std::string CacheDir;
};

/// Runs the Clang pass over every compile unit of a build and returns the
/// facts in the build's unit order (independent of Jobs). With Jobs > 1 the
/// units are split into Jobs shards, each one ClangTool run on its own thread.
std::vector<TUFacts> scanBuild(const BuildInfo &Build,
                               const ScanOptions &Options);

/// The Clang resource dir to use when none is given.
std::string defaultResourceDir();

} // namespace gapscan

#endif

//===- TargetConfig.h - Configured build folders for named targets --------===//
#ifndef WASM_GAPSCAN_LIB_TARGETCONFIG_H
#define WASM_GAPSCAN_LIB_TARGETCONFIG_H

#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace gapscan {

/// The WebAssembly targets scripts/configure-target.sh can configure.
std::vector<std::string> knownTargets();

/// scripts/ beside the executable's parent (build/wasm-gapscan ->
/// scripts/), or $WASM_GAPSCAN_SCRIPTS.
std::string defaultScriptsDir(const std::string &Executable);

/// Runs `configure-target.sh TARGET SRC` (cached configure) and returns the
/// build folder it prints; its one-line error otherwise.
llvm::Expected<std::string> configureTarget(const std::string &ScriptsDir,
                                            const std::string &Target,
                                            const std::string &SourceDir);

} // namespace gapscan

#endif

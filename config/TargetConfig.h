//===- TargetConfig.h - Configured build folders for targets --------------===//
//
// A target of config/targets.tsv is configured by scripts/configure-target.sh
// (CPython's own configure, cached); a distribution's configuration is
// rebuilt from its sysconfig data (config/SysconfigData.h).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_CONFIG_TARGETCONFIG_H
#define WASM_GAPSCAN_CONFIG_TARGETCONFIG_H

#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace gapscan {

/// scripts/ beside the executable's parent (build/wasm-gapscan ->
/// scripts/), or $WASM_GAPSCAN_SCRIPTS.
std::string defaultScriptsDir(const std::string &Executable);

/// Runs `configure-target.sh TARGET SRC` (cached configure) and returns the
/// build folder it prints; its one-line error otherwise.
llvm::Expected<std::string> configureTarget(const std::string &ScriptsDir,
                                            const std::string &Target,
                                            const std::string &SourceDir);

/// The WebAssembly targets of config/targets.tsv this checkout has (its
/// configure's flavour options decide: model/Targets.h).
std::vector<std::string> checkoutTargetNames(llvm::StringRef SourceDir);

/// Why target Name is not one of the checkout's, naming those that are; ""
/// when it is (or is not a row of the table at all).
std::string targetNotInCheckout(llvm::StringRef SourceDir,
                                llvm::StringRef Name);

/// A build folder made from a distribution's sysconfig data (see
/// config/SysconfigData.h); the defines sysconfig drops come from the
/// pyconfig.h the distribution installed, else from the checkout configured
/// here for the same platform.
llvm::Expected<std::string> buildFromSysconfig(llvm::StringRef File,
                                               llvm::StringRef Sysroot,
                                               llvm::StringRef SourceDir,
                                               llvm::StringRef ScriptsDir);

} // namespace gapscan

#endif

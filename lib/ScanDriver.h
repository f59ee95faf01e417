//===- ScanDriver.h - Configure, analyse and diff the reference and targets
//===//
//
// The job behind `scan`, `check-docs`, `suggest-docs` and `precommit`: find
// or make each configuration (scripts/configure-target.sh, a given folder,
// or a distribution's sysconfig data), analyse each with one ClangTool run,
// then diff the merged results.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LIB_SCANDRIVER_H
#define WASM_GAPSCAN_LIB_SCANDRIVER_H

#include "lib/Gap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>

namespace gapscan {

/// What to compare, as the command line gives it.
struct ScanRequest {
  std::string SourceDir;
  std::string Reference = "native";
  /// Targets named with --target; those given only by Builds/Sysconfigs are
  /// added. None at all: every known target that can be configured here.
  std::vector<std::string> Targets;
  std::map<std::string, std::string> Builds;     ///< TARGET -> folder.
  std::map<std::string, std::string> Sysconfigs; ///< TARGET -> data file.
  std::map<std::string, std::string> Sysroots;   ///< TARGET -> sysroot.
  std::string ScriptsDir;
  ScanOptions Options;
};

/// Every configuration analysed, and their gap.
struct ScanResult {
  std::unique_ptr<AnalysedBuild> Reference;
  std::vector<std::pair<std::string, std::unique_ptr<AnalysedBuild>>> Targets;
  GapReport Gap;
};

/// A build folder made from a distribution's sysconfig data (see
/// config/SysconfigData.h); the defines sysconfig drops come from the
/// pyconfig.h the distribution installed, else from the checkout configured
/// here for the same platform.
llvm::Expected<std::string> buildFromSysconfig(llvm::StringRef File,
                                               llvm::StringRef Sysroot,
                                               llvm::StringRef SourceDir,
                                               llvm::StringRef ScriptsDir);

/// One progress line per analysed configuration, as `items` prints it.
void summariseItems(llvm::raw_ostream &Log, llvm::StringRef Label,
                    const ItemsReport &Report, double Seconds);

/// Runs the whole comparison; progress goes to Log. BeforeAnalysis, if
/// given, runs once every configuration is found or made and before any is
/// analysed; its error ends the run (check-docs reads Doc/ meanwhile).
llvm::Expected<ScanResult>
runScan(const ScanRequest &Request, llvm::raw_ostream &Log,
        llvm::function_ref<llvm::Error()> BeforeAnalysis = nullptr);

} // namespace gapscan

#endif

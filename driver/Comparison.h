//===- Comparison.h - Configure, analyse and compare the reference and targets
//-===//
//
// The job behind `scan`, `check-docs`, `suggest-docs` and `precommit`: find
// or make each configuration (scripts/configure-target.sh, a given folder,
// or a distribution's sysconfig data), analyse each with one ClangTool run,
// then diff the merged results.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DRIVER_COMPARISON_H
#define WASM_GAPSCAN_DRIVER_COMPARISON_H

#include "link/BuildAnalysis.h"
#include "model/Gap.h"
#include "model/Targets.h"
#include "model/VersionDiff.h"
#include "python/PythonLayer.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>

namespace gapscan {

/// What to compare, as the command line gives it.
struct ComparisonRequest {
  std::string SourceDir;
  std::string Reference = referenceTarget().Name.str();
  /// Targets named with --target; those given only by Builds/Sysconfigs are
  /// added. None at all: every known target that can be configured here.
  std::vector<std::string> Targets;
  std::map<std::string, std::string> Builds;     ///< TARGET -> folder.
  std::map<std::string, std::string> Sysconfigs; ///< TARGET -> data file.
  std::map<std::string, std::string> Sysroots;   ///< TARGET -> sysroot.
  std::string ScriptsDir;
  AnalysisOptions Options;
  /// Also read Lib/ and evaluate the Python layer (python/) for each
  /// configuration.
  bool PythonLayer = true;
  /// A target that cannot be configured is left out (and the reports say
  /// so) instead of ending the run.
  bool SkipMissingTargets = false;
};

/// One progress line per analysed configuration, as `items` prints it.
void summariseItems(llvm::raw_ostream &Log, llvm::StringRef Label,
                    const ItemsReport &Report, double Seconds);

/// Reads the checkout's Lib/ (facts cached under CacheDir) and evaluates
/// the Python layer of each build with its own C-level items.
/// Lib, when given, is the snapshot taken meanwhile (else taken here).
llvm::Error addPythonLayer(llvm::StringRef SourceDir,
                           llvm::StringRef ScriptsDir, llvm::StringRef CacheDir,
                           llvm::ArrayRef<AnalysedBuild *> Builds,
                           llvm::raw_ostream &Log,
                           llvm::Expected<LibSnapshot> *Lib = nullptr);

/// Runs the whole comparison; progress goes to Log. BeforeAnalysis, if
/// given, runs once every configuration is found or made and before any is
/// analysed; its error ends the run (check-docs reads Doc/ meanwhile).
llvm::Expected<Comparison> compareConfigurations(
    const ComparisonRequest &Request, llvm::raw_ostream &Log,
    llvm::function_ref<llvm::Error()> BeforeAnalysis = nullptr);

/// diff-versions: the comparison run on two checkouts, then diffed target
/// by target (gap/VersionDiff.h). Each named target is taken in each
/// checkout as that checkout has it (a name it does not have: its target of
/// the same docs platform, 3.13's emscripten-node for 3.14's emscripten);
/// none named, each checkout's own targets.
llvm::Expected<VersionDiff> compareVersions(const ComparisonRequest &Base,
                                            const std::string &OldSource,
                                            const std::string &NewSource,
                                            llvm::raw_ostream &Log);

} // namespace gapscan

#endif

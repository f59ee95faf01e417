//===- BuildConfig.h - What a configured CPython build compiles, and how
//---===//
#ifndef WASM_GAPSCAN_CONFIG_BUILDCONFIG_H
#define WASM_GAPSCAN_CONFIG_BUILDCONFIG_H

#include "llvm/Support/Error.h"
#include <map>
#include <string>
#include <vector>

namespace gapscan {

/// One C file as the build compiles it.
struct CompileUnit {
  std::string File;                   ///< Absolute path.
  std::string Directory;              ///< Working directory of the compiler.
  std::vector<std::string> Arguments; ///< argv, compiler first.
};

/// A stdlib extension module as configure and makesetup describe it.
struct ModuleBuild {
  std::string Name;
  /// configure's MODULE_<NAME>_STATE: "yes", "disabled", "missing", "n/a".
  std::string State;
  std::string Linkage; ///< "builtin", "shared" or "" when not built.
  std::vector<std::string> Sources; ///< Absolute paths.
};

/// A configured CPython build folder.
struct BuildInfo {
  std::string SourceDir;       ///< Absolute, real path.
  std::string BuildDir;        ///< Absolute, real path.
  std::string Version;         ///< Makefile's VERSION, e.g. "3.11".
  std::string Host;            ///< Makefile's MACHDEP / host triple.
  std::string CompilerCommand; ///< Makefile's CC, expanded.
  std::vector<CompileUnit> Units;
  std::map<std::string, ModuleBuild> Modules;
  std::vector<std::string> Notes; ///< Things skipped, with why.
  bool FromCompilationDatabase = false;
};

/// Reads BuildDir's Makefile (and compile_commands.json when present) and
/// checks that it is a configured build of SourceDir. Errors are one line
/// naming the problem and the fix.
llvm::Expected<BuildInfo> loadBuild(llvm::StringRef SourceDir,
                                    llvm::StringRef BuildDir);

/// One module line of a Modules/Setup* file: `name src.c ... -Iflags`.
struct SetupLine {
  std::string Name;
  bool Enabled = false; ///< Not commented out (configure writes "#" for off).
  std::vector<std::string> Sources; ///< Relative to Modules/.
  std::vector<std::string> CFlags;  ///< -I, -D, -U from the line.
};

/// Reads Setup text as Modules/makesetup does: "*shared*"/"*static*"
/// markers, comments, `name sources... flags...` lines.
std::vector<SetupLine> parseSetupText(llvm::StringRef Text);

/// Checks that Dir looks like a CPython source checkout.
llvm::Error checkSourceTree(llvm::StringRef Dir);

/// Turns a build's compiler command into one Clang's tooling accepts: the
/// resource dir of the Clang we link (stddef.h, ...), no warnings, and
/// tolerance for flags only GCC knows.
std::vector<std::string> clangToolArguments(const CompileUnit &Unit,
                                            llvm::StringRef ResourceDir);

} // namespace gapscan

#endif

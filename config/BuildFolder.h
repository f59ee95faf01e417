//===- BuildFolder.h - A configured CPython build folder, as configure left it
//===//
//
// Reads what CPython's configure wrote into a build folder (Makefile,
// Modules/Setup.stdlib, pyconfig.h's presence): the version, host and
// compiler, every stdlib module with its configure state, linkage and
// sources, and the objects make compiles. commands/ turns the objects into
// compile commands.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_CONFIG_BUILDFOLDER_H
#define WASM_GAPSCAN_CONFIG_BUILDFOLDER_H

#include "config/MakefileReader.h"
#include "model/Build.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gapscan {

/// One module line of a Modules/Setup* file: `name src.c ... -Iflags`.
struct SetupLine {
  std::string Name;
  bool Enabled = false; ///< Not commented out (configure writes "#" for off).
  std::vector<std::string> Sources; ///< Relative to Modules/.
  std::vector<std::string> CFlags;  ///< -I, -D, -U from the line.
};

/// A build folder as configure left it: Info without compile units, and
/// what commands/ needs to make them.
struct ConfiguredBuild {
  BuildInfo Info; ///< Units empty.
  Makefile Make;
  std::string MakefilePath;
  /// What make compiles: LIBRARY_OBJS, then the shared modules' objects.
  std::vector<std::string> Objects;
  std::map<std::string, size_t> ExplicitRules; ///< Object -> Make.rules().
  std::optional<size_t> SuffixRule;            ///< The .c.o rule.
  std::vector<SetupLine> SetupStdlib;          ///< Modules/Setup.stdlib.
  /// Enabled Setup.stdlib lines makesetup left to setup.py (3.11 native).
  std::vector<SetupLine> SetupPyModules;
};

/// Reads BuildDir's Makefile and Setup.stdlib and checks that it is a
/// configured build of SourceDir. Errors are one line naming the problem
/// and the fix.
llvm::Expected<ConfiguredBuild> readConfiguredBuild(llvm::StringRef SourceDir,
                                                    llvm::StringRef BuildDir);

/// Reads Setup text as Modules/makesetup does: "*shared*"/"*static*"
/// markers, comments, `name sources... flags...` lines.
std::vector<SetupLine> parseSetupText(llvm::StringRef Text);

/// Checks that Dir looks like a CPython source checkout.
llvm::Error checkSourceTree(llvm::StringRef Dir);

/// Makefile VPATH lookup: generated sources (Modules/config.c) live in the
/// build folder, the rest in srcdir; "" when neither has Rel.
std::string locateSource(const BuildInfo &B, llvm::StringRef Rel);

/// The space-separated words of a Makefile value.
std::vector<std::string> makeWords(llvm::StringRef S);

/// P with symlinks resolved; P itself when it does not exist.
std::string realPath(llvm::StringRef P);

} // namespace gapscan

#endif

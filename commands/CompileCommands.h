//===- CompileCommands.h - One compile command per C file of a build ------===//
//
// A configured build folder (config/BuildFolder.h) compiles its C files with
// commands make would run: from the Makefile's rules (the .c.o suffix rule
// and explicit ones), from setup.py's modules (3.11), or from a
// compile_commands.json beside the Makefile. Clang's tooling then needs
// them in a form it accepts (emcc replaced, GCC-only flags dropped).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_COMMANDS_COMPILECOMMANDS_H
#define WASM_GAPSCAN_COMMANDS_COMPILECOMMANDS_H

#include "config/BuildFolder.h"
#include "model/Build.h"
#include "llvm/Support/Error.h"

namespace gapscan {

/// Reads BuildDir (config/BuildFolder.h) and makes the compile command of
/// every C file it compiles, sorted by file. Errors are one line naming the
/// problem and the fix.
llvm::Expected<BuildInfo> loadBuild(llvm::StringRef SourceDir,
                                    llvm::StringRef BuildDir);

/// Turns a build's compiler command into one Clang's tooling accepts: the
/// resource dir of the Clang we link (stddef.h, ...), no warnings, and
/// tolerance for flags only GCC knows.
std::vector<std::string> clangToolArguments(const CompileUnit &Unit,
                                            llvm::StringRef ResourceDir);

} // namespace gapscan

#endif

//===- Build.h - What a configured CPython build compiles -----*- C++ -*-===//
//
// Plain data: a configured build folder as config/ reads it and commands/
// completes it with one compile command per C file.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_BUILD_H
#define WASM_GAPSCAN_MODEL_BUILD_H

#include "model/Enums.h"
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
  gapscan::Linkage Linkage = Linkage::None;
  std::vector<std::string> Sources; ///< Absolute paths.
};

/// A configured CPython build folder.
struct BuildInfo {
  std::string SourceDir; ///< Absolute, real path.
  std::string BuildDir;  ///< Absolute, real path.
  std::string Version;   ///< Makefile's VERSION, e.g. "3.11".
  std::string Host;      ///< Makefile's MACHDEP / host triple.
  std::string MachDep; ///< Makefile's MACHDEP: sys.platform ("linux", "wasi").
  std::string CompilerCommand; ///< Makefile's CC, expanded.
  std::vector<CompileUnit> Units;
  std::map<std::string, ModuleBuild> Modules;
  std::vector<std::string> Notes; ///< Things skipped, with why.
  bool FromCompilationDatabase = false;
};

} // namespace gapscan

#endif

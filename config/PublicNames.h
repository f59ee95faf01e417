//===- PublicNames.h - Which Lib/ module re-exports each C module
//----------===//
#ifndef WASM_GAPSCAN_CONFIG_PUBLICNAMES_H
#define WASM_GAPSCAN_CONFIG_PUBLICNAMES_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>
#include <vector>

namespace gapscan {

/// The name users import for each C module, derived from the checkout's
/// Lib/: a module doing `from posix import *` (Lib/os.py), or the module
/// named like it without the underscore re-exporting names with
/// `from _io import (...)` (Lib/io.py), is the public face of the C module;
/// a C module nobody re-exports is public under its own name. Star imports
/// win over explicit re-exports, then the shorter name.
std::map<std::string, std::string>
publicModuleNames(llvm::StringRef SourceDir,
                  const std::vector<std::string> &CModules);

/// Whether Public cannot be imported without CModule: its Lib/ source
/// imports it at the top level rather than inside a block (Lib/hashlib.py
/// falls back to _md5, _sha2, ... when `from _hashlib import ...` fails).
bool publicModuleRequires(llvm::StringRef SourceDir, llvm::StringRef Public,
                          llvm::StringRef CModule);

/// One `from X import ...` statement of a Python source.
struct FromImport {
  std::string Module;
  bool Star = false;     ///< `import *`
  bool Indented = false; ///< Inside a block (an `if` of a platform dispatch).
};
std::vector<FromImport> fromImports(llvm::StringRef Python);

} // namespace gapscan

#endif

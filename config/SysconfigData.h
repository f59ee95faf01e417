//===- SysconfigData.h - The configuration a distribution ships -*- C++ -*-===//
//
// A built Python records its configuration in sysconfig: Lib/sysconfig's
// generator (`python -m sysconfig --generate-posix-vars`, run by the
// Makefile's pybuilddir.txt rule) writes `_sysconfigdata_*.py`, a dict
// `build_time_vars` holding every Makefile variable and every pyconfig.h
// define (undefined ones as 0). Distributions such as Pyodide ship that file,
// or users dump `sysconfig.get_config_vars()` as JSON. Either lets us analyse
// exactly the configuration a distribution shipped.
//
// This reads the data; config/SysconfigBuild.h turns it into a build folder.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_CONFIG_SYSCONFIGDATA_H
#define WASM_GAPSCAN_CONFIG_SYSCONFIGDATA_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>
#include <string>

namespace gapscan {

/// One value of build_time_vars: sysconfig stores ints for numeric
/// pyconfig.h defines (0 for `#undef`) and strings for everything else.
struct SysconfigValue {
  std::string Text;
  bool IsInt = false;
  bool IsNone = false;
};

/// The variables of one `_sysconfigdata_*.py` or JSON dump.
struct SysconfigData {
  std::string Origin; ///< The file it came from, for messages.
  std::map<std::string, SysconfigValue> Vars;

  std::optional<std::string> get(llvm::StringRef Name) const;
};

/// Parses the text of a `_sysconfigdata_*.py` (a `build_time_vars = {...}`
/// literal as pprint writes it) or a JSON object of config vars. Errors name
/// the file and line.
llvm::Expected<SysconfigData> parseSysconfigData(llvm::StringRef Text,
                                                 llvm::StringRef Origin);
llvm::Expected<SysconfigData> readSysconfigData(llvm::StringRef Path);

} // namespace gapscan

#endif

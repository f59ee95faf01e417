//===- SysconfigData.h - A configuration as a Python distribution ships it
//-===//
//
// A built Python records its configuration in sysconfig: Lib/sysconfig's
// generator (`python -m sysconfig --generate-posix-vars`, run by the
// Makefile's pybuilddir.txt rule) writes `_sysconfigdata_*.py`, a dict
// `build_time_vars` holding every Makefile variable and every pyconfig.h
// define (undefined ones as 0). Distributions such as Pyodide ship that file,
// or users dump `sysconfig.get_config_vars()` as JSON. Either lets us analyse
// exactly the configuration a distribution shipped.
//
// The data alone is not a build folder: Lib/sysconfig's Makefile parser drops
// continuation lines (LIBRARY_OBJS becomes "\") and keeps no rules. So we
// rebuild the folder the way config.status does, from the checkout's own
// templates: pyconfig.h from pyconfig.h.in, Makefile.pre from Makefile.pre.in,
// Modules/Setup.* from their .in files, then the checkout's Modules/makesetup
// writes the Makefile and Modules/config.c, with the distribution's values
// filled in wherever configure would have substituted its own.
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

/// Writes a configured build folder for SourceDir from Data into
/// CacheDir/builds/sysconfig-<version>-<hash of its inputs>, unless it is
/// already there, and returns it. Sysroot (may be empty) replaces the
/// `--sysroot` of the recorded compiler, whose own sysroot usually exists only
/// on the machine that built the distribution.
///
/// Lib/sysconfig keeps only defines whose name starts with an upper-case
/// letter (its define regex is `#define ([A-Z][A-Za-z0-9_]+)`), so the
/// feature-test macros configure writes (_GNU_SOURCE, _FILE_OFFSET_BITS,
/// _WASI_EMULATED_SIGNAL, ...) are lost; they are taken from
/// CompanionPyconfig, a pyconfig.h of the same platform (the one the
/// distribution installed, or the checkout's configure run here for the same
/// host). Empty: left undefined, with a note.
llvm::Expected<std::string>
materializeBuild(const SysconfigData &Data, llvm::StringRef SourceDir,
                 llvm::StringRef Sysroot, llvm::StringRef CacheDir,
                 llvm::StringRef CompanionPyconfig = "");

/// The pyconfig.h the distribution installed, if it is on this machine
/// (INCLUDEPY or CONFINCLUDEPY), else "".
std::string installedPyconfig(const SysconfigData &Data);

/// The platform of the data as one of scripts/configure-target.sh's names
/// (wasi, emscripten-node, native), for borrowing a same-platform pyconfig.h.
std::string samePlatformTarget(const SysconfigData &Data);

/// ${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}, as scripts/ use it.
std::string defaultCacheDir();

} // namespace gapscan

#endif

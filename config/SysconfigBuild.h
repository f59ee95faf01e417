//===- SysconfigBuild.h - A build folder from sysconfig data ----*- C++ -*-===//
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
#ifndef WASM_GAPSCAN_CONFIG_SYSCONFIGBUILD_H
#define WASM_GAPSCAN_CONFIG_SYSCONFIGBUILD_H

#include "config/SysconfigData.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace gapscan {

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

/// The target of config/targets.tsv of the data's platform (its MACHDEP:
/// wasi, emscripten-node, else native), for borrowing a same-platform
/// pyconfig.h.
llvm::StringRef samePlatformTarget(const SysconfigData &Data);

} // namespace gapscan

#endif

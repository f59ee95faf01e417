//===- FileUtil.h - Files the tool keeps between runs ---------------------===//
//
// What the caches (collect/FactsCache.h, link/LinkCache.h) and the build
// reader's remembered `emcc --cflags` (commands/CompileCommands.cpp) share:
// writing a file that concurrent readers see whole or not at all, and telling
// whether a file is the one it was.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_SUPPORT_FILEUTIL_H
#define WASM_GAPSCAN_SUPPORT_FILEUTIL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace gapscan {

/// Writes Bytes to a temporary file beside Path and renames it over Path, so
/// that a concurrent reader sees the old entry or the new one, never half of
/// one. False (nothing written) when the folder is not writable.
bool replaceFileAtomically(llvm::StringRef Path, llvm::StringRef Bytes);

/// Path with its file's identity (device, inode, size, modification time):
/// a program that is rebuilt or upgraded gets another. A stat, where hashing
/// a 90 MB binary would cost more than what it guards. Path alone when the
/// file cannot be read.
std::string fileIdentity(llvm::StringRef Path);

/// fileIdentity of the running executable: what keys the caches' entries,
/// so that a rebuilt or upgraded tool never reuses another build's results.
std::string runningToolIdentity();

/// ${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}, as scripts/ use it.
std::string defaultCacheDir();

/// Fails early, before a long scan, when Path ("-" = stdout) cannot be written.
llvm::Error checkWritable(llvm::StringRef Path);

/// Writes text to Path ("-" = stdout) with a one-line error on failure.
llvm::Error writeOutput(llvm::StringRef Path, llvm::StringRef Text);

} // namespace gapscan

#endif

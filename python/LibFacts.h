//===- LibFacts.h - Lib/ sources read with CPython's own ast --------------===//
//
// The first half of the Python layer: every module of the checkout's Lib/
// (not Lib/test, not a package's tests) read by python/lib_facts.py under a
// Python of the checkout's own version, into plain facts (model/PyFacts.h).
// Facts are cached by file content and by the tool's and the Python's
// identity, so a Lib/*.py change re-reads that file only.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_PYTHON_LIBFACTS_H
#define WASM_GAPSCAN_PYTHON_LIBFACTS_H

#include "model/PyFacts.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace gapscan {

/// The Python that reads Lib/: $WASM_GAPSCAN_PYTHON; else a Python of the
/// checkout's major.minor found here (pythonX.Y on PATH, or a build python
/// already made for that version); else the checkout's native build python
/// (`configure-target.sh buildpython SRC`, built once and cached; the cross
/// configurations need it anyway).
llvm::Expected<std::string> libPython(llvm::StringRef ScriptsDir,
                                      llvm::StringRef SourceDir);

/// Every Lib/ module file of a checkout: (module name, path relative to the
/// checkout, is a package), sorted by name.
struct LibFile {
  std::string Module, Path;
  bool Package = false;
};
std::vector<LibFile> libFiles(llvm::StringRef SourceDir);

/// Reads (or takes from FactsFolder, one entry per file content) the facts
/// of every file of Files, relative to Root. FactsFolder empty: no cache.
llvm::Expected<PyLibrary> readLibrary(llvm::StringRef Root,
                                      const std::vector<LibFile> &Files,
                                      llvm::StringRef Python,
                                      llvm::StringRef FactsFolder);

/// The cache key of some bytes (hex xxh3).
std::string contentKey(llvm::StringRef Bytes);

/// What the facts of a file depend on besides its content: the reader
/// script (compiled in), the checkout's version (its build python parses),
/// and $WASM_GAPSCAN_PYTHON. Not the python's file: a rebuilt build python
/// of the same version parses alike, and a warm run need not find it.
std::string parserIdentity(llvm::StringRef SourceDir);

/// The facts of one file's JSON (lib_facts.py's "facts" object); exposed for
/// the snippet tests and the fuzzer.
llvm::Expected<PyFileFacts> decodeFileFacts(llvm::StringRef Json);

} // namespace gapscan

#endif

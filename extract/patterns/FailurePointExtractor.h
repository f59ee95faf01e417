//===- FailurePointExtractor.h - Guarded errors and the call graph -*- C++
//-*-===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_FAILUREPOINTEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_FAILUREPOINTEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// What a function calls and the errors it sets inside preprocessor regions
/// (model/Facts.h FunctionBehaviour): the raw material of "works
/// differently". Python/fileutils.c `_Py_dup` under `#else` of
/// `#ifndef __wasi__`: `errno = ENOTSUP; PyErr_SetFromErrno(PyExc_OSError)`;
/// Modules/socketmodule.c `#ifndef HAVE_SOCKET` `stub_socket`: `errno =
/// ENOTSUP`; Python/thread_pthread_stubs.h `pthread_create`: `return
/// EAGAIN`. A point is recorded only where a conditional encloses it, so
/// that comparing the points of two configurations by place finds the
/// errors one of them compiles and the other does not.
class FailurePointExtractor : public Extractor {
public:
  static constexpr const char *Name = "failure-points";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

//===- CApiSemantics.h - What CPython's C API calls do to module contents -===//
//
// The extractors record calls as they are written (model/Facts.h CallEvent,
// SymVal::Call); what a call to one of CPython's own API functions means
// for the names a module ends up with is said here, once, for the linker
// (link/) to evaluate: which calls add a name to a module or type, and
// which return something the evaluation tracks (a module's dict, a new
// exception class, a type's short name, a constant).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_CAPISEMANTICS_H
#define WASM_GAPSCAN_EXTRACT_CAPISEMANTICS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace gapscan {

/// The role of a C API call. Additions take their receiver (a module, its
/// dict, a type) as argument 0 and the name (or type, or table) as
/// argument 1; the rest are values the linker follows.
enum class CApiRole {
  None,
  // Additions.
  AddConstant,  ///< Adds constant arg 1 to module arg 0.
  AddNameValue, ///< Adds object arg 2 as name arg 1 to module arg 0.
  AddType,      ///< Adds type arg 1 under its short name.
  AddFunctions, ///< Adds the PyMethodDef table arg 1 as functions.
  SetDictItem,  ///< Sets name arg 1 in a module's or type's dict arg 0.
  SetAttr,      ///< Sets attribute arg 1 on module or type arg 0.
  // Values.
  ModuleDict,     ///< Returns the dict of module arg 0.
  NewException,   ///< Returns a new exception class named by arg 0.
  TypeShortName,  ///< Returns the short name of type arg 0.
  StrOfLiteral,   ///< Returns the str of C string arg 0.
  ScalarConstant, ///< Returns a new immutable scalar: a constant.
  // Errors.
  SetsError, ///< Raises exception class arg 0 (PyErr_SetString...).
};

/// One row of the table: a callee name (or, with Prefix, every name
/// starting with it), its role, and the CPython header declaring it.
struct CApiCall {
  llvm::StringRef Name;
  bool Prefix;
  CApiRole Role;
  llvm::StringRef DeclaredIn;
};

/// The whole table, in lookup order (exact names before the prefixes that
/// also match them).
llvm::ArrayRef<CApiCall> cApiCalls();

/// The role of a call to Callee (a spelling such as "PyModule_AddObjectRef").
CApiRole cApiRole(llvm::StringRef Callee);

/// Whether the role adds a name to a module or type.
bool isAddition(CApiRole Role);

/// The name CPython gives a thread layer with no threads behind it
/// (Python/thread.c: `#define PYTHREAD_NAME "pthread-stubs"` under
/// HAVE_PTHREAD_STUBS, WASI, and under `defined(__EMSCRIPTEN__) &&
/// !defined(__EMSCRIPTEN_PTHREADS__)`, where Emscripten's libc stub
/// pthread_create returns EAGAIN outside CPython's sources).
constexpr llvm::StringLiteral StubThreadLayerName = "pthread-stubs";

/// The macro a thread layer is named by (Python/thread.c, read by
/// PyThread_GetInfo as sys.thread_info.name).
constexpr llvm::StringLiteral ThreadLayerMacro = "PYTHREAD_NAME";

/// Whether Callee is the libc call a thread layer starts a thread with
/// (Python/thread_pthread.h: pthread_create), which fails in a stub layer.
bool startsThread(llvm::StringRef Callee);

} // namespace gapscan

#endif

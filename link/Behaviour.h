//===- Behaviour.h - The call graph to guarded errors -----------*- C++ -*-===//
//
// The C half of "works differently": from every unit's FunctionBehaviour
// (extract/patterns/FailurePointExtractor.cpp), the functions that can reach
// a guarded error within a few calls, joined across units by symbol key
// (Modules/posixmodule.c os_dup_impl calls Python/fileutils.c _Py_dup). The
// gap compares two configurations' graphs; this only builds one.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LINK_BEHAVIOUR_H
#define WASM_GAPSCAN_LINK_BEHAVIOUR_H

#include "model/Items.h"
#include "llvm/ADT/StringMap.h"

namespace gapscan {

/// How many calls from a function to the error it may reach are kept: the
/// deepest real chain is `_thread.start_joinable_thread` -> ... ->
/// pthread_create's stub, four calls (Modules/_threadmodule.c ->
/// Python/thread_pthread.h -> Python/thread_pthread_stubs.h).
constexpr unsigned MaxFailureDepth = 6;

/// The kept graph; Index receives each kept function's index by key.
CBehaviour linkBehaviour(const BuildInfo &Build,
                         const std::vector<TUFacts> &TUs,
                         llvm::StringMap<unsigned> &Index);

} // namespace gapscan

#endif

//===- LinkerIndex.cpp -----------------------------------------------  -===//
#include "extract/CApiSemantics.h"
#include "link/Linker.h"

namespace gapscan {
namespace linking {

void Linker::index() {
  for (unsigned T = 0; T < TUs.size(); ++T) {
    const TUFacts &F = TUs[T];
    for (const auto &R : F.Tables)
      Tables.try_emplace(R.Key, Located<NameTable>{T, &R});
    for (const auto &R : F.StaticTypes)
      StaticTypes.try_emplace(R.Key, Located<StaticType>{T, &R});
    for (const auto &R : F.Specs)
      Specs.try_emplace(R.Key, Located<TypeSpec>{T, &R});
    for (const auto &R : F.SlotTables)
      SlotTables.try_emplace(R.Key, Located<SlotTable>{T, &R});
    for (const auto &R : F.StructSequences)
      Descs.try_emplace(R.Key, Located<StructSequenceDesc>{T, &R});
    for (const auto &R : F.ModuleDefs)
      Defs.try_emplace(R.Key, Located<ModuleDef>{T, &R});
    for (const auto &R : F.Functions)
      Functions.try_emplace(R.Key, FunctionInfo{T, &R});
    for (const auto &A : F.Assignments)
      Assignments[A.Target].emplace_back(T, &A.Value);
    for (const auto &[Type, Desc] : F.TypeFromDesc)
      DescOfType.try_emplace(Type, Desc);
  }
  computeMayAdd();
  for (const auto &E : Functions)
    if (E.second.MayAdd || E.first().starts_with("PyInit_"))
      SortedEntryPoints.push_back(E.first());
  llvm::sort(SortedEntryPoints);
}

/// Whether a recorded call can add an item: an addition API whose second
/// argument (the name, the type of PyModule_AddType, the table of
/// PyModule_AddFunctions) may be known. With it unknown or an integer,
/// handleCall adds nothing (PyObject_SetAttr(exc, &_Py_ID(__notes__), ...)
/// in Objects/exceptions.c), so such calls neither make a function a root
/// nor are followed into.
static bool canAdd(const CallEvent &C) {
  return isAddition(cApiRole(C.Name)) && C.Args.size() > 1 &&
         C.Args[1].Kind != SymVal::Unknown && C.Args[1].Kind != SymVal::IntLit;
}

void Linker::computeMayAdd() {
  for (auto &E : Functions) {
    FunctionInfo &F = E.second;
    F.Key = E.first();
    F.Adds.reserve(F.Record->Calls.size());
    F.Callees.reserve(F.Record->Calls.size());
    for (const CallEvent &C : F.Record->Calls) {
      F.Adds.push_back(canAdd(C));
      auto Callee = Functions.find(C.Callee);
      F.Callees.push_back(Callee == Functions.end() ? nullptr
                                                    : &Callee->second);
      if (F.Callees.back())
        F.Callees.back()->Callers.push_back(&F);
    }
  }
  // A function may add module items if it calls an addition API or a
  // function that may: propagate backwards over the call graph.
  std::vector<FunctionInfo *> Work;
  for (auto &E : Functions)
    if (llvm::is_contained(E.second.Adds, true)) {
      E.second.MayAdd = true;
      Work.push_back(&E.second);
    }
  while (!Work.empty()) {
    FunctionInfo *Callee = Work.back();
    Work.pop_back();
    for (FunctionInfo *Caller : Callee->Callers)
      if (!Caller->MayAdd) {
        Caller->MayAdd = true;
        Work.push_back(Caller);
      }
  }
  computeReaching();
}

/// Adds to Out every parameter index mentioned anywhere in S.
static void collectParams(const SymVal &S, llvm::SmallBitVector &Out) {
  if (S.Kind == SymVal::Param && S.Index >= 0) {
    if (Out.size() <= static_cast<unsigned>(S.Index))
      Out.resize(S.Index + 1);
    Out.set(S.Index);
  }
  for (const SymVal &A : S.Args)
    collectParams(A, Out);
}

void Linker::computeReaching() {
  // Least fixed point over the call graph of functions that may add items:
  // a function is revisited when a callee's set grows.
  std::vector<FunctionInfo *> Work;
  for (auto &E : Functions)
    if (E.second.MayAdd)
      Work.push_back(&E.second);
  while (!Work.empty()) {
    FunctionInfo &F = *Work.back();
    Work.pop_back();
    llvm::SmallBitVector Found;
    const std::vector<CallEvent> &Calls = F.Record->Calls;
    for (size_t K = 0; K < Calls.size(); ++K) {
      if (F.Adds[K]) {
        for (const SymVal &A : Calls[K].Args)
          collectParams(A, Found);
        continue;
      }
      const FunctionInfo *Callee = F.Callees[K];
      if (!Callee || !Callee->MayAdd)
        continue;
      for (size_t I = 0; I < Calls[K].Args.size(); ++I)
        if (I < Callee->Reaching.size() && Callee->Reaching.test(I))
          collectParams(Calls[K].Args[I], Found);
    }
    if (F.Reaching.size() < Found.size())
      F.Reaching.resize(Found.size());
    llvm::SmallBitVector Before = F.Reaching;
    F.Reaching |= Found;
    if (F.Reaching != Before)
      for (FunctionInfo *Caller : F.Callers)
        Work.push_back(Caller);
  }
}

} // namespace linking
} // namespace gapscan

//===- Behaviour.cpp ------------------------------------------------------===//
#include "link/Behaviour.h"
#include "link/ItemLinker.h"
#include <deque>

namespace gapscan {

namespace {

/// `#ifndef HAVE_SOCKET` or `#else of #ifndef __wasi__ (line 2680)`.
std::string describeGuard(const ConditionalDirective &D) {
  std::string Out = "#" + D.Kind;
  if (!D.Condition.empty())
    Out += " " + D.Condition;
  if (D.Kind == "else" || D.Kind.rfind("elif", 0) == 0)
    Out += " of #" + D.OpeningKind + " " + D.OpeningCondition + " (line " +
           std::to_string(D.OpeningLine) + ")";
  return Out;
}

} // namespace

CBehaviour linkBehaviour(const BuildInfo &Build,
                         const std::vector<TUFacts> &TUs,
                         llvm::StringMap<unsigned> &Index) {
  // The first definition of a key wins, as for the linker's summaries.
  struct Node {
    unsigned TU;
    const FunctionBehaviour *B;
    std::vector<unsigned> Callers;
    unsigned Depth = ~0u; ///< Calls to the nearest guarded error.
  };
  std::vector<Node> Nodes;
  llvm::StringMap<unsigned> ByKey;
  for (unsigned TU = 0; TU < TUs.size(); ++TU)
    for (const FunctionBehaviour &B : TUs[TU].Behaviours)
      if (ByKey.try_emplace(B.Key, Nodes.size()).second)
        Nodes.push_back({TU, &B, {}});
  for (unsigned I = 0; I < Nodes.size(); ++I)
    for (const std::string &Callee : Nodes[I].B->Callees)
      if (auto It = ByKey.find(Callee); It != ByKey.end() && It->second != I)
        Nodes[It->second].Callers.push_back(I);
  // Breadth first from the functions with guarded errors, backwards.
  std::deque<unsigned> Queue;
  for (unsigned I = 0; I < Nodes.size(); ++I)
    if (!Nodes[I].B->Failures.empty()) {
      Nodes[I].Depth = 0;
      Queue.push_back(I);
    }
  while (!Queue.empty()) {
    unsigned I = Queue.front();
    Queue.pop_front();
    if (Nodes[I].Depth >= MaxFailureDepth)
      continue;
    for (unsigned Caller : Nodes[I].Callers)
      if (Nodes[Caller].Depth == ~0u) {
        Nodes[Caller].Depth = Nodes[I].Depth + 1;
        Queue.push_back(Caller);
      }
  }
  // Kept functions in definition order, so the graph is deterministic.
  CBehaviour Out;
  std::vector<unsigned> NewIndex(Nodes.size(), ~0u);
  for (unsigned I = 0; I < Nodes.size(); ++I)
    if (Nodes[I].Depth != ~0u) {
      NewIndex[I] = Out.Functions.size();
      Index[Nodes[I].B->Key] = NewIndex[I];
      const FunctionBehaviour &B = *Nodes[I].B;
      CFunction F;
      F.Name = B.Name;
      F.At =
          displayPath(Build, B.Where.File) + ":" + std::to_string(B.Where.Line);
      for (const FailurePoint &P : B.Failures) {
        const auto &Directives = TUs[Nodes[I].TU].Directives;
        std::string Guard;
        if (!P.Where.Guards.empty() &&
            P.Where.Guards.back() < Directives.size())
          Guard = describeGuard(Directives[P.Where.Guards.back()]);
        F.Failures.push_back({displayPath(Build, P.Where.File) + ":" +
                                  std::to_string(P.Where.Line),
                              P.Text, Guard});
      }
      Out.Functions.push_back(std::move(F));
    }
  for (unsigned I = 0; I < Nodes.size(); ++I)
    if (NewIndex[I] != ~0u)
      for (const std::string &Callee : Nodes[I].B->Callees)
        if (auto It = ByKey.find(Callee); It != ByKey.end())
          if (unsigned J = NewIndex[It->second]; J != ~0u && J != NewIndex[I])
            Out.Functions[NewIndex[I]].Callees.push_back(J);
  return Out;
}

} // namespace gapscan

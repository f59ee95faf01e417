//===- Differences.cpp ----------------------------------------------------===//
#include "gap/Differences.h"
#include "link/Behaviour.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <deque>
#include <set>
#include <unordered_map>

namespace gapscan {

namespace {

/// A root cause a call reaches, with the chain that reaches it first.
struct Root {
  DifferenceKind How = DifferenceKind::Raises;
  std::vector<PyEvidence> Why;
};

/// One configuration's graphs, indexed, with what each callable reaches
/// computed once.
class Side {
public:
  explicit Side(const AnalysedBuild &B) : B(B) {
    if (B.Python)
      for (const PyCallable &C : B.Python->Callables)
        Callables[C.Id] = &C;
    for (const ModuleItems &M : B.Items.Modules)
      for (const ApiItem &I : M.Items)
        CItems["C:" + M.Name + ":" + I.Name] = &I;
    for (const CFunction &F : B.Items.Behaviour.Functions)
      for (const CFailure &P : F.Failures)
        CompiledErrors.insert(cKey(P));
  }

  static std::string cKey(const CFailure &P) {
    return "c|" + P.At + "|" + P.Text;
  }

  /// Whether this side compiles the C error of root Key at all: an error
  /// both compile (Python/pytime.c under HAVE_CLOCK_GETTIME) is not what
  /// makes a target differ, whichever path reaches it.
  bool compiles(const std::string &Key) const {
    return CompiledErrors.count(Key) != 0;
  }

  /// Every root a call of Id reaches, by key.
  const std::map<std::string, Root> &reach(const std::string &Id) {
    auto [It, New] = Memo.try_emplace(Id);
    if (New)
      It->second = search(Id);
    return It->second;
  }

  const AnalysedBuild &B;
  std::unordered_map<std::string, const PyCallable *> Callables;
  std::unordered_map<std::string, const ApiItem *> CItems;
  std::set<std::string> CompiledErrors;

private:
  std::unordered_map<std::string, std::map<std::string, Root>> Memo;

  /// A node of the search: a Lib/ callable or a C function, with the edge
  /// that reached it (for the chain).
  struct Node {
    std::string Id;      ///< Lib/ callable, or empty for C.
    unsigned CIndex = 0; ///< C function.
    int Parent = -1;
    PyEvidence Edge; ///< How the parent reached it.
    unsigned PyDepth = 0, CDepth = 0;
    bool ThroughThreads = false; ///< A C function of the thread layer on it.
  };

  static bool isThreadLayer(llvm::StringRef At) {
    // Python/thread.c, Python/thread_pthread.h, Python/thread_pthread_stubs.h:
    // CPython's thread layer, stubbed where there are no threads.
    llvm::StringRef File = At.rsplit(':').first;
    return File.starts_with("Python/thread");
  }

  std::vector<PyEvidence> chain(const std::vector<Node> &Nodes, int I) const {
    std::vector<PyEvidence> Out;
    for (; I >= 0 && Nodes[I].Parent >= 0; I = Nodes[I].Parent)
      Out.push_back(Nodes[I].Edge);
    std::reverse(Out.begin(), Out.end());
    return Out;
  }

  /// Queues C function Index (once per search), reached from Parent by
  /// Edge.
  void pushCFunction(std::vector<Node> &Nodes, std::deque<int> &Queue,
                     std::set<unsigned> &SeenC, unsigned Index, int Parent,
                     PyEvidence Edge, unsigned PyDepth, unsigned CDepth,
                     bool Threads) {
    if (Index >= B.Items.Behaviour.Functions.size() ||
        !SeenC.insert(Index).second)
      return;
    const CFunction &F = B.Items.Behaviour.Functions[Index];
    Node N;
    N.CIndex = Index;
    N.Parent = Parent;
    N.Edge = std::move(Edge);
    N.PyDepth = PyDepth;
    N.CDepth = CDepth;
    N.ThroughThreads = Threads || isThreadLayer(F.At);
    Nodes.push_back(std::move(N));
    Queue.push_back(Nodes.size() - 1);
  }

  /// Queues the C functions implementing Item (ItemId "C:module:name").
  void pushC(std::vector<Node> &Nodes, std::deque<int> &Queue,
             std::set<unsigned> &SeenC, int Parent, const ApiItem &Item,
             const std::string &ItemId, const PyEvidence &Edge,
             unsigned PyDepth) {
    for (unsigned Index : Item.Impl) {
      if (Index >= B.Items.Behaviour.Functions.size())
        continue;
      const CFunction &F = B.Items.Behaviour.Functions[Index];
      PyEvidence E = Edge;
      if (E.At.empty())
        E = {F.At, llvm::StringRef(ItemId).drop_front(2).str() + " runs " +
                       F.Name + "()"};
      pushCFunction(Nodes, Queue, SeenC, Index, Parent, std::move(E), PyDepth,
                    0, false);
    }
  }

  std::map<std::string, Root> search(const std::string &Start) {
    std::map<std::string, Root> Roots;
    std::vector<Node> Nodes;
    std::deque<int> Queue;
    std::set<std::string> SeenPy;
    std::set<unsigned> SeenC;
    auto AddRoot = [&](const std::string &Key, DifferenceKind How, int At,
                       std::vector<PyEvidence> Tail) {
      if (Roots.count(Key))
        return; // Breadth first: the first chain is a shortest one.
      Root R{How, chain(Nodes, At)};
      llvm::append_range(R.Why, Tail);
      Roots.emplace(Key, std::move(R));
    };
    if (llvm::StringRef(Start).starts_with("C:")) {
      if (auto It = CItems.find(Start); It != CItems.end())
        pushC(Nodes, Queue, SeenC, -1, *It->second, Start, {}, 0);
    } else {
      Nodes.push_back({Start, 0, -1, {}, 0, 0, false});
      Queue.push_back(0);
      SeenPy.insert(Start);
    }
    while (!Queue.empty()) {
      int I = Queue.front();
      Queue.pop_front();
      if (!Nodes[I].Id.empty()) {
        auto C = Callables.find(Nodes[I].Id);
        if (C == Callables.end())
          continue;
        unsigned Depth = Nodes[I].PyDepth;
        for (const PyStep &S : C->second->Steps) {
          switch (S.StepKind) {
          case PyStep::Kind::Raises: {
            std::vector<PyEvidence> Tail{S.Where};
            llvm::append_range(Tail, S.Why);
            AddRoot("raise|" + S.Where.At,
                    Depth == 0 ? DifferenceKind::Raises
                               : DifferenceKind::ReachesFailing,
                    I, std::move(Tail));
            break;
          }
          case PyStep::Kind::Missing: {
            // A name missing only on a path that depends on the call's
            // arguments or the environment (Lib/netrc.py _security_check's
            // `if os.name == 'posix' and default_netrc ...: os.getuid()`)
            // is not what every call meets.
            if (!S.Certain)
              break;
            std::vector<PyEvidence> Tail{S.Where};
            llvm::append_range(Tail, S.Why);
            AddRoot("missing|" + S.Where.At + "|" + S.Target,
                    DifferenceKind::ReachesMissing, I, std::move(Tail));
            break;
          }
          case PyStep::Kind::Calls:
            if (Depth + 1 <= MaxPythonCallDepth &&
                SeenPy.insert(S.Target).second) {
              // A class's constructor is the class's own code.
              unsigned Next = C->second->IsClass ? Depth : Depth + 1;
              Nodes.push_back({S.Target, 0, I, S.Where, Next, 0, false});
              Queue.push_back(Nodes.size() - 1);
            }
            break;
          case PyStep::Kind::CallsC:
            if (auto It = CItems.find(S.Target); It != CItems.end())
              pushC(Nodes, Queue, SeenC, I, *It->second, S.Target, S.Where,
                    C->second->IsClass ? Depth : Depth + 1);
            break;
          }
        }
        continue;
      }
      const CFunction &F = B.Items.Behaviour.Functions[Nodes[I].CIndex];
      bool Threads = Nodes[I].ThroughThreads;
      for (const CFailure &Fail : F.Failures) {
        std::vector<PyEvidence> Tail{
            {Fail.At,
             Fail.Text + " in " + F.Name + "()" +
                 (Fail.Guard.empty() ? "" : ", under " + Fail.Guard),
             "", ""}};
        AddRoot(cKey(Fail),
                Threads                 ? DifferenceKind::NoThreads
                : Nodes[I].PyDepth <= 1 ? DifferenceKind::Raises
                                        : DifferenceKind::ReachesFailing,
                I, std::move(Tail));
      }
      if (Nodes[I].CDepth >= MaxFailureDepth)
        continue;
      for (unsigned Callee : F.Callees)
        if (Callee < B.Items.Behaviour.Functions.size())
          pushCFunction(Nodes, Queue, SeenC, Callee, I,
                        {B.Items.Behaviour.Functions[Callee].At,
                         F.Name + "() calls " +
                             B.Items.Behaviour.Functions[Callee].Name + "()",
                         "", ""},
                        Nodes[I].PyDepth, Nodes[I].CDepth + 1, Threads);
    }
    return Roots;
  }
};

std::string summarize(const DifferentItem &D, const std::string &Target) {
  const PyEvidence &Last = D.Why.back();
  std::string Where = Last.At.empty() ? "" : " (" + Last.At + ")";
  switch (D.How) {
  case DifferenceKind::Raises:
    return "raises on " + Target + ": " + Last.Text + Where;
  case DifferenceKind::ReachesMissing:
    return "reaches a name missing on " + Target + ": " + Last.Text + Where;
  case DifferenceKind::ReachesFailing:
    return "calls what fails on " + Target + ": " + Last.Text + Where;
  case DifferenceKind::NoThreads:
    return "starts a thread, which fails on " + Target + ": " + Last.Text +
           Where;
  case DifferenceKind::Fallback:
    return "a different implementation on " + Target + Where;
  }
  return "";
}

/// The roots Tgt reaches that Ref does not, the shortest chain first.
std::optional<Root> newRoot(const std::map<std::string, Root> &Tgt,
                            const std::map<std::string, Root> &Ref,
                            const Side &RefSide) {
  std::optional<Root> Best;
  for (const auto &[Key, R] : Tgt) {
    if (Ref.count(Key) || RefSide.compiles(Key))
      continue;
    if (!Best || R.Why.size() < Best->Why.size())
      Best = R;
  }
  return Best;
}

} // namespace

void addDifferences(TargetGap &T, const AnalysedBuild &Reference,
                    const AnalysedBuild &Target,
                    const std::map<std::string, std::string> &PublicNames) {
  Side Ref(Reference), Tgt(Target);
  // How often Lib/ calls each callable on the target: "most used".
  std::unordered_map<std::string, size_t> Callers;
  if (Target.Python)
    for (const PyCallable &C : Target.Python->Callables)
      for (const PyStep &S : C.Steps)
        if (S.StepKind == PyStep::Kind::Calls ||
            S.StepKind == PyStep::Kind::CallsC)
          ++Callers[S.Target];
  auto Compare = [&](const std::string &Module, const std::string &Name,
                     ItemKind Kind, const std::string &TgtId,
                     const std::string &RefId) -> bool {
    std::optional<Root> R = newRoot(Tgt.reach(TgtId), Ref.reach(RefId), Ref);
    if (!R)
      return false;
    DifferentItem D{Module, Name, Kind, R->How, "", std::move(R->Why), 0};
    auto C = Callers.find(TgtId);
    D.Callers = C == Callers.end() ? 0 : C->second;
    D.Summary = summarize(D, T.Target);
    T.Different.push_back(std::move(D));
    return true;
  };

  std::set<std::string> LibModules;
  if (Reference.Python && Target.Python) {
    std::map<std::string, const PyModuleVerdict *> RefModules;
    for (const PyModuleVerdict &M : Reference.Python->Modules) {
      RefModules[M.Name] = &M;
      LibModules.insert(M.Name);
    }
    for (const PyModuleVerdict &M : Target.Python->Modules) {
      auto R = RefModules.find(M.Name);
      if (M.Imports != Tri::Yes || R == RefModules.end() ||
          R->second->Imports != Tri::Yes)
        continue;
      std::map<std::string, const PyName *> RefNames;
      for (const PyName &N : R->second->Names)
        RefNames[N.Name] = &N;
      for (const PyName &N : M.Names) {
        auto RN = RefNames.find(N.Name);
        if (N.Exists != Tri::Yes || N.Callable.empty() ||
            RN == RefNames.end() || RN->second->Exists != Tri::Yes ||
            RN->second->Callable.empty())
          continue;
        if (Compare(M.Name, N.Name, N.Kind, N.Callable, RN->second->Callable))
          continue;
        // Bound by another definition here (Lib/socket.py socketpair's
        // pure-Python version where _socket has none).
        const PyName &RefName = *RN->second;
        if (N.DefinedAt != RefName.DefinedAt &&
            !llvm::StringRef(N.Callable).starts_with("C:") &&
            !llvm::StringRef(RefName.Callable).starts_with("C:")) {
          DifferentItem D{M.Name, N.Name, N.Kind, DifferenceKind::Fallback,
                          "",     {},     0};
          D.Why.push_back(
              {N.DefinedAt,
               "bound here on " + T.Target +
                   (N.Origin.Text.empty() ? "" : " (" + N.Origin.Text + ")")});
          D.Why.push_back({RefName.DefinedAt, "the reference binds it here"});
          auto C = Callers.find(N.Callable);
          D.Callers = C == Callers.end() ? 0 : C->second;
          D.Summary = "a different implementation on " + T.Target + " (" +
                      N.DefinedAt + " instead of " + RefName.DefinedAt + ")";
          T.Different.push_back(std::move(D));
        }
      }
    }
  }
  // Public C modules users import by their own name (faulthandler, time),
  // and the underscored ones the library reference documents as modules of
  // their own (Doc/library/_thread.rst).
  auto Documented = [&](const std::string &Name) {
    llvm::SmallString<256> Page(Reference.Build.SourceDir);
    llvm::sys::path::append(Page, "Doc", "library", Name + ".rst");
    return llvm::sys::fs::exists(Page);
  };
  std::map<std::string, const ModuleItems *> RefC;
  for (const ModuleItems &M : Reference.Items.Modules)
    RefC[M.Name] = &M;
  for (const ModuleItems &M : Target.Items.Modules) {
    auto Public = PublicNames.find(M.Name);
    std::string Name = Public == PublicNames.end() ? M.Name : Public->second;
    if (M.Name.empty() || (M.Name[0] == '_' && !Documented(M.Name)) ||
        Name != M.Name || LibModules.count(M.Name) || !RefC.count(M.Name) ||
        M.Status != ModuleStatus::Analysed)
      continue;
    for (const ApiItem &I : M.Items) {
      std::string Id = "C:" + M.Name + ":" + I.Name;
      if (Ref.CItems.count(Id))
        Compare(M.Name, I.Name, I.Kind, Id, Id);
    }
  }
  std::sort(T.Different.begin(), T.Different.end(),
            [](const DifferentItem &A, const DifferentItem &B) {
              return std::tie(A.Module, A.Name) < std::tie(B.Module, B.Name);
            });
  // The verdicts: how many items of each module work differently, and the
  // most used of them.
  std::map<std::string, std::vector<const DifferentItem *>> ByModule;
  for (const DifferentItem &D : T.Different)
    ByModule[D.Module].push_back(&D);
  for (ModuleVerdict &V : T.Verdicts) {
    auto It = ByModule.find(V.Module);
    if (It == ByModule.end())
      continue;
    std::vector<const DifferentItem *> Items = It->second;
    std::stable_sort(Items.begin(), Items.end(),
                     [](const DifferentItem *A, const DifferentItem *B) {
                       // Failures before fallbacks, then the most called.
                       bool FA = A->How == DifferenceKind::Fallback;
                       bool FB = B->How == DifferenceKind::Fallback;
                       if (FA != FB)
                         return FB;
                       return A->Callers > B->Callers;
                     });
    V.Different = Items.size();
    for (size_t I = 0; I < Items.size() && I < 3; ++I)
      V.TopDifferent.push_back(Items[I]->Name);
  }
}

} // namespace gapscan

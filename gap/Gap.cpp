//===- Gap.cpp ------------------------------------------------------------===//
#include "gap/Gap.h"
#include "config/PublicNames.h"
#include "gap/Differences.h"
#include <algorithm>
#include <set>

namespace gapscan {

GapReason explainAbsence(const std::vector<ConditionalDirective> &Guards,
                         const DirectiveIndex &Other, bool OtherIsTarget) {
  GapReason R;
  for (const ConditionalDirective &G : Guards) {
    auto It = Other.find({G.File, G.Line});
    if (It != Other.end() && It->second.Taken)
      continue; // Holds on the other side too.
    R.Guard = G;
    R.EvaluatedOnOther = It != Other.end();
    // Values on the other side: from its record of the same directive when
    // it reached it, else unknown to us (reported as such by the caller).
    if (R.EvaluatedOnOther) {
      for (const auto &[Name, Value] : G.Macros) {
        std::optional<std::string> OtherValue;
        for (const auto &[N, V] : It->second.Macros)
          if (N == Name)
            OtherValue = V;
        if (OtherValue == Value)
          continue;
        MacroDiff D{Name, Value, OtherValue};
        if (!OtherIsTarget)
          std::swap(D.Reference, D.Target);
        R.Macros.push_back(std::move(D));
      }
    }
    return R;
  }
  R.Note = "every guard holds on both sides; the item depends on a run-time "
           "condition or on code the other side does not reach";
  return R;
}

static std::string unavailableReason(const ModuleItems *Target) {
  if (!Target)
    return "not part of this build's Makefile";
  const std::string &S = Target->State;
  if (S == "n/a")
    return "configure marks it n/a for this platform (MODULE_*_STATE=n/a)";
  if (S == "missing")
    return "configure did not find a dependency (MODULE_*_STATE=missing)";
  if (S == "disabled")
    return "disabled by configure (MODULE_*_STATE=disabled)";
  if (Target->Status == ModuleStatus::Failed ||
      Target->Status == ModuleStatus::NoDefinition)
    return "could not be analysed: " + (Target->Errors.empty()
                                            ? std::string("unknown error")
                                            : Target->Errors.front());
  return "not built (MODULE_*_STATE=" + S + ")";
}

static std::map<std::string, const ModuleItems *> byName(const ItemsReport &R) {
  std::map<std::string, const ModuleItems *> M;
  for (const ModuleItems &X : R.Modules)
    M[X.Name] = &X;
  return M;
}

static std::set<std::pair<std::string, ItemKind>> keys(const ModuleItems &M) {
  std::set<std::pair<std::string, ItemKind>> K;
  for (const ApiItem &I : M.Items)
    K.insert({I.Name, I.Kind});
  return K;
}

static GapItem gapItem(const ApiItem &I, const DirectiveIndex &Other,
                       bool OtherIsTarget) {
  GapItem G;
  G.Name = I.Name;
  G.Kind = I.Kind;
  if (!I.Definitions.empty()) {
    G.DefinedAt = I.Definitions.front().DefinedAt;
    G.Reason =
        explainAbsence(I.Definitions.front().Guards, Other, OtherIsTarget);
  }
  return G;
}

namespace {

/// The C evidence at the end of a Python chain: the C item of the target's
/// C gap (with its #if and macros), or the unavailable C module.
void attachCReason(PyGapName &N, const TargetGap &T) {
  for (auto It = N.Why.rbegin(); It != N.Why.rend(); ++It) {
    if (It->CModule.empty())
      continue;
    for (const ModuleGap &M : T.Modules) {
      if (M.Module != It->CModule)
        continue;
      if (M.Unavailable) {
        N.CModule = M.Module;
        N.CModuleReason = M.UnavailableReason;
        return;
      }
      for (const GapItem &I : M.Missing)
        if (I.Name == It->CName) {
          N.CModule = M.Module;
          N.CItem = I;
          return;
        }
    }
  }
}

/// Whether a Python name only re-exports a C item the C gap already lists
/// under the same public module (os.statvfs is posix.statvfs).
bool reexportsListedCItem(const PyName &N, const std::string &Module,
                          const TargetGap &T) {
  // Only the same name: Signals.SIGRTMIN is a Python-level member made
  // from the C constant signal.SIGRTMIN, not a re-export of it.
  if (N.Origin.CModule.empty() || N.Name != N.Origin.CName)
    return false;
  for (const ModuleGap &M : T.Modules)
    if (M.Module == N.Origin.CModule && M.PublicName == Module)
      for (const GapItem &I : M.Missing)
        if (I.Name == N.Origin.CName)
          return true;
  return false;
}

PyGapName gapName(const PyName &Ref, const PyName *Tgt, const TargetGap &T) {
  PyGapName G;
  G.Name = Ref.Name;
  G.Kind = Ref.Kind;
  G.DefinedAt = Ref.DefinedAt;
  if (Tgt && !Tgt->Why.empty()) {
    G.Why = Tgt->Why;
  } else {
    // Never bound on the target: how the reference binds it, which is
    // what the target lacks (from posix import * without posix.fork).
    PyEvidence E = Ref.Origin;
    E.Text += " binds it on the reference only";
    G.Why.push_back(E);
  }
  attachCReason(G, T);
  return G;
}

void addPythonGap(TargetGap &T, const PyLayer &Ref, const PyLayer &Tgt,
                  const AnalysedBuild &TargetBuild) {
  std::map<std::string, const PyModuleVerdict *> TargetModules;
  for (const PyModuleVerdict &M : Tgt.Modules)
    TargetModules[M.Name] = &M;
  std::map<std::string, size_t> CMissing; // public name -> C items missing
  for (const ModuleGap &M : T.Modules)
    CMissing[M.PublicName] += M.Missing.size();
  for (const PyModuleVerdict &R : Ref.Modules) {
    auto It = TargetModules.find(R.Name);
    if (R.Imports != Tri::Yes || It == TargetModules.end())
      continue;
    const PyModuleVerdict &M = *It->second;
    PyModuleGap G;
    G.Module = R.Name;
    G.Path = R.Path;
    ModuleVerdict V;
    V.Module = R.Name;
    V.Imports = M.Imports;
    if (M.Imports != Tri::Yes) {
      G.Unavailable = M.Imports == Tri::No;
      G.UndecidedImport = M.Imports == Tri::Unknown;
      G.Why = M.Why;
      T.PyUnavailable += G.Unavailable;
      PyGapName Chain;
      Chain.Why = M.Why;
      attachCReason(Chain, T);
      V.Reason = !M.Why.empty() ? M.Why.front().Text : "";
      if (!Chain.CModule.empty())
        V.Reason += " (C module " + Chain.CModule + ")";
      T.PyModules.push_back(std::move(G));
      T.Verdicts.push_back(std::move(V));
      continue;
    }
    std::map<std::string, const PyName *> Names;
    for (const PyName &N : M.Names)
      Names[N.Name] = &N;
    std::set<std::string> MissingClasses;
    for (const PyName &N : R.Names) {
      if (N.Exists != Tri::Yes)
        continue;
      // A missing class's members go with it.
      auto [Owner, Member] = llvm::StringRef(N.Name).split('.');
      if (!Member.empty() && MissingClasses.count(Owner.str()))
        continue;
      auto TN = Names.find(N.Name);
      const PyName *Tn = TN == Names.end() ? nullptr : TN->second;
      Tri There = Tn ? Tn->Exists : Tri::No;
      if (There == Tri::Yes || reexportsListedCItem(N, R.Name, T))
        continue;
      PyGapName Gap = gapName(N, Tn, T);
      if (Member.empty())
        MissingClasses.insert(N.Name);
      if (There == Tri::No)
        G.Missing.push_back(std::move(Gap));
      else
        G.Undecided.push_back(std::move(Gap));
    }
    V.Missing = G.Missing.size() + CMissing[R.Name];
    V.Undecided = G.Undecided.size();
    T.PyMissing += G.Missing.size();
    T.PyUndecided += G.Undecided.size();
    T.Verdicts.push_back(std::move(V));
    if (!G.Missing.empty() || !G.Undecided.empty())
      T.PyModules.push_back(std::move(G));
  }
  // Public C modules users import by their own name (math, select, zlib).
  std::set<std::string> Lib;
  for (const PyModuleVerdict &M : Ref.Modules)
    Lib.insert(M.Name);
  for (const ModuleItems &C : TargetBuild.Items.Modules) {
    if (C.Name.empty() || C.Name[0] == '_' || Lib.count(C.Name))
      continue;
    ModuleVerdict V;
    V.Module = C.Name;
    V.FromC = true;
    V.Imports = C.Status == ModuleStatus::Analysed || C.Linkage != Linkage::None
                    ? Tri::Yes
                    : Tri::No;
    if (V.Imports == Tri::No)
      V.Reason = "C module " + C.Name + " not built" +
                 (C.State.empty() ? "" : " (configure: " + C.State + ")");
    V.Missing = CMissing[C.Name];
    T.Verdicts.push_back(std::move(V));
  }
  std::sort(T.Verdicts.begin(), T.Verdicts.end(),
            [](const ModuleVerdict &A, const ModuleVerdict &B) {
              return A.Module < B.Module;
            });
}

} // namespace

GapReport computeGap(
    const std::string &ReferenceName, const AnalysedBuild &Reference,
    const std::vector<std::pair<std::string, const AnalysedBuild *>> &Targets) {
  GapReport R;
  R.SourceDir = Reference.Build.SourceDir;
  R.Version = Reference.Build.Version;
  R.Reference = ReferenceName;
  R.ReferenceBuildDir = Reference.Build.BuildDir;
  auto RefModules = byName(Reference.Items);
  std::vector<std::string> CModules;
  for (const auto &[N, M] : RefModules)
    CModules.push_back(N);
  for (const auto &[Name, Target] : Targets)
    for (const ModuleItems &M : Target->Items.Modules)
      CModules.push_back(M.Name);
  R.PublicNames = publicModuleNames(Reference.Build.SourceDir, CModules);
  const std::map<std::string, std::string> &Public = R.PublicNames;
  for (const auto &[Name, Target] : Targets) {
    TargetGap T;
    T.Target = Name;
    T.BuildDir = Target->Build.BuildDir;
    T.Host = Target->Build.Host;
    auto TargetModules = byName(Target->Items);
    std::map<std::string, size_t> MacroCounts;
    std::set<std::string> All;
    for (const auto &[N, M] : RefModules)
      All.insert(N);
    for (const auto &[N, M] : TargetModules)
      All.insert(N);
    for (const std::string &Module : All) {
      auto RefIt = RefModules.find(Module);
      auto TgtIt = TargetModules.find(Module);
      const ModuleItems *Ref =
          RefIt == RefModules.end() ? nullptr : RefIt->second;
      const ModuleItems *Tgt =
          TgtIt == TargetModules.end() ? nullptr : TgtIt->second;
      bool RefHas = Ref && Ref->Status == ModuleStatus::Analysed;
      bool TgtHas = Tgt && Tgt->Status == ModuleStatus::Analysed;
      ModuleGap G;
      G.Module = Module;
      auto Named = Public.find(Module);
      G.PublicName = Named != Public.end() ? Named->second : Module;
      G.ReferenceItems = Ref ? Ref->Items.size() : 0;
      if (RefHas && !TgtHas) {
        G.Unavailable = true;
        G.UnavailableReason = unavailableReason(Tgt);
        ++T.UnavailableModules;
        T.Modules.push_back(std::move(G));
        continue;
      }
      if (!RefHas || !TgtHas)
        continue; // Neither side has it, or only the target (see extras).
      auto RefKeys = keys(*Ref), TgtKeys = keys(*Tgt);
      for (const ApiItem &I : Ref->Items)
        if (!TgtKeys.count({I.Name, I.Kind})) {
          G.Missing.push_back(gapItem(I, Target->Directives, true));
          std::set<std::string> Seen;
          for (const MacroDiff &D : G.Missing.back().Reason.Macros)
            if (Seen.insert(D.Name).second)
              ++MacroCounts[D.Name];
        }
      for (const ApiItem &I : Tgt->Items)
        if (!RefKeys.count({I.Name, I.Kind}))
          G.Extra.push_back(gapItem(I, Reference.Directives, false));
      T.MissingItems += G.Missing.size();
      T.ExtraItems += G.Extra.size();
      if (!G.Missing.empty() || !G.Extra.empty())
        T.Modules.push_back(std::move(G));
    }
    if (Reference.Python && Target->Python)
      addPythonGap(T, *Reference.Python, *Target->Python, *Target);
    addDifferences(T, Reference, *Target, Public);
    T.TopMacros.assign(MacroCounts.begin(), MacroCounts.end());
    std::stable_sort(
        T.TopMacros.begin(), T.TopMacros.end(),
        [](const auto &A, const auto &B) { return A.second > B.second; });
    R.Targets.push_back(std::move(T));
  }
  return R;
}

} // namespace gapscan

//===- Gap.cpp ------------------------------------------------------------===//
#include "gap/Gap.h"
#include "config/PublicNames.h"
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
    T.TopMacros.assign(MacroCounts.begin(), MacroCounts.end());
    std::stable_sort(
        T.TopMacros.begin(), T.TopMacros.end(),
        [](const auto &A, const auto &B) { return A.second > B.second; });
    R.Targets.push_back(std::move(T));
  }
  return R;
}

} // namespace gapscan

//===- VersionDiff.cpp ----------------------------------------------------===//
#include "gap/VersionDiff.h"
#include "model/Targets.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <set>
#include <tuple>

namespace gapscan {

namespace {

/// What one target lacks, by key "layer|module|item" ("" item: the whole
/// module), with its change on the side that lacks it.
struct Lack {
  std::string Module, Item, Layer;
  bool Different = false; ///< Works differently (not lacking).
  std::string Why, At;
};

std::string relativeTo(llvm::StringRef Path, llvm::StringRef SourceDir) {
  if (!SourceDir.empty() && Path.consume_front(SourceDir))
    Path.consume_front("/");
  return Path.str();
}

std::string guardText(const GapReason &R) {
  if (R.Guard.Condition.empty() && R.Guard.Kind.empty())
    return R.Note;
  std::string Text = "#" + R.Guard.Kind + " " + R.Guard.Condition;
  if (!R.Guard.OpeningCondition.empty() && R.Guard.Kind != "if" &&
      R.Guard.Kind != "ifdef" && R.Guard.Kind != "ifndef")
    Text +=
        " (of #" + R.Guard.OpeningKind + " " + R.Guard.OpeningCondition + ")";
  return Text;
}

/// Everything a target lacks or has working differently, as `scan` reports
/// it: C modules and items (named by the module users import), Lib/
/// modules and names, and items that work differently.
std::map<std::string, Lack> lacks(const GapReport &G, const TargetGap &T) {
  std::map<std::string, Lack> Out;
  for (const ModuleGap &M : T.Modules) {
    std::string Public = M.PublicName.empty() ? M.Module : M.PublicName;
    if (M.Unavailable) {
      Out["C|" + Public + "|"] = {Public,
                                  "",
                                  "C",
                                  false,
                                  "C module " + M.Module +
                                      " unavailable: " + M.UnavailableReason,
                                  ""};
      continue;
    }
    for (const GapItem &I : M.Missing) {
      std::string At = I.Reason.Guard.File.empty()
                           ? ""
                           : relativeTo(I.Reason.Guard.File, G.SourceDir) +
                                 ":" + std::to_string(I.Reason.Guard.Line);
      Out["C|" + Public + "|" + I.Name] = {
          Public, I.Name, "C", false, guardText(I.Reason), At};
    }
  }
  for (const PyModuleGap &M : T.PyModules) {
    auto Last = [](const std::vector<PyEvidence> &Why) {
      return Why.empty() ? PyEvidence{} : Why.back();
    };
    if (M.Unavailable) {
      PyEvidence E = Last(M.Why);
      Out["P|" + M.Module + "|"] = {
          M.Module, "", "Python", false, "does not import: " + E.Text, E.At};
      continue;
    }
    for (const PyGapName &N : M.Missing) {
      PyEvidence E = Last(N.Why);
      Out["P|" + M.Module + "|" + N.Name] = {M.Module, N.Name, "Python",
                                             false,    E.Text, E.At};
    }
  }
  for (const DifferentItem &D : T.Different)
    Out["D|" + D.Module + "|" + D.Name] = {
        D.Module, D.Name,    "",
        true,     D.Summary, D.Why.empty() ? "" : D.Why.back().At};
  return Out;
}

/// What a reference has, by public module: its names (C items under the
/// module users import, Lib/ names) and whether the module is there.
class ReferenceIndex {
public:
  ReferenceIndex(const GapReport &G, const AnalysedBuild &Ref) {
    for (const ModuleItems &M : Ref.Items.Modules) {
      if (M.Status != ModuleStatus::Analysed)
        continue;
      auto P = G.PublicNames.find(M.Name);
      std::string Public = P == G.PublicNames.end() ? M.Name : P->second;
      Modules.insert(Public);
      for (const ApiItem &I : M.Items)
        Names.insert({Public, I.Name});
    }
    if (Ref.Python)
      for (const PyModuleVerdict &M : Ref.Python->Modules) {
        if (M.Imports == Tri::No)
          continue;
        Modules.insert(M.Name);
        for (const PyName &N : M.Names)
          if (N.Exists != Tri::No)
            Names.insert({M.Name, N.Name});
      }
  }
  bool has(const Lack &L) const {
    return L.Item.empty() ? Modules.count(L.Module) != 0
                          : Names.count({L.Module, L.Item}) != 0;
  }

private:
  std::set<std::string> Modules;
  std::set<std::pair<std::string, std::string>> Names;
};

/// The old comparison's target paired with a new one: the same name, else
/// the first of the same docs platform (3.14's emscripten: 3.13's
/// emscripten-node).
const TargetGap *counterpart(const GapReport &Old, llvm::StringRef NewName) {
  std::vector<std::string> Names;
  for (const TargetGap &T : Old.Targets)
    Names.push_back(T.Target);
  std::string Name = counterpartIn(NewName, Names);
  for (const TargetGap &T : Old.Targets)
    if (!Name.empty() && T.Target == Name)
      return &T;
  return nullptr;
}

} // namespace

VersionDiff diffVersions(const Comparison &Old, const Comparison &New) {
  VersionDiff Out;
  Out.OldSource = Old.Gap.SourceDir;
  Out.OldVersion = Old.Gap.Version;
  Out.NewSource = New.Gap.SourceDir;
  Out.NewVersion = New.Gap.Version;
  Out.Reference = New.Gap.Reference;
  ReferenceIndex OldRef(Old.Gap, *Old.Reference),
      NewRef(New.Gap, *New.Reference);
  std::set<std::string> OldPaired;
  for (const TargetGap &NT : New.Gap.Targets) {
    const TargetGap *OT = counterpart(Old.Gap, NT.Target);
    if (!OT) {
      Out.Unpaired.push_back(
          {NT.Target, "no target of its platform in " + Old.Gap.Version});
      continue;
    }
    OldPaired.insert(OT->Target);
    TargetVersionDiff D;
    D.OldTarget = OT->Target;
    D.NewTarget = NT.Target;
    std::map<std::string, Lack> Was = lacks(Old.Gap, *OT),
                                Is = lacks(New.Gap, NT);
    // Lacking (or working differently) on one side only, about an item both
    // references have.
    auto Lacking = [](const std::map<std::string, Lack> &Side, const Lack &L) {
      for (const char *Layer : {"C|", "P|"})
        if (Side.count(Layer + L.Module + "|" + L.Item) ||
            Side.count(Layer + L.Module + "|"))
          return true;
      return false;
    };
    // A name of a module the old side lacked as a whole did not become
    // missing: the module became available without it (said there).
    for (const auto &[Key, L] : Is)
      if (!Was.count(Key) && OldRef.has(L) && NewRef.has(L) && !Lacking(Was, L))
        D.Changes.push_back({L.Module, L.Item, L.Layer,
                             L.Different      ? VersionChange::BecameDifferent
                             : L.Item.empty() ? VersionChange::BecameUnavailable
                                              : VersionChange::BecameMissing,
                             L.Why, L.At});
    for (const auto &[Key, L] : Was)
      if (!Is.count(Key) && OldRef.has(L) && NewRef.has(L) && !Lacking(Is, L)) {
        std::string Why = Old.Gap.Version + ": " + L.Why;
        if (L.Item.empty()) {
          // Available now, but maybe not whole (3.14's fcntl on Emscripten
          // lacks FICLONE, LOCK_MAND, ...).
          std::vector<std::string> Still;
          for (const auto &[K, M] : Is)
            if (M.Module == L.Module && !M.Item.empty() && !M.Different &&
                M.Layer == L.Layer)
              Still.push_back(M.Item);
          if (!Still.empty()) {
            Why += "; " + New.Gap.Version + " lacks " +
                   std::to_string(Still.size()) + " of its names (";
            for (size_t I = 0; I < Still.size() && I < 5; ++I)
              Why += (I ? ", " : "") + Still[I];
            Why += Still.size() > 5 ? ", ...)" : ")";
          }
        }
        D.Changes.push_back({L.Module, L.Item, L.Layer,
                             L.Different ? VersionChange::NoLongerDifferent
                                         : VersionChange::BecameAvailable,
                             std::move(Why), L.At});
      }
    llvm::sort(D.Changes,
               [](const VersionChangeEntry &A, const VersionChangeEntry &B) {
                 return std::tie(A.Module, A.Item, A.Change, A.Layer) <
                        std::tie(B.Module, B.Item, B.Change, B.Layer);
               });
    Out.Targets.push_back(std::move(D));
  }
  for (const TargetGap &OT : Old.Gap.Targets)
    if (!OldPaired.count(OT.Target))
      Out.Unpaired.push_back(
          {OT.Target, "no target of its platform in " + New.Gap.Version});
  return Out;
}

} // namespace gapscan

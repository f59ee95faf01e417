//===- GapReporters.cpp ---------------------------------------------------===//
#include "report/GapReporters.h"
#include "model/Spelling.h"
#include "report/ItemsJson.h"
#include "report/JsonUtil.h"
#include "report/PageWriter.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace gapscan {

static Json macroJson(const MacroDiff &D) {
  return {{"name", D.Name},
          {"reference", D.Reference ? Json(*D.Reference) : Json(nullptr)},
          {"target", D.Target ? Json(*D.Target) : Json(nullptr)}};
}

static Json itemJson(const GapItem &I) {
  Json J{{"name", I.Name},
         {"kind", spelling(I.Kind)},
         {"defined_at", I.DefinedAt}};
  Json Why;
  if (!I.Reason.Note.empty()) {
    Why["note"] = I.Reason.Note;
  } else {
    Why["guard"] = guardToJson(I.Reason.Guard);
    Why["evaluated_on_other_side"] = I.Reason.EvaluatedOnOther;
    Json Macros = Json::array();
    for (const MacroDiff &D : I.Reason.Macros)
      Macros.push_back(macroJson(D));
    Why["macros"] = std::move(Macros);
  }
  J["why"] = std::move(Why);
  return J;
}

static Json pyGapNameJson(const PyGapName &N) {
  Json J{{"name", N.Name},
         {"kind", spelling(N.Kind)},
         {"defined_at", N.DefinedAt},
         {"why", pyEvidenceToJson(N.Why)}};
  if (N.CItem)
    J["c_item"] = {{"module", N.CModule}, {"item", itemJson(*N.CItem)}};
  else if (!N.CModuleReason.empty())
    J["c_module"] = {{"module", N.CModule}, {"why", N.CModuleReason}};
  return J;
}

static Json pythonGapJson(const TargetGap &T) {
  Json Verdicts = Json::array();
  for (const ModuleVerdict &V : T.Verdicts) {
    Json J{{"module", V.Module},
           {"layer", V.FromC ? "c" : "python"},
           {"imports", spelling(V.Imports)},
           {"missing_names", V.Missing}};
    if (V.Undecided)
      J["undecided_names"] = V.Undecided;
    if (V.Different) {
      J["works_differently"] = V.Different;
      J["most_used_different"] = V.TopDifferent;
    }
    if (!V.Reason.empty())
      J["why"] = V.Reason;
    Verdicts.push_back(std::move(J));
  }
  Json Modules = Json::array();
  for (const PyModuleGap &M : T.PyModules) {
    Json J{{"module", M.Module}, {"path", M.Path}};
    if (M.Unavailable || M.UndecidedImport) {
      J["imports"] = M.Unavailable ? "no" : "undecided";
      J["why"] = pyEvidenceToJson(M.Why);
    } else {
      Json Missing = Json::array(), Undecided = Json::array();
      for (const PyGapName &N : M.Missing)
        Missing.push_back(pyGapNameJson(N));
      for (const PyGapName &N : M.Undecided)
        Undecided.push_back(pyGapNameJson(N));
      J["missing"] = std::move(Missing);
      J["undecided"] = std::move(Undecided);
    }
    Modules.push_back(std::move(J));
  }
  return {{"summary",
           {{"unavailable_modules", T.PyUnavailable},
            {"missing_names", T.PyMissing},
            {"undecided_names", T.PyUndecided}}},
          {"verdicts", std::move(Verdicts)},
          {"modules", std::move(Modules)}};
}

static Json differentJson(const TargetGap &T) {
  Json Out = Json::array();
  for (const DifferentItem &D : T.Different)
    Out.push_back({{"module", D.Module},
                   {"name", D.Name},
                   {"kind", spelling(D.Kind)},
                   {"how", spelling(D.How)},
                   {"summary", D.Summary},
                   {"callers", D.Callers},
                   {"why", pyEvidenceToJson(D.Why)}});
  return Out;
}

std::string gapToJson(const GapReport &R) {
  try {
    Json Root;
    Root["schema"] = "wasm-gapscan-gap";
    Root["schema_version"] = GapSchemaVersion;
    Root["source"] = {{"dir", R.SourceDir}, {"version", R.Version}};
    Root["reference"] = {{"name", R.Reference}, {"build", R.ReferenceBuildDir}};
    Root["absent_targets"] = absentTargetsJson(R.Absent);
    Json Targets = Json::array();
    for (const TargetGap &T : R.Targets) {
      Json JT;
      JT["name"] = T.Target;
      JT["build"] = T.BuildDir;
      JT["host"] = T.Host;
      Json Top = Json::array();
      for (const auto &[Macro, Count] : T.TopMacros)
        Top.push_back({{"macro", Macro}, {"missing_items", Count}});
      JT["summary"] = {{"unavailable_modules", T.UnavailableModules},
                       {"missing_items", T.MissingItems},
                       {"extra_items", T.ExtraItems},
                       {"macros", std::move(Top)}};
      Json Modules = Json::array();
      for (const ModuleGap &M : T.Modules) {
        Json JM{{"module", M.Module},
                {"public_name", M.PublicName},
                {"reference_items", M.ReferenceItems}};
        if (M.Unavailable) {
          JM["unavailable"] = true;
          JM["why"] = M.UnavailableReason;
        } else {
          Json Missing = Json::array(), Extra = Json::array();
          for (const GapItem &I : M.Missing)
            Missing.push_back(itemJson(I));
          for (const GapItem &I : M.Extra)
            Extra.push_back(itemJson(I));
          JM["missing"] = std::move(Missing);
          JM["extra"] = std::move(Extra);
        }
        Modules.push_back(std::move(JM));
      }
      JT["modules"] = std::move(Modules);
      if (!T.Verdicts.empty())
        JT["python"] = pythonGapJson(T);
      JT["works_differently"] = differentJson(T);
      Targets.push_back(std::move(JT));
    }
    Root["targets"] = std::move(Targets);
    return dumpJson(Root);
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"JSON serialisation failed: ") + E.what() +
           "\"}\n";
  }
}

namespace {
using namespace page;

/// Joins the targets of rows that say the same thing: (cells) -> targets.
class MergedRows {
public:
  void add(const std::vector<std::string> &Cells, const std::string &Target) {
    auto [It, New] = Targets.try_emplace(Cells);
    if (New)
      Order.push_back(Cells);
    It->second.push_back(Target);
  }
  /// Rows with the targets inserted as column TargetColumn.
  std::vector<std::vector<std::string>> rows(size_t TargetColumn) const {
    std::vector<std::vector<std::string>> Out;
    for (const auto &Cells : Order) {
      std::string Joined;
      for (const std::string &T : Targets.at(Cells))
        Joined += (Joined.empty() ? "" : ", ") + T;
      std::vector<std::string> Row = Cells;
      Row.insert(Row.begin() + std::min(TargetColumn, Row.size()), Joined);
      Out.push_back(std::move(Row));
    }
    return Out;
  }
  bool empty() const { return Order.empty(); }

private:
  std::map<std::vector<std::string>, std::vector<std::string>> Targets;
  std::vector<std::vector<std::string>> Order;
};

/// The role a Doc/ page would document an item kind with.
static std::string roleOf(ItemKind Kind) {
  switch (Kind) {
  case ItemKind::Function:
    return "func";
  case ItemKind::Class:
    return "class";
  case ItemKind::Exception:
    return "exc";
  case ItemKind::Method:
  case ItemKind::ClassMethod:
  case ItemKind::StaticMethod:
    return "meth";
  case ItemKind::Member:
  case ItemKind::GetSet:
  case ItemKind::Field:
    return "attr";
  case ItemKind::Attribute:
  case ItemKind::Constant:
  case ItemKind::Module:
  case ItemKind::Object:
    return "data";
  }
  return "data";
}

/// One verdict cell: "yes", "yes, 3 names missing", "no: import zlib".
std::string verdictCell(const ModuleVerdict &V) {
  if (V.Imports == Tri::No)
    return "no: " + V.Reason;
  if (V.Imports == Tri::Unknown)
    return "undecided: " + V.Reason;
  std::string Out = V.Different ? "with limits" : "yes";
  if (V.Missing)
    Out += ", " + std::to_string(V.Missing) + " missing";
  if (V.Undecided)
    Out += ", " + std::to_string(V.Undecided) + " undecided";
  if (V.Different) {
    Out += ", " + std::to_string(V.Different) +
           (V.Different == 1 ? " works" : " work") + " differently";
    for (size_t I = 0; I < V.TopDifferent.size(); ++I)
      Out += (I ? ", " : " (") + V.TopDifferent[I];
    if (!V.TopDifferent.empty())
      Out += V.Different > V.TopDifferent.size() ? ", ...)" : ")";
  }
  return Out;
}

/// A works-differently chain on one line, from the item to the root cause.
std::string chain(PageWriter &W, const std::vector<PyEvidence> &Why) {
  std::string Out;
  for (const PyEvidence &E : Why) {
    if (!Out.empty())
      Out += " → ";
    Out += (E.At.empty() ? "" : W.code(E.At) + " ") + E.Text;
  }
  return Out;
}

/// A Python evidence chain on one line, outermost first, ending at the C
/// reason when there is one.
std::string chain(PageWriter &W, const PyGapName &N) {
  std::string Out;
  for (const PyEvidence &E : N.Why) {
    if (!Out.empty())
      Out += " ← ";
    Out += (E.At.empty() ? "" : W.code(E.At) + " ") + E.Text;
  }
  if (N.CItem)
    Out += " ← C: " + W.code(N.CModule + "." + N.CItem->Name) + " " +
           page::reason(W, N.CItem->Reason, true);
  else if (!N.CModuleReason.empty())
    Out += " ← C: " + N.CModuleReason;
  return Out;
}

} // namespace

namespace page {
/// Every public module per target: imports or not (why), missing names.
static void writeVerdicts(PageWriter &W, const GapReport &R) {
  std::map<std::string, std::vector<std::string>> Rows;
  std::vector<std::string> Header{"module"};
  for (size_t T = 0; T < R.Targets.size(); ++T) {
    Header.push_back(R.Targets[T].Target);
    for (const ModuleVerdict &V : R.Targets[T].Verdicts) {
      auto &Row = Rows[V.Module];
      Row.resize(R.Targets.size() + 1);
      Row[0] = W.code(V.Module);
      Row[T + 1] = verdictCell(V);
    }
  }
  if (Rows.empty())
    return;
  W.heading(2, "Does it import? Every public module per target");
  W.paragraph("yes / no (why) / undecided; \"N missing\": names the " +
              W.code(R.Reference) +
              " configuration has that the target lacks (C and Python "
              "level); \"with limits, N work differently\": items it has "
              "that raise, reach a missing or failing item, start a thread "
              "or run another implementation there, the most used first "
              "(see \"What works differently\").");
  std::vector<std::vector<std::string>> Table;
  for (auto &[Name, Row] : Rows)
    Table.push_back(std::move(Row));
  W.table(Header, Table);
}

/// Python-level names missing on a target, with their chains.
static void writePythonNames(PageWriter &W, const GapReport &R) {
  std::map<std::string, MergedRows> Modules;
  for (const TargetGap &T : R.Targets)
    for (const PyModuleGap &M : T.PyModules) {
      if (M.Unavailable || M.UndecidedImport)
        continue;
      MergedRows &Rows = Modules[M.Module];
      for (const PyGapName &N : M.Missing)
        Rows.add({W.object(roleOf(N.Kind), M.Module + "." + N.Name),
                  spelling(N.Kind).str(), "missing", chain(W, N)},
                 T.Target);
      for (const PyGapName &N : M.Undecided)
        Rows.add({W.object(roleOf(N.Kind), M.Module + "." + N.Name),
                  spelling(N.Kind).str(), "undecided", chain(W, N)},
                 T.Target);
    }
  if (Modules.empty())
    return;
  W.heading(2, "Python-level names missing (Lib/)");
  for (const auto &[Module, Rows] : Modules) {
    W.heading(3, W.code(Module));
    W.table({"name", "kind", "", "targets", "why"}, Rows.rows(3));
  }
}

/// Items that exist on a target but work differently, with their chains.
static void writeDifferences(PageWriter &W, const GapReport &R) {
  std::map<std::string, MergedRows> Modules;
  for (const TargetGap &T : R.Targets)
    for (const DifferentItem &D : T.Different)
      Modules[D.Module].add({W.object(roleOf(D.Kind), D.Module + "." + D.Name),
                             spelling(D.How).str(), chain(W, D.Why)},
                            T.Target);
  if (Modules.empty())
    return;
  W.heading(2, "What works differently");
  W.paragraph(
      "Items the target has that do not do their job there: raises (its own "
      "code raises under a condition true there), reaches-missing (it calls "
      "a name missing there), reaches-failing (it calls something that "
      "raises there), no-threads (it starts a thread, and thread creation is "
      "stubbed there), fallback (another implementation is bound there). "
      "Each chain runs from the item to the root cause, file:line at every "
      "step.");
  for (const auto &[Module, Rows] : Modules) {
    W.heading(3, W.code(Module));
    W.table({"name", "how", "targets", "why"}, Rows.rows(2));
  }
}

/// Targets the run left out (--skip-missing-targets): a page that omits a
/// target says so, with the reason, where the targets are listed.
void writeAbsentTargets(PageWriter &W,
                        const std::vector<AbsentTarget> &Absent) {
  if (Absent.empty())
    return;
  std::vector<std::vector<std::string>> Rows;
  for (const AbsentTarget &A : Absent)
    Rows.push_back({A.Name, A.Why});
  W.paragraph("Not analysed: these targets could not be configured here, so "
              "nothing on this page speaks for them.");
  W.table({"target", "why"}, Rows);
}

void writeGapPage(PageWriter &W, const GapReport &R) {
  W.heading(1, "What of CPython " + R.Version +
                   "'s C modules is missing on WebAssembly");
  W.paragraph(
      "Generated by wasm-gapscan from the sources in " + W.code(R.SourceDir) +
      ", each target configured by CPython's own configure, compared with "
      "the " +
      W.code(R.Reference) +
      " configuration. Grouped by module as users import it; each item names "
      "the targets that lack it and the condition that removes it.");
  std::vector<std::vector<std::string>> Summary;
  for (const TargetGap &T : R.Targets) {
    std::string Top;
    for (size_t I = 0; I < T.TopMacros.size() && I < 5; ++I)
      Top += (I ? ", " : "") + W.code(T.TopMacros[I].first) + " (" +
             std::to_string(T.TopMacros[I].second) + ")";
    std::vector<std::string> Row{T.Target, std::to_string(T.UnavailableModules),
                                 std::to_string(T.MissingItems),
                                 std::to_string(T.ExtraItems), Top};
    if (!T.Verdicts.empty()) {
      Row.insert(Row.begin() + 1, std::to_string(T.PyUnavailable));
      Row.insert(Row.begin() + 4, std::to_string(T.PyMissing));
    }
    Summary.push_back(std::move(Row));
  }
  bool Python = !R.Targets.empty() && !R.Targets.front().Verdicts.empty();
  if (Python)
    W.table({"target", "Lib/ modules that do not import",
             "unavailable C modules", "missing C items",
             "missing Python-level names", "C items only on the target",
             "macros removing the most items"},
            Summary);
  else
    W.table({"target", "unavailable modules", "missing items",
             "items only on the target", "macros removing the most items"},
            Summary);
  writeAbsentTargets(W, R.Absent);
  writeVerdicts(W, R);

  // Module-major: (public name, C module) -> what each target lacks.
  std::map<std::pair<std::string, std::string>, MergedRows> Items;
  MergedRows Unavailable;
  for (const TargetGap &T : R.Targets)
    for (const ModuleGap &M : T.Modules) {
      std::string Title =
          M.PublicName == M.Module
              ? W.code(M.Module)
              : W.code(M.PublicName) + " (C module " + W.code(M.Module) + ")";
      if (M.Unavailable) {
        Unavailable.add({Title, M.UnavailableReason}, T.Target);
        continue;
      }
      MergedRows &Rows = Items[{M.PublicName, M.Module}];
      for (const GapItem &I : M.Missing)
        Rows.add({W.object(roleOf(I.Kind), M.PublicName + "." + I.Name),
                  spelling(I.Kind).str(), "missing", reason(W, I.Reason, true)},
                 T.Target);
      for (const GapItem &I : M.Extra)
        Rows.add({W.object("", M.PublicName + "." + I.Name),
                  spelling(I.Kind).str(), "only there",
                  reason(W, I.Reason, false)},
                 T.Target);
    }
  W.heading(2, "Unavailable modules");
  W.table({"module", "targets", "why"}, Unavailable.rows(1));
  W.heading(2, "Missing and different items");
  for (const auto &[Key, Rows] : Items) {
    const auto &[Public, Module] = Key;
    W.heading(3, Public == Module
                     ? W.code(Module)
                     : W.code(Public) + " (C module " + W.code(Module) + ")");
    W.table({"item", "kind", "", "targets", "why"}, Rows.rows(3));
  }
  writePythonNames(W, R);
  writeDifferences(W, R);
}
} // namespace page

std::string gapToMarkdown(const GapReport &R) {
  MarkdownWriter W;
  writeGapPage(W, R);
  return W.Out;
}

std::string gapToRst(const GapReport &R) {
  RstWriter W;
  writeGapPage(W, R);
  return W.Out;
}

} // namespace gapscan

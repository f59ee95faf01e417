//===- GapReporters.cpp ---------------------------------------------------===//
#include "lib/GapReporters.h"
#include "lib/JsonUtil.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace gapscan {

static Json macroJson(const MacroDiff &D) {
  return {{"name", D.Name},
          {"reference", D.Reference ? Json(*D.Reference) : Json(nullptr)},
          {"target", D.Target ? Json(*D.Target) : Json(nullptr)}};
}

static Json itemJson(const GapItem &I) {
  Json J{{"name", I.Name}, {"kind", I.Kind}, {"defined_at", I.DefinedAt}};
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

std::string gapToJson(const GapReport &R) {
  try {
    Json Root;
    Root["schema"] = "wasm-gapscan-gap";
    Root["schema_version"] = GapSchemaVersion;
    Root["source"] = {{"dir", R.SourceDir}, {"version", R.Version}};
    Root["reference"] = {{"name", R.Reference}, {"build", R.ReferenceBuildDir}};
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
      Targets.push_back(std::move(JT));
    }
    Root["targets"] = std::move(Targets);
    return dumpJson(Root);
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"JSON serialisation failed: ") + E.what() + "\"}\n";
  }
}

namespace {
/// The page layout is written once (writePage); each markup supplies its
/// headings, paragraphs and tables.
class PageWriter {
public:
  virtual ~PageWriter() = default;
  virtual void heading(unsigned Level, const std::string &Text) = 0;
  virtual void paragraph(const std::string &Text) = 0;
  virtual void table(const std::vector<std::string> &Header,
                     const std::vector<std::vector<std::string>> &Rows) = 0;
  /// Inline code.
  virtual std::string code(const std::string &Text) = 0;
  std::string Out;
};

class MarkdownWriter : public PageWriter {
public:
  void heading(unsigned Level, const std::string &Text) override {
    Out += std::string(Level, '#') + " " + Text + "\n\n";
  }
  void paragraph(const std::string &Text) override { Out += Text + "\n\n"; }
  void table(const std::vector<std::string> &Header,
             const std::vector<std::vector<std::string>> &Rows) override {
    auto Row = [&](const std::vector<std::string> &Cells) {
      Out += "|";
      for (const std::string &C : Cells) {
        std::string Escaped;
        for (char Ch : C)
          Escaped += Ch == '|' ? std::string("\\|") : std::string(1, Ch);
        Out += " " + Escaped + " |";
      }
      Out += "\n";
    };
    Row(Header);
    Out += "|";
    for (size_t I = 0; I < Header.size(); ++I)
      Out += "---|";
    Out += "\n";
    for (const auto &R : Rows)
      Row(R);
    Out += "\n";
  }
  std::string code(const std::string &Text) override { return "`" + Text + "`"; }
};

class RstWriter : public PageWriter {
public:
  void heading(unsigned Level, const std::string &Text) override {
    static const char Marks[] = {'=', '=', '-', '~', '^'};
    std::string Line(Text.size(), Marks[std::min(Level, 4u)]);
    if (Level == 1)
      Out += Line + "\n";
    Out += Text + "\n" + Line + "\n\n";
  }
  void paragraph(const std::string &Text) override { Out += Text + "\n\n"; }
  void table(const std::vector<std::string> &Header,
             const std::vector<std::vector<std::string>> &Rows) override {
    Out += ".. list-table::\n   :header-rows: 1\n\n";
    auto Row = [&](const std::vector<std::string> &Cells) {
      for (size_t I = 0; I < Cells.size(); ++I)
        Out += std::string(I == 0 ? "   * - " : "     - ") +
               (Cells[I].empty() ? std::string("..") : Cells[I]) + "\n";
    };
    Row(Header);
    for (const auto &R : Rows)
      Row(R);
    Out += "\n";
  }
  std::string code(const std::string &Text) override { return "``" + Text + "``"; }
};

std::string macroValue(PageWriter &W, const std::optional<std::string> &V) {
  if (!V)
    return "undefined";
  return V->empty() ? "defined (empty)" : W.code(*V);
}

std::string reason(PageWriter &W, const GapReason &R, bool Missing) {
  if (!R.Note.empty())
    return R.Note;
  std::string S = W.code("#" + R.Guard.Kind +
                         (R.Guard.Condition.empty() ? "" : " " + R.Guard.Condition)) +
                  " (" + R.Guard.File + ":" + std::to_string(R.Guard.Line) + ")";
  if (!R.EvaluatedOnOther)
    S += Missing ? ", not reached on the target" : ", not reached on the reference";
  for (const MacroDiff &D : R.Macros)
    S += "; " + D.Name + ": " + macroValue(W, D.Reference) + " → " +
         macroValue(W, D.Target);
  return S;
}

void writePage(PageWriter &W, const GapReport &R) {
  W.heading(1, "What of CPython " + R.Version + "'s C modules is missing on WebAssembly");
  W.paragraph("Generated by wasm-gapscan from the sources in " + W.code(R.SourceDir) +
              ", each target configured by CPython's own configure, compared with the " +
              W.code(R.Reference) + " configuration.");
  std::vector<std::vector<std::string>> Summary;
  for (const TargetGap &T : R.Targets) {
    std::string Top;
    for (size_t I = 0; I < T.TopMacros.size() && I < 5; ++I)
      Top += (I ? ", " : "") + W.code(T.TopMacros[I].first) + " (" +
             std::to_string(T.TopMacros[I].second) + ")";
    Summary.push_back({T.Target, std::to_string(T.UnavailableModules),
                       std::to_string(T.MissingItems), std::to_string(T.ExtraItems), Top});
  }
  W.table({"target", "unavailable modules", "missing items", "items only on the target",
           "macros removing the most items"},
          Summary);
  for (const TargetGap &T : R.Targets) {
    W.heading(2, T.Target);
    auto Title = [&](const ModuleGap &M) {
      return M.PublicName == M.Module
                 ? W.code(M.Module)
                 : W.code(M.PublicName) + " (C module " + W.code(M.Module) + ")";
    };
    std::vector<std::vector<std::string>> Unavailable;
    for (const ModuleGap &M : T.Modules)
      if (M.Unavailable)
        Unavailable.push_back({Title(M), M.UnavailableReason});
    W.heading(3, "Unavailable modules");
    W.table({"module", "why"}, Unavailable);
    for (const ModuleGap &M : T.Modules) {
      if (M.Unavailable)
        continue;
      W.heading(3, Title(M));
      std::vector<std::vector<std::string>> Rows;
      for (const GapItem &I : M.Missing)
        Rows.push_back({W.code(I.Name), I.Kind, "missing", reason(W, I.Reason, true)});
      for (const GapItem &I : M.Extra)
        Rows.push_back({W.code(I.Name), I.Kind, "only on " + T.Target,
                        reason(W, I.Reason, false)});
      W.table({"item", "kind", "", "why"}, Rows);
    }
  }
}
} // namespace

std::string gapToMarkdown(const GapReport &R) {
  MarkdownWriter W;
  writePage(W, R);
  return W.Out;
}

std::string gapToRst(const GapReport &R) {
  RstWriter W;
  writePage(W, R);
  return W.Out;
}

} // namespace gapscan

//===- DocsCheckReporters.cpp ---------------------------------------------===//
#include "report/DocsCheckReporters.h"
#include "model/Spelling.h"
#include "report/ItemsJson.h"
#include "report/JsonUtil.h"
#include "report/PageWriter.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace gapscan {

static std::string what(const DocVerdict &V) {
  return V.Item.empty() ? "module " + V.PublicModule
                        : V.PublicModule + "." + V.Item + " (" +
                              spelling(V.ItemKind).str() + ")";
}

std::string verdictMessage(const DocVerdict &V) {
  page::PlainWriter W;
  std::string Target = V.Target + " (" + V.Platform + ")";
  switch (V.Kind) {
  case DocVerdictKind::UndocumentedRemoval: {
    std::string Cause =
        V.Item.empty() ? V.UnavailableReason : page::reason(W, V.Reason, true);
    std::string Edit =
        V.NoteLine
            ? "add \"not " + V.Platform +
                  "\" to its availability note at line " +
                  std::to_string(V.NoteLine) + " (\"" + V.NoteText + "\")"
            : "add \".. availability:: not " + V.Platform + ".\" to " +
                  (V.Item.empty() ? "the module page" : "the entry");
    return what(V) + " is missing on " + Target +
           " but the docs do not say so: " + Cause + "; " + Edit;
  }
  case DocVerdictKind::StaleNote:
    return what(V) + " exists on " + Target +
           " but the docs say it does not: " + V.Why + "; remove \"not " +
           V.Platform + "\"";
  case DocVerdictKind::Documented:
    if (!V.Different.empty())
      return what(V) + " works differently on " + Target + " (" + V.Different +
             "), documented by " + V.Why;
    return what(V) + " is missing on " + Target + ", documented by " + V.Why;
  case DocVerdictKind::DifferentUndocumented: {
    std::string Edit =
        V.NoteLine
            ? "add \"not " + V.Platform +
                  "\" to its availability note at line " +
                  std::to_string(V.NoteLine) + " (\"" + V.NoteText + "\")"
            : "add \".. availability:: not " + V.Platform + ".\" to the entry";
    return what(V) + " exists on " + Target +
           " but works differently there and the docs do not say so: " +
           V.Different + "; " + Edit;
  }
  case DocVerdictKind::NotInDocs: {
    std::string Cause =
        V.Item.empty() ? V.UnavailableReason : page::reason(W, V.Reason, true);
    return what(V) + " is missing on " + Target +
           " and has no entry in Doc/: " + Cause;
  }
  }
  return "";
}

/// Where a verdict points: the doc line, else the C definition's guard.
static std::pair<std::string, unsigned> location(const DocVerdict &V) {
  if (!V.DocFile.empty())
    return {V.DocFile, V.NoteLine && V.Kind != DocVerdictKind::NotInDocs
                           ? V.NoteLine
                           : V.DocLine};
  if (!V.Reason.Guard.File.empty())
    return {V.Reason.Guard.File, V.Reason.Guard.Line};
  return {"Doc/library", 0};
}

std::string docsCheckToText(const DocsCheckReport &R, bool AllVerdicts) {
  std::string Out;
  auto Line = [&](const DocVerdict &V) {
    auto [File, L] = location(V);
    Out += File + ":" + std::to_string(L) + ": " + spelling(V.Kind).str() +
           ": " + verdictMessage(V) + (V.Accepted ? " [baseline]" : "") + "\n";
  };
  for (const DocVerdict &V : R.Verdicts)
    if (V.isFinding())
      Line(V);
  if (AllVerdicts)
    for (const DocVerdict &V : R.Verdicts)
      if (!V.isFinding())
        Line(V);
  for (const auto &[Target, C] : R.PerTarget)
    Out += "wasm-gapscan: " + Target + ": " + std::to_string(C.Documented) +
           " documented, " + std::to_string(C.Undocumented) +
           " undocumented removals, " + std::to_string(C.Stale) +
           " stale notes, " + std::to_string(C.DifferentUndocumented) +
           " working differently without a note, " +
           std::to_string(C.NotInDocs) + " not in the docs" +
           (C.Accepted ? ", " + std::to_string(C.Accepted) +
                             " accepted by the baseline"
                       : "") +
           "\n";
  for (const AbsentTarget &A : R.Absent)
    Out += "wasm-gapscan: " + A.Name + ": not checked (" + A.Why + ")\n";
  return Out;
}

std::string docsCheckToJson(const DocsCheckReport &R) {
  try {
    Json Root;
    Root["schema"] = "wasm-gapscan-docs-check";
    Root["schema_version"] = DocsCheckSchemaVersion;
    Root["source"] = {{"dir", R.SourceDir}, {"version", R.Version}};
    Json Targets = Json::array();
    for (const auto &[Target, C] : R.PerTarget)
      Targets.push_back(
          {{"name", Target},
           {"documented", C.Documented},
           {"undocumented_removals", C.Undocumented},
           {"stale_notes", C.Stale},
           {"works_differently_undocumented", C.DifferentUndocumented},
           {"not_in_docs", C.NotInDocs},
           {"accepted_by_baseline", C.Accepted}});
    Root["targets"] = std::move(Targets);
    Root["absent_targets"] = absentTargetsJson(R.Absent);
    Json Verdicts = Json::array();
    for (const DocVerdict &V : R.Verdicts) {
      Json J = {{"verdict", spelling(V.Kind)},
                {"finding", V.isFinding()},
                {"target", V.Target},
                {"platform", V.Platform},
                {"module", V.Module},
                {"public_module", V.PublicModule},
                {"item", V.Item},
                {"kind", spelling(V.ItemKind)},
                {"message", verdictMessage(V)}};
      if (!V.Different.empty())
        J["works_differently"] = {{"summary", V.Different},
                                  {"why", pyEvidenceToJson(V.DifferentWhy)}};
      if (!V.DocFile.empty())
        J["doc"] = {
            {"file", V.DocFile}, {"line", V.DocLine}, {"name", V.DocName}};
      if (V.NoteLine)
        J["note"] = {{"text", V.NoteText}, {"line", V.NoteLine}};
      if (!V.Why.empty())
        J["why_documented"] = V.Why;
      if (!V.Item.empty() && V.Reason.Note.empty() &&
          !V.Reason.Guard.File.empty())
        J["guard"] = guardToJson(V.Reason.Guard);
      if (V.Accepted)
        J["accepted_by_baseline"] = true;
      Verdicts.push_back(std::move(J));
    }
    Root["verdicts"] = std::move(Verdicts);
    Json Warnings = Json::array();
    for (const DocWarning &W : R.Warnings)
      Warnings.push_back({{"file", "Doc/" + W.At.File},
                          {"line", W.At.Line},
                          {"message", W.Message}});
    Root["doc_warnings"] = std::move(Warnings);
    return dumpJson(Root);
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"JSON serialisation failed: ") + E.what() +
           "\"}\n";
  }
}

/// The SARIF rule of a target left out of the run.
static constexpr const char *AbsentTargetRule = "target-not-checked";

std::string docsCheckToSarif(const DocsCheckReport &R) {
  // SarifDocumentWriter locates results through a SourceManager, so the
  // files a result points at are loaded into one.
  clang::FileSystemOptions FSOpts;
  FSOpts.WorkingDir = R.SourceDir;
  clang::FileManager Files(FSOpts);
  clang::DiagnosticsEngine Diags(new clang::DiagnosticIDs,
                                 new clang::DiagnosticOptions);
  clang::SourceManager SM(Diags, Files);
  std::map<std::string, clang::FileID> Loaded;
  auto RangeOf = [&](const std::string &File,
                     unsigned Line) -> std::optional<clang::CharSourceRange> {
    llvm::SmallString<256> Abs(R.SourceDir);
    llvm::sys::path::append(Abs, File);
    auto It = Loaded.find(File);
    if (It == Loaded.end()) {
      auto Entry = Files.getOptionalFileRef(Abs);
      if (!Entry)
        return std::nullopt;
      It = Loaded
               .emplace(File, SM.createFileID(*Entry, clang::SourceLocation(),
                                              clang::SrcMgr::C_User))
               .first;
    }
    clang::SourceLocation Begin =
        SM.translateLineCol(It->second, std::max(Line, 1u), 1);
    if (Begin.isInvalid())
      return std::nullopt;
    clang::SourceLocation End =
        SM.translateLineCol(It->second, std::max(Line, 1u), ~0u);
    return clang::CharSourceRange::getCharRange(Begin, End);
  };

  clang::SarifDocumentWriter Writer(SM);
  Writer.createRun("wasm-gapscan", "wasm-gapscan docs check", "1");
  std::map<DocVerdictKind, size_t> Rules;
  struct RuleText {
    DocVerdictKind Kind;
    const char *Description;
  } RuleTexts[] = {
      {DocVerdictKind::UndocumentedRemoval,
       "An API item or module missing on a WebAssembly target whose "
       "documentation "
       "does not say so"},
      {DocVerdictKind::StaleNote,
       "An availability note saying an item is missing on a WebAssembly target "
       "that has it"},
      {DocVerdictKind::DifferentUndocumented,
       "An API item that exists on a WebAssembly target but works differently "
       "there (raises, reaches a missing or failing item, starts a thread), "
       "whose documentation does not say so"},
  };
  for (const RuleText &T : RuleTexts)
    Rules[T.Kind] = Writer.createRule(clang::SarifRule::create()
                                          .setRuleId(spelling(T.Kind))
                                          .setName(spelling(T.Kind))
                                          .setDescription(T.Description));
  // A target left out (--skip-missing-targets) is a note of its own, so
  // that a SARIF viewer shows the check did not cover it.
  if (!R.Absent.empty()) {
    size_t Absent = Writer.createRule(
        clang::SarifRule::create()
            .setRuleId(AbsentTargetRule)
            .setName(AbsentTargetRule)
            .setDescription("A target the run could not configure, so the "
                            "documentation was not checked against it"));
    for (const AbsentTarget &A : R.Absent)
      Writer.appendResult(
          clang::SarifResult::create(Absent)
              .setRuleId(AbsentTargetRule)
              .setDiagnosticMessage(A.Name + " was not checked: " + A.Why)
              .setDiagnosticLevel(clang::SarifResultLevel::Note));
  }
  for (const DocVerdict &V : R.Verdicts) {
    if (!V.isFinding())
      continue;
    llvm::SmallVector<clang::CharSourceRange, 2> Locations;
    auto [File, Line] = location(V);
    if (auto Range = RangeOf(File, Line))
      Locations.push_back(*Range);
    if (!V.Item.empty() && !V.Reason.Guard.File.empty() &&
        V.Reason.Guard.File != File)
      if (auto Range = RangeOf(V.Reason.Guard.File, V.Reason.Guard.Line))
        Locations.push_back(*Range);
    Writer.appendResult(
        clang::SarifResult::create(Rules[V.Kind])
            .setRuleId(spelling(V.Kind))
            .setDiagnosticMessage(verdictMessage(V))
            .setDiagnosticLevel(clang::SarifResultLevel::Warning)
            .setLocations(Locations));
  }
  Writer.endRun();
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(Writer.createDocument()))
     << "\n";
  return Out;
}

} // namespace gapscan

//===- VersionDiffReporters.cpp -------------------------------------------===//
#include "report/VersionDiffReporters.h"
#include "model/Spelling.h"
#include "report/JsonUtil.h"
#include "report/PageWriter.h"
#include <map>

namespace gapscan {

std::string versionDiffToJson(const VersionDiff &D) {
  try {
    Json Root;
    Root["schema"] = "wasm-gapscan-version-diff";
    Root["schema_version"] = VersionDiffSchemaVersion;
    Root["old"] = {{"dir", D.OldSource}, {"version", D.OldVersion}};
    Root["new"] = {{"dir", D.NewSource}, {"version", D.NewVersion}};
    Root["reference"] = D.Reference;
    Json Targets = Json::array();
    for (const TargetVersionDiff &T : D.Targets) {
      std::map<std::string, size_t> Counts;
      Json Changes = Json::array();
      for (const VersionChangeEntry &C : T.Changes) {
        ++Counts[spelling(C.Change).str()];
        Changes.push_back({{"change", spelling(C.Change)},
                           {"module", C.Module},
                           {"item", C.Item},
                           {"layer", C.Layer},
                           {"why", C.Why},
                           {"at", C.At}});
      }
      Targets.push_back({{"old_target", T.OldTarget},
                         {"new_target", T.NewTarget},
                         {"counts", Counts},
                         {"changes", std::move(Changes)}});
    }
    Root["targets"] = std::move(Targets);
    Root["unpaired_targets"] = absentTargetsJson(D.Unpaired);
    return dumpJson(Root);
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"") + E.what() + "\"}\n";
  }
}

using namespace page;

static void writeVersionDiff(PageWriter &W, const VersionDiff &D) {
  W.heading(1, "What changed on WebAssembly from CPython " + D.OldVersion +
                   " to " + D.NewVersion);
  W.paragraph("Each target compared with the " + W.code(D.Reference) +
              " configuration of its own checkout; an item counts when both "
              "checkouts' references have it. The evidence is the side that "
              "lacks it: the new checkout for what became unavailable, "
              "missing or different, the old one for what became available.");
  for (const TargetVersionDiff &T : D.Targets) {
    W.heading(2, T.OldTarget == T.NewTarget
                     ? T.NewTarget
                     : T.OldTarget + " (" + D.OldVersion + ") → " +
                           T.NewTarget + " (" + D.NewVersion + ")");
    if (T.Changes.empty()) {
      W.paragraph("No change.");
      continue;
    }
    std::vector<std::vector<std::string>> Rows;
    for (const VersionChangeEntry &C : T.Changes)
      Rows.push_back(
          {spelling(C.Change).str(),
           W.code(C.Item.empty() ? C.Module : C.Module + "." + C.Item), C.Layer,
           C.Why + (C.At.empty() ? "" : " (" + C.At + ")")});
    W.table({"change", "name", "layer", "why"}, Rows);
  }
  if (!D.Unpaired.empty()) {
    std::vector<std::vector<std::string>> Rows;
    for (const AbsentTarget &A : D.Unpaired)
      Rows.push_back({A.Name, A.Why});
    W.paragraph("Targets of one checkout only:");
    W.table({"target", "why"}, Rows);
  }
}

std::string versionDiffToMarkdown(const VersionDiff &D) {
  MarkdownWriter W;
  writeVersionDiff(W, D);
  return W.Out;
}

std::string versionDiffToRst(const VersionDiff &D) {
  RstWriter W;
  writeVersionDiff(W, D);
  return W.Out;
}

} // namespace gapscan

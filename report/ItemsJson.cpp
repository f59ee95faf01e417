//===- ItemsJson.cpp ------------------------------------------------------===//
#include "report/ItemsJson.h"
#include "commands/CompileCommands.h"
#include "model/Spelling.h"
#include "report/JsonUtil.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace gapscan {

Json absentTargetsJson(const std::vector<AbsentTarget> &Absent) {
  Json Out = Json::array();
  for (const AbsentTarget &A : Absent)
    Out.push_back({{"name", A.Name}, {"why", A.Why}});
  return Out;
}

Json guardToJson(const ConditionalDirective &D) {
  Json G;
  G["directive"] = "#" + D.Kind;
  if (!D.Condition.empty())
    G["condition"] = D.Condition;
  G["file"] = D.File;
  G["line"] = D.Line;
  G["taken"] = D.Taken;
  if (!D.OpeningKind.empty())
    G["opening"] = {{"directive", "#" + D.OpeningKind},
                    {"condition", D.OpeningCondition},
                    {"line", D.OpeningLine}};
  Json Macros = Json::object();
  for (const auto &[Name, Value] : D.Macros)
    Macros[Name] = Value ? Json(*Value) : Json(nullptr);
  G["macros"] = std::move(Macros);
  return G;
}

std::string dumpJson(const Json &J) {
  return J.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json pyEvidenceToJson(const std::vector<PyEvidence> &Why) {
  Json Out = Json::array();
  for (const PyEvidence &E : Why) {
    Json J;
    if (!E.At.empty())
      J["at"] = E.At;
    J["text"] = E.Text;
    if (!E.CModule.empty()) {
      J["c_module"] = E.CModule;
      if (!E.CName.empty())
        J["c_name"] = E.CName;
    }
    Out.push_back(std::move(J));
  }
  return Out;
}

static Json pyLayerToJson(const PyLayer &L) {
  Json Modules = Json::array();
  for (const PyModuleVerdict &M : L.Modules) {
    Json JM;
    JM["name"] = M.Name;
    JM["path"] = M.Path;
    JM["imports"] = spelling(M.Imports);
    if (!M.Why.empty())
      JM["why"] = pyEvidenceToJson(M.Why);
    Json Names = Json::array();
    for (const PyName &N : M.Names) {
      Json JN;
      JN["name"] = N.Name;
      JN["kind"] = spelling(N.Kind);
      JN["exists"] = spelling(N.Exists);
      if (!N.DefinedAt.empty())
        JN["defined_at"] = N.DefinedAt;
      if (N.Exists != Tri::Yes)
        JN["why"] = pyEvidenceToJson(N.Why);
      Names.push_back(std::move(JN));
    }
    JM["names"] = std::move(Names);
    if (!M.Dynamic.empty())
      JM["dynamic"] = M.Dynamic;
    Modules.push_back(std::move(JM));
  }
  return {{"platform", L.Platform}, {"modules", std::move(Modules)}};
}

static Json itemsRoot(const ItemsReport &R) {
  Json Root;
  Root["schema"] = "wasm-gapscan-items";
  Root["schema_version"] = ItemsSchemaVersion;
  Root["source"] = {{"dir", R.SourceDir}, {"version", R.Version}};
  Root["build"] = {{"dir", R.BuildDir},
                   {"host", R.Host},
                   {"compiler", R.Compiler},
                   {"translation_units", R.TranslationUnits},
                   {"failed_translation_units", R.FailedTranslationUnits},
                   {"notes", R.Notes}};
  Json Modules = Json::array();
  for (const ModuleItems &M : R.Modules) {
    Json JM;
    JM["name"] = M.Name;
    JM["state"] = M.State;
    JM["linkage"] = spelling(M.Linkage);
    JM["status"] = spelling(M.Status);
    JM["sources"] = M.Sources;
    if (!M.Errors.empty())
      JM["errors"] = M.Errors;
    Json Items = Json::array();
    for (const ApiItem &I : M.Items) {
      Json JI;
      JI["name"] = I.Name;
      JI["kind"] = spelling(I.Kind);
      Json Defs = Json::array();
      for (const ItemDefinition &D : I.Definitions) {
        Json JD;
        JD["defined_at"] = D.DefinedAt;
        if (!D.UsedAt.empty())
          JD["used_at"] = D.UsedAt;
        Json Guards = Json::array();
        for (const ConditionalDirective &G : D.Guards)
          Guards.push_back(guardToJson(G));
        JD["guards"] = std::move(Guards);
        Defs.push_back(std::move(JD));
      }
      JI["definitions"] = std::move(Defs);
      Items.push_back(std::move(JI));
    }
    JM["items"] = std::move(Items);
    Modules.push_back(std::move(JM));
  }
  Root["modules"] = std::move(Modules);
  return Root;
}

std::string itemsToJson(const AnalysedBuild &A) {
  try {
    Json Root = itemsRoot(A.Items);
    if (A.Python)
      Root["python"] = pyLayerToJson(*A.Python);
    // Invalid UTF-8 in a C string literal must not abort the report.
    return dumpJson(Root);
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"JSON serialisation failed: ") + E.what() +
           "\"}\n";
  }
}

std::string itemsToJson(const ItemsReport &R) {
  try {
    return dumpJson(itemsRoot(R));
  } catch (const nlohmann::json::exception &E) {
    return std::string("{\"error\": \"JSON serialisation failed: ") + E.what() +
           "\"}\n";
  }
}

std::string compileCommandsToJson(const BuildInfo &Build,
                                  llvm::StringRef ResourceDir) {
  Json Commands = Json::array();
  for (const CompileUnit &U : Build.Units)
    Commands.push_back({{"directory", U.Directory},
                        {"file", U.File},
                        {"arguments", clangToolArguments(U, ResourceDir)}});
  return dumpJson(Commands);
}

} // namespace gapscan

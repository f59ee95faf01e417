#include "SnippetHarness.h"
#include "extract/FactsAction.h"
#include "clang/Tooling/Tooling.h"
#include <fstream>
#include <sstream>

namespace gapscan::test {

std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

static std::vector<std::string> splitWords(const std::string &S) {
  std::vector<std::string> Out;
  std::istringstream In(S);
  std::string W;
  while (In >> W)
    Out.push_back(W);
  return Out;
}

static SnippetResult scan(const std::string &FileName, const std::string &Code,
                          const std::vector<std::string> &Modules,
                          std::vector<std::string> Args) {
  SnippetResult R;
  std::vector<TUFacts> Facts;
  auto Factory =
      makeFactsActionFactory([&](TUFacts F) { Facts.push_back(std::move(F)); });
  Args.insert(Args.begin(), {"-I/snippets", "-std=c11"});
  R.ToolOK = clang::tooling::runToolOnCodeWithArgs(
      Factory->create(), Code, Args, "/snippets/" + FileName,
      "wasm-gapscan-test", std::make_shared<clang::PCHContainerOperations>(),
      {{"/snippets/Python.h",
        readFile(std::string(GAPSCAN_TEST_DATA) + "/../snippets/Python.h")},
       {"/snippets/pthread.h",
        readFile(std::string(GAPSCAN_TEST_DATA) + "/../snippets/pthread.h")}});
  BuildInfo B;
  B.SourceDir = "/snippets";
  B.BuildDir = "/build";
  B.Version = "test";
  for (const std::string &M : Modules) {
    ModuleBuild &MB = B.Modules[M];
    MB.Name = M;
    MB.State = "yes";
    MB.Linkage = Linkage::Builtin;
    MB.Sources.push_back("/snippets/" + FileName);
  }
  R.Report = linkItems(B, Facts);
  R.Facts = std::move(Facts);
  return R;
}

SnippetResult scanSnippet(const std::string &Name,
                          const std::vector<std::string> &ExtraArgs) {
  std::string Code =
      readFile(std::string(GAPSCAN_TEST_DATA) + "/../snippets/" + Name);
  std::vector<std::string> Modules, Args;
  std::istringstream In(Code);
  std::string Line;
  while (std::getline(In, Line)) {
    if (Line.rfind("// modules:", 0) == 0)
      Modules = splitWords(Line.substr(11));
    else if (Line.rfind("// args:", 0) == 0)
      Args = splitWords(Line.substr(8));
  }
  Args.insert(Args.end(), ExtraArgs.begin(), ExtraArgs.end());
  return scan(Name, Code, Modules, Args);
}

SnippetResult scanCode(const std::string &Code,
                       const std::vector<std::string> &Modules,
                       const std::vector<std::string> &Args) {
  return scan("inline.c", Code, Modules, Args);
}

AnalysedBuild analyseSnippet(const std::string &Name,
                             const std::vector<std::string> &ExtraArgs) {
  SnippetResult R = scanSnippet(Name, ExtraArgs);
  AnalysedBuild A;
  A.Build.SourceDir = "/snippets";
  A.Build.BuildDir = "/build";
  A.Items = std::move(R.Report);
  A.Directives = indexDirectives(A.Build, R.Facts);
  return A;
}

const ModuleItems *findModule(const ItemsReport &R, const std::string &Name) {
  for (const ModuleItems &M : R.Modules)
    if (M.Name == Name)
      return &M;
  return nullptr;
}

const ApiItem *findItem(const ItemsReport &R, const std::string &Module,
                        const std::string &Name) {
  const ModuleItems *M = findModule(R, Module);
  if (!M)
    return nullptr;
  for (const ApiItem &I : M->Items)
    if (I.Name == Name)
      return &I;
  return nullptr;
}

std::vector<std::string> itemNames(const ItemsReport &R,
                                   const std::string &Module) {
  std::vector<std::string> Names;
  if (const ModuleItems *M = findModule(R, Module))
    for (const ApiItem &I : M->Items)
      Names.push_back(I.Name);
  return Names;
}

std::vector<std::string> guardSummary(const ApiItem &Item) {
  std::vector<std::string> Out;
  if (Item.Definitions.empty())
    return Out;
  for (const ConditionalDirective &G : Item.Definitions.front().Guards)
    Out.push_back("#" + G.Kind +
                  (G.Condition.empty() ? "" : " " + G.Condition) + "@" +
                  std::to_string(G.Line) + "=" + (G.Taken ? "1" : "0"));
  return Out;
}

} // namespace gapscan::test

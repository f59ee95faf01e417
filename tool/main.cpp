//===- main.cpp - wasm-gapscan command line -------------------------------===//
//
// Flag wiring only; everything else lives in the gapscan_core library.
//
//===----------------------------------------------------------------------===//
#include "config/BuildConfig.h"
#include "lib/ItemLinker.h"
#include "lib/ItemsJson.h"
#include "lib/Scanner.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include <chrono>
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory GapscanCategory("wasm-gapscan options");

static cl::SubCommand ItemsCmd(
    "items", "Extract every Python-visible API item of the C modules of one "
             "configured CPython build");

static cl::opt<std::string> SourceDir("source", cl::desc("CPython source checkout"),
                                      cl::value_desc("SRC"), cl::Required,
                                      cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> BuildDir("build",
                                     cl::desc("Configured build folder (pyconfig.h + Makefile)"),
                                     cl::value_desc("BUILD"), cl::Required,
                                     cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> Output("o", cl::desc("Output file (default: stdout)"), cl::Prefix,
                                   cl::value_desc("FILE"), cl::init("-"),
                                   cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<unsigned> Jobs("j", cl::desc("Parallel ClangTool shards"), cl::Prefix,
                              cl::init(1), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> ResourceDir(
    "resource-dir", cl::desc("Clang resource dir (default: the one built against)"),
    cl::sub(ItemsCmd), cl::cat(GapscanCategory));

static cl::opt<std::string> EmitCompileCommands(
    "emit-compile-commands",
    cl::desc("Also write the compile commands the scan used (JSON compilation database)"),
    cl::value_desc("FILE"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));

static int fail(Error E) {
  handleAllErrors(std::move(E), [](const ErrorInfoBase &EI) {
    WithColor::error(errs(), "wasm-gapscan") << EI.message() << "\n";
  });
  return 2;
}

static int runItems() {
  Expected<gapscan::BuildInfo> Build = gapscan::loadBuild(SourceDir, BuildDir);
  if (!Build)
    return fail(Build.takeError());
  for (const std::string &Out : {Output.getValue(), EmitCompileCommands.getValue()})
    if (!Out.empty())
      if (Error E = gapscan::checkWritable(Out))
        return fail(std::move(E));
  gapscan::ScanOptions Options;
  Options.Jobs = Jobs;
  Options.ResourceDir = ResourceDir;
  if (!EmitCompileCommands.empty())
    if (Error E = gapscan::writeOutput(
            EmitCompileCommands,
            gapscan::compileCommandsToJson(
                *Build, Options.ResourceDir.empty() ? gapscan::defaultResourceDir()
                                                    : Options.ResourceDir)))
      return fail(std::move(E));
  auto Start = std::chrono::steady_clock::now();
  std::vector<gapscan::TUFacts> Facts = gapscan::scanBuild(*Build, Options);
  auto Scanned = std::chrono::steady_clock::now();
  gapscan::ItemsReport Report = gapscan::linkItems(*Build, Facts);
  auto Linked = std::chrono::steady_clock::now();
  auto Seconds = [](auto D) { return std::chrono::duration<double>(D).count(); };
  if (Error E = gapscan::writeOutput(Output, gapscan::itemsToJson(Report)))
    return fail(std::move(E));
  size_t Items = 0, Analysed = 0, Failed = 0;
  for (const auto &M : Report.Modules) {
    Items += M.Items.size();
    Analysed += M.Status == "analysed";
    Failed += M.Status == "failed" || M.Status == "no-definition";
  }
  errs() << "wasm-gapscan: " << Report.Modules.size() << " modules ("
         << Analysed << " analysed, " << Failed << " failed), " << Items
         << " items from " << Report.TranslationUnits << " translation units ("
         << Report.FailedTranslationUnits << " with errors); Clang pass "
         << format("%.1f", Seconds(Scanned - Start)) << " s, linking "
         << format("%.1f", Seconds(Linked - Scanned)) << " s\n";
  return 0;
}

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(GapscanCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "wasm-gapscan: what of CPython's C API surface "
                              "exists under a build configuration\n");
  if (ItemsCmd)
    return runItems();
  errs() << "wasm-gapscan: no command given; try `wasm-gapscan items --help`\n";
  return 2;
}

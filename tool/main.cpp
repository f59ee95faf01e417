//===- main.cpp - wasm-gapscan command line -------------------------------===//
//
// Flag wiring only; everything else lives in the gapscan_core library.
//
//===----------------------------------------------------------------------===//
#include "config/SysconfigData.h"
#include "lib/Gap.h"
#include "lib/GapReporters.h"
#include "lib/ItemsJson.h"
#include "lib/Pipeline.h"
#include "lib/TargetConfig.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace llvm;

static cl::OptionCategory GapscanCategory("wasm-gapscan options");

static cl::SubCommand ItemsCmd(
    "items", "Extract every Python-visible API item of the C modules of one "
             "configured CPython build");
static cl::SubCommand ScanCmd(
    "scan", "Configure the reference and the WebAssembly targets, extract "
            "their items and report what is missing where, and why");

static cl::opt<std::string> SourceDir("source", cl::desc("CPython source checkout"),
                                      cl::value_desc("SRC"), cl::Required,
                                      cl::sub(ItemsCmd), cl::sub(ScanCmd),
                                      cl::cat(GapscanCategory));
static cl::opt<std::string> BuildDir("build",
                                     cl::desc("Configured build folder (pyconfig.h + Makefile)"),
                                     cl::value_desc("BUILD"), cl::sub(ItemsCmd),
                                     cl::cat(GapscanCategory));
static cl::opt<std::string> SysconfigFile(
    "sysconfig",
    cl::desc("Instead of --build: a distribution's _sysconfigdata_*.py or JSON "
             "dump of sysconfig.get_config_vars()"),
    cl::value_desc("FILE"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> SysrootDir(
    "sysroot", cl::desc("With --sysconfig: the target's sysroot on this machine"),
    cl::value_desc("DIR"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::list<std::string> TargetBuilds(
    "build", cl::desc("Use an already configured build folder for a target"),
    cl::value_desc("TARGET=DIR"), cl::sub(ScanCmd), cl::cat(GapscanCategory));
static cl::list<std::string> TargetSysconfigs(
    "sysconfig",
    cl::desc("Use a distribution's sysconfig data (_sysconfigdata_*.py or JSON "
             "of sysconfig.get_config_vars()) as a target's configuration"),
    cl::value_desc("TARGET=FILE"), cl::sub(ScanCmd), cl::cat(GapscanCategory));
static cl::list<std::string> TargetSysroots(
    "sysroot", cl::desc("The sysroot of a --sysconfig target on this machine"),
    cl::value_desc("TARGET=DIR"), cl::sub(ScanCmd), cl::cat(GapscanCategory));
static cl::list<std::string> Targets(
    "target", cl::desc("Target to compare with the reference: wasi, "
                       "emscripten-node, emscripten-browser (default: all "
                       "that can be configured here)"),
    cl::value_desc("NAME"), cl::sub(ScanCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> Reference("reference", cl::desc("Reference configuration"),
                                      cl::init("native"), cl::sub(ScanCmd),
                                      cl::cat(GapscanCategory));
static cl::opt<std::string> ScriptsDir(
    "scripts-dir", cl::desc("Folder of configure-target.sh (default: ../scripts "
                            "next to the executable)"),
    cl::sub(ItemsCmd), cl::sub(ScanCmd), cl::cat(GapscanCategory));
enum class Format { Json, Markdown, Rst };
static cl::opt<Format> OutputFormat(
    "format", cl::desc("Report format"), cl::init(Format::Json),
    cl::values(clEnumValN(Format::Json, "json", "JSON (docs/gap-schema.md)"),
               clEnumValN(Format::Markdown, "markdown", "Markdown page"),
               clEnumValN(Format::Rst, "rst", "reStructuredText page")),
    cl::sub(ScanCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> Output("o", cl::desc("Output file (default: stdout)"),
                                   cl::Prefix, cl::value_desc("FILE"), cl::init("-"),
                                   cl::sub(ItemsCmd), cl::sub(ScanCmd),
                                   cl::cat(GapscanCategory));
static cl::opt<unsigned> Jobs("j", cl::desc("Parallel ClangTool shards"), cl::Prefix,
                              cl::init(1), cl::sub(ItemsCmd), cl::sub(ScanCmd),
                              cl::cat(GapscanCategory));
static cl::opt<std::string> ResourceDir(
    "resource-dir", cl::desc("Clang resource dir (default: the one built against)"),
    cl::sub(ItemsCmd), cl::sub(ScanCmd), cl::cat(GapscanCategory));
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

static gapscan::ScanOptions scanOptions() {
  gapscan::ScanOptions Options;
  Options.Jobs = Jobs;
  Options.ResourceDir =
      ResourceDir.empty() ? gapscan::defaultResourceDir() : ResourceDir.getValue();
  return Options;
}

static void summarise(StringRef Label, const gapscan::ItemsReport &Report,
                      double Seconds) {
  size_t Items = 0, Analysed = 0, Failed = 0;
  for (const auto &M : Report.Modules) {
    Items += M.Items.size();
    Analysed += M.Status == "analysed";
    Failed += M.Status == "failed" || M.Status == "no-definition";
  }
  errs() << "wasm-gapscan: " << Label << Report.Modules.size() << " modules ("
         << Analysed << " analysed, " << Failed << " failed), " << Items
         << " items from " << Report.TranslationUnits << " translation units ("
         << Report.FailedTranslationUnits << " with errors) in "
         << format("%.1f", Seconds) << " s\n";
}

static double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

static std::string scriptsDir() {
  return ScriptsDir.empty() ? gapscan::defaultScriptsDir(sys::fs::getMainExecutable(
                                  "wasm-gapscan", reinterpret_cast<void *>(&scriptsDir)))
                            : ScriptsDir.getValue();
}

/// A build folder from a distribution's sysconfig data. The defines
/// sysconfig drops come from the pyconfig.h the distribution installed, or
/// else from the checkout configured here for the same platform.
static Expected<std::string> buildFromSysconfig(StringRef File, StringRef Sysroot) {
  Expected<gapscan::SysconfigData> Data = gapscan::readSysconfigData(File);
  if (!Data)
    return Data.takeError();
  std::string Companion = gapscan::installedPyconfig(*Data);
  if (Companion.empty()) {
    Expected<std::string> Same = gapscan::configureTarget(
        scriptsDir(), gapscan::samePlatformTarget(*Data), SourceDir);
    if (!Same)
      return Same.takeError();
    Companion = *Same + "/pyconfig.h";
  }
  return gapscan::materializeBuild(*Data, SourceDir, Sysroot,
                                   gapscan::defaultCacheDir(), Companion);
}

/// Reads repeated TARGET=VALUE flags.
static Error readTargetPairs(const cl::list<std::string> &Flags, StringRef Flag,
                             std::map<std::string, std::string> &Into) {
  for (const std::string &B : Flags) {
    auto [Name, Value] = StringRef(B).split('=');
    if (Name.empty() || Value.empty())
      return createStringError(std::errc::invalid_argument,
                               "--%s takes TARGET=%s, got '%s'", Flag.str().c_str(),
                               Flag == "sysconfig" ? "FILE" : "DIR", B.c_str());
    Into[Name.str()] = Value.str();
  }
  return Error::success();
}

static int runItems() {
  if (BuildDir.empty() == SysconfigFile.empty())
    return fail(createStringError(std::errc::invalid_argument,
                                  "pass either --build BUILD or --sysconfig FILE"));
  std::string Build = BuildDir;
  if (!SysconfigFile.empty()) {
    Expected<std::string> Dir = buildFromSysconfig(SysconfigFile, SysrootDir);
    if (!Dir)
      return fail(Dir.takeError());
    Build = *Dir;
  }
  for (const std::string &Out : {Output.getValue(), EmitCompileCommands.getValue()})
    if (!Out.empty())
      if (Error E = gapscan::checkWritable(Out))
        return fail(std::move(E));
  gapscan::ScanOptions Options = scanOptions();
  auto Start = std::chrono::steady_clock::now();
  Expected<gapscan::AnalysedBuild> A =
      gapscan::analyseBuild(SourceDir, Build, Options);
  if (!A)
    return fail(A.takeError());
  if (!EmitCompileCommands.empty())
    if (Error E = gapscan::writeOutput(
            EmitCompileCommands,
            gapscan::compileCommandsToJson(A->Build, Options.ResourceDir)))
      return fail(std::move(E));
  if (Error E = gapscan::writeOutput(Output, gapscan::itemsToJson(A->Items)))
    return fail(std::move(E));
  summarise("", A->Items, secondsSince(Start));
  return 0;
}

static int runScan() {
  if (Error E = gapscan::checkWritable(Output))
    return fail(std::move(E));
  std::map<std::string, std::string> Given, Sysconfigs, Sysroots;
  if (Error E = readTargetPairs(TargetBuilds, "build", Given))
    return fail(std::move(E));
  if (Error E = readTargetPairs(TargetSysconfigs, "sysconfig", Sysconfigs))
    return fail(std::move(E));
  if (Error E = readTargetPairs(TargetSysroots, "sysroot", Sysroots))
    return fail(std::move(E));
  for (const auto &[Name, Dir] : Sysroots)
    if (!Sysconfigs.count(Name))
      return fail(createStringError(std::errc::invalid_argument,
                                    "--sysroot %s=... given without --sysconfig %s=FILE",
                                    Name.c_str(), Name.c_str()));
  std::vector<std::string> Names(Targets.begin(), Targets.end());
  // Targets given only through --build/--sysconfig are compared too.
  for (const auto *Map : {&Given, &Sysconfigs})
    for (const auto &[Name, Value] : *Map)
      if (Name != Reference && !llvm::is_contained(Names, Name))
        Names.push_back(Name);
  bool AllKnown = Names.empty();
  if (AllKnown)
    Names = gapscan::knownTargets();
  std::string Scripts = scriptsDir();
  auto Configure = [&](const std::string &Name) -> Expected<std::string> {
    if (Given.count(Name))
      return Given[Name];
    if (Sysconfigs.count(Name))
      return buildFromSysconfig(Sysconfigs[Name], Sysroots[Name]);
    return gapscan::configureTarget(Scripts, Name, SourceDir);
  };
  gapscan::ScanOptions Options = scanOptions();
  auto Start = std::chrono::steady_clock::now();
  Expected<std::string> RefDir = Configure(Reference);
  if (!RefDir)
    return fail(RefDir.takeError());
  Expected<gapscan::AnalysedBuild> Ref =
      gapscan::analyseBuild(SourceDir, *RefDir, Options);
  if (!Ref)
    return fail(Ref.takeError());
  summarise(Reference + ": ", Ref->Items, secondsSince(Start));
  std::vector<gapscan::AnalysedBuild> Analysed;
  Analysed.reserve(Names.size());
  std::vector<std::pair<std::string, const gapscan::AnalysedBuild *>> Pairs;
  std::vector<std::string> Done;
  for (const std::string &Name : Names) {
    auto T0 = std::chrono::steady_clock::now();
    Expected<std::string> Dir = Configure(Name);
    if (!Dir && AllKnown) {
      // "All that can be configured here": say why a target is left out.
      WithColor::warning(errs(), "wasm-gapscan")
          << "skipping " << Name << ": " << toString(Dir.takeError()) << "\n";
      continue;
    }
    if (!Dir)
      return fail(Dir.takeError());
    Expected<gapscan::AnalysedBuild> A = gapscan::analyseBuild(SourceDir, *Dir, Options);
    if (!A)
      return fail(A.takeError());
    summarise(Name + ": ", A->Items, secondsSince(T0));
    Analysed.push_back(std::move(*A));
    Done.push_back(Name);
  }
  if (Done.empty())
    return fail(createStringError(std::errc::invalid_argument,
                                  "no target could be configured; run scripts/setup.sh"));
  for (size_t I = 0; I < Done.size(); ++I)
    Pairs.emplace_back(Done[I], &Analysed[I]);
  gapscan::GapReport Report = gapscan::computeGap(Reference, *Ref, Pairs);
  std::string Text = OutputFormat == Format::Markdown ? gapscan::gapToMarkdown(Report)
                     : OutputFormat == Format::Rst    ? gapscan::gapToRst(Report)
                                                      : gapscan::gapToJson(Report);
  if (Error E = gapscan::writeOutput(Output, Text))
    return fail(std::move(E));
  for (const auto &T : Report.Targets)
    errs() << "wasm-gapscan: " << T.Target << ": " << T.UnavailableModules
           << " unavailable modules, " << T.MissingItems << " missing items, "
           << T.ExtraItems << " only there\n";
  errs() << "wasm-gapscan: total " << format("%.1f", secondsSince(Start)) << " s\n";
  return 0;
}

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(GapscanCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "wasm-gapscan: what of CPython's C API surface "
                              "exists under a build configuration\n");
  if (ItemsCmd)
    return runItems();
  if (ScanCmd)
    return runScan();
  errs() << "wasm-gapscan: no command given; try `wasm-gapscan items --help` "
            "or `wasm-gapscan scan --help`\n";
  return 2;
}

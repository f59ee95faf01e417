//===- main.cpp - wasm-gapscan command line -------------------------------===//
//
// Flags, and one function per subcommand wiring them to the stages'
// libraries (README "Layout").
//
//===----------------------------------------------------------------------===//
#include "config/TargetConfig.h"
#include "docscheck/DocsCheck.h"
#include "driver/Comparison.h"
#include "driver/DocsCheckRun.h"
#include "driver/Precommit.h"
#include "model/Spelling.h"
#include "model/Targets.h"
#include "report/Baseline.h"
#include "report/DocsCheckReporters.h"
#include "report/DocsPatch.h"
#include "report/GapReporters.h"
#include "report/ItemsJson.h"
#include "report/VersionDiffReporters.h"
#include "support/FileUtil.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace llvm;

static cl::OptionCategory GapscanCategory("wasm-gapscan options");

static cl::SubCommand
    ItemsCmd("items",
             "Extract every Python-visible API item of the C modules of one "
             "configured CPython build");
static cl::SubCommand
    ScanCmd("scan",
            "Configure the reference and the WebAssembly targets, extract "
            "their items and report what is missing where, and why");

static cl::SubCommand
    CheckDocsCmd("check-docs",
                 "Join the gap report with Doc/: flag removals the docs do not "
                 "mention and availability notes that are stale");

static cl::SubCommand SuggestDocsCmd(
    "suggest-docs",
    "Write a patch to Doc/ adding the missing availability notes "
    "and the central page of everything unavailable on WebAssembly");

static cl::SubCommand DiffVersionsCmd(
    "diff-versions",
    "Scan two checkouts (--source OLD --source NEW) and report what became "
    "unavailable, missing or available on each target between them");

static cl::SubCommand PrecommitCmd(
    "precommit",
    "Pre-commit hook: rescan what the changed FILES affect and fail "
    "on removals the docs do not mention (and stale notes) not in the "
    "baseline");
/// Puts an option in several subcommands (llvm::cl's applicator calls
/// apply() on any modifier that has it).
struct Subs {
  std::vector<cl::SubCommand *> List;
  template <class Opt> void apply(Opt &O) const {
    for (cl::SubCommand *S : List)
      O.addSubCommand(*S);
  }
};
/// The commands that scan a reference and targets.
static const Subs ScanCommands{
    {&ScanCmd, &CheckDocsCmd, &SuggestDocsCmd, &PrecommitCmd}};
/// The commands that name targets (diff-versions: in each checkout).
static const Subs TargetCommands{{&ScanCmd, &CheckDocsCmd, &SuggestDocsCmd,
                                  &PrecommitCmd, &DiffVersionsCmd}};
/// Every command but diff-versions (which takes two --source).
static const Subs AllCommands{
    {&ItemsCmd, &ScanCmd, &CheckDocsCmd, &SuggestDocsCmd, &PrecommitCmd}};
/// Every command.
static const Subs EveryCommand{{&ItemsCmd, &ScanCmd, &CheckDocsCmd,
                                &SuggestDocsCmd, &PrecommitCmd,
                                &DiffVersionsCmd}};
/// The commands that read Doc/.
static const Subs DocsCommands{{&CheckDocsCmd, &SuggestDocsCmd, &PrecommitCmd}};

static cl::list<std::string> ChangedFiles(cl::Positional, cl::desc("FILES..."),
                                          cl::sub(PrecommitCmd),
                                          cl::cat(GapscanCategory));

static cl::opt<std::string>
    SourceDir("source",
              cl::desc("CPython source checkout (precommit: "
                       "default the current folder)"),
              cl::value_desc("SRC"), AllCommands, cl::cat(GapscanCategory));
static cl::list<std::string> VersionSources(
    "source", cl::desc("The older checkout, then the newer (twice)"),
    cl::value_desc("SRC"), cl::sub(DiffVersionsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> BuildDir(
    "build", cl::desc("Configured build folder (pyconfig.h + Makefile)"),
    cl::value_desc("BUILD"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> SysconfigFile(
    "sysconfig",
    cl::desc("Instead of --build: a distribution's _sysconfigdata_*.py or JSON "
             "dump of sysconfig.get_config_vars()"),
    cl::value_desc("FILE"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> SysrootDir(
    "sysroot",
    cl::desc("With --sysconfig: the target's sysroot on this machine"),
    cl::value_desc("DIR"), cl::sub(ItemsCmd), cl::cat(GapscanCategory));
static cl::opt<bool> NoPythonLayer(
    "no-python-layer",
    cl::desc("Skip the Python layer (Lib/ read with the checkout's own ast)"),
    EveryCommand, cl::cat(GapscanCategory));
static cl::list<std::string> TargetBuilds(
    "build", cl::desc("Use an already configured build folder for a target"),
    cl::value_desc("TARGET=DIR"), ScanCommands, cl::cat(GapscanCategory));
static cl::list<std::string> TargetSysconfigs(
    "sysconfig",
    cl::desc("Use a distribution's sysconfig data (_sysconfigdata_*.py or JSON "
             "of sysconfig.get_config_vars()) as a target's configuration"),
    cl::value_desc("TARGET=FILE"), ScanCommands, cl::cat(GapscanCategory));
static cl::list<std::string> TargetSysroots(
    "sysroot", cl::desc("The sysroot of a --sysconfig target on this machine"),
    cl::value_desc("TARGET=DIR"), ScanCommands, cl::cat(GapscanCategory));
/// --target's help names the targets of config/targets.tsv.
static const std::string TargetHelp =
    "Target to compare with the reference: " +
    llvm::join(gapscan::webAssemblyTargetNames(), ", ") +
    " (default: those of the checkout: emscripten-node and "
    "emscripten-browser where configure has --with-emscripten-target, up to "
    "3.13; emscripten from 3.14)";
static cl::list<std::string> Targets("target", cl::desc(TargetHelp),
                                     cl::value_desc("NAME"), TargetCommands,
                                     cl::cat(GapscanCategory));
static cl::opt<bool> SkipMissingTargets(
    "skip-missing-targets",
    cl::desc("Leave out a target that cannot be configured here (the report "
             "names it absent, with the reason) instead of failing"),
    TargetCommands, cl::cat(GapscanCategory));
static cl::opt<std::string>
    Reference("reference", cl::desc("Reference configuration"),
              cl::init(gapscan::referenceTarget().Name.str()), TargetCommands,
              cl::cat(GapscanCategory));
static cl::opt<std::string>
    ScriptsDir("scripts-dir",
               cl::desc("Folder of configure-target.sh (default: ../scripts "
                        "next to the executable)"),
               EveryCommand, cl::cat(GapscanCategory));
enum class Format { Json, Markdown, Rst };
static cl::opt<Format> OutputFormat(
    "format", cl::desc("Report format"), cl::init(Format::Json),
    cl::values(clEnumValN(Format::Json, "json", "JSON (docs/gap-schema.md)"),
               clEnumValN(Format::Markdown, "markdown", "Markdown page"),
               clEnumValN(Format::Rst, "rst", "reStructuredText page")),
    cl::sub(ScanCmd), cl::sub(DiffVersionsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> Output("o",
                                   cl::desc("Output file (default: stdout)"),
                                   cl::Prefix, cl::value_desc("FILE"),
                                   cl::init("-"), EveryCommand,
                                   cl::cat(GapscanCategory));
static cl::opt<unsigned> Jobs("j", cl::desc("Parallel ClangTool shards"),
                              cl::Prefix, cl::init(1), EveryCommand,
                              cl::cat(GapscanCategory));
static cl::opt<std::string>
    ResourceDir("resource-dir",
                cl::desc("Clang resource dir (default: the one built against)"),
                EveryCommand, cl::cat(GapscanCategory));
enum class DocsFormat { Text, Json, Sarif };
static cl::opt<DocsFormat> DocsOutputFormat(
    "format", cl::desc("Report format"), cl::init(DocsFormat::Text),
    cl::values(clEnumValN(DocsFormat::Text, "text", "file:line: messages"),
               clEnumValN(DocsFormat::Json, "json",
                          "JSON (docs/docs-check-schema.md)"),
               clEnumValN(DocsFormat::Sarif, "sarif", "SARIF 2.1.0")),
    cl::sub(CheckDocsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string>
    DocsDir("docs", cl::desc("Doc/ folder to check (default: SRC/Doc)"),
            cl::value_desc("DIR"), DocsCommands, cl::cat(GapscanCategory));
static cl::opt<std::string>
    CentralPage("central-page",
                cl::desc("Path of the generated page in the patch, relative to "
                         "SRC ('' for none)"),
                cl::init("Doc/library/wasm-unavailable.rst"),
                cl::sub(SuggestDocsCmd), cl::cat(GapscanCategory));
static cl::opt<std::string> Baseline(
    "baseline",
    cl::desc(
        "Accepted findings: only findings not in it fail (precommit default: "
        "SRC/.wasm-gapscan-baseline.json when it exists)"),
    cl::value_desc("FILE"), cl::sub(CheckDocsCmd), cl::sub(PrecommitCmd),
    cl::cat(GapscanCategory));
static cl::opt<bool> UpdateBaseline(
    "update-baseline",
    cl::desc("Write today's findings to --baseline FILE and pass"),
    cl::sub(CheckDocsCmd), cl::cat(GapscanCategory));
static cl::opt<bool> AllVerdicts(
    "all",
    cl::desc(
        "Text format: also list documented items and items not in the docs"),
    cl::sub(CheckDocsCmd), cl::cat(GapscanCategory));
static cl::opt<bool> NoCache("no-cache",
                             cl::desc("Parse every translation unit, ignoring "
                                      "and not writing the facts cache"),
                             EveryCommand, cl::cat(GapscanCategory));
static cl::opt<std::string>
    EmitCompileCommands("emit-compile-commands",
                        cl::desc("Also write the compile commands the scan "
                                 "used (JSON compilation database)"),
                        cl::value_desc("FILE"), cl::sub(ItemsCmd),
                        cl::cat(GapscanCategory));

static int fail(Error E) {
  handleAllErrors(std::move(E), [](const ErrorInfoBase &EI) {
    WithColor::error(errs(), "wasm-gapscan") << EI.message() << "\n";
  });
  return 2;
}

static gapscan::AnalysisOptions analysisOptions() {
  gapscan::AnalysisOptions Options;
  Options.Jobs = Jobs;
  Options.ResourceDir = ResourceDir.empty() ? gapscan::defaultResourceDir()
                                            : ResourceDir.getValue();
  if (!NoCache)
    Options.CacheDir = gapscan::defaultCacheDir();
  Options.DisableFree = true; // Every command analyses once, then exits.
  return Options;
}

static std::string scriptsDir() {
  return ScriptsDir.empty()
             ? gapscan::defaultScriptsDir(sys::fs::getMainExecutable(
                   "wasm-gapscan", reinterpret_cast<void *>(&scriptsDir)))
             : ScriptsDir.getValue();
}

/// Reads repeated TARGET=VALUE flags.
static Error readTargetPairs(const cl::list<std::string> &Flags, StringRef Flag,
                             std::map<std::string, std::string> &Into) {
  for (const std::string &B : Flags) {
    auto [Name, Value] = StringRef(B).split('=');
    if (Name.empty() || Value.empty())
      return createStringError(
          std::errc::invalid_argument, "--%s takes TARGET=%s, got '%s'",
          Flag.str().c_str(), Flag == "sysconfig" ? "FILE" : "DIR", B.c_str());
    Into[Name.str()] = Value.str();
  }
  return Error::success();
}

static int runItems() {
  if (BuildDir.empty() == SysconfigFile.empty())
    return fail(
        createStringError(std::errc::invalid_argument,
                          "pass either --build BUILD or --sysconfig FILE"));
  std::string Build = BuildDir;
  if (!SysconfigFile.empty()) {
    Expected<std::string> Dir = gapscan::buildFromSysconfig(
        SysconfigFile, SysrootDir, SourceDir, scriptsDir());
    if (!Dir)
      return fail(Dir.takeError());
    Build = *Dir;
  }
  for (const std::string &Out :
       {Output.getValue(), EmitCompileCommands.getValue()})
    if (!Out.empty())
      if (Error E = gapscan::checkWritable(Out))
        return fail(std::move(E));
  gapscan::AnalysisOptions Options = analysisOptions();
  auto Start = std::chrono::steady_clock::now();
  Expected<gapscan::AnalysedBuild> A =
      gapscan::analyseBuild(SourceDir, Build, Options);
  if (!A)
    return fail(A.takeError());
  if (!NoPythonLayer)
    if (Error E = gapscan::addPythonLayer(SourceDir, scriptsDir(),
                                          Options.CacheDir, {&*A}, errs()))
      return fail(std::move(E));
  if (!EmitCompileCommands.empty())
    if (Error E = gapscan::writeOutput(
            EmitCompileCommands,
            gapscan::compileCommandsToJson(A->Build, Options.ResourceDir)))
      return fail(std::move(E));
  if (Error E = gapscan::writeOutput(Output, gapscan::itemsToJson(*A)))
    return fail(std::move(E));
  gapscan::summariseItems(
      errs(), "", A->Items,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count());
  return 0;
}

/// The comparison flags shared by scan and the docs commands.
static Expected<gapscan::ComparisonRequest> comparisonRequest() {
  gapscan::ComparisonRequest Request;
  Request.SourceDir = SourceDir;
  Request.Reference = Reference;
  Request.Targets.assign(Targets.begin(), Targets.end());
  if (Error E = readTargetPairs(TargetBuilds, "build", Request.Builds))
    return std::move(E);
  if (Error E =
          readTargetPairs(TargetSysconfigs, "sysconfig", Request.Sysconfigs))
    return std::move(E);
  if (Error E = readTargetPairs(TargetSysroots, "sysroot", Request.Sysroots))
    return std::move(E);
  Request.ScriptsDir = scriptsDir();
  Request.Options = analysisOptions();
  Request.PythonLayer = !NoPythonLayer;
  Request.SkipMissingTargets = SkipMissingTargets;
  return std::move(Request);
}

static int runScanCommand() {
  if (Error E = gapscan::checkWritable(Output))
    return fail(std::move(E));
  Expected<gapscan::ComparisonRequest> Request = comparisonRequest();
  if (!Request)
    return fail(Request.takeError());
  auto Start = std::chrono::steady_clock::now();
  Expected<gapscan::Comparison> Result =
      gapscan::compareConfigurations(*Request, errs());
  if (!Result)
    return fail(Result.takeError());
  const gapscan::GapReport &Report = Result->Gap;
  std::string Text = OutputFormat == Format::Markdown
                         ? gapscan::gapToMarkdown(Report)
                     : OutputFormat == Format::Rst ? gapscan::gapToRst(Report)
                                                   : gapscan::gapToJson(Report);
  if (Error E = gapscan::writeOutput(Output, Text))
    return fail(std::move(E));
  for (const auto &T : Report.Targets)
    errs() << "wasm-gapscan: " << T.Target << ": " << T.UnavailableModules
           << " unavailable modules, " << T.MissingItems << " missing items, "
           << T.ExtraItems << " only there\n";
  for (const gapscan::AbsentTarget &A : Report.Absent)
    errs() << "wasm-gapscan: " << A.Name << ": not analysed (" << A.Why
           << ")\n";
  errs() << "wasm-gapscan: total "
         << format("%.1f", std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - Start)
                               .count())
         << " s\n";
  return 0;
}

/// diff-versions: two checkouts, one comparison each, their difference.
static int runDiffVersions() {
  if (VersionSources.size() != 2)
    return fail(createStringError(
        std::errc::invalid_argument,
        "diff-versions takes --source twice, the older checkout first "
        "(got %zu)",
        VersionSources.size()));
  if (Error E = gapscan::checkWritable(Output))
    return fail(std::move(E));
  SourceDir = VersionSources[1]; // comparisonRequest() reads it.
  Expected<gapscan::ComparisonRequest> Request = comparisonRequest();
  if (!Request)
    return fail(Request.takeError());
  Expected<gapscan::VersionDiff> Diff = gapscan::compareVersions(
      *Request, VersionSources[0], VersionSources[1], errs());
  if (!Diff)
    return fail(Diff.takeError());
  std::string Text =
      OutputFormat == Format::Markdown ? gapscan::versionDiffToMarkdown(*Diff)
      : OutputFormat == Format::Rst    ? gapscan::versionDiffToRst(*Diff)
                                       : gapscan::versionDiffToJson(*Diff);
  if (Error E = gapscan::writeOutput(Output, Text))
    return fail(std::move(E));
  for (const gapscan::TargetVersionDiff &T : Diff->Targets) {
    std::map<gapscan::VersionChange, size_t> Counts;
    for (const gapscan::VersionChangeEntry &C : T.Changes)
      ++Counts[C.Change];
    errs() << "wasm-gapscan: " << T.OldTarget << " -> " << T.NewTarget << ":";
    for (const auto &[Change, N] : Counts)
      errs() << " " << N << " " << gapscan::spelling(Change);
    errs() << (Counts.empty() ? " no change\n" : "\n");
  }
  return 0;
}

static std::string docsDir() {
  return DocsDir.empty() ? SourceDir + "/Doc" : DocsDir.getValue();
}

/// Scan, read Doc/, classify. Exit status: 1 with findings, 0 without.
static int runCheckDocs() {
  if (Error E = gapscan::checkWritable(Output))
    return fail(std::move(E));
  if (UpdateBaseline && Baseline.empty())
    return fail(createStringError(std::errc::invalid_argument,
                                  "--update-baseline needs --baseline FILE"));
  std::set<std::string> Accepted;
  if (!Baseline.empty() && !UpdateBaseline) {
    auto Keys = gapscan::readBaseline(Baseline);
    if (!Keys)
      return fail(Keys.takeError());
    Accepted = std::move(*Keys);
  }
  Expected<gapscan::ComparisonRequest> Request = comparisonRequest();
  if (!Request)
    return fail(Request.takeError());
  Expected<gapscan::DocsCheckRun> Run =
      gapscan::runDocsCheck(*Request, docsDir(), errs());
  if (!Run)
    return fail(Run.takeError());
  gapscan::DocsCheckReport &Report = Run->Report;

  if (UpdateBaseline) {
    if (Error E =
            gapscan::writeOutput(Baseline, gapscan::baselineToJson(Report)))
      return fail(std::move(E));
    errs() << "wasm-gapscan: wrote " << Report.findings()
           << " accepted findings to " << Baseline << "\n";
    gapscan::applyBaseline(Report, gapscan::baselineKeys(Report));
  } else {
    gapscan::applyBaseline(Report, Accepted);
  }
  std::string Text = DocsOutputFormat == DocsFormat::Json
                         ? gapscan::docsCheckToJson(Report)
                     : DocsOutputFormat == DocsFormat::Sarif
                         ? gapscan::docsCheckToSarif(Report)
                         : gapscan::docsCheckToText(Report, AllVerdicts);
  if (Error E = gapscan::writeOutput(Output, Text))
    return fail(std::move(E));
  if (DocsOutputFormat != DocsFormat::Text || Output != "-")
    for (const auto &[Target, C] : Report.PerTarget)
      errs() << "wasm-gapscan: " << Target << ": " << C.Documented
             << " documented, " << C.Undocumented << " undocumented removals, "
             << C.Stale << " stale notes, " << C.DifferentUndocumented
             << " working differently without a note, " << C.NotInDocs
             << " not in the docs\n";
  return Report.findings() ? 1 : 0;
}

static int runSuggestDocs() {
  if (Error E = gapscan::checkWritable(Output))
    return fail(std::move(E));
  Expected<gapscan::ComparisonRequest> Request = comparisonRequest();
  if (!Request)
    return fail(Request.takeError());
  Expected<gapscan::DocsCheckRun> Run =
      gapscan::runDocsCheck(*Request, docsDir(), errs());
  if (!Run)
    return fail(Run.takeError());
  Expected<gapscan::DocsSuggestion> Suggestion = gapscan::suggestDocs(
      Run->Report, Run->Docs, Run->Scan.Gap, docsDir(), CentralPage);
  if (!Suggestion)
    return fail(Suggestion.takeError());
  if (Error E = gapscan::writeOutput(Output, Suggestion->Patch))
    return fail(std::move(E));
  errs() << "wasm-gapscan: patch amends " << Suggestion->AmendedNotes
         << " availability notes, adds " << Suggestion->AddedNotes
         << ", splits " << Suggestion->SplitDirectives
         << " multi-name directives in " << Suggestion->Files << " files";
  if (Suggestion->Unhandled)
    errs() << "; " << Suggestion->Unhandled
           << " directives need a manual edit (see check-docs)";
  errs() << "\n";
  return 0;
}

/// Rescans what the changed files affect (the facts cache keeps the rest)
/// and fails on findings the baseline does not accept.
static int runPrecommit() {
  std::vector<std::string> Files(ChangedFiles.begin(), ChangedFiles.end());
  gapscan::ChangeSet Changes = gapscan::classifyChanges(Files);
  if (!Changes.relevant()) {
    errs() << "wasm-gapscan: no C source, Lib/ module, Doc/ page or "
              "configuration input changed\n";
    return 0;
  }
  if (!Changes.Configuration.empty())
    errs() << "wasm-gapscan: configuration inputs changed ("
           << Changes.Configuration.front()
           << (Changes.Configuration.size() > 1 ? ", ..." : "")
           << "): every target is configured anew\n";
  std::string BaselineFile = Baseline;
  if (BaselineFile.empty() &&
      sys::fs::exists(SourceDir + "/.wasm-gapscan-baseline.json"))
    BaselineFile = SourceDir + "/.wasm-gapscan-baseline.json";
  std::set<std::string> Accepted;
  if (!BaselineFile.empty()) {
    auto Keys = gapscan::readBaseline(BaselineFile);
    if (!Keys)
      return fail(Keys.takeError());
    Accepted = std::move(*Keys);
  }
  Expected<gapscan::ComparisonRequest> Request = comparisonRequest();
  if (!Request)
    return fail(Request.takeError());
  std::string Log;
  raw_string_ostream LogStream(Log); // Progress only matters on failure.
  Expected<gapscan::DocsCheckRun> Run =
      gapscan::runDocsCheck(*Request, docsDir(), LogStream);
  if (!Run) {
    errs() << Log;
    return fail(Run.takeError());
  }
  gapscan::applyBaseline(Run->Report, Accepted);
  size_t Findings = Run->Report.findings();
  if (Findings)
    outs() << gapscan::docsCheckToText(Run->Report);
  errs() << "wasm-gapscan: " << Findings << " new finding"
         << (Findings == 1 ? "" : "s")
         << (BaselineFile.empty() ? "" : " (baseline " + BaselineFile + ")")
         << "\n";
  return Findings ? 1 : 0;
}

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(GapscanCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "wasm-gapscan: what of CPython's C API surface "
                              "exists under a build configuration\n");
  if ((ItemsCmd || ScanCmd || CheckDocsCmd || SuggestDocsCmd) &&
      SourceDir.empty()) {
    errs() << "wasm-gapscan: error: --source SRC is required (a CPython "
              "checkout)\n";
    return 2;
  }
  if (ItemsCmd)
    return runItems();
  if (ScanCmd)
    return runScanCommand();
  if (CheckDocsCmd)
    return runCheckDocs();
  if (SuggestDocsCmd)
    return runSuggestDocs();
  if (DiffVersionsCmd)
    return runDiffVersions();
  if (PrecommitCmd) {
    if (SourceDir.empty())
      SourceDir = ".";
    return runPrecommit();
  }
  errs() << "wasm-gapscan: no command given; try `wasm-gapscan items --help` "
            "or `wasm-gapscan scan --help`\n";
  return 2;
}

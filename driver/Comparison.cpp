//===- Comparison.cpp -----------------------------------------------------===//
#include "driver/Comparison.h"
#include "collect/FactsCache.h"
#include "config/TargetConfig.h"
#include "gap/Gap.h"
#include "gap/VersionDiff.h"
#include "model/Targets.h"
#include "python/PythonLayer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/WithColor.h"
#include <atomic>
#include <chrono>
#include <optional>

namespace gapscan {

static double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

void summariseItems(llvm::raw_ostream &Log, llvm::StringRef Label,
                    const ItemsReport &Report, double Seconds) {
  size_t Items = 0, Analysed = 0, Failed = 0;
  for (const auto &M : Report.Modules) {
    Items += M.Items.size();
    Analysed += M.Status == ModuleStatus::Analysed;
    Failed += M.Status == ModuleStatus::Failed ||
              M.Status == ModuleStatus::NoDefinition;
  }
  Log << "wasm-gapscan: " << Label << Report.Modules.size() << " modules ("
      << Analysed << " analysed, " << Failed << " failed), " << Items
      << " items from " << Report.TranslationUnits << " translation units ("
      << Report.FailedTranslationUnits << " with errors) in "
      << llvm::format("%.1f", Seconds) << " s\n";
}

namespace {
/// One configuration of a run: its name, folder, and analysis.
struct Config {
  std::string Name;
  std::string Dir;
  double Seconds = 0;
  std::optional<llvm::Expected<AnalysedBuild>> Analysed;
};
} // namespace

/// The configurations to compare, the reference first: targets named with
/// --target, then those given only by --build/--sysconfig; none named, every
/// WebAssembly target of the checkout (config/targets.tsv, as its configure
/// decides: one "emscripten" from 3.14, node and browser before).
static llvm::Expected<std::vector<std::string>>
configurationNames(const ComparisonRequest &R) {
  for (const std::string &Name : R.Targets)
    if (!R.Builds.count(Name) && !R.Sysconfigs.count(Name))
      if (std::string Why = targetNotInCheckout(R.SourceDir, Name);
          !Why.empty())
        return llvm::createStringError(std::errc::invalid_argument, "%s",
                                       Why.c_str());
  std::vector<std::string> Names = R.Targets;
  for (const auto *Map : {&R.Builds, &R.Sysconfigs})
    for (const auto &[Name, Value] : *Map)
      if (Name != R.Reference && !llvm::is_contained(Names, Name))
        Names.push_back(Name);
  if (Names.empty())
    Names = checkoutTargetNames(R.SourceDir);
  Names.insert(Names.begin(), R.Reference);
  return Names;
}

/// The folder of one configuration: given, made from sysconfig data, or
/// configured by scripts/configure-target.sh.
static llvm::Expected<std::string> configure(const ComparisonRequest &R,
                                             const std::string &Name) {
  if (auto It = R.Builds.find(Name); It != R.Builds.end())
    return It->second;
  if (auto It = R.Sysconfigs.find(Name); It != R.Sysconfigs.end()) {
    auto Root = R.Sysroots.find(Name);
    return buildFromSysconfig(It->second,
                              Root == R.Sysroots.end() ? "" : Root->second,
                              R.SourceDir, R.ScriptsDir);
  }
  return configureTarget(R.ScriptsDir, Name, R.SourceDir);
}

/// Configures every configuration at once: a configured folder is found
/// again by a script that hashes configure's inputs (0.04 s each of a 0.9 s
/// pre-commit run), and the scripts lock what they make
/// (scripts/configure-target.sh). A target that cannot be configured ends
/// the run, unless the request skips missing targets: then it goes to
/// Absent, with the reason, and a warning.
static llvm::Expected<std::vector<Config>>
configureAll(const ComparisonRequest &R, const std::vector<std::string> &Names,
             std::vector<AbsentTarget> &Absent, llvm::raw_ostream &Log) {
  std::vector<std::optional<llvm::Expected<std::string>>> Dirs(Names.size());
  {
    // One thread per configuration: each mostly waits for its script.
    llvm::DefaultThreadPool Configuring(
        llvm::hardware_concurrency(Names.size()));
    for (size_t I = 0; I < Names.size(); ++I)
      Configuring.async([&, I] { Dirs[I].emplace(configure(R, Names[I])); });
    Configuring.wait();
  }
  // In the order given; every result is taken, so that none is left
  // unchecked when an earlier one ends the run.
  std::vector<Config> Configs;
  llvm::Error Failure = llvm::Error::success();
  for (size_t I = 0; I < Names.size(); ++I) {
    llvm::Expected<std::string> &Dir = *Dirs[I];
    if (Dir && !Failure) {
      Configs.push_back({Names[I], *Dir});
    } else if (!Dir && I > 0 && R.SkipMissingTargets && !Failure) {
      std::string Why = llvm::toString(Dir.takeError());
      llvm::WithColor::warning(Log, "wasm-gapscan")
          << "leaving " << Names[I] << " out (--skip-missing-targets): " << Why
          << "\n";
      Absent.push_back({Names[I], std::move(Why)});
    } else if (!Dir) {
      if (Failure) {
        llvm::consumeError(Dir.takeError());
      } else {
        std::string Why = llvm::toString(Dir.takeError());
        Failure = llvm::createStringError(
            std::errc::invalid_argument, "cannot configure %s: %s%s",
            Names[I].c_str(), Why.c_str(),
            I > 0 ? " (or pass --skip-missing-targets to go on without it; "
                    "the report then names it absent)"
                  : "");
      }
    }
  }
  if (Failure)
    return std::move(Failure);
  if (Configs.size() < 2)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "no target could be configured (%s); run scripts/setup.sh",
        Absent.empty()
            ? "none asked"
            : (Absent.front().Name + ": " + Absent.front().Why).c_str());
  return std::move(Configs);
}

/// Analyses the configurations side by side: linking is one thread per
/// configuration, so with two jobs a reference and a target link at once.
/// Parsing shares Jobs slots between them: a configuration that is linking
/// or done leaves the cores to the others' units.
static void analyseAll(const ComparisonRequest &R,
                       std::vector<Config> &Configs) {
  unsigned Jobs = std::max(1u, R.Options.Jobs);
  unsigned Workers = std::min<size_t>(Jobs, Configs.size());
  AnalysisOptions Options = R.Options;
  Options.Jobs = Jobs;
  if (Workers > 1)
    Options.ParsePool = std::make_shared<llvm::DefaultThreadPool>(
        llvm::hardware_concurrency(Jobs));
  if (!Options.CacheDir.empty() && !Options.Cache)
    Options.Cache = std::make_shared<FactsCache>(Options.CacheDir);
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I = Next++; I < Configs.size(); I = Next++) {
      auto T0 = std::chrono::steady_clock::now();
      // Left allocated (DisableFree), a configuration's decoded facts stay
      // until exit: only the last configuration each worker analyses may
      // skip freeing them, or four configurations' facts add up (a relinking
      // scan of all targets peaked at 811 MiB).
      AnalysisOptions ConfigOptions = Options;
      ConfigOptions.DisableFree =
          Options.DisableFree && I + Workers >= Configs.size();
      Configs[I].Analysed.emplace(
          analyseBuild(R.SourceDir, Configs[I].Dir, ConfigOptions));
      Configs[I].Seconds = secondsSince(T0);
    }
  };
  // The workers link on threads of their own; their units parse on
  // ParsePool.
  llvm::DefaultThreadPool Analysing(llvm::hardware_concurrency(Workers));
  for (unsigned W = 0; W < Workers; ++W)
    Analysing.async(Work);
  Analysing.wait();
}

llvm::Error addPythonLayer(llvm::StringRef SourceDir,
                           llvm::StringRef ScriptsDir, llvm::StringRef CacheDir,
                           llvm::ArrayRef<AnalysedBuild *> Builds,
                           llvm::raw_ostream &Log,
                           llvm::Expected<LibSnapshot> *Lib) {
  auto T0 = std::chrono::steady_clock::now();
  llvm::Expected<LibSnapshot> Own =
      Lib ? LibSnapshot() : snapshotLibrary(SourceDir);
  llvm::Expected<LibSnapshot> &Snapshot = Lib ? *Lib : Own;
  if (!Snapshot)
    return Snapshot.takeError();
  llvm::Expected<PythonLayerStats> Stats =
      addPythonLayers(*Snapshot, SourceDir, ScriptsDir, CacheDir, Builds);
  if (!Stats)
    return Stats.takeError();
  Log << llvm::format("Lib/: %zu modules; %zu configurations evaluated "
                      "(%zu files read, %zu cached), %zu from the cache, "
                      "in %.2f s\n",
                      Stats->Modules, Stats->LayersEvaluated, Stats->FilesRead,
                      Stats->FilesCached, Stats->LayersCached,
                      secondsSince(T0));
  return llvm::Error::success();
}

llvm::Expected<Comparison>
compareConfigurations(const ComparisonRequest &Request, llvm::raw_ostream &Log,
                      llvm::function_ref<llvm::Error()> BeforeAnalysis) {
  for (const auto &[Name, Dir] : Request.Sysroots)
    if (!Request.Sysconfigs.count(Name))
      return llvm::createStringError(
          std::errc::invalid_argument,
          "--sysroot %s=... given without --sysconfig %s=FILE", Name.c_str(),
          Name.c_str());
  llvm::Expected<std::vector<std::string>> Names = configurationNames(Request);
  if (!Names)
    return Names.takeError();
  std::vector<AbsentTarget> Absent;
  llvm::Expected<std::vector<Config>> Configs =
      configureAll(Request, *Names, Absent, Log);
  if (!Configs)
    return Configs.takeError();
  if (BeforeAnalysis)
    if (llvm::Error E = BeforeAnalysis())
      return std::move(E);
  // Lib/ is hashed while the C layer is analysed.
  std::optional<llvm::Expected<LibSnapshot>> Lib;
  llvm::DefaultThreadPool Hashing(llvm::hardware_concurrency(1));
  if (Request.PythonLayer)
    Hashing.async([&] { Lib.emplace(snapshotLibrary(Request.SourceDir)); });
  analyseAll(Request, *Configs);
  Hashing.wait();
  auto Unchecked = llvm::make_scope_exit([&] {
    if (Lib && !*Lib) // Left unread when an analysis failed first.
      llvm::consumeError(Lib->takeError());
  });

  // Reported in the order given, whichever finished first.
  Comparison Result;
  llvm::Error Failure = llvm::Error::success();
  for (Config &C : *Configs) {
    llvm::Expected<AnalysedBuild> &A = *C.Analysed;
    if (!A) {
      if (!Failure)
        Failure = A.takeError();
      else
        llvm::consumeError(A.takeError());
      continue;
    }
    if (Failure)
      continue;
    summariseItems(Log, C.Name + ": ", A->Items, C.Seconds);
    auto Owned = std::make_unique<AnalysedBuild>(std::move(*A));
    if (!Result.Reference)
      Result.Reference = std::move(Owned);
    else
      Result.Targets.emplace_back(C.Name, std::move(Owned));
  }
  if (Failure)
    return std::move(Failure);
  if (Request.PythonLayer) {
    std::vector<AnalysedBuild *> Builds{Result.Reference.get()};
    for (auto &[Name, A] : Result.Targets)
      Builds.push_back(A.get());
    if (llvm::Error E =
            addPythonLayer(Request.SourceDir, Request.ScriptsDir,
                           Request.Options.CacheDir, Builds, Log, &*Lib))
      return std::move(E);
  }
  std::vector<std::pair<std::string, const AnalysedBuild *>> Pairs;
  for (const auto &[Name, A] : Result.Targets)
    Pairs.emplace_back(Name, A.get());
  Result.Gap = computeGap(Request.Reference, *Result.Reference, Pairs);
  Result.Gap.Absent = std::move(Absent);
  // The layers are in the gap now. A process about to exit (DisableFree)
  // leaves their ~100k strings allocated rather than spend a tenth of the
  // warm run freeing them, as clang's -disable-free does.
  if (Request.Options.DisableFree) {
    std::vector<AnalysedBuild *> All{Result.Reference.get()};
    for (auto &[Name, A] : Result.Targets)
      All.push_back(A.get());
    for (AnalysedBuild *A : All)
      if (A->Python) {
        new PyLayer(std::move(*A->Python)); // NOLINT: deliberately kept.
        A->Python.reset();
      }
  }
  return std::move(Result);
}

/// Target Name as checkout SourceDir has it: itself, else the checkout's
/// first target of the same docs platform.
static llvm::Expected<std::string> targetInCheckout(const std::string &Name,
                                                    const std::string &Source) {
  if (targetNotInCheckout(Source, Name).empty())
    return Name;
  if (std::string Other = counterpartIn(Name, checkoutTargetNames(Source));
      !Other.empty())
    return Other;
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 targetNotInCheckout(Source, Name).c_str());
}

llvm::Expected<VersionDiff> compareVersions(const ComparisonRequest &Base,
                                            const std::string &OldSource,
                                            const std::string &NewSource,
                                            llvm::raw_ostream &Log) {
  std::optional<Comparison> Sides[2];
  const std::string *Sources[2] = {&OldSource, &NewSource};
  for (size_t I = 0; I < 2; ++I) {
    ComparisonRequest R = Base;
    R.SourceDir = *Sources[I];
    R.Targets.clear();
    for (const std::string &Name : Base.Targets) {
      llvm::Expected<std::string> Own = targetInCheckout(Name, R.SourceDir);
      if (!Own)
        return Own.takeError();
      if (!llvm::is_contained(R.Targets, *Own))
        R.Targets.push_back(*Own);
    }
    Log << "wasm-gapscan: " << (I ? "new" : "old") << ": " << R.SourceDir
        << "\n";
    llvm::Expected<Comparison> C = compareConfigurations(R, Log);
    if (!C)
      return C.takeError();
    Sides[I].emplace(std::move(*C));
  }
  return diffVersions(*Sides[0], *Sides[1]);
}

} // namespace gapscan

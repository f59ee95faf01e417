//===- Comparison.cpp -----------------------------------------------------===//
#include "driver/Comparison.h"
#include "collect/FactsCache.h"
#include "config/TargetConfig.h"
#include "gap/Gap.h"
#include "model/Targets.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/WithColor.h"
#include <atomic>
#include <chrono>

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

llvm::Expected<Comparison>
compareConfigurations(const ComparisonRequest &Request, llvm::raw_ostream &Log,
                      llvm::function_ref<llvm::Error()> BeforeAnalysis) {
  for (const auto &[Name, Dir] : Request.Sysroots)
    if (!Request.Sysconfigs.count(Name))
      return llvm::createStringError(
          std::errc::invalid_argument,
          "--sysroot %s=... given without --sysconfig %s=FILE", Name.c_str(),
          Name.c_str());
  std::vector<std::string> Names = Request.Targets;
  for (const auto *Map : {&Request.Builds, &Request.Sysconfigs})
    for (const auto &[Name, Value] : *Map)
      if (Name != Request.Reference && !llvm::is_contained(Names, Name))
        Names.push_back(Name);
  bool AllKnown = Names.empty();
  if (AllKnown)
    Names = webAssemblyTargetNames();

  auto Configure = [&](const std::string &Name) -> llvm::Expected<std::string> {
    if (auto It = Request.Builds.find(Name); It != Request.Builds.end())
      return It->second;
    if (auto It = Request.Sysconfigs.find(Name);
        It != Request.Sysconfigs.end()) {
      auto Root = Request.Sysroots.find(Name);
      return buildFromSysconfig(
          It->second, Root == Request.Sysroots.end() ? "" : Root->second,
          Request.SourceDir, Request.ScriptsDir);
    }
    return configureTarget(Request.ScriptsDir, Name, Request.SourceDir);
  };

  // Configure first, all configurations at once: a configured folder is
  // found again by a script that hashes configure's inputs (0.04 s each of
  // a 0.9 s pre-commit run), and the scripts lock what they make
  // (scripts/configure-target.sh). Then analyse the configurations side by
  // side: linking is one thread per configuration, so with two jobs a
  // reference and a target link at once. Parsing shares Jobs slots between
  // them: a configuration that is linking or done leaves the cores to the
  // others' units.
  struct Config {
    std::string Name;
    std::string Dir;
    double Seconds = 0;
    std::optional<llvm::Expected<AnalysedBuild>> Analysed;
  };
  Names.insert(Names.begin(), Request.Reference);
  std::vector<std::optional<llvm::Expected<std::string>>> Dirs(Names.size());
  {
    // One thread per configuration: each mostly waits for its script.
    llvm::DefaultThreadPool Configuring(
        llvm::hardware_concurrency(Names.size()));
    for (size_t I = 0; I < Names.size(); ++I)
      Configuring.async([&, I] { Dirs[I].emplace(Configure(Names[I])); });
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
    } else if (!Dir && I > 0 && AllKnown && !Failure) {
      // "All that can be configured here": say why a target is left out.
      llvm::WithColor::warning(Log, "wasm-gapscan")
          << "skipping " << Names[I] << ": " << llvm::toString(Dir.takeError())
          << "\n";
    } else if (!Dir) {
      if (Failure)
        llvm::consumeError(Dir.takeError());
      else
        Failure = Dir.takeError();
    }
  }
  if (Failure)
    return std::move(Failure);
  if (Configs.size() < 2)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "no target could be configured; run scripts/setup.sh");
  if (BeforeAnalysis)
    if (llvm::Error E = BeforeAnalysis())
      return std::move(E);

  unsigned Jobs = std::max(1u, Request.Options.Jobs);
  unsigned Workers = std::min<size_t>(Jobs, Configs.size());
  AnalysisOptions Options = Request.Options;
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
          analyseBuild(Request.SourceDir, Configs[I].Dir, ConfigOptions));
      Configs[I].Seconds = secondsSince(T0);
    }
  };
  {
    // The workers link on threads of their own; their units parse on
    // ParsePool.
    llvm::DefaultThreadPool Analysing(llvm::hardware_concurrency(Workers));
    for (unsigned W = 0; W < Workers; ++W)
      Analysing.async(Work);
    Analysing.wait();
  }

  // Reported in the order given, whichever finished first.
  Comparison Result;
  for (Config &C : Configs) {
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
  std::vector<std::pair<std::string, const AnalysedBuild *>> Pairs;
  for (const auto &[Name, A] : Result.Targets)
    Pairs.emplace_back(Name, A.get());
  Result.Gap = computeGap(Request.Reference, *Result.Reference, Pairs);
  return std::move(Result);
}

} // namespace gapscan

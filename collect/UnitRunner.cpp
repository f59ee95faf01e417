//===- UnitRunner.cpp -----------------------------------------------------===//
#include "collect/UnitRunner.h"
#include "collect/FactsCache.h"
#include "collect/FactsCodec.h"
#include "extract/FactsAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <numeric>
#include <optional>

namespace gapscan {

std::string defaultResourceDir() { return GAPSCAN_CLANG_RESOURCE_DIR; }

namespace {
/// The build's compile commands, already adjusted for Clang's tooling.
class UnitDatabase : public clang::tooling::CompilationDatabase {
public:
  /// Units[I] with Arguments[I] (its clangToolArguments), for the indices
  /// given.
  UnitDatabase(const std::vector<CompileUnit> &Units,
               const std::vector<std::vector<std::string>> &Arguments,
               const std::vector<size_t> &Indices) {
    for (size_t I : Indices)
      Commands[Units[I].File].push_back(clang::tooling::CompileCommand(
          Units[I].Directory, Units[I].File, Arguments[I], ""));
  }
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    auto It = Commands.find(File.str());
    return It == Commands.end() ? std::vector<clang::tooling::CompileCommand>()
                                : It->second;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &[F, C] : Commands)
      Files.push_back(F);
    return Files;
  }

private:
  std::map<std::string, std::vector<clang::tooling::CompileCommand>> Commands;
};
} // namespace

/// One unit's result of parseUnits: nothing when the front end never ran
/// (the driver rejected its command line); the digest of the facts the
/// cache stored, if it stored them.
struct ParsedUnit {
  std::optional<TUFacts> Facts;
  std::optional<uint64_t> StoredDigest;
};

/// Runs Task(Items[0]), Task(Items[1]), ... in that order of start, Jobs at
/// a time: on the pool the configurations of one run share when there is
/// one (AnalysisOptions::ParsePool), else on a pool of its own, or inline for
/// one job. Returns when all have run.
static void runEach(const std::vector<size_t> &Items,
                    const AnalysisOptions &Options,
                    llvm::function_ref<void(size_t)> Task) {
  unsigned Jobs = std::max(1u, Options.Jobs);
  if (Items.size() <= 1 || (Jobs == 1 && !Options.ParsePool)) {
    for (size_t I : Items)
      Task(I);
    return;
  }
  std::optional<llvm::DefaultThreadPool> Own;
  llvm::ThreadPoolInterface *Pool = Options.ParsePool.get();
  if (!Pool)
    Pool = &Own.emplace(
        llvm::hardware_concurrency(std::min<size_t>(Jobs, Items.size())));
  llvm::ThreadPoolTaskGroup Group(*Pool);
  for (size_t I : Items)
    Group.async([Task, I] { Task(I); });
  Group.wait();
}

/// Parses the units at Indices (one ClangTool run per unit, Jobs at a time)
/// and stores their facts in Cache; results by unit index. Each run's
/// database holds its own unit's command only, and the facts it yields are
/// that unit's: a file two units compile with other flags gets the right
/// facts and cache entry for each.
static std::vector<ParsedUnit>
parseUnits(const BuildInfo &Build,
           const std::vector<std::vector<std::string>> &Arguments,
           std::vector<size_t> ToScan, const AnalysisOptions &Options,
           FactsCache *Cache) {
  const std::vector<CompileUnit> &Units = Build.Units;
  std::vector<ParsedUnit> ByUnit(Units.size());
  // Units go to whichever thread is free next: sizes differ by two orders
  // of magnitude (Python/ceval.c against Modules/_bisectmodule.c), so a
  // fixed split leaves one thread idle at the end. Biggest first, by file
  // size, for the same reason.
  std::vector<uint64_t> Size(Units.size(), 0);
  for (size_t I : ToScan)
    llvm::sys::fs::file_size(Units[I].File, Size[I]);
  std::stable_sort(ToScan.begin(), ToScan.end(),
                   [&](size_t A, size_t B) { return Size[A] > Size[B]; });
  runEach(ToScan, Options, [&](size_t Unit) {
    FactsSink Sink = [&, Unit](TUFacts F) {
      ParsedUnit &Slot = ByUnit[Unit]; // Each unit is one task's alone.
      if (Cache)
        Slot.StoredDigest =
            Cache->store(Arguments[Unit], Units[Unit].Directory, F);
      Slot.Facts = std::move(F);
    };
    auto Factory = makeFactsActionFactory(Sink, Options.Extractors);
    // One ClangTool run per file: ClangTool prints a progress line per file
    // when given several.
    UnitDatabase DB(Units, Arguments, {Unit});
    // A physical file system of its own: the default real one changes the
    // process-wide working directory, which races between threads.
    clang::tooling::ClangTool Tool(
        DB, {Units[Unit].File},
        std::make_shared<clang::PCHContainerOperations>(),
        llvm::vfs::createPhysicalFileSystem());
    Tool.setPrintErrorMessage(false);
    // Keep Clang's driver quiet: errors are collected per unit.
    clang::IgnoringDiagConsumer Quiet;
    Tool.setDiagnosticConsumer(&Quiet);
    Tool.run(Factory.get());
  });
  return ByUnit;
}

/// A unit the front end never produced facts for (the driver rejected its
/// command line).
static TUFacts rejectedUnit(const CompileUnit &Unit) {
  TUFacts Failed;
  Failed.MainFile = Unit.File;
  Failed.ParseOK = false;
  Failed.Errors.push_back("the compiler driver rejected the command line");
  return Failed;
}

/// For facts the cache did not store: the same digest, encoded here.
static uint64_t factsDigest(const TUFacts &F) {
  std::string Bytes;
  encodeFacts(F, Bytes);
  return llvm::xxh3_64bits(Bytes);
}

CollectedUnits collectFacts(const BuildInfo &Build,
                            const AnalysisOptions &Options) {
  CollectedUnits S;
  S.Build = &Build;
  S.Options = Options;
  std::string ResourceDir =
      Options.ResourceDir.empty() ? defaultResourceDir() : Options.ResourceDir;
  const std::vector<CompileUnit> &Units = Build.Units;
  // Each unit's command line as Clang's tooling runs it: the cache key and
  // the compilation database's command, computed once.
  for (const CompileUnit &U : Units)
    S.Arguments.push_back(clangToolArguments(U, ResourceDir));
  S.Cache = Options.Cache;
  if (!S.Cache && !Options.CacheDir.empty())
    S.Cache = std::make_shared<FactsCache>(Options.CacheDir);
  S.Parsed.resize(Units.size());
  S.Encoded.resize(Units.size());

  // Units whose inputs are unchanged since a previous scan are not parsed,
  // and their facts stay encoded until someone needs them.
  std::vector<size_t> ToScan;
  if (S.Cache) {
    S.Digests.resize(Units.size());
    // Lookups hash inputs and read entries: spread over the jobs too.
    std::vector<size_t> All(Units.size());
    std::iota(All.begin(), All.end(), 0);
    runEach(All, Options, [&](size_t I) {
      if ((S.Encoded[I] = S.Cache->find(S.Arguments[I], Units[I].Directory,
                                        Units[I].File)))
        S.Digests[I] = llvm::xxh3_64bits(S.Encoded[I]->Bytes);
    });
    for (size_t I = 0; I < Units.size(); ++I)
      if (!S.Encoded[I])
        ToScan.push_back(I);
  } else {
    for (size_t I = 0; I < Units.size(); ++I)
      ToScan.push_back(I);
  }
  S.parse(ToScan);
  return S;
}

void CollectedUnits::parse(const std::vector<size_t> &Indices) {
  if (Indices.empty())
    return;
  auto ByUnit = parseUnits(*Build, Arguments, Indices, Options, Cache.get());
  for (size_t I : Indices) {
    ParsedUnit &P = ByUnit[I];
    Parsed[I] = P.Facts ? std::move(*P.Facts) : rejectedUnit(Build->Units[I]);
    Encoded[I].reset();
    if (Cache)
      Digests[I] = P.StoredDigest ? *P.StoredDigest : factsDigest(*Parsed[I]);
  }
}

std::vector<TUFacts> CollectedUnits::takeFacts() {
  // An entry whose inputs check out but whose facts do not decode (a damaged
  // file) is parsed again, as a miss would have been.
  std::vector<size_t> Damaged;
  // In unit order, as the linker keeps the first definition of each key:
  // a function an earlier unit defined is not decoded again.
  llvm::StringSet<> KnownFunctions;
  for (size_t I = 0; I < Parsed.size(); ++I) {
    if (Encoded[I]) {
      Parsed[I] = decodeFacts(Encoded[I]->Bytes, &KnownFunctions);
      Encoded[I].reset();
      if (!Parsed[I])
        Damaged.push_back(I);
    } else if (Parsed[I]) {
      for (const FunctionSummary &F : Parsed[I]->Functions)
        KnownFunctions.insert(F.Key);
    }
  }
  parse(Damaged);
  std::vector<TUFacts> Result;
  Result.reserve(Parsed.size());
  for (std::optional<TUFacts> &F : Parsed)
    Result.push_back(std::move(*F));
  Parsed.clear();
  return Result;
}

} // namespace gapscan

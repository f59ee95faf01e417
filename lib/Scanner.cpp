//===- Scanner.cpp --------------------------------------------------------===//
#include "lib/Scanner.h"
#include "lib/FactsCache.h"
#include "matchers/ScanAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/FileSystem.h"
#include <atomic>
#include <mutex>
#include <thread>

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

std::vector<TUFacts> scanBuild(const BuildInfo &Build,
                               const ScanOptions &Options) {
  std::string ResourceDir =
      Options.ResourceDir.empty() ? defaultResourceDir() : Options.ResourceDir;
  unsigned Jobs = std::max(1u, Options.Jobs);
  std::mutex Lock;
  std::map<std::string, std::vector<TUFacts>> ByFile;
  FactsSink Sink = [&](TUFacts F) {
    std::lock_guard<std::mutex> G(Lock);
    ByFile[F.MainFile].push_back(std::move(F));
  };

  // Each unit's command line as Clang's tooling runs it: the cache key and
  // the compilation database's command, computed once.
  const std::vector<CompileUnit> &Units = Build.Units;
  std::vector<std::vector<std::string>> Arguments;
  for (const CompileUnit &U : Units)
    Arguments.push_back(clangToolArguments(U, ResourceDir));

  // Units whose inputs are unchanged since a previous scan are not parsed.
  std::optional<FactsCache> Cache;
  if (!Options.CacheDir.empty())
    Cache.emplace(Options.CacheDir);
  std::vector<size_t> ToScan;
  if (Cache) {
    // Lookups hash inputs and decode entries: spread over the jobs too.
    std::vector<std::optional<TUFacts>> Found(Units.size());
    std::vector<std::thread> Threads;
    for (unsigned J = 0; J < Jobs; ++J)
      Threads.emplace_back([&, J] {
        for (size_t I = J; I < Units.size(); I += Jobs)
          Found[I] = Cache->lookup(Arguments[I], Units[I].File);
      });
    for (std::thread &T : Threads)
      T.join();
    for (size_t I = 0; I < Units.size(); ++I) {
      if (Found[I])
        ByFile[Units[I].File].push_back(std::move(*Found[I]));
      else
        ToScan.push_back(I);
    }
    std::map<std::string, size_t> UnitOf;
    for (size_t I : ToScan)
      UnitOf[Units[I].File] = I;
    Sink = [&, UnitOf](TUFacts F) {
      if (auto It = UnitOf.find(F.MainFile); It != UnitOf.end())
        Cache->store(Arguments[It->second], F);
      std::lock_guard<std::mutex> G(Lock);
      ByFile[F.MainFile].push_back(std::move(F));
    };
  } else {
    for (size_t I = 0; I < Units.size(); ++I)
      ToScan.push_back(I);
  }
  // Units go to whichever job is free next: sizes differ by two orders of
  // magnitude (Python/ceval.c against Modules/_bisectmodule.c), so a fixed
  // split leaves one job idle at the end. Biggest first, by file size, for
  // the same reason.
  std::vector<uint64_t> Size(Units.size(), 0);
  for (size_t I : ToScan)
    llvm::sys::fs::file_size(Units[I].File, Size[I]);
  std::stable_sort(ToScan.begin(), ToScan.end(),
                   [&](size_t A, size_t B) { return Size[A] > Size[B]; });
  UnitDatabase DB(Units, Arguments, ToScan);
  std::atomic<size_t> Next{0};
  // A unit whose front end never produced facts (the driver rejected its
  // command line) is recorded as failed below.
  auto RunJob = [&] {
    auto Factory = makeScanActionFactory(Sink, Options.Extractors);
    // One ClangTool run per file: ClangTool prints a progress line per file
    // when given several.
    for (size_t I = Next++; I < ToScan.size(); I = Next++) {
      // A physical file system of its own: the default real one changes the
      // process-wide working directory, which races between jobs.
      clang::tooling::ClangTool Tool(
          DB, {Units[ToScan[I]].File}, std::make_shared<clang::PCHContainerOperations>(),
          llvm::vfs::createPhysicalFileSystem());
      Tool.setPrintErrorMessage(false);
      // Keep Clang's driver quiet: errors are collected per unit.
      clang::IgnoringDiagConsumer Quiet;
      Tool.setDiagnosticConsumer(&Quiet);
      Tool.run(Factory.get());
    }
  };
  if (Jobs == 1 || ToScan.size() <= 1) {
    RunJob();
  } else {
    std::vector<std::thread> Threads;
    for (unsigned J = 0; J < std::min<size_t>(Jobs, ToScan.size()); ++J)
      Threads.emplace_back(RunJob);
    for (std::thread &T : Threads)
      T.join();
  }

  std::vector<TUFacts> Result;
  for (const CompileUnit &U : Build.Units) {
    auto It = ByFile.find(U.File);
    if (It == ByFile.end() || It->second.empty()) {
      TUFacts Failed;
      Failed.MainFile = U.File;
      Failed.ParseOK = false;
      Failed.Errors.push_back("the compiler driver rejected the command line");
      Result.push_back(std::move(Failed));
      continue;
    }
    Result.push_back(std::move(It->second.front()));
    It->second.erase(It->second.begin());
  }
  return Result;
}

} // namespace gapscan

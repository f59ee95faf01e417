//===- ScanDriver.cpp -----------------------------------------------------===//
#include "lib/ScanDriver.h"
#include "config/SysconfigData.h"
#include "lib/TargetConfig.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"
#include <chrono>

namespace gapscan {

static double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

llvm::Expected<std::string> buildFromSysconfig(llvm::StringRef File,
                                               llvm::StringRef Sysroot,
                                               llvm::StringRef SourceDir,
                                               llvm::StringRef ScriptsDir) {
  llvm::Expected<SysconfigData> Data = readSysconfigData(File);
  if (!Data)
    return Data.takeError();
  std::string Companion = installedPyconfig(*Data);
  if (Companion.empty()) {
    llvm::Expected<std::string> Same = configureTarget(
        ScriptsDir.str(), samePlatformTarget(*Data), SourceDir.str());
    if (!Same)
      return Same.takeError();
    Companion = *Same + "/pyconfig.h";
  }
  return materializeBuild(*Data, SourceDir, Sysroot, defaultCacheDir(), Companion);
}

void summariseItems(llvm::raw_ostream &Log, llvm::StringRef Label,
                    const ItemsReport &Report, double Seconds) {
  size_t Items = 0, Analysed = 0, Failed = 0;
  for (const auto &M : Report.Modules) {
    Items += M.Items.size();
    Analysed += M.Status == "analysed";
    Failed += M.Status == "failed" || M.Status == "no-definition";
  }
  Log << "wasm-gapscan: " << Label << Report.Modules.size() << " modules ("
      << Analysed << " analysed, " << Failed << " failed), " << Items
      << " items from " << Report.TranslationUnits << " translation units ("
      << Report.FailedTranslationUnits << " with errors) in "
      << llvm::format("%.1f", Seconds) << " s\n";
}

llvm::Expected<ScanResult> runScan(const ScanRequest &Request,
                                   llvm::raw_ostream &Log) {
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
    Names = knownTargets();

  auto Configure = [&](const std::string &Name) -> llvm::Expected<std::string> {
    if (auto It = Request.Builds.find(Name); It != Request.Builds.end())
      return It->second;
    if (auto It = Request.Sysconfigs.find(Name); It != Request.Sysconfigs.end()) {
      auto Root = Request.Sysroots.find(Name);
      return buildFromSysconfig(It->second,
                                Root == Request.Sysroots.end() ? "" : Root->second,
                                Request.SourceDir, Request.ScriptsDir);
    }
    return configureTarget(Request.ScriptsDir, Name, Request.SourceDir);
  };

  ScanResult Result;
  auto Start = std::chrono::steady_clock::now();
  llvm::Expected<std::string> RefDir = Configure(Request.Reference);
  if (!RefDir)
    return RefDir.takeError();
  auto Ref = analyseBuild(Request.SourceDir, *RefDir, Request.Options);
  if (!Ref)
    return Ref.takeError();
  Result.Reference = std::make_unique<AnalysedBuild>(std::move(*Ref));
  summariseItems(Log, Request.Reference + ": ", Result.Reference->Items,
                 secondsSince(Start));
  for (const std::string &Name : Names) {
    auto T0 = std::chrono::steady_clock::now();
    llvm::Expected<std::string> Dir = Configure(Name);
    if (!Dir && AllKnown) {
      // "All that can be configured here": say why a target is left out.
      llvm::WithColor::warning(Log, "wasm-gapscan")
          << "skipping " << Name << ": " << llvm::toString(Dir.takeError()) << "\n";
      continue;
    }
    if (!Dir)
      return Dir.takeError();
    auto A = analyseBuild(Request.SourceDir, *Dir, Request.Options);
    if (!A)
      return A.takeError();
    summariseItems(Log, Name + ": ", A->Items, secondsSince(T0));
    Result.Targets.emplace_back(Name, std::make_unique<AnalysedBuild>(std::move(*A)));
  }
  if (Result.Targets.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "no target could be configured; run scripts/setup.sh");
  std::vector<std::pair<std::string, const AnalysedBuild *>> Pairs;
  for (const auto &[Name, A] : Result.Targets)
    Pairs.emplace_back(Name, A.get());
  Result.Gap = computeGap(Request.Reference, *Result.Reference, Pairs);
  return std::move(Result);
}

} // namespace gapscan

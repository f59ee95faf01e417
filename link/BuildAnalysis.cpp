//===- BuildAnalysis.cpp --------------------------------------------------===//
#include "link/BuildAnalysis.h"
#include "link/LinkCache.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/BuryPointer.h"

namespace gapscan {

DirectiveIndex indexDirectives(const BuildInfo &Build,
                               const std::vector<TUFacts> &TUs) {
  DirectiveIndex Index;
  // Units sharing a header (Modules/_io/_iomodule.h) repeat its
  // directives, and each file's display path is the same for all of its
  // directives: both are looked up by hash, and the ordered index sees each
  // place once.
  llvm::StringMap<std::string> Shown;
  llvm::DenseMap<std::pair<const void *, unsigned>, ConditionalDirective *>
      Seen;
  for (const TUFacts &F : TUs)
    for (const ConditionalDirective &D : F.Directives) {
      auto File = Shown.try_emplace(D.File).first;
      if (File->second.empty())
        File->second = displayPath(Build, D.File);
      auto [Place, New] = Seen.try_emplace({&*File, D.Line}, nullptr);
      if (New) {
        ConditionalDirective &Slot = Index[{File->second, D.Line}];
        Slot = D;
        Slot.File = File->second;
        Place->second = &Slot;
      } else if (D.Taken && !Place->second->Taken) {
        Place->second->Taken = true;
        Place->second->Macros = D.Macros;
      }
    }
  return Index;
}

llvm::Expected<AnalysedBuild> analyseBuild(llvm::StringRef SourceDir,
                                           llvm::StringRef BuildDir,
                                           const AnalysisOptions &Options) {
  llvm::Expected<BuildInfo> Build = loadBuild(SourceDir, BuildDir);
  if (!Build)
    return Build.takeError();
  AnalysedBuild A;
  A.Build = std::move(*Build);
  CollectedUnits Units = collectFacts(A.Build, Options);
  // With every unit's facts as they were when this build was last linked,
  // the link result is the one stored then.
  std::optional<LinkCache> Linked;
  if (!Options.CacheDir.empty()) {
    Linked.emplace(Options.CacheDir);
    if (std::optional<LinkEntry> E =
            Linked->lookup(A.Build, LinkCache::key(A.Build, Units.digests()))) {
      A.Items = std::move(E->Items);
      A.Directives = std::move(E->Directives);
      return A;
    }
  }
  std::vector<TUFacts> Facts = Units.takeFacts();
  // One unit failing is a module the report names; most failing is a broken
  // configuration (a damaged pyconfig.h), whose report would be empty.
  size_t Failed = 0;
  const TUFacts *First = nullptr;
  for (const TUFacts &F : Facts)
    if (!F.ParseOK) {
      ++Failed;
      if (!First && !F.Errors.empty())
        First = &F;
    }
  if (!Facts.empty() && Failed * 2 > Facts.size())
    return llvm::createStringError(
        std::errc::invalid_argument,
        "%zu of %zu translation units of %s do not parse (first: %s); the "
        "configuration is broken (a damaged pyconfig.h?): re-run configure "
        "there",
        Failed, Facts.size(), A.Build.BuildDir.c_str(),
        First ? First->Errors.front().c_str() : "the compiler rejected them");
  A.Items = linkItems(A.Build, Facts, Options.DisableFree);
  A.Directives = indexDirectives(A.Build, Facts);
  if (Linked)
    Linked->store(A.Build, LinkCache::key(A.Build, Units.digests()), A.Items,
                  A.Directives);
  if (Options.DisableFree)
    llvm::BuryPointer(std::make_unique<std::vector<TUFacts>>(std::move(Facts)));
  return A;
}

} // namespace gapscan

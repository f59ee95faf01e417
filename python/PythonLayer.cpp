//===- PythonLayer.cpp ----------------------------------------------------===//
#include "python/PythonLayer.h"
#include "collect/FactsCache.h"
#include "python/LayerCache.h"
#include "python/LibEvaluator.h"
#include "python/LibFacts.h"
#include "support/Error.h"
#include "support/FileUtil.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"

namespace gapscan {

/// Bump when the stored facts or layers change shape.
constexpr unsigned PythonCacheVersion = 2;

llvm::Expected<LibSnapshot> snapshotLibrary(llvm::StringRef SourceDir) {
  LibSnapshot Lib;
  Lib.Files = libFiles(SourceDir);
  if (Lib.Files.empty())
    return badInput("no Python modules under " + SourceDir +
                    "/Lib; pass --source the top of a CPython checkout");
  // Every Lib/ file's path and content, and the parser.
  std::string Key = parserIdentity(SourceDir);
  for (const LibFile &F : Lib.Files) {
    llvm::SmallString<256> Path(SourceDir);
    llvm::sys::path::append(Path, F.Path);
    auto Bytes = llvm::MemoryBuffer::getFile(Path);
    if (!Bytes)
      return badInput("cannot read " + Path + ": " +
                      Bytes.getError().message());
    Key += "\n" + F.Path + " " + contentKey((*Bytes)->getBuffer());
  }
  Lib.Key = contentKey(Key);
  return Lib;
}

llvm::Expected<PythonLayerStats>
addPythonLayers(const LibSnapshot &Lib, llvm::StringRef SourceDir,
                llvm::StringRef ScriptsDir, llvm::StringRef CacheDir,
                llvm::ArrayRef<AnalysedBuild *> Builds) {
  PythonLayerStats Stats;
  const std::vector<LibFile> &Files = Lib.Files;
  const std::string &LibKey = Lib.Key;
  Stats.Modules = Files.size();
  std::string Folder;
  if (!CacheDir.empty())
    Folder = toolFolder(
        versionedCacheFolder(CacheDir, "pyfacts", PythonCacheVersion),
        runningToolIdentity());
  std::vector<std::string> Entries(Builds.size());
  if (!Folder.empty()) {
    // Stored layers are decoded side by side, one configuration per thread.
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Builds.size()));
    for (size_t I = 0; I < Builds.size(); ++I) {
      AnalysedBuild &B = *Builds[I];
      Entries[I] =
          Folder + "/layer-" +
          contentKey(LibKey + cItemsDigest(B.Items) + B.Build.MachDep) + ".bin";
      Pool.async([&B, Entry = Entries[I]] {
        if (auto Bytes = llvm::MemoryBuffer::getFile(Entry))
          if (auto Layer = decodeLayer((*Bytes)->getBuffer()))
            B.Python = std::move(*Layer);
      });
    }
    Pool.wait();
  }
  std::vector<size_t> Missing;
  for (size_t I = 0; I < Builds.size(); ++I) {
    if (Builds[I]->Python)
      ++Stats.LayersCached;
    else
      Missing.push_back(I);
  }
  if (Missing.empty())
    return Stats;
  auto Python = libPython(ScriptsDir, SourceDir);
  if (!Python)
    return Python.takeError();
  auto Library = readLibrary(SourceDir, Files, *Python, Folder);
  if (!Library)
    return Library.takeError();
  Stats.FilesRead = Library->FilesRead;
  Stats.FilesCached = Library->FilesCached;
  {
    // One configuration per thread: each evaluation only reads the library.
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Missing.size()));
    for (size_t I : Missing)
      Pool.async([&, I] {
        AnalysedBuild &B = *Builds[I];
        B.Python = evaluateLibrary(*Library, B.Items, B.Build.MachDep);
      });
    Pool.wait();
  }
  for (size_t I : Missing) {
    ++Stats.LayersEvaluated;
    if (!Entries[I].empty())
      replaceFileAtomically(Entries[I], encodeLayer(*Builds[I]->Python));
  }
  return Stats;
}

} // namespace gapscan

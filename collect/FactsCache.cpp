//===- FactsCache.cpp -----------------------------------------------------===//
#include "collect/FactsCache.h"
#include "collect/FactsCodec.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <chrono>

namespace gapscan {

std::string versionedCacheFolder(llvm::StringRef Dir, llvm::StringRef Kind,
                                 unsigned Version) {
  llvm::SmallString<256> P(Dir);
  std::string Prefix = (Kind + "-v").str();
  llvm::sys::path::append(P, Prefix + std::to_string(Version));
  std::string Root(P);
  llvm::sys::fs::create_directories(Root);
  // Entries of other versions are never read again: remove them rather than
  // let them fill the disk (facts-v1 held 1.7 GB of MessagePack here).
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.starts_with(Prefix) && It->path() != Root)
      llvm::sys::fs::remove_directories(It->path(), /*IgnoreErrors=*/true);
  }
  return Root;
}

/// Folder/tool-H for the tool identity Tool, made if missing and marked as
/// used now; the folders of all but the KeptToolFolders most recently used
/// tools are removed. (Two builds used in turn, a developer's and a CI
/// clone's, keep theirs.)
std::string toolFolder(llvm::StringRef Folder, llvm::StringRef Tool) {
  namespace fs = llvm::sys::fs;
  llvm::SmallString<256> P(Folder);
  llvm::sys::path::append(
      P, "tool-" + llvm::utohexstr(llvm::xxh3_64bits(Tool), true));
  std::string Own(P);
  fs::create_directories(Own);
  int FD;
  // A folder's own time changes only when entries are added; a warm run
  // adds none, so it is set here.
  if (!fs::openFileForRead(Own, FD)) {
    fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  std::vector<std::pair<llvm::sys::TimePoint<>, std::string>> Others;
  std::error_code EC;
  for (fs::directory_iterator It(Folder, EC), End; It != End && !EC;
       It.increment(EC)) {
    fs::file_status Status;
    if (It->path() == Own ||
        !llvm::sys::path::filename(It->path()).starts_with("tool-") ||
        fs::status(It->path(), Status) || !fs::is_directory(Status))
      continue;
    Others.emplace_back(Status.getLastModificationTime(), It->path());
  }
  std::sort(Others.rbegin(), Others.rend());
  for (size_t I = FactsCache::KeptToolFolders - 1; I < Others.size(); ++I)
    fs::remove_directories(Others[I].second, /*IgnoreErrors=*/true);
  return Own;
}

FactsCache::FactsCache(std::string Dir, std::string Tool)
    : Root(toolFolder(versionedCacheFolder(Dir, "facts", FactsCacheVersion),
                      Tool)) {}

std::string FactsCache::entryPath(const std::vector<std::string> &CommandLine,
                                  llvm::StringRef Directory,
                                  llvm::StringRef MainFile) const {
  std::string Key = MainFile.str() + '\0' + Directory.str();
  for (const std::string &A : CommandLine)
    Key += '\0' + A;
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(P, llvm::utohexstr(llvm::xxh3_64bits(Key), true) +
                                 ".facts");
  return std::string(P);
}

std::optional<uint64_t> FactsCache::contentHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> G(Lock);
    if (auto It = Hashes.find(Path); It != Hashes.end())
      return It->second;
  }
  std::optional<uint64_t> H;
  if (auto Buffer =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false))
    H = llvm::xxh3_64bits((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> G(Lock);
  Hashes[Path] = H;
  return H;
}

std::optional<CachedFacts>
FactsCache::find(const std::vector<std::string> &CommandLine,
                 llvm::StringRef Directory, llvm::StringRef MainFile) {
  auto Buffer =
      llvm::MemoryBuffer::getFile(entryPath(CommandLine, Directory, MainFile),
                                  /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  // The inputs are checked before the facts are decoded: a changed header
  // costs no decoding.
  CachedFacts Found;
  std::optional<CacheEntryHeader> Header =
      decodeCacheEntryHeader((*Buffer)->getBuffer(), Found.Bytes);
  if (!Header || Header->Version != FactsCacheVersion ||
      Header->MainFile != MainFile)
    return std::nullopt;
  for (const auto &[Input, Hash] : Header->Inputs) {
    std::optional<uint64_t> Now = contentHash(Input);
    if (!Now || *Now != Hash)
      return std::nullopt;
  }
  Found.Entry = std::move(*Buffer);
  return Found;
}

std::optional<uint64_t>
FactsCache::store(const std::vector<std::string> &CommandLine,
                  llvm::StringRef Directory, const TUFacts &Facts) {
  CacheEntryHeader Header;
  Header.Version = FactsCacheVersion;
  Header.MainFile = Facts.MainFile;
  for (const std::string &Input : Facts.Inputs) {
    auto H = contentHash(Input);
    if (!H)
      return std::nullopt; // An input vanished meanwhile: do not cache.
    Header.Inputs.emplace_back(Input, *H);
  }
  std::string Bytes;
  if (!encodeCacheEntry(Header, Facts, Bytes))
    return std::nullopt;
  // The facts bytes as the reader finds them, so that the digest is the one
  // a warm run computes from this entry.
  llvm::StringRef FactsBytes;
  if (!decodeCacheEntryHeader(Bytes, FactsBytes))
    return std::nullopt;
  uint64_t Digest = llvm::xxh3_64bits(FactsBytes);
  replaceFileAtomically(entryPath(CommandLine, Directory, Facts.MainFile),
                        Bytes);
  return Digest;
}

} // namespace gapscan

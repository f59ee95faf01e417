//===- LinkCache.cpp ------------------------------------------------------===//
#include "link/LinkCache.h"
#include "collect/FactsCache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace gapscan {

LinkCache::LinkCache(std::string Dir)
    : Root(versionedCacheFolder(Dir, "link", LinkCacheVersion)) {}

uint64_t LinkCache::key(const BuildInfo &Build,
                        const std::vector<uint64_t> &FactsDigests) {
  // A rebuilt tool may link differently, and a version number bumped by
  // hand can be forgotten.
  std::string Bytes = std::to_string(LinkCacheVersion) + '\0' +
                      runningToolIdentity() + '\0' +
                      encodeLinkInputs(Build, FactsDigests);
  return llvm::xxh3_64bits(Bytes);
}

std::string LinkCache::entryPath(const BuildInfo &Build) const {
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(
      P, llvm::utohexstr(
             llvm::xxh3_64bits(Build.SourceDir + '\0' + Build.BuildDir), true) +
             ".link");
  return std::string(P);
}

std::optional<LinkEntry> LinkCache::lookup(const BuildInfo &Build,
                                           uint64_t Key) const {
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Build), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  std::optional<LinkEntry> Entry = decodeLinkEntry((*Buffer)->getBuffer());
  if (!Entry || Entry->Key != Key)
    return std::nullopt;
  return Entry;
}

void LinkCache::store(const BuildInfo &Build, uint64_t Key,
                      const ItemsReport &Items,
                      const DirectiveIndex &Directives) const {
  std::string Bytes;
  if (!encodeLinkEntry(Key, Items, Directives, Bytes))
    return;
  replaceFileAtomically(entryPath(Build), Bytes);
}

} // namespace gapscan

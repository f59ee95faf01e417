//===- FactsCache.h - Clang pass results reused while their inputs stand --===//
//
// The facts of a translation unit depend only on its command line and the
// contents of the files it read. They are stored per (command line, main
// file) with a content hash of every input, and reused when every input
// still hashes the same: a second scan, or a pre-commit run after a one-file
// change, parses only the translation units that read a changed file.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LIB_FACTSCACHE_H
#define WASM_GAPSCAN_LIB_FACTSCACHE_H

#include "matchers/Records.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gapscan {

/// Bump when TUFacts or the extractors change what they record: entries of
/// another version are ignored (and overwritten).
/// (2: lib/FactsCodec's encoding instead of MessagePack.)
constexpr unsigned FactsCacheVersion = 2;

/// A folder of cached facts, safe to share between threads and processes
/// (entries are written to a temporary file and renamed).
class FactsCache {
public:
  /// Dir: the cache root (facts go to Dir/facts-vN/).
  explicit FactsCache(std::string Dir);

  /// The facts stored for this command line, if all inputs are unchanged.
  std::optional<TUFacts> lookup(const std::vector<std::string> &CommandLine,
                                llvm::StringRef MainFile);
  void store(const std::vector<std::string> &CommandLine, const TUFacts &Facts);

  unsigned hits() const { return Hits; }
  unsigned misses() const { return Misses; }

private:
  std::string entryPath(const std::vector<std::string> &CommandLine,
                        llvm::StringRef MainFile) const;
  /// Content hash of a file, once per file and run; nullopt if unreadable.
  std::optional<uint64_t> contentHash(const std::string &Path);

  std::string Root;
  std::mutex Lock;
  std::map<std::string, std::optional<uint64_t>> Hashes;
  unsigned Hits = 0, Misses = 0;
};

} // namespace gapscan

#endif

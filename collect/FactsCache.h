//===- FactsCache.h - Clang pass results reused while their inputs stand --===//
//
// The facts of a translation unit depend only on its command line and the
// contents of the files it read. They are stored per (command line, main
// file) with a content hash of every input, and reused when every input
// still hashes the same: a second scan, or a pre-commit run after a one-file
// change, parses only the translation units that read a changed file.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_COLLECT_FACTSCACHE_H
#define WASM_GAPSCAN_COLLECT_FACTSCACHE_H

#include "model/Facts.h"
#include "support/FileUtil.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gapscan {

/// Bump when TUFacts or its encoding change: entries of another version
/// are ignored and their folder removed. (What the extractors record from
/// an input changes with the tool, and the tool's identity keys every
/// entry: see FactsCache's constructor.)
/// (2: collect/FactsCodec's encoding instead of MessagePack; 3: conditionals
/// only in each unit's own folder, see ConditionalRecorder::ignored; 4:
/// entries keyed by working directory, see entryPath; 5: no fields of
/// descriptor structs, loops' arrays keyed, see model/Facts.h; 6: a folder per
/// tool build, see FactsCache's constructor; 7: kinds as enums, see
/// model/Enums.h.)
constexpr unsigned FactsCacheVersion = 8;

/// A facts-cache entry whose inputs are unchanged; its facts are decoded
/// only when needed (link/LinkCache.h may make them unnecessary).
struct CachedFacts {
  std::unique_ptr<llvm::MemoryBuffer> Entry;
  llvm::StringRef Bytes; ///< The encoded facts, inside Entry.
};

/// A folder of cached facts, safe to share between threads and processes
/// (entries are written to a temporary file and renamed).
class FactsCache {
public:
  /// Dir: the cache root. Facts go to Dir/facts-vN/tool-H/, H a hash of
  /// Tool, by default the running executable's identity (path, inode,
  /// size, modification time; support/FileUtil.h): a rebuilt or upgraded
  /// tool, whose extractors may record other facts from the same input,
  /// never reads another build's entries, whatever FactsCacheVersion says.
  /// Only the KeptToolFolders most recently used tools' folders are kept
  /// (each holds a full set of entries: 500 MB for all configurations of
  /// 3.11 and 3.13), so rebuilding the tool does not fill the disk.
  explicit FactsCache(std::string Dir,
                      std::string Tool = runningToolIdentity());
  static constexpr unsigned KeptToolFolders = 3;

  /// The entry stored for this command line, run in Directory, if all its
  /// inputs are unchanged, its facts still encoded.
  std::optional<CachedFacts> find(const std::vector<std::string> &CommandLine,
                                  llvm::StringRef Directory,
                                  llvm::StringRef MainFile);
  /// Stores Facts; returns the xxh3 of the facts bytes written, the digest
  /// a later find()'s caller computes from the entry, or nullopt when
  /// nothing was stored (an input vanished, or the facts do not encode).
  std::optional<uint64_t> store(const std::vector<std::string> &CommandLine,
                                llvm::StringRef Directory,
                                const TUFacts &Facts);

private:
  /// Keyed by the working directory too: a command line's relative paths
  /// (`-I.` reaches the build folder's pyconfig.h) name other files in
  /// another folder, and an entry's inputs list only the files it read.
  std::string entryPath(const std::vector<std::string> &CommandLine,
                        llvm::StringRef Directory,
                        llvm::StringRef MainFile) const;
  /// Content hash of a file, once per file and run; nullopt if unreadable.
  std::optional<uint64_t> contentHash(const std::string &Path);

  std::string Root;
  std::mutex Lock;
  /// Hashed: every unit checks its ~150 inputs here, and an ordered map of
  /// absolute paths with long common prefixes spent that time in memcmp.
  llvm::StringMap<std::optional<uint64_t>> Hashes;
};

/// Dir/Kind-vVersion, made if missing; folders of Kind's other versions are
/// removed (both caches bump their version when their format changes).
std::string versionedCacheFolder(llvm::StringRef Dir, llvm::StringRef Kind,
                                 unsigned Version);

/// Folder/tool-H for the tool identity Tool (made if missing, marked as used
/// now); all but the FactsCache::KeptToolFolders most recently used tools'
/// folders beside it are removed. Shared by every cache keyed by the tool.
std::string toolFolder(llvm::StringRef Folder, llvm::StringRef Tool);

} // namespace gapscan

#endif

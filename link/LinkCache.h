//===- LinkCache.h - Linked items reused while no unit's facts change -----===//
//
// Linking a configuration's facts into items takes about 2 s (3.13, native)
// and is a function of the facts and the build alone, so a run in which no
// unit's facts changed (a second scan; a pre-commit run after an edit that
// leaves the facts as they were, such as a comment) reads the previous
// result instead, without decoding any facts. This is early cutoff as in
// build systems: a rebuilt input whose output is unchanged stops there.
//
// One entry per (source, build) folder pair, overwritten when its inputs
// change, so the cache does not grow with every edit.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LINK_LINKCACHE_H
#define WASM_GAPSCAN_LINK_LINKCACHE_H

#include "collect/FactsCodec.h"
#include "link/BuildAnalysis.h"
#include <optional>
#include <string>
#include <vector>

namespace gapscan {

/// Bump when linking changes what it makes of the same facts. Entries also
/// carry the identity of the executable that wrote them (see key()), so a
/// rebuilt tool does not read them either way.
/// (2: kinds, statuses and linkages as enums, see model/Enums.h.)
constexpr unsigned LinkCacheVersion = 3;

/// A folder of link results, safe to share between processes (entries are
/// written to a temporary file and renamed).
class LinkCache {
public:
  /// Dir: the cache root (entries go to Dir/link-vN/; other versions'
  /// folders are removed).
  explicit LinkCache(std::string Dir);

  /// What the link result of Build is a function of: this tool, the build's
  /// fields linking reads and the digest of every unit's encoded facts.
  static uint64_t key(const BuildInfo &Build,
                      const std::vector<uint64_t> &FactsDigests);

  /// The stored result for Build, if it was stored under Key.
  std::optional<LinkEntry> lookup(const BuildInfo &Build, uint64_t Key) const;
  void store(const BuildInfo &Build, uint64_t Key, const ItemsReport &Items,
             const DirectiveIndex &Directives) const;

private:
  std::string entryPath(const BuildInfo &Build) const;
  std::string Root;
};

} // namespace gapscan

#endif

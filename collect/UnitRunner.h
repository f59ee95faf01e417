//===- UnitRunner.h - Every unit of a build through the pass ----*- C++ -*-===//
#ifndef WASM_GAPSCAN_COLLECT_UNITRUNNER_H
#define WASM_GAPSCAN_COLLECT_UNITRUNNER_H

#include "collect/FactsCache.h"
#include "commands/CompileCommands.h"
#include "model/Facts.h"
#include "llvm/Support/ThreadPool.h"
#include <memory>
#include <mutex>
#include <optional>

namespace gapscan {

struct AnalysisOptions {
  unsigned Jobs = 1;
  std::string ResourceDir;             ///< Empty: the one Clang was built with.
  std::vector<std::string> Extractors; ///< Empty: all.
  /// Cache root for facts of translation units (collect/FactsCache.h); empty:
  /// no cache.
  std::string CacheDir;
  /// The facts cache itself, when the configurations of one run share it:
  /// each file's content hash is then computed once for all of them.
  std::shared_ptr<FactsCache> Cache;
  /// When configurations are analysed side by side: the pool of Jobs
  /// threads their units are parsed on, so that at most Jobs units are
  /// parsed at once in all, and a configuration that is linking leaves the
  /// threads to the others' units. Null: each scan parses on a pool of its
  /// own.
  std::shared_ptr<llvm::ThreadPoolInterface> ParsePool;
  /// Leave the facts of the units allocated once linked (clang's
  /// -disable-free): a process about to exit need not spend a tenth of a
  /// second freeing millions of strings.
  bool DisableFree = false;
};

/// The facts of a build's units, in unit order, as collectFacts left them:
/// parsed, or found in the facts cache and still encoded.
class CollectedUnits {
public:
  /// Per unit, the xxh3 of its encoded facts; empty without a facts cache.
  const std::vector<uint64_t> &digests() const { return Digests; }
  /// Every unit's facts, decoding those found in the cache (a unit whose
  /// entry no longer decodes is parsed again, and its digest updated), as
  /// the linker needs them: a function defined by an earlier unit is left
  /// out of a decoded unit's Functions. Leaves this object empty.
  std::vector<TUFacts> takeFacts();

private:
  friend CollectedUnits collectFacts(const BuildInfo &,
                                     const AnalysisOptions &);
  void parse(const std::vector<size_t> &Indices);

  const BuildInfo *Build = nullptr;
  AnalysisOptions Options;
  std::shared_ptr<FactsCache> Cache;
  std::vector<std::vector<std::string>> Arguments;
  std::vector<std::optional<TUFacts>> Parsed;
  std::vector<std::optional<CachedFacts>> Encoded;
  std::vector<uint64_t> Digests;
};

/// Runs the Clang pass over every compile unit of a build that the facts
/// cache does not hold, Jobs units at a time, each one ClangTool run on a
/// free job. The result does not depend on Jobs.
CollectedUnits collectFacts(const BuildInfo &Build,
                            const AnalysisOptions &Options);

/// The Clang resource dir to use when none is given.
std::string defaultResourceDir();

} // namespace gapscan

#endif

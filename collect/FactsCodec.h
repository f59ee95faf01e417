//===- FactsCodec.h - TUFacts as compact bytes and back ---------*- C++ -*-===//
//
// The facts cache reads a few hundred entries per configuration on every
// run, pre-commit included; decoding them through a JSON document tree took
// more time than linking them. This codec writes the records field by field
// (varints and length-prefixed strings), with one field list per record
// serving both directions, and reads them back without an intermediate tree.
// The reader trusts nothing: every length is checked against what is left,
// symbolic values nest at most MaxSymValDepth deep, and any inconsistency
// gives nullopt (the cache then treats the entry as a miss).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_COLLECT_FACTSCODEC_H
#define WASM_GAPSCAN_COLLECT_FACTSCODEC_H

#include "model/Facts.h"
#include "model/Items.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {

/// What a facts-cache entry holds before its facts: the translation unit's
/// main file and every input with the content hash it had when parsed.
struct CacheEntryHeader {
  unsigned Version = 0;
  std::string MainFile;
  std::vector<std::pair<std::string, uint64_t>> Inputs;
};

/// Deeper symbolic values than this are rejected when read.
constexpr unsigned MaxSymValDepth = 64;

/// Appends the encoding of Facts to Out; false (Out then undefined) when a
/// symbolic value nests deeper than the reader accepts.
bool encodeFacts(const TUFacts &Facts, std::string &Out);

/// Decodes what encodeFacts wrote, consuming all of Bytes; nullopt when the
/// bytes are not exactly one well-formed encoding.
///
/// With KnownFunctions, functions whose key is in the set are left out
/// (their bytes are still checked) and the others' keys are added: decoding
/// a build's units in order that way gives the linker every key's first
/// definition, which is all it uses, without decoding the repeats.
std::optional<TUFacts> decodeFacts(llvm::StringRef Bytes,
                                   llvm::StringSet<> *KnownFunctions = nullptr);

/// A cache entry: a magic tag, the header, then the facts.
bool encodeCacheEntry(const CacheEntryHeader &Header, const TUFacts &Facts,
                      std::string &Out);

/// Reads an entry's header only (checking the inputs comes before decoding
/// the facts); Facts is set to the bytes of the facts that follow.
std::optional<CacheEntryHeader> decodeCacheEntryHeader(llvm::StringRef Bytes,
                                                       llvm::StringRef &Facts);

/// What a configuration's link result is a function of, as bytes to hash:
/// the build's fields that linking reads (folders, version, modules, notes)
/// and each unit's main file with the digest of its encoded facts, in unit
/// order.
std::string encodeLinkInputs(const BuildInfo &Build,
                             const std::vector<uint64_t> &FactsDigests);

/// A link-cache entry: a magic tag, the key of its inputs, then the linked
/// items and the build's directive index.
bool encodeLinkEntry(uint64_t Key, const ItemsReport &Items,
                     const DirectiveIndex &Directives, std::string &Out);

/// What encodeLinkEntry wrote; nullopt when Bytes are not exactly one
/// well-formed entry (directives out of the index's order included).
struct LinkEntry {
  uint64_t Key = 0;
  ItemsReport Items;
  DirectiveIndex Directives;
};
std::optional<LinkEntry> decodeLinkEntry(llvm::StringRef Bytes);

} // namespace gapscan

#endif

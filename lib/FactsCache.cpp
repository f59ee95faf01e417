//===- FactsCache.cpp -----------------------------------------------------===//
#include "lib/FactsCache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <nlohmann/json.hpp>

// std::optional as null-or-value, which nlohmann 3.11 does not do itself.
namespace nlohmann {
template <typename T> struct adl_serializer<std::optional<T>> {
  static void to_json(json &J, const std::optional<T> &V) {
    if (V)
      J = *V;
    else
      J = nullptr;
  }
  static void from_json(const json &J, std::optional<T> &V) {
    if (J.is_null())
      V = std::nullopt;
    else
      V = J.get<T>();
  }
};
} // namespace nlohmann

namespace gapscan {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConditionalDirective, Kind, Condition, File, Line,
                                   Taken, OpeningKind, OpeningCondition, OpeningLine,
                                   Macros)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Site, File, Line, Guards)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NameSite, Spelling, Use)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SymVal, Kind, Text, Name, Index, Args, Sites)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TableRow, Name, Where, Kind)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NameTable, Key, Struct, Rows)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StaticType, Key, TpName, Where, Methods, Members,
                                   GetSets)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TypeSpec, Key, Name, Where, Slots)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SlotTable, Key, Slots)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StructSequenceDesc, Key, Name, Where, Fields)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModuleDef, Key, Name, Where, Methods, Slots)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CallEvent, Callee, Name, Args, Where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FunctionSummary, Key, Name, NumParams, Calls, Returns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StorageAssignment, Target, Value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(InittabEntry, Name, InitFunc)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TUFacts, MainFile, Inputs, ParseOK, Errors, Directives,
                                   Tables, StaticTypes, Specs, SlotTables,
                                   StructSequences, ModuleDefs, Functions, Assignments,
                                   Inittab, TypeFromDesc)

std::string factsToJson(const TUFacts &Facts) {
  try {
    return nlohmann::json(Facts).dump(-1, ' ', false,
                                      nlohmann::json::error_handler_t::replace);
  } catch (const nlohmann::json::exception &) {
    return "";
  }
}

std::optional<TUFacts> factsFromJson(llvm::StringRef Text) {
  try {
    return nlohmann::json::parse(Text.begin(), Text.end()).get<TUFacts>();
  } catch (const nlohmann::json::exception &) {
    return std::nullopt; // A damaged or foreign entry is a miss.
  }
}

FactsCache::FactsCache(std::string Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "facts-v" + std::to_string(FactsCacheVersion));
  Root = std::string(P);
  llvm::sys::fs::create_directories(Root);
}

std::string FactsCache::entryPath(const std::vector<std::string> &CommandLine,
                                  llvm::StringRef MainFile) const {
  std::string Key = MainFile.str();
  for (const std::string &A : CommandLine)
    Key += '\0' + A;
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(P, llvm::utohexstr(llvm::xxh3_64bits(Key), true) + ".msgpack");
  return std::string(P);
}

std::optional<uint64_t> FactsCache::contentHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> G(Lock);
    if (auto It = Hashes.find(Path); It != Hashes.end())
      return It->second;
  }
  std::optional<uint64_t> H;
  if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false))
    H = llvm::xxh3_64bits((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> G(Lock);
  Hashes[Path] = H;
  return H;
}

std::optional<TUFacts> FactsCache::lookup(const std::vector<std::string> &CommandLine,
                                          llvm::StringRef MainFile) {
  auto Miss = [&]() -> std::optional<TUFacts> {
    std::lock_guard<std::mutex> G(Lock);
    ++Misses;
    return std::nullopt;
  };
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(CommandLine, MainFile),
                                             /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Miss();
  nlohmann::json J;
  try {
    // MessagePack: the entries are large (function summaries with every
    // site) and binary reads several times faster than JSON text.
    J = nlohmann::json::from_msgpack((*Buffer)->getBuffer().begin(),
                                     (*Buffer)->getBuffer().end());
    if (J.value("version", 0) != FactsCacheVersion || J.value("main", "") != MainFile)
      return Miss();
    for (const auto &Input : J.at("inputs")) {
      auto H = contentHash(Input.at(0).get<std::string>());
      if (!H || llvm::utohexstr(*H) != Input.at(1).get<std::string>())
        return Miss();
    }
    TUFacts Facts = J.at("facts").get<TUFacts>();
    std::lock_guard<std::mutex> G(Lock);
    ++Hits;
    return Facts;
  } catch (const nlohmann::json::exception &) {
    return Miss();
  }
}

void FactsCache::store(const std::vector<std::string> &CommandLine,
                       const TUFacts &Facts) {
  nlohmann::json Inputs = nlohmann::json::array();
  for (const std::string &Input : Facts.Inputs) {
    auto H = contentHash(Input);
    if (!H)
      return; // An input vanished meanwhile: do not cache.
    Inputs.push_back({Input, llvm::utohexstr(*H)});
  }
  std::vector<uint8_t> Bytes;
  try {
    nlohmann::json J = {{"version", FactsCacheVersion},
                        {"main", Facts.MainFile},
                        {"inputs", std::move(Inputs)},
                        {"facts", Facts}};
    Bytes = nlohmann::json::to_msgpack(J);
  } catch (const nlohmann::json::exception &) {
    return;
  }
  std::string Path = entryPath(CommandLine, Facts.MainFile);
  std::string Temp = Path + ".tmp-" + std::to_string(llvm::sys::Process::getProcessId()) +
                     "-" + llvm::utohexstr(reinterpret_cast<uintptr_t>(&Facts));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC);
    if (EC)
      return; // The cache is an optimisation; a read-only folder disables it.
    OS.write(reinterpret_cast<const char *>(Bytes.data()), Bytes.size());
  }
  if (llvm::sys::fs::rename(Temp, Path))
    llvm::sys::fs::remove(Temp);
}

} // namespace gapscan

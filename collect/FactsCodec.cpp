//===- FactsCodec.cpp -----------------------------------------------------===//
#include "collect/FactsCodec.h"
#include "llvm/ADT/StringSet.h"
#include <climits>
#include <type_traits>

namespace gapscan {
namespace codec {

/// What both directions track: whether the data stopped making sense, and
/// how deep symbolic values nest (both refuse beyond MaxSymValDepth, so the
/// reader accepts whatever the writer wrote).
class ArchiveState {
public:
  bool failed() const { return Failed; }
  void fail() { Failed = true; }
  bool enter() {
    if (++Depth > MaxSymValDepth)
      Failed = true;
    return !Failed;
  }
  void leave() { --Depth; }

protected:
  bool Failed = false;

private:
  unsigned Depth = 0;
};

/// Appends varints and strings.
class Writer : public ArchiveState {
public:
  static constexpr bool Reading = false;
  static constexpr bool Skipping = false;
  explicit Writer(std::string &Out) : Out(Out) {}
  void num(uint64_t &V) {
    uint64_t X = V;
    do {
      unsigned char Byte = X & 0x7f;
      X >>= 7;
      Out.push_back(static_cast<char>(Byte | (X ? 0x80 : 0)));
    } while (X);
  }
  void str(std::string &S) {
    uint64_t N = S.size();
    num(N);
    Out.append(S);
  }
  size_t remaining() const { return SIZE_MAX; }

private:
  std::string &Out;
};

/// Reads what Writer wrote; any inconsistency sets failed() and stops.
class Reader : public ArchiveState {
public:
  static constexpr bool Reading = true;
  static constexpr bool Skipping = false;
  explicit Reader(llvm::StringRef In) : Rest(In) {}
  void num(uint64_t &V) {
    V = 0;
    for (unsigned Shift = 0; !Failed; Shift += 7) {
      if (Rest.empty() || Shift > 63) {
        Failed = true;
        return;
      }
      auto Byte = static_cast<unsigned char>(Rest.front());
      Rest = Rest.drop_front();
      // Only the shortest encoding is accepted, so that decoding and
      // encoding are inverses (the fuzz target checks it).
      if ((Shift == 63 && (Byte & 0x7e)) || (Shift && Byte == 0)) {
        Failed = true;
        return;
      }
      V |= static_cast<uint64_t>(Byte & 0x7f) << Shift;
      if (!(Byte & 0x80))
        return;
    }
  }
  void str(std::string &S) {
    llvm::StringRef View;
    view(View);
    if (!Failed)
      S.assign(View.data(), View.size());
  }
  /// A string without copying it: a view into the input.
  void view(llvm::StringRef &S) {
    uint64_t N = 0;
    num(N);
    if (Failed || N > Rest.size()) {
      Failed = true;
      return;
    }
    S = Rest.take_front(N);
    Rest = Rest.drop_front(N);
  }
  size_t remaining() const { return Rest.size(); }
  llvm::StringRef rest() const { return Rest; }
  void skipTo(llvm::StringRef Tail) { Rest = Tail; }
  /// Keys of the functions read so far, when repeated definitions are
  /// skipped (see decodeFacts).
  llvm::StringSet<> *KnownFunctions = nullptr;

protected:
  llvm::StringRef Rest;
};

/// Checks and steps over what Reader would read, allocating nothing:
/// strings are not copied and vectors are walked with one scratch element.
class Skipper : public Reader {
public:
  static constexpr bool Skipping = true;
  using Reader::Reader;
  void str(std::string &) {
    llvm::StringRef Ignored;
    view(Ignored);
  }
};

// One io() per type, for both directions (the archive is found by ADL).
template <class Ar> void io(Ar &A, std::string &S) { A.str(S); }
template <class Ar> void io(Ar &A, uint64_t &V) { A.num(V); }
template <class Ar> void io(Ar &A, unsigned &V) {
  uint64_t X = V;
  A.num(X);
  if (X > UINT_MAX)
    A.fail();
  V = static_cast<unsigned>(X);
}
template <class Ar> void io(Ar &A, bool &V) {
  uint64_t X = V;
  A.num(X);
  if (X > 1)
    A.fail();
  V = X == 1;
}
template <class Ar> void io(Ar &A, long &V) {
  // Zigzag: small negative numbers stay short.
  uint64_t X = (static_cast<uint64_t>(V) << 1) ^ static_cast<uint64_t>(V >> 63);
  A.num(X);
  V = static_cast<long>((X >> 1) ^ (~(X & 1) + 1));
}
template <class Ar, class T> void ioVector(Ar &A, std::vector<T> &V) {
  uint64_t N = V.size();
  A.num(N);
  if (A.failed())
    return;
  if constexpr (Ar::Skipping) {
    if (N > A.remaining())
      A.fail();
    for (uint64_t I = 0; I < N && !A.failed(); ++I) {
      T Scratch;
      io(A, Scratch);
    }
    return;
  }
  if constexpr (Ar::Reading) {
    // Every element takes at least one byte: a count beyond what is left
    // is damage, not a reason to allocate.
    if (N > A.remaining()) {
      A.fail();
      return;
    }
    V.resize(N);
  }
  for (T &E : V) {
    io(A, E);
    if (A.failed())
      return;
  }
}
template <class Ar, class T> void io(Ar &A, std::vector<T> &V) {
  ioVector(A, V);
}
template <class Ar, class T> void io(Ar &A, std::optional<T> &V) {
  bool Has = V.has_value();
  io(A, Has);
  if (A.failed())
    return;
  if constexpr (Ar::Reading) {
    if (!Has) {
      V.reset();
      return;
    }
    V.emplace();
  }
  if (Has)
    io(A, *V);
}
template <class Ar, class X, class Y> void io(Ar &A, std::pair<X, Y> &P) {
  io(A, P.first);
  io(A, P.second);
}
template <class Ar, class... Ts> void fields(Ar &A, Ts &...Fields) {
  (io(A, Fields), ...);
}

/// A closed enum as its number; a number past Last is damage.
template <class Ar, class E> void ioEnum(Ar &A, E &V, E Last) {
  uint64_t N = static_cast<uint64_t>(V);
  A.num(N);
  if (N > static_cast<uint64_t>(Last))
    A.fail();
  V = static_cast<E>(A.failed() ? 0 : N);
}
template <class Ar> void io(Ar &A, ItemKind &K) {
  ioEnum(A, K, ItemKind::StaticMethod);
}
template <class Ar> void io(Ar &A, ModuleStatus &S) {
  ioEnum(A, S, ModuleStatus::NoDefinition);
}
template <class Ar> void io(Ar &A, Linkage &L) {
  ioEnum(A, L, Linkage::Shared);
}

template <class Ar> void io(Ar &A, ConditionalDirective &D) {
  fields(A, D.Kind, D.Condition, D.File, D.Line, D.Taken, D.OpeningKind,
         D.OpeningCondition, D.OpeningLine, D.Macros);
}
template <class Ar> void io(Ar &A, Site &S) {
  fields(A, S.File, S.Line, S.Guards);
}
template <class Ar> void io(Ar &A, NameSite &S) {
  fields(A, S.Spelling, S.Use);
}
template <class Ar> void io(Ar &A, SymVal &S) {
  if (!A.enter())
    return;
  uint64_t Kind = S.Kind;
  A.num(Kind);
  if (Kind > SymVal::TypeDict)
    A.fail();
  S.Kind = static_cast<SymVal::KindTy>(A.failed() ? 0 : Kind);
  fields(A, S.Text, S.Name, S.Index, S.Args, S.Sites);
  A.leave();
}
template <class Ar> void io(Ar &A, TableRow &R) {
  fields(A, R.Name, R.Where, R.Kind, R.Impl);
}
template <class Ar> void io(Ar &A, NameTable &T) {
  fields(A, T.Key, T.Struct, T.Rows);
}
template <class Ar> void io(Ar &A, StaticType &T) {
  fields(A, T.Key, T.TpName, T.Where, T.Methods, T.Members, T.GetSets, T.New,
         T.Init);
}
template <class Ar> void io(Ar &A, TypeSpec &T) {
  fields(A, T.Key, T.Name, T.Where, T.Slots);
}
template <class Ar> void io(Ar &A, SlotTable &T) { fields(A, T.Key, T.Slots); }
template <class Ar> void io(Ar &A, StructSequenceDesc &D) {
  fields(A, D.Key, D.Name, D.Where, D.Fields);
}
template <class Ar> void io(Ar &A, ModuleDef &D) {
  fields(A, D.Key, D.Name, D.Where, D.Methods, D.Slots);
}
template <class Ar> void io(Ar &A, CallEvent &C) {
  fields(A, C.Callee, C.Name, C.Args, C.Where);
}
/// Everything of a function summary after its key.
template <class Ar> void ioAfterKey(Ar &A, FunctionSummary &F) {
  fields(A, F.Name, F.NumParams, F.Calls, F.Returns);
}
template <class Ar> void io(Ar &A, FunctionSummary &F) {
  io(A, F.Key);
  ioAfterKey(A, F);
}
/// A unit's functions. Read with KnownFunctions set, a function whose key
/// an earlier unit defined is stepped over: units repeat the static inline
/// functions of the headers they include (Include/object.h's Py_INCREF...),
/// and the linker keeps a key's first definition anyway. That is most of
/// the bytes of a build's facts.
template <class Ar> void io(Ar &A, std::vector<FunctionSummary> &V) {
  if constexpr (!Ar::Reading || Ar::Skipping) {
    ioVector(A, V);
  } else {
    if (!A.KnownFunctions) {
      ioVector(A, V);
      return;
    }
    uint64_t N = 0;
    A.num(N);
    if (A.failed() || N > A.remaining()) {
      A.fail();
      return;
    }
    for (uint64_t I = 0; I < N && !A.failed(); ++I) {
      llvm::StringRef Key;
      A.view(Key);
      if (A.failed())
        return;
      if (!A.KnownFunctions->insert(Key).second) {
        Skipper S(A.rest());
        FunctionSummary Scratch;
        ioAfterKey(S, Scratch);
        if (S.failed())
          A.fail();
        A.skipTo(S.rest());
        continue;
      }
      FunctionSummary &F = V.emplace_back();
      F.Key = Key.str();
      ioAfterKey(A, F);
    }
  }
}
template <class Ar> void io(Ar &A, FailurePoint &P) {
  fields(A, P.Text, P.Where);
}
template <class Ar> void io(Ar &A, FunctionBehaviour &B) {
  fields(A, B.Key, B.Name, B.Where, B.Callees, B.Failures);
}
template <class Ar> void io(Ar &A, StorageAssignment &S) {
  fields(A, S.Target, S.Value);
}
template <class Ar> void io(Ar &A, InittabEntry &E) {
  fields(A, E.Name, E.InitFunc);
}
template <class Ar> void io(Ar &A, TUFacts &F) {
  fields(A, F.MainFile, F.Inputs, F.ParseOK, F.Errors, F.Directives, F.Tables,
         F.StaticTypes, F.Specs, F.SlotTables, F.StructSequences, F.ModuleDefs,
         F.Functions, F.Behaviours, F.Assignments, F.Inittab, F.TypeFromDesc);
}
template <class Ar> void io(Ar &A, CacheEntryHeader &H) {
  fields(A, H.Version, H.MainFile, H.Inputs);
}
template <class Ar> void io(Ar &A, ItemDefinition &D) {
  fields(A, D.DefinedAt, D.UsedAt, D.Guards);
}
template <class Ar> void io(Ar &A, ApiItem &I) {
  fields(A, I.Name, I.Kind, I.Definitions, I.Impl);
}
template <class Ar> void io(Ar &A, CFailure &F) {
  fields(A, F.At, F.Text, F.Guard);
}
template <class Ar> void io(Ar &A, CFunction &F) {
  fields(A, F.Name, F.At, F.Callees, F.Failures);
}
template <class Ar> void io(Ar &A, ModuleItems &M) {
  fields(A, M.Name, M.State, M.Linkage, M.Status, M.Sources, M.Errors, M.Items);
}
template <class Ar> void io(Ar &A, ItemsReport &R) {
  fields(A, R.SourceDir, R.BuildDir, R.Version, R.Host, R.Compiler,
         R.TranslationUnits, R.FailedTranslationUnits, R.Modules, R.Notes,
         R.Behaviour.Functions);
}
template <class Ar> void io(Ar &A, ModuleBuild &M) {
  fields(A, M.Name, M.State, M.Linkage, M.Sources);
}

} // namespace codec

// The writer only reads the records; the shared field lists take them
// non-const so that the reader can fill them.
bool encodeFacts(const TUFacts &Facts, std::string &Out) {
  codec::Writer W(Out);
  codec::io(W, const_cast<TUFacts &>(Facts));
  return !W.failed();
}

std::optional<TUFacts> decodeFacts(llvm::StringRef Bytes,
                                   llvm::StringSet<> *KnownFunctions) {
  codec::Reader R(Bytes);
  R.KnownFunctions = KnownFunctions;
  TUFacts Facts;
  codec::io(R, Facts);
  if (R.failed() || R.remaining())
    return std::nullopt;
  return Facts;
}

static constexpr llvm::StringLiteral EntryMagic = "wasm-gapscan facts\n";

bool encodeCacheEntry(const CacheEntryHeader &Header, const TUFacts &Facts,
                      std::string &Out) {
  Out.append(EntryMagic.data(), EntryMagic.size());
  codec::Writer W(Out);
  codec::io(W, const_cast<CacheEntryHeader &>(Header));
  return !W.failed() && encodeFacts(Facts, Out);
}

std::optional<CacheEntryHeader> decodeCacheEntryHeader(llvm::StringRef Bytes,
                                                       llvm::StringRef &Facts) {
  if (!Bytes.consume_front(EntryMagic))
    return std::nullopt;
  codec::Reader R(Bytes);
  CacheEntryHeader Header;
  codec::io(R, Header);
  if (R.failed())
    return std::nullopt;
  Facts = R.rest();
  return Header;
}

std::string encodeLinkInputs(const BuildInfo &Build,
                             const std::vector<uint64_t> &FactsDigests) {
  std::string Out;
  codec::Writer W(Out);
  BuildInfo &B = const_cast<BuildInfo &>(Build);
  codec::fields(W, B.SourceDir, B.BuildDir, B.Version, B.Host,
                B.CompilerCommand, B.Notes, B.FromCompilationDatabase);
  uint64_t N = B.Modules.size();
  W.num(N);
  for (auto &[Name, M] : B.Modules)
    codec::fields(W, const_cast<std::string &>(Name), M);
  N = B.Units.size();
  W.num(N);
  for (size_t I = 0; I < B.Units.size(); ++I) {
    uint64_t Digest = I < FactsDigests.size() ? FactsDigests[I] : 0;
    codec::fields(W, B.Units[I].File, Digest);
  }
  return Out;
}

static constexpr llvm::StringLiteral LinkMagic = "wasm-gapscan link\n";

bool encodeLinkEntry(uint64_t Key, const ItemsReport &Items,
                     const DirectiveIndex &Directives, std::string &Out) {
  Out.append(LinkMagic.data(), LinkMagic.size());
  codec::Writer W(Out);
  // The index is keyed by each directive's own file and line: the values
  // say it all.
  std::vector<ConditionalDirective> List;
  for (const auto &[Where, D] : Directives)
    List.push_back(D);
  codec::fields(W, Key, const_cast<ItemsReport &>(Items), List);
  return !W.failed();
}

std::optional<LinkEntry> decodeLinkEntry(llvm::StringRef Bytes) {
  if (!Bytes.consume_front(LinkMagic))
    return std::nullopt;
  codec::Reader R(Bytes);
  LinkEntry E;
  std::vector<ConditionalDirective> List;
  codec::fields(R, E.Key, E.Items, List);
  if (R.failed() || R.remaining())
    return std::nullopt;
  // Written in the index's order: anything else (a repeated place
  // included) is damage, and keeps decoding the inverse of encoding.
  for (ConditionalDirective &D : List) {
    std::pair<std::string, unsigned> Where{D.File, D.Line};
    if (!E.Directives.empty() && !(E.Directives.rbegin()->first < Where))
      return std::nullopt;
    E.Directives.emplace_hint(E.Directives.end(), std::move(Where),
                              std::move(D));
  }
  return E;
}

} // namespace gapscan

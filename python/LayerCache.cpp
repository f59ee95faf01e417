//===- LayerCache.cpp -----------------------------------------------------===//
#include "python/LayerCache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include <cstdint>

namespace gapscan {
namespace {

/// Length-prefixed little-endian fields, read back with bounds checks.
class Writer {
public:
  std::string Out;
  void u32(uint32_t V) {
    for (int I = 0; I < 4; ++I)
      Out.push_back(static_cast<char>((V >> (8 * I)) & 0xff));
  }
  void str(const std::string &S) {
    u32(static_cast<uint32_t>(S.size()));
    Out += S;
  }
  void evidence(const PyEvidence &E) {
    str(E.At);
    str(E.Text);
    str(E.CModule);
    str(E.CName);
  }
  void chain(const std::vector<PyEvidence> &Why) {
    u32(static_cast<uint32_t>(Why.size()));
    for (const PyEvidence &E : Why)
      evidence(E);
  }
};

class Reader {
public:
  explicit Reader(llvm::StringRef In) : In(In) {}
  bool Ok = true;
  uint32_t u32() {
    if (Pos + 4 > In.size()) {
      Ok = false;
      return 0;
    }
    uint32_t V = 0;
    for (int I = 0; I < 4; ++I)
      V |= static_cast<uint32_t>(static_cast<uint8_t>(In[Pos + I])) << (8 * I);
    Pos += 4;
    return V;
  }
  std::string str() {
    uint32_t N = u32();
    if (!Ok || Pos + N > In.size()) {
      Ok = false;
      return "";
    }
    std::string S = In.substr(Pos, N).str();
    Pos += N;
    return S;
  }
  PyEvidence evidence() {
    PyEvidence E;
    E.At = str();
    E.Text = str();
    E.CModule = str();
    E.CName = str();
    return E;
  }
  std::vector<PyEvidence> chain() {
    std::vector<PyEvidence> Why;
    uint32_t N = u32();
    if (Ok && N <= remaining())
      Why.reserve(N);
    for (uint32_t I = 0; Ok && I < N; ++I)
      Why.push_back(evidence());
    return Why;
  }
  /// An enum stored as a number below Limit.
  template <typename E> E small(uint32_t Limit) {
    uint32_t V = u32();
    if (V >= Limit)
      Ok = false;
    return static_cast<E>(Ok ? V : 0);
  }
  bool atEnd() const { return Pos == In.size(); }
  /// A bound for counts read from the input (each element takes a byte).
  size_t remaining() const { return In.size() - Pos; }

private:
  llvm::StringRef In;
  size_t Pos = 0;
};

constexpr uint32_t Magic = 0x4c595048; // "HPYL": layers with callables
constexpr uint32_t StepKindLimit =
    static_cast<uint32_t>(PyStep::Kind::CallsC) + 1;
constexpr uint32_t TriLimit = 3;
constexpr uint32_t KindLimit =
    static_cast<uint32_t>(ItemKind::StaticMethod) + 1;

} // namespace

std::string encodeLayer(const PyLayer &Layer) {
  Writer W;
  W.u32(Magic);
  W.str(Layer.Platform);
  W.u32(static_cast<uint32_t>(Layer.Modules.size()));
  for (const PyModuleVerdict &M : Layer.Modules) {
    W.str(M.Name);
    W.str(M.Path);
    W.u32(static_cast<uint32_t>(M.Imports));
    W.chain(M.Why);
    W.u32(static_cast<uint32_t>(M.Names.size()));
    for (const PyName &N : M.Names) {
      W.str(N.Name);
      W.u32(static_cast<uint32_t>(N.Kind));
      W.u32(static_cast<uint32_t>(N.Exists));
      W.str(N.DefinedAt);
      W.evidence(N.Origin);
      W.str(N.OriginModule);
      W.str(N.OriginName);
      W.chain(N.Why);
      W.str(N.Callable);
    }
    W.u32(static_cast<uint32_t>(M.Dynamic.size()));
    for (const std::string &D : M.Dynamic)
      W.str(D);
  }
  W.u32(static_cast<uint32_t>(Layer.Callables.size()));
  for (const PyCallable &C : Layer.Callables) {
    W.str(C.Id);
    W.str(C.At);
    W.u32(C.IsClass ? 1 : 0);
    W.u32(static_cast<uint32_t>(C.Steps.size()));
    for (const PyStep &S : C.Steps) {
      W.u32(static_cast<uint32_t>(S.StepKind));
      W.str(S.Target);
      W.evidence(S.Where);
      W.chain(S.Why);
      W.u32(S.Certain ? 1 : 0);
    }
  }
  return std::move(W.Out);
}

std::optional<PyLayer> decodeLayer(llvm::StringRef Bytes) {
  Reader R(Bytes);
  if (R.u32() != Magic)
    return std::nullopt;
  PyLayer Layer;
  Layer.Platform = R.str();
  uint32_t Modules = R.u32();
  if (R.Ok && Modules <= R.remaining())
    Layer.Modules.reserve(Modules);
  for (uint32_t I = 0; R.Ok && I < Modules; ++I) {
    PyModuleVerdict M;
    M.Name = R.str();
    M.Path = R.str();
    M.Imports = R.small<Tri>(TriLimit);
    M.Why = R.chain();
    uint32_t Names = R.u32();
    if (R.Ok && Names <= R.remaining())
      M.Names.reserve(Names);
    for (uint32_t J = 0; R.Ok && J < Names; ++J) {
      PyName N;
      N.Name = R.str();
      N.Kind = R.small<ItemKind>(KindLimit);
      N.Exists = R.small<Tri>(TriLimit);
      N.DefinedAt = R.str();
      N.Origin = R.evidence();
      N.OriginModule = R.str();
      N.OriginName = R.str();
      N.Why = R.chain();
      N.Callable = R.str();
      M.Names.push_back(std::move(N));
    }
    uint32_t Dynamic = R.u32();
    for (uint32_t J = 0; R.Ok && J < Dynamic; ++J)
      M.Dynamic.push_back(R.str());
    Layer.Modules.push_back(std::move(M));
  }
  uint32_t Callables = R.u32();
  if (R.Ok && Callables <= R.remaining())
    Layer.Callables.reserve(Callables);
  for (uint32_t I = 0; R.Ok && I < Callables; ++I) {
    PyCallable C;
    C.Id = R.str();
    C.At = R.str();
    C.IsClass = R.small<uint32_t>(2) != 0;
    uint32_t Steps = R.u32();
    if (R.Ok && Steps <= R.remaining())
      C.Steps.reserve(Steps);
    for (uint32_t J = 0; R.Ok && J < Steps; ++J) {
      PyStep S;
      S.StepKind = R.small<PyStep::Kind>(StepKindLimit);
      S.Target = R.str();
      S.Where = R.evidence();
      S.Why = R.chain();
      S.Certain = R.small<uint32_t>(2) != 0;
      C.Steps.push_back(std::move(S));
    }
    Layer.Callables.push_back(std::move(C));
  }
  if (!R.Ok || !R.atEnd())
    return std::nullopt;
  return Layer;
}

std::string cItemsDigest(const ItemsReport &Items) {
  std::string Text;
  for (const ModuleItems &M : Items.Modules) {
    Text += M.Name + "\x01" + M.State + "\x01" +
            std::to_string(static_cast<int>(M.Status)) +
            std::to_string(static_cast<int>(M.Linkage)) + "\x02";
    for (const ApiItem &I : M.Items)
      Text +=
          I.Name + "\x01" + std::to_string(static_cast<int>(I.Kind)) + "\x02";
  }
  return llvm::utohexstr(llvm::xxh3_64bits(Text), true);
}

} // namespace gapscan

//===- Linker.h - The item linker's evaluation state ----------*- C++ -*-===//
//
// Internal to link/: the symbolic values the linker tracks and the Linker
// itself, whose work is split by step over ItemLinker.cpp (modules and the
// run), LinkerIndex.cpp (indexes and call-graph facts), Evaluator.cpp
// (symbolic evaluation of function summaries) and Additions.cpp (calls that
// add items, and their definitions with guards).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LINK_LINKER_H
#define WASM_GAPSCAN_LINK_LINKER_H

#include "extract/CApiSemantics.h"
#include "link/ItemLinker.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {
namespace linking {

/// Where a record lives: the translation unit whose directive table its
/// sites index into.
template <typename T> struct Located {
  unsigned TU;
  const T *Record;
};

/// A function defined in the build, with its calls resolved once: linking
/// follows calls millions of times, and looking callees up by name each
/// time cost more than the evaluation itself.
struct FunctionInfo {
  unsigned TU;
  const FunctionSummary *Record;
  llvm::StringRef Key;
  /// Per call of Record->Calls: whether it is an addition that can add an
  /// item (canAdd), and the callee when the build defines it.
  std::vector<bool> Adds;
  std::vector<FunctionInfo *> Callees;
  std::vector<FunctionInfo *> Callers; ///< Functions calling this one.
  /// Whether the function may add module items (it, or a function it calls,
  /// calls an addition API); see Linker::computeMayAdd.
  bool MayAdd = false;
  /// For such functions: the parameters whose value can reach an addition
  /// call's arguments (directly, through a callee's such parameters, or
  /// through a call's result). A call is followed with its known arguments
  /// only when one of them sits at such a parameter:
  /// PyErr_SetString(exc, "message") may reach PyObject_SetAttr through
  /// Objects/exceptions.c, but not with the message as receiver or name.
  llvm::SmallBitVector Reaching;
};

/// A site together with the translation unit it belongs to.
struct TUSite {
  unsigned TU;
  const Site *Where;
};

struct Value {
  enum KindTy {
    None,
    Module,
    ModuleDict,
    Strings,
    Type,
    Def,
    Table,
    Function,
    PerRow,     ///< One value per row of a constant array (see Rows).
    TypeDictOf, ///< The tp_dict of the type described by Key/TypeKind/TypeName.
    Constant    ///< A new int/str/bytes/float/bool object (PyLong_FromLong...).
  };
  KindTy Kind = None;
  std::string Key; ///< Module def / type / table / function key.
  enum TypeKindTy { Static, Spec, StructSeq, Exception } TypeKind = Static;
  std::string TypeName; ///< Dotted name for types.
  struct Str {
    unsigned TU;
    const SymVal *Lit;
    int Row = -1; ///< Row of a constant array the string was read from.
  };
  std::vector<Str> Strs;
  /// For values read from the rows of a constant array: its key, and (kind
  /// PerRow) the value of each row.
  std::string RowsOf;
  std::vector<Value> Rows;
  bool none() const { return Kind == None; }
};

class Linker {
public:
  Linker(const BuildInfo &B, const std::vector<TUFacts> &TUs)
      : Build(B), TUs(TUs) {
    index();
  }
  ItemsReport run();

private:
  // run()'s steps (link/ItemLinker.cpp).
  struct ModuleTable;
  ModuleTable findModules();
  std::map<std::string, std::string> findModuleDefs(ModuleTable &Modules);
  void evaluate(const std::map<std::string, std::string> &DefOfModule);
  ModuleItems finishModule(ModuleItems M, const std::string *DefKey,
                           const std::map<std::string, const TUFacts *> &TUOf);

  using Path = std::vector<TUSite>;
  struct PendingItem {
    std::string Name;
    ItemKind Kind;
    ItemDefinition Def;
    std::vector<std::string> Impl; ///< Keys of the C functions a call runs.
  };
  /// The tp_new and tp_init functions of a static type or spec.
  std::vector<std::string> constructorsOf(const Value &Type) const;

  void index();
  void computeMayAdd();
  Value eval(const SymVal &S, unsigned TU, const std::vector<Value> &Env,
             unsigned Depth);
  /// eval of a SymVal::Call: the C API's semantics (extract/CApiSemantics.h)
  /// or what the called function returns.
  Value evalCall(const SymVal &S, unsigned TU, const std::vector<Value> &Env,
                 unsigned Depth);
  /// A type made by a call given &spec or &desc (Def).
  Value madeFrom(const Value &Def, const SymVal &S,
                 const std::vector<Value> &Args);
  /// What a C API call of that role returns, when its arguments say.
  std::optional<Value> apiResult(CApiRole Role, const std::vector<Value> &Args);
  /// What a function defined in the build returns, in this context.
  Value returnOf(const SymVal &S, const std::vector<Value> &Args,
                 unsigned Depth);
  Value global(const std::string &Key, unsigned Depth);
  Value fromAssignments(const std::string &Key, unsigned Depth);
  void evalFunction(FunctionInfo &F, const std::vector<Value> &Env, Path &P,
                    unsigned Depth);
  void handleCall(const CallEvent &C, unsigned TU,
                  const std::vector<Value> &Args, Path &P);
  /// Kind: the items' kind, or nullopt to tell it from each object.
  void addNamed(const std::string &DefKey, const Value &Names,
                std::optional<ItemKind> Kind, const Value &Object,
                const Path &P);
  void addTableRows(const std::string &DefKey, const std::string &Prefix,
                    const std::string &TableKey, bool ModuleLevel,
                    const Path &P);
  void addTypeExtras(const Value &Type, const Value &Names, const Value &Object,
                     const Path &P);
  void addTypeMembers(const std::string &DefKey, const std::string &Attr,
                      const Value &Type, const Path &P);
  std::string typeName(const Value &Type);
  /// Index of each kept function of the behaviour graph, by key.
  llvm::StringMap<unsigned> BehaviourIndex;
  bool isForeignType(const std::string &DefKey, const Value &Type) const;
  /// Sources (absolute paths) of the module of each PyModuleDef; core
  /// modules (sys, builtins) have none and own every type they export.
  std::map<std::string, std::set<std::string>> SourcesOfDef;
  ItemDefinition definition(const Path &P, unsigned TU, const NameSite *Name);
  void appendGuards(ItemDefinition &D, unsigned TU, const Site &S,
                    std::set<std::pair<std::string, unsigned>> &Seen);

  const BuildInfo &Build;
  const std::vector<TUFacts> &TUs;
  // Hash maps: evaluation looks names up millions of times, and ordered
  // maps of keys with long common prefixes spent a fifth of linking in
  // memcmp. Where order matters, the keys are iterated sorted.
  llvm::StringMap<Located<NameTable>> Tables;
  llvm::StringMap<Located<StaticType>> StaticTypes;
  llvm::StringMap<Located<TypeSpec>> Specs;
  llvm::StringMap<Located<SlotTable>> SlotTables;
  llvm::StringMap<Located<StructSequenceDesc>> Descs;
  llvm::StringMap<Located<ModuleDef>> Defs;
  llvm::StringMap<FunctionInfo> Functions;
  /// Keys of the functions run() starts from, sorted: those that may add
  /// items and the PyInit_* functions (about half of all keys, and sorting
  /// keys with long common prefixes is not free).
  std::vector<llvm::StringRef> SortedEntryPoints;
  llvm::StringMap<std::vector<std::pair<unsigned, const SymVal *>>> Assignments;
  llvm::StringMap<std::string> DescOfType;
  void computeReaching();
  /// Whether a known argument sits at a parameter reaching an addition.
  static bool reachesAddition(const FunctionInfo &Callee,
                              const std::vector<Value> &Args);
  /// Functions (their FunctionInfo) and storage (its Assignments entry)
  /// being evaluated: recursion stops at them.
  std::vector<const void *> Stack;
  /// Whether Entry is on the stack, where recursion stops; lowers LowestCut
  /// to its position.
  bool onStack(const void *Entry);
  /// Items, type extras, member expansions and created types so far: an
  /// evaluation that leaves this unchanged added nothing.
  uint64_t Effects = 0;
  /// The lowest stack position a recursion stopped at since the innermost
  /// shaped evaluation began (0 for the expression depth limit, which is
  /// not followed into): below that evaluation's start, its outcome
  /// depended on its callers.
  size_t LowestCut = SIZE_MAX;
  /// Callee evaluations that added nothing, by callee, depth and shape of
  /// the arguments (see followCallee).
  llvm::StringSet<> Fruitless;
  void followCallee(FunctionInfo &Callee, const std::vector<Value> &Args,
                    Path &P, unsigned Depth);
  std::map<std::string, std::vector<PendingItem>> ItemsByDef;
  llvm::StringMap<Value> StorageMemo;
  /// The type a type constructor being evaluated is building, if any.
  const Value *Creating = nullptr;
  std::set<std::string> CreatedFrom;
  /// Attributes inserted into a type's dict or set on the type object, by
  /// type key; added under every module exporting the type.
  std::map<std::string, std::vector<PendingItem>> TypeExtras;
  /// Member expansions, done after evaluation so that TypeExtras is complete.
  struct Expansion {
    std::string DefKey, Attr;
    Value Type;
    Path Where;
  };
  std::vector<Expansion> Expansions;
  void expandTypeMembers(const Expansion &E);
  /// Return values of calls whose arguments are all unknown.
  llvm::StringMap<Value> ReturnMemo;
  /// The element a loop over an array is at while a call's arguments are
  /// evaluated: every `array[i]` of that array, at any depth of the
  /// arguments, is that element (see evalFunction).
  struct LoopElement {
    const std::string *Array = nullptr;
    size_t Index = 0;
  } Bound;
  /// The short names of types (`_PyType_Name(T)`) as string literals of
  /// their own, by type key: Value::Str points into it, so the entries
  /// must stay where they are (StringMap does not move its entries).
  llvm::StringMap<std::pair<unsigned, SymVal>> ShortTypeNames;
  Value shortTypeName(const Value &Type);
};

/// The first `array[i]` in S, at any depth.
const SymVal *findElements(const SymVal &S);

/// A dunder name. Special methods come from Objects/typeobject.c's slotdefs[]
/// loop, which adds a wrapper only for the slots a type fills (a run-time
/// check): addTypeExtras does not list them, or every type would have them.
inline bool isSpecialMethodName(llvm::StringRef Name) {
  return Name.starts_with("__") && Name.ends_with("__");
}

} // namespace linking
} // namespace gapscan

#endif

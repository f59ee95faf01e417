//===- ItemLinker.cpp -----------------------------------------------------===//
//
// Evaluates the recorded function summaries to find what each module adds.
// Values are tracked symbolically: a module object is "the module created
// from PyModuleDef D" (PyModule_Create(&D), _PyModule_CreateInitialized(&D),
// the first argument of D's Py_mod_exec functions), its dict is
// PyModule_GetDict of it, types come from static PyTypeObjects, PyType_Spec
// (any call taking a spec), struct sequence descs and PyErr_NewException.
// Helpers are evaluated in the context of their callers, so a name passed
// through `_add_errcode(module_dict, error_dict, "ENODEV", ENODEV)`
// (Modules/errnomodule.c) still ends up as errno.ENODEV with the #ifdef of
// the call.
//
//===----------------------------------------------------------------------===//
#include "lib/ItemLinker.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

namespace gapscan {

std::string displayPath(const BuildInfo &Build, llvm::StringRef Path) {
  if (Path.consume_front(Build.SourceDir + "/"))
    return Path.str();
  if (Path.consume_front(Build.BuildDir + "/"))
    return "$BUILD/" + Path.str();
  return Path.str();
}

namespace {

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
  using Path = std::vector<TUSite>;
  struct PendingItem {
    std::string Name, Kind;
    ItemDefinition Def;
  };

  void index();
  void computeMayAdd();
  Value eval(const SymVal &S, unsigned TU, const std::vector<Value> &Env,
             unsigned Depth);
  Value global(const std::string &Key, unsigned Depth);
  Value fromAssignments(const std::string &Key, unsigned Depth);
  void evalFunction(FunctionInfo &F, const std::vector<Value> &Env, Path &P,
                    unsigned Depth);
  void handleCall(const CallEvent &C, unsigned TU,
                  const std::vector<Value> &Args, Path &P);
  void addNamed(const std::string &DefKey, const Value &Names,
                const std::string &Kind, const Value &Object, const Path &P);
  void addTableRows(const std::string &DefKey, const std::string &Prefix,
                    const std::string &TableKey, bool ModuleLevel,
                    const Path &P);
  void addTypeExtras(const Value &Type, const Value &Names, const Value &Object,
                     const Path &P);
  void addTypeMembers(const std::string &DefKey, const std::string &Attr,
                      const Value &Type, const Path &P);
  std::string typeName(const Value &Type);
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
const SymVal *findElements(const SymVal &S) {
  if (S.Kind == SymVal::Elements)
    return &S;
  for (const SymVal &A : S.Args)
    if (const SymVal *E = findElements(A))
      return E;
  return nullptr;
}

/// CPython API calls that add a name to a module (Include/modsupport.h,
/// Include/dictobject.h, Include/abstract.h). The receiver is argument 0.
enum class AddKind {
  None,
  NameValue,
  Constant,
  Type,
  Functions,
  DictItem,
  Attr
};

AddKind additionKind(llvm::StringRef Name) {
  if (Name == "PyModule_AddIntConstant" || Name == "PyModule_AddStringConstant")
    return AddKind::Constant;
  if (Name == "PyModule_AddObject" || Name == "PyModule_AddObjectRef" ||
      Name == "PyModule_Add" || Name == "_PyModule_Add")
    return AddKind::NameValue;
  if (Name == "PyModule_AddType")
    return AddKind::Type;
  if (Name == "PyModule_AddFunctions")
    return AddKind::Functions;
  if (Name == "PyDict_SetItemString" || Name == "PyDict_SetItem")
    return AddKind::DictItem;
  if (Name == "PyObject_SetAttrString" || Name == "PyObject_SetAttr")
    return AddKind::Attr;
  return AddKind::None;
}

} // namespace

void Linker::index() {
  for (unsigned T = 0; T < TUs.size(); ++T) {
    const TUFacts &F = TUs[T];
    for (const auto &R : F.Tables)
      Tables.try_emplace(R.Key, Located<NameTable>{T, &R});
    for (const auto &R : F.StaticTypes)
      StaticTypes.try_emplace(R.Key, Located<StaticType>{T, &R});
    for (const auto &R : F.Specs)
      Specs.try_emplace(R.Key, Located<TypeSpec>{T, &R});
    for (const auto &R : F.SlotTables)
      SlotTables.try_emplace(R.Key, Located<SlotTable>{T, &R});
    for (const auto &R : F.StructSequences)
      Descs.try_emplace(R.Key, Located<StructSequenceDesc>{T, &R});
    for (const auto &R : F.ModuleDefs)
      Defs.try_emplace(R.Key, Located<ModuleDef>{T, &R});
    for (const auto &R : F.Functions)
      Functions.try_emplace(R.Key, FunctionInfo{T, &R});
    for (const auto &A : F.Assignments)
      Assignments[A.Target].emplace_back(T, &A.Value);
    for (const auto &[Type, Desc] : F.TypeFromDesc)
      DescOfType.try_emplace(Type, Desc);
  }
  computeMayAdd();
  for (const auto &E : Functions)
    if (E.second.MayAdd || E.first().starts_with("PyInit_"))
      SortedEntryPoints.push_back(E.first());
  llvm::sort(SortedEntryPoints);
}

/// Whether a recorded call can add an item: an addition API whose second
/// argument (the name, the type of PyModule_AddType, the table of
/// PyModule_AddFunctions) may be known. With it unknown or an integer,
/// handleCall adds nothing (PyObject_SetAttr(exc, &_Py_ID(__notes__), ...)
/// in Objects/exceptions.c), so such calls neither make a function a root
/// nor are followed into.
static bool canAdd(const CallEvent &C) {
  return additionKind(C.Name) != AddKind::None && C.Args.size() > 1 &&
         C.Args[1].Kind != SymVal::Unknown && C.Args[1].Kind != SymVal::IntLit;
}

void Linker::computeMayAdd() {
  for (auto &E : Functions) {
    FunctionInfo &F = E.second;
    F.Key = E.first();
    F.Adds.reserve(F.Record->Calls.size());
    F.Callees.reserve(F.Record->Calls.size());
    for (const CallEvent &C : F.Record->Calls) {
      F.Adds.push_back(canAdd(C));
      auto Callee = Functions.find(C.Callee);
      F.Callees.push_back(Callee == Functions.end() ? nullptr
                                                    : &Callee->second);
      if (F.Callees.back())
        F.Callees.back()->Callers.push_back(&F);
    }
  }
  // A function may add module items if it calls an addition API or a
  // function that may: propagate backwards over the call graph.
  std::vector<FunctionInfo *> Work;
  for (auto &E : Functions)
    if (llvm::is_contained(E.second.Adds, true)) {
      E.second.MayAdd = true;
      Work.push_back(&E.second);
    }
  while (!Work.empty()) {
    FunctionInfo *Callee = Work.back();
    Work.pop_back();
    for (FunctionInfo *Caller : Callee->Callers)
      if (!Caller->MayAdd) {
        Caller->MayAdd = true;
        Work.push_back(Caller);
      }
  }
  computeReaching();
}

/// Adds to Out every parameter index mentioned anywhere in S.
static void collectParams(const SymVal &S, llvm::SmallBitVector &Out) {
  if (S.Kind == SymVal::Param && S.Index >= 0) {
    if (Out.size() <= static_cast<unsigned>(S.Index))
      Out.resize(S.Index + 1);
    Out.set(S.Index);
  }
  for (const SymVal &A : S.Args)
    collectParams(A, Out);
}

void Linker::computeReaching() {
  // Least fixed point over the call graph of functions that may add items:
  // a function is revisited when a callee's set grows.
  std::vector<FunctionInfo *> Work;
  for (auto &E : Functions)
    if (E.second.MayAdd)
      Work.push_back(&E.second);
  while (!Work.empty()) {
    FunctionInfo &F = *Work.back();
    Work.pop_back();
    llvm::SmallBitVector Found;
    const std::vector<CallEvent> &Calls = F.Record->Calls;
    for (size_t K = 0; K < Calls.size(); ++K) {
      if (F.Adds[K]) {
        for (const SymVal &A : Calls[K].Args)
          collectParams(A, Found);
        continue;
      }
      const FunctionInfo *Callee = F.Callees[K];
      if (!Callee || !Callee->MayAdd)
        continue;
      for (size_t I = 0; I < Calls[K].Args.size(); ++I)
        if (I < Callee->Reaching.size() && Callee->Reaching.test(I))
          collectParams(Calls[K].Args[I], Found);
    }
    if (F.Reaching.size() < Found.size())
      F.Reaching.resize(Found.size());
    llvm::SmallBitVector Before = F.Reaching;
    F.Reaching |= Found;
    if (F.Reaching != Before)
      for (FunctionInfo *Caller : F.Callers)
        Work.push_back(Caller);
  }
}

Value Linker::fromAssignments(const std::string &Key, unsigned Depth) {
  // What a global or field holds does not depend on the caller: evaluate it
  // once (struct fields such as PyASCIIObject.length have thousands of
  // assignments across Objects/*.c).
  if (auto Memo = StorageMemo.find(Key); Memo != StorageMemo.end())
    return Memo->second;
  auto It = Assignments.find(Key);
  if (It == Assignments.end())
    return {};
  if (onStack(&It->second))
    return {};
  Stack.push_back(&It->second);
  Value Result;
  for (const auto &[TU, V] : It->second) {
    Result = eval(*V, TU, {}, Depth + 1);
    if (!Result.none())
      break;
  }
  Stack.pop_back();
  StorageMemo[Key] = Result;
  return Result;
}

Value Linker::global(const std::string &Key, unsigned Depth) {
  Value V;
  V.Key = Key;
  // A static PyTypeObject, initialised in place or, for a zero-initialised
  // `static PyTypeObject T;`, by PyStructSequence_InitType2(&T, &desc).
  auto Static = StaticTypes.find(Key);
  auto FromDesc = DescOfType.find(Key);
  if (Static != StaticTypes.end() || FromDesc != DescOfType.end()) {
    V.Kind = Value::Type;
    V.TypeKind = Value::Static;
    if (Static != StaticTypes.end() && Static->second.Record->TpName)
      V.TypeName = *Static->second.Record->TpName;
    else if (FromDesc != DescOfType.end()) {
      auto DI = Descs.find(FromDesc->second);
      if (DI != Descs.end() && DI->second.Record->Name)
        V.TypeName = *DI->second.Record->Name;
    }
    return V;
  }
  if (Defs.count(Key) || Specs.count(Key) || Descs.count(Key)) {
    V.Kind = Value::Def; // A def, spec or desc: what a call turns into a value.
    return V;
  }
  if (Tables.count(Key) || SlotTables.count(Key)) {
    V.Kind = Value::Table;
    return V;
  }
  return fromAssignments(Key, Depth);
}

Value Linker::eval(const SymVal &S, unsigned TU, const std::vector<Value> &Env,
                   unsigned Depth) {
  if (Depth > 16) {
    LowestCut = 0;
    return {};
  }
  Value V;
  switch (S.Kind) {
  case SymVal::Unknown:
  case SymVal::IntLit:
    return V;
  case SymVal::Param:
    return S.Index < static_cast<long>(Env.size()) ? Env[S.Index] : V;
  case SymVal::StrLit:
    V.Kind = Value::Strings;
    V.Strs.push_back({TU, &S});
    return V;
  case SymVal::RowValues: {
    bool AllStrings =
        std::all_of(S.Args.begin(), S.Args.end(), [](const SymVal &A) {
          return A.Kind == SymVal::StrLit || A.isUnknown() ||
                 A.Kind == SymVal::IntLit;
        });
    V.RowsOf = S.Name;
    V.Kind = AllStrings ? Value::Strings : Value::PerRow;
    for (size_t Row = 0; Row < S.Args.size(); ++Row) {
      if (AllStrings && S.Args[Row].Kind == SymVal::StrLit)
        V.Strs.push_back({TU, &S.Args[Row], static_cast<int>(Row)});
      else if (!AllStrings)
        V.Rows.push_back(eval(S.Args[Row], TU, Env, Depth + 1));
    }
    return V;
  }
  case SymVal::Global:
    return global(S.Text, Depth);
  case SymVal::Function:
    V.Kind = Value::Function;
    V.Key = S.Text;
    return V;
  case SymVal::Field:
    return fromAssignments(S.Text, Depth);
  case SymVal::Elements:
    // Only meaningful inside a call's arguments, where evalFunction binds
    // the loop's element.
    if (Bound.Array && S.Text == *Bound.Array && Bound.Index < S.Args.size())
      return eval(S.Args[Bound.Index], TU, Env, Depth + 1);
    return V;
  case SymVal::TypeDict:
    V = S.Args.empty() ? Value() : eval(S.Args[0], TU, Env, Depth + 1);
    // Inside the function building a type from a desc
    // (Objects/structseq.c's `type->tp_dict` of the type it just made).
    if (V.Kind != Value::Type && Creating)
      V = *Creating;
    if (V.Kind != Value::Type)
      return Value();
    V.Kind = Value::TypeDictOf;
    return V;
  case SymVal::Call:
    break;
  }
  std::vector<Value> Args;
  Args.reserve(S.Args.size());
  for (const SymVal &A : S.Args)
    Args.push_back(eval(A, TU, Env, Depth + 1));
  llvm::StringRef Name = S.Name;
  // A call given &def returns that module: PyModule_Create2,
  // _PyModule_CreateInitialized, PyModuleDef_Init, PyState_FindModule, ...
  for (const Value &A : Args) {
    if (A.Kind != Value::Def)
      continue;
    if (Defs.count(A.Key)) {
      V.Kind = Value::Module;
      V.Key = A.Key;
      return V;
    }
    V.Kind = Value::Type; // PyType_FromSpec*(..., &spec, ...),
    V.Key = A.Key;        // PyStructSequence_NewType(&desc)
    if (auto It = Specs.find(A.Key); It != Specs.end()) {
      V.TypeKind = Value::Spec;
      V.TypeName = It->second.Record->Name.value_or("");
    } else {
      V.TypeKind = Value::StructSeq;
      V.TypeName = Descs.at(A.Key).Record->Name.value_or("");
      // What the type constructor adds to the new type's dict is part of
      // the type: Objects/structseq.c gives every struct sequence
      // n_sequence_fields, n_fields and n_unnamed_fields.
      auto Ctor = Functions.find(S.Text);
      if (Ctor != Functions.end() &&
          CreatedFrom.insert(S.Text + "|" + A.Key).second) {
        ++Effects;
        const Value *Outer = Creating;
        Creating = &V;
        Path P;
        evalFunction(Ctor->second, Args, P, 0);
        Creating = Outer;
      }
    }
    return V;
  }
  if (Name == "PyModule_GetDict" && !Args.empty() &&
      Args[0].Kind == Value::Module) {
    V = Args[0];
    V.Kind = Value::ModuleDict;
    return V;
  }
  // An exception class; one per row when the name is read from a table
  // (_decimal.c: `cm->ex = PyErr_NewException(cm->fqname, base, NULL)`
  // over its signal table), where only the single name is its type name.
  if (Name.starts_with("PyErr_NewException") && !Args.empty() &&
      Args[0].Kind == Value::Strings && !Args[0].Strs.empty()) {
    V.Kind = Value::Type;
    V.TypeKind = Value::Exception;
    if (Args[0].Strs.size() == 1)
      V.TypeName = Args[0].Strs[0].Lit->Text;
    return V;
  }
  // A type's name after its last dot (Objects/typeobject.c _PyType_Name;
  // PyType_GetName returns it as a str): _datetimemodule.c (3.13) adds its
  // types as PyModule_AddObjectRef(module, _PyType_Name(type), type).
  if ((Name == "_PyType_Name" || Name == "PyType_GetName") && !Args.empty() &&
      Args[0].Kind == Value::Type)
    return shortTypeName(Args[0]);
  if ((Name == "PyUnicode_FromString" ||
       Name == "PyUnicode_InternFromString") &&
      !Args.empty() && Args[0].Kind == Value::Strings)
    return Args[0];
  // Constructors of immutable scalars (Include/longobject.h, unicodeobject.h,
  // bytesobject.h, floatobject.h, boolobject.h): the item is a constant.
  for (llvm::StringRef Ctor : {"PyLong_From", "PyUnicode_From", "PyBytes_From",
                               "PyFloat_From", "PyBool_From"})
    if (Name.starts_with(Ctor)) {
      V.Kind = Value::Constant;
      return V;
    }
  // A function defined in the build: what it returns, in this context
  // (Py_NewRef returns its argument; a helper returns the type it makes).
  auto F = Functions.find(S.Text);
  if (F == Functions.end() || onStack(&F->second))
    return V;
  // (Results depend on the type being created, if any: no memo then.)
  bool ContextFree =
      !Creating && std::all_of(Args.begin(), Args.end(),
                               [](const Value &A) { return A.none(); });
  if (ContextFree)
    if (auto Memo = ReturnMemo.find(S.Text); Memo != ReturnMemo.end())
      return Memo->second;
  Stack.push_back(&F->second);
  // The callee's own arrays are not the caller's loop.
  LoopElement Outer = std::exchange(Bound, LoopElement());
  for (const SymVal &R : F->second.Record->Returns) {
    V = eval(R, F->second.TU, Args, Depth + 1);
    if (!V.none())
      break;
  }
  Bound = Outer;
  Stack.pop_back();
  if (ContextFree)
    ReturnMemo[S.Text] = V;
  return V;
}

bool Linker::reachesAddition(const FunctionInfo &Callee,
                             const std::vector<Value> &Args) {
  if (!Callee.MayAdd)
    return false;
  for (size_t I = 0; I < Args.size() && I < Callee.Reaching.size(); ++I)
    if (Callee.Reaching.test(I) && !Args[I].none())
      return true;
  return false;
}

bool Linker::onStack(const void *Entry) {
  auto It = llvm::find(Stack, Entry);
  if (It == Stack.end())
    return false;
  LowestCut = std::min<size_t>(LowestCut, It - Stack.begin());
  return true;
}

/// A dunder name. Special methods come from Objects/typeobject.c's slotdefs[]
/// loop, which adds a wrapper only for the slots a type fills (a run-time
/// check): addTypeExtras does not list them, or every type would have them.
static bool isSpecialMethodName(llvm::StringRef Name) {
  return Name.starts_with("__") && Name.ends_with("__");
}

/// Appends to Out what evaluation can tell apart in V: kinds, keys, names,
/// rows, and of each string only what is tested (empty, a dunder name,
/// ending in a dot: addTypeExtras, typeName) and its row. Two calls whose
/// arguments have one shape take the same paths and differ only in the
/// strings they carry into items.
static void appendShape(const Value &V, std::string &Out) {
  Out += static_cast<char>('A' + V.Kind);
  Out += static_cast<char>('a' + V.TypeKind);
  for (const std::string *S : {&V.Key, &V.TypeName, &V.RowsOf}) {
    Out += *S;
    Out += '\0';
  }
  for (const Value::Str &S : V.Strs) {
    llvm::StringRef T = S.Lit->Text;
    Out += static_cast<char>('0' + T.empty() + 2 * isSpecialMethodName(T) +
                             4 * T.ends_with("."));
    Out += std::to_string(S.Row);
    Out += ',';
  }
  Out += '(';
  for (const Value &R : V.Rows)
    appendShape(R, Out);
  Out += ')';
}

void Linker::followCallee(FunctionInfo &Callee, const std::vector<Value> &Args,
                          Path &P, unsigned Depth) {
  // Inside a type constructor, evaluation also depends on the type made.
  if (Creating) {
    evalFunction(Callee, Args, P, Depth);
    return;
  }
  // Thousands of functions raise through PyErr_SetString(exc, "message"),
  // which may reach PyObject_SetAttr (Objects/exceptions.c) and so is
  // followed, and adds nothing: a callee given arguments of one shape at
  // one depth (the depth limit cuts the same calls) is followed once, until
  // it adds something. Not when the outcome depended on the callers: a
  // recursion stopped at a function entered before this one, or the
  // expression depth limit. This took linking of 3.13's native build from
  // 1.2 million followed calls to 35 thousand, with the same items.
  std::string Shape = Callee.Key.str();
  Shape += static_cast<char>('0' + Depth);
  for (const Value &A : Args)
    appendShape(A, Shape);
  if (Fruitless.contains(Shape))
    return;
  uint64_t EffectsBefore = Effects;
  size_t Floor = Stack.size(), OuterCut = LowestCut;
  LowestCut = SIZE_MAX;
  evalFunction(Callee, Args, P, Depth);
  bool Tainted = LowestCut < Floor;
  LowestCut = std::min(LowestCut, OuterCut);
  if (Effects == EffectsBefore && !Tainted)
    Fruitless.insert(Shape);
}

void Linker::evalFunction(FunctionInfo &F, const std::vector<Value> &Env,
                          Path &P, unsigned Depth) {
  if (Depth > 8 || onStack(&F))
    return;
  Stack.push_back(&F);
  unsigned TU = F.TU;
  const std::vector<CallEvent> &Calls = F.Record->Calls;
  for (size_t K = 0; K < Calls.size(); ++K) {
    const CallEvent &C = Calls[K];
    bool Adds = F.Adds[K];
    FunctionInfo *Callee = F.Callees[K];
    if (!Adds && !(Callee && Callee->MayAdd))
      continue;
    auto EvalArgs = [&] {
      std::vector<Value> Args;
      Args.reserve(C.Args.size());
      for (const SymVal &A : C.Args)
        Args.push_back(eval(A, TU, Env, 0));
      return Args;
    };
    P.push_back({TU, &C.Where});
    auto Dispatch = [&](const std::vector<Value> &A) {
      if (Adds)
        handleCall(C, TU, A, P);
      else if (reachesAddition(*Callee, A))
        followCallee(*Callee, A, P, Depth + 1);
      // A callee given nothing known is evaluated once as a root (run()):
      // following it here too would only repeat that, exponentially often.
    };
    // A loop over an array of types or names: one call per element, each
    // under the element's own guards; every argument reading the array
    // (the type and `_PyType_Name(type)`) reads the same element.
    const SymVal *Loop = nullptr;
    for (const SymVal &A : C.Args)
      if ((Loop = findElements(A)))
        break;
    if (!Loop) {
      Dispatch(EvalArgs());
    } else {
      for (size_t E = 0; E < Loop->Args.size(); ++E) {
        LoopElement Outer = std::exchange(Bound, LoopElement{&Loop->Text, E});
        std::vector<Value> Each = EvalArgs();
        Bound = Outer;
        P.push_back({TU, &Loop->Sites[E].Spelling});
        if (Loop->Sites[E].Use)
          P.push_back({TU, &*Loop->Sites[E].Use});
        Dispatch(Each);
        P.pop_back();
        if (Loop->Sites[E].Use)
          P.pop_back();
      }
    }
    P.pop_back();
  }
  Stack.pop_back();
}

bool Linker::isForeignType(const std::string &DefKey, const Value &Type) const {
  auto Sources = SourcesOfDef.find(DefKey);
  if (Sources == SourcesOfDef.end() || Sources->second.empty())
    return false;
  std::optional<unsigned> TU;
  if (auto It = StaticTypes.find(Type.Key); It != StaticTypes.end())
    TU = It->second.TU;
  else if (auto It = Specs.find(Type.Key); It != Specs.end())
    TU = It->second.TU;
  else if (auto It = Descs.find(Type.Key); It != Descs.end())
    TU = It->second.TU;
  // Only builtin types (dotless tp_name) are aliased into modules this way;
  // collections.OrderedDict lives in Objects/odictobject.c but is
  // _collections'.
  return TU && !Sources->second.count(TUs[*TU].MainFile) &&
         Type.TypeName.find('.') == std::string::npos;
}

Value Linker::shortTypeName(const Value &Type) {
  std::string Short = typeName(Type);
  if (Short.empty())
    return {};
  auto [It, New] = ShortTypeNames.try_emplace(Type.Key + "|" + Short);
  if (New) {
    SymVal &Lit = It->second.second;
    Lit.Kind = SymVal::StrLit;
    Lit.Text = Short;
    // Written where the type is defined, under that definition's guards.
    auto Place = [&](unsigned TU, const Site &Where) {
      It->second.first = TU;
      NameSite N;
      N.Spelling = Where;
      Lit.Sites.push_back(std::move(N));
    };
    if (auto S = StaticTypes.find(Type.Key); S != StaticTypes.end())
      Place(S->second.TU, S->second.Record->Where);
    else if (auto Sp = Specs.find(Type.Key); Sp != Specs.end())
      Place(Sp->second.TU, Sp->second.Record->Where);
    else if (auto D = Descs.find(Type.Key); D != Descs.end())
      Place(D->second.TU, D->second.Record->Where);
    else if (auto DT = DescOfType.find(Type.Key); DT != DescOfType.end())
      if (auto D = Descs.find(DT->second); D != Descs.end())
        Place(D->second.TU, D->second.Record->Where);
  }
  Value V;
  V.Kind = Value::Strings;
  V.Strs.push_back({It->second.first, &It->second.second});
  return V;
}

std::string Linker::typeName(const Value &Type) {
  llvm::StringRef N = Type.TypeName;
  size_t Dot = N.rfind('.');
  return (Dot == llvm::StringRef::npos ? N : N.drop_front(Dot + 1)).str();
}

void Linker::handleCall(const CallEvent &C, unsigned TU,
                        const std::vector<Value> &Args, Path &P) {
  AddKind K = additionKind(C.Name);
  if (Args.empty())
    return;
  const Value &Recv = Args[0];
  auto Arg = [&](size_t I) { return I < Args.size() ? Args[I] : Value(); };
  switch (K) {
  case AddKind::None:
    return;
  case AddKind::Constant:
    if (Recv.Kind == Value::Module)
      addNamed(Recv.Key, Arg(1), "constant", Value(), P);
    return;
  case AddKind::NameValue:
  case AddKind::Attr:
    if (K == AddKind::Attr && Recv.Kind == Value::Type &&
        Arg(1).Kind == Value::Strings) {
      addTypeExtras(Recv, Arg(1), Arg(2), P);
      return;
    }
    if (Recv.Kind == Value::Module) {
      Value Names = Arg(1);
      if (Names.Kind != Value::Strings)
        return; // A computed name; PyModule_AddType-like helpers are followed.
      addNamed(Recv.Key, Names, "", Arg(2), P);
    }
    return;
  case AddKind::DictItem:
    if (Recv.Kind == Value::ModuleDict && Arg(1).Kind == Value::Strings)
      addNamed(Recv.Key, Arg(1), "", Arg(2), P);
    else if (Recv.Kind == Value::TypeDictOf && Arg(1).Kind == Value::Strings)
      addTypeExtras(Recv, Arg(1), Arg(2), P);
    return;
  case AddKind::Type: {
    Value T = Arg(1);
    if (Recv.Kind != Value::Module || T.Kind != Value::Type)
      return;
    std::string Name = typeName(T);
    if (Name.empty())
      return;
    PendingItem I{Name, T.TypeKind == Value::Exception ? "exception" : "class",
                  definition(P, TU, nullptr)};
    ItemsByDef[Recv.Key].push_back(std::move(I));
    ++Effects;
    addTypeMembers(Recv.Key, Name, T, P);
    return;
  }
  case AddKind::Functions:
    if (Recv.Kind == Value::Module && Arg(1).Kind == Value::Table)
      addTableRows(Recv.Key, "", Arg(1).Key, /*ModuleLevel=*/true, P);
    return;
  }
}

void Linker::addNamed(const std::string &DefKey, const Value &Names,
                      const std::string &Kind, const Value &Object,
                      const Path &P) {
  if (Names.Kind != Value::Strings)
    return;
  std::string K = Kind;
  if (K.empty())
    K = Object.Kind == Value::Constant || Object.Kind == Value::Strings
            ? "constant"
        : Object.Kind != Value::Type          ? "object"
        : Object.TypeKind == Value::Exception ? "exception"
                                              : "class";
  for (const Value::Str &S : Names.Strs) {
    if (S.Lit->Text.empty())
      continue;
    // A name and an object read from the same row of one constant array.
    const Value *Obj = &Object;
    if (Object.Kind == Value::PerRow && Object.RowsOf == Names.RowsOf &&
        S.Row >= 0 && static_cast<size_t>(S.Row) < Object.Rows.size())
      Obj = &Object.Rows[S.Row];
    std::string ItemKind = K;
    if (Obj != &Object && Kind.empty())
      ItemKind = Obj->Kind == Value::Type       ? "class"
                 : Obj->Kind == Value::Constant ? "constant"
                                                : "object";
    PendingItem I{
        S.Lit->Text, ItemKind,
        definition(P, S.TU, S.Lit->Sites.empty() ? nullptr : &S.Lit->Sites[0])};
    ItemsByDef[DefKey].push_back(std::move(I));
    ++Effects;
    if (Obj->Kind == Value::Type)
      addTypeMembers(DefKey, S.Lit->Text, *Obj, P);
  }
}

void Linker::addTableRows(const std::string &DefKey, const std::string &Prefix,
                          const std::string &TableKey, bool ModuleLevel,
                          const Path &P) {
  auto It = Tables.find(TableKey);
  if (It == Tables.end())
    return;
  for (const TableRow &R : It->second.Record->Rows) {
    ++Effects;
    std::string Kind = ModuleLevel ? "function" : R.Kind;
    ItemsByDef[DefKey].push_back(
        {Prefix + R.Name, Kind, definition(P, It->second.TU, &R.Where)});
  }
}

void Linker::addTypeMembers(const std::string &DefKey, const std::string &Attr,
                            const Value &Type, const Path &P) {
  Expansions.push_back({DefKey, Attr, Type, P});
  ++Effects;
}

void Linker::addTypeExtras(const Value &Type, const Value &Names,
                           const Value &Object, const Path &P) {
  for (const Value::Str &S : Names.Strs) {
    llvm::StringRef N = S.Lit->Text;
    if (N.empty() || isSpecialMethodName(N))
      continue;
    std::string Kind = Object.Kind == Value::Type ? "class" : "attribute";
    ++Effects;
    TypeExtras[Type.Key].push_back(
        {S.Lit->Text, Kind,
         definition(P, S.TU,
                    S.Lit->Sites.empty() ? nullptr : &S.Lit->Sites[0])});
  }
}

void Linker::expandTypeMembers(const Expansion &X) {
  const std::string &DefKey = X.DefKey;
  const std::string &Attr = X.Attr;
  const Value &Type = X.Type;
  const Path &P = X.Where;
  // A type defined outside the module's own sources is an alias of another
  // module's or of a core type (socket.error is OSError from
  // Objects/exceptions.c): its attributes are reported where it is defined.
  if (isForeignType(DefKey, Type))
    return;
  std::string Prefix = Attr + ".";
  auto Rows = [&](const SymVal &Table) {
    if (Table.Kind == SymVal::Global)
      addTableRows(DefKey, Prefix, Table.Text, false, P);
  };
  switch (Type.TypeKind) {
  case Value::Static: {
    if (auto It = StaticTypes.find(Type.Key); It != StaticTypes.end()) {
      Rows(It->second.Record->Methods);
      Rows(It->second.Record->Members);
      Rows(It->second.Record->GetSets);
    }
    if (auto D = DescOfType.find(Type.Key); D != DescOfType.end())
      if (auto DI = Descs.find(D->second); DI != Descs.end())
        Rows(DI->second.Record->Fields);
    break;
  }
  case Value::Spec: {
    auto It = Specs.find(Type.Key);
    if (It == Specs.end() || It->second.Record->Slots.Kind != SymVal::Global)
      break;
    auto Slots = SlotTables.find(It->second.Record->Slots.Text);
    if (Slots == SlotTables.end())
      break;
    for (const auto &[Slot, V] : Slots->second.Record->Slots)
      Rows(V);
    break;
  }
  case Value::StructSeq: {
    auto It = Descs.find(Type.Key);
    if (It != Descs.end())
      Rows(It->second.Record->Fields);
    break;
  }
  case Value::Exception:
    break;
  }
  auto Extras = TypeExtras.find(Type.Key);
  if (Extras == TypeExtras.end())
    return;
  for (const PendingItem &I : Extras->second) {
    PendingItem Member = I;
    Member.Name = Prefix + I.Name;
    // The guards of the code exporting the type come first.
    ItemDefinition Outer = definition(P, 0, nullptr);
    for (ConditionalDirective &G : Member.Def.Guards)
      if (std::none_of(Outer.Guards.begin(), Outer.Guards.end(),
                       [&](const ConditionalDirective &O) {
                         return O.File == G.File && O.Line == G.Line;
                       }))
        Outer.Guards.push_back(std::move(G));
    Member.Def.Guards = std::move(Outer.Guards);
    ItemsByDef[DefKey].push_back(std::move(Member));
  }
}

void Linker::appendGuards(ItemDefinition &D, unsigned TU, const Site &S,
                          std::set<std::pair<std::string, unsigned>> &Seen) {
  for (unsigned G : S.Guards) {
    const ConditionalDirective &Dir = TUs[TU].Directives[G];
    if (Seen.insert({Dir.File, Dir.Line}).second) {
      ConditionalDirective Copy = Dir;
      Copy.File = displayPath(Build, Dir.File);
      D.Guards.push_back(std::move(Copy));
    }
  }
}

ItemDefinition Linker::definition(const Path &P, unsigned TU,
                                  const NameSite *Name) {
  ItemDefinition D;
  std::set<std::pair<std::string, unsigned>> Seen;
  for (const TUSite &S : P)
    appendGuards(D, S.TU, *S.Where, Seen);
  auto Loc = [&](const Site &S) {
    return displayPath(Build, S.File) + ":" + std::to_string(S.Line);
  };
  if (Name) {
    if (Name->Use)
      appendGuards(D, TU, *Name->Use, Seen);
    appendGuards(D, TU, Name->Spelling, Seen);
    D.DefinedAt = Loc(Name->Spelling);
    if (Name->Use)
      D.UsedAt = Loc(*Name->Use);
  } else if (!P.empty()) {
    D.DefinedAt = Loc(*P.back().Where);
  }
  return D;
}

ItemsReport Linker::run() {
  ItemsReport R;
  R.SourceDir = Build.SourceDir;
  R.BuildDir = Build.BuildDir;
  R.Version = Build.Version;
  R.Host = Build.Host;
  R.Compiler = Build.CompilerCommand;
  R.Notes = Build.Notes;
  R.TranslationUnits = TUs.size();

  // Which modules the build has: the interpreter's inittab (Modules/config.c)
  // and the shared modules of the Makefile; with a compilation database,
  // also every other PyInit_<name> (3.11's setup.py-built modules).
  std::map<std::string, ModuleItems> Modules;
  std::map<std::string, std::optional<std::string>> InitFunc;
  for (const auto &[Name, MB] : Build.Modules) {
    ModuleItems &M = Modules[Name];
    M.Name = Name;
    M.State = MB.State;
    M.Linkage = MB.Linkage;
    for (const std::string &S : MB.Sources)
      M.Sources.push_back(displayPath(Build, S));
    if (!MB.Linkage.empty())
      InitFunc[Name] = "PyInit_" + Name;
  }
  for (const TUFacts &F : TUs)
    for (const InittabEntry &E : F.Inittab) {
      ModuleItems &M = Modules[E.Name];
      M.Name = E.Name;
      if (M.State.empty())
        M.State = "core";
      M.Linkage = "builtin";
      InitFunc[E.Name] = E.InitFunc;
    }
  if (Build.FromCompilationDatabase)
    for (llvm::StringRef Key : SortedEntryPoints) {
      const FunctionInfo &F = Functions.find(Key)->second;
      llvm::StringRef N(Key);
      // Only a file's own module (Modules/_cursesmodule.c -> _curses), not
      // the extra PyInit_* of test modules loaded by special loaders.
      llvm::StringRef Stem = llvm::sys::path::stem(TUs[F.TU].MainFile);
      Stem.consume_back("module");
      if (N.consume_front("PyInit_") && !Modules.count(N.str()) &&
          N.find(':') == llvm::StringRef::npos && N == Stem) {
        ModuleItems &M = Modules[N.str()];
        M.Name = N.str();
        M.State = "yes";
        M.Linkage = "shared";
        M.Sources.push_back(displayPath(Build, TUs[F.TU].MainFile));
        InitFunc[N.str()] = Key.str();
      }
    }

  // The module definition of each built module.
  std::map<std::string, std::string> DefOfModule;
  for (auto &[Name, M] : Modules) {
    if (M.Linkage.empty())
      continue;
    std::optional<std::string> Init = InitFunc[Name];
    std::string DefKey;
    if (Init) {
      auto F = Functions.find(*Init);
      if (F != Functions.end())
        for (const SymVal &Ret : F->second.Record->Returns) {
          Value V = eval(Ret, F->second.TU, {}, 0);
          if (V.Kind == Value::Module) {
            DefKey = V.Key;
            break;
          }
        }
    } else {
      // {"sys", NULL}: created by the runtime (Python/sysmodule.c
      // _PySys_Create); find its PyModuleDef by m_name.
      std::vector<llvm::StringRef> SortedDefs;
      for (const auto &E : Defs)
        if (E.second.Record->Name == Name)
          SortedDefs.push_back(E.first());
      if (!SortedDefs.empty())
        DefKey = *std::min_element(SortedDefs.begin(), SortedDefs.end());
    }
    if (!DefKey.empty()) {
      DefOfModule[Name] = DefKey;
      auto MB = Build.Modules.find(Name);
      if (MB != Build.Modules.end())
        SourcesOfDef[DefKey].insert(MB->second.Sources.begin(),
                                    MB->second.Sources.end());
      else if (Init && Functions.count(*Init))
        SourcesOfDef[DefKey].insert(TUs[Functions.at(*Init).TU].MainFile);
    }
  }

  // Evaluate: each Py_mod_exec function with the module as argument, then
  // every function that may add items with unknown arguments (single-phase
  // PyInit_* functions, _PySys_Create, pylifecycle's init of builtins...).
  for (const auto &[Name, DefKey] : DefOfModule) {
    const ModuleDef &D = *Defs.at(DefKey).Record;
    Path P;
    if (D.Methods.Kind == SymVal::Global)
      addTableRows(DefKey, "", D.Methods.Text, true, P);
    if (D.Slots.Kind != SymVal::Global)
      continue;
    auto Slots = SlotTables.find(D.Slots.Text);
    if (Slots == SlotTables.end())
      continue;
    Value Mod;
    Mod.Kind = Value::Module;
    Mod.Key = DefKey;
    for (const auto &[Slot, V] : Slots->second.Record->Slots)
      if (Slot == "Py_mod_exec" && V.Kind == SymVal::Function)
        if (auto Exec = Functions.find(V.Text); Exec != Functions.end())
          evalFunction(Exec->second, {Mod}, P, 0);
  }
  for (llvm::StringRef Key : SortedEntryPoints)
    if (FunctionInfo &F = Functions.find(Key)->second; F.MayAdd) {
      Path P;
      evalFunction(F, {}, P, 0);
    }
  for (const Expansion &E : Expansions)
    expandTypeMembers(E);

  // Errors of the translation units, per module.
  std::map<std::string, const TUFacts *> TUOfFile;
  std::set<std::string> ModuleSources;
  for (const auto &[Name, M] : Modules)
    ModuleSources.insert(M.Sources.begin(), M.Sources.end());
  for (const TUFacts &F : TUs) {
    std::string Shown = displayPath(Build, F.MainFile);
    TUOfFile[Shown] = &F;
    if (F.ParseOK)
      continue;
    ++R.FailedTranslationUnits;
    // Errors outside any module's sources (e.g. a core file that includes a
    // header only `make` generates) can still hide items of core modules.
    if (!ModuleSources.count(Shown))
      R.Notes.push_back(Shown + ": " +
                        (F.Errors.empty()
                             ? std::string("errors")
                             : displayPath(Build, F.Errors.front())));
  }

  for (auto &[Name, M] : Modules) {
    if (M.Linkage.empty()) {
      M.Status = "not-built";
      R.Modules.push_back(std::move(M));
      continue;
    }
    for (const std::string &S : M.Sources) {
      auto It = TUOfFile.find(S);
      if (It != TUOfFile.end() && !It->second->ParseOK)
        for (const std::string &E : It->second->Errors)
          M.Errors.push_back(displayPath(Build, E));
    }
    auto D = DefOfModule.find(Name);
    if (D == DefOfModule.end()) {
      M.Status = M.Errors.empty() ? "no-definition" : "failed";
      if (M.Errors.empty())
        M.Errors.push_back("no PyModuleDef found for module '" + Name + "'");
      R.Modules.push_back(std::move(M));
      continue;
    }
    M.Status = M.Errors.empty() ? "analysed" : "failed";
    // Merge definitions of the same name and kind.
    std::map<std::pair<std::string, std::string>, ApiItem> Merged;
    for (PendingItem &I : ItemsByDef[D->second]) {
      ApiItem &A = Merged[{I.Name, I.Kind}];
      A.Name = I.Name;
      A.Kind = I.Kind;
      bool Dup = std::any_of(A.Definitions.begin(), A.Definitions.end(),
                             [&](const ItemDefinition &X) {
                               return X.DefinedAt == I.Def.DefinedAt &&
                                      X.UsedAt == I.Def.UsedAt;
                             });
      if (!Dup)
        A.Definitions.push_back(std::move(I.Def));
    }
    for (auto &[K, A] : Merged) {
      std::sort(A.Definitions.begin(), A.Definitions.end(),
                [](const ItemDefinition &X, const ItemDefinition &Y) {
                  return std::tie(X.DefinedAt, X.UsedAt) <
                         std::tie(Y.DefinedAt, Y.UsedAt);
                });
      M.Items.push_back(std::move(A));
    }
    R.Modules.push_back(std::move(M));
  }
  return R;
}

ItemsReport linkItems(const BuildInfo &Build, const std::vector<TUFacts> &TUs,
                      bool DisableFree) {
  auto L = std::make_unique<Linker>(Build, TUs);
  ItemsReport R = L->run();
  // Its maps hold a node per function, call and memo: freeing them took
  // 0.03 s of a pre-commit run's 0.9.
  if (DisableFree)
    llvm::BuryPointer(std::move(L));
  return R;
}

} // namespace gapscan

//===- Evaluator.cpp -------------------------------------------------  -===//
#include "extract/CApiSemantics.h"
#include "link/Linker.h"
#include <algorithm>

namespace gapscan {
namespace linking {

/// The first `array[i]` in S, at any depth.
const SymVal *findElements(const SymVal &S) {
  if (S.Kind == SymVal::Elements)
    return &S;
  for (const SymVal &A : S.Args)
    if (const SymVal *E = findElements(A))
      return E;
  return nullptr;
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
    return evalCall(S, TU, Env, Depth);
  }
  return V;
}

Value Linker::madeFrom(const Value &Def, const SymVal &S,
                       const std::vector<Value> &Args) {
  Value V;
  V.Kind = Value::Type; // PyType_FromSpec*(..., &spec, ...),
  V.Key = Def.Key;      // PyStructSequence_NewType(&desc)
  if (auto It = Specs.find(Def.Key); It != Specs.end()) {
    V.TypeKind = Value::Spec;
    V.TypeName = It->second.Record->Name.value_or("");
  } else {
    V.TypeKind = Value::StructSeq;
    V.TypeName = Descs.at(Def.Key).Record->Name.value_or("");
    // What the type constructor adds to the new type's dict is part of
    // the type: Objects/structseq.c gives every struct sequence
    // n_sequence_fields, n_fields and n_unnamed_fields.
    auto Ctor = Functions.find(S.Text);
    if (Ctor != Functions.end() &&
        CreatedFrom.insert(S.Text + "|" + Def.Key).second) {
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

std::optional<Value> Linker::apiResult(CApiRole Role,
                                       const std::vector<Value> &Args) {
  Value V;
  switch (Role) {
  case CApiRole::ModuleDict:
    if (!Args.empty() && Args[0].Kind == Value::Module) {
      V = Args[0];
      V.Kind = Value::ModuleDict;
      return V;
    }
    break;
  case CApiRole::NewException:
    // An exception class; one per row when the name is read from a table
    // (_decimal.c: `cm->ex = PyErr_NewException(cm->fqname, base, NULL)`
    // over its signal table), where only the single name is its type name.
    if (!Args.empty() && Args[0].Kind == Value::Strings &&
        !Args[0].Strs.empty()) {
      V.Kind = Value::Type;
      V.TypeKind = Value::Exception;
      if (Args[0].Strs.size() == 1)
        V.TypeName = Args[0].Strs[0].Lit->Text;
      return V;
    }
    break;
  case CApiRole::TypeShortName:
    // _datetimemodule.c (3.13) adds its types as
    // PyModule_AddObjectRef(module, _PyType_Name(type), type).
    if (!Args.empty() && Args[0].Kind == Value::Type)
      return shortTypeName(Args[0]);
    break;
  case CApiRole::StrOfLiteral:
    if (!Args.empty() && Args[0].Kind == Value::Strings)
      return Args[0];
    // PyUnicode_FromString of anything else is still a new str.
    V.Kind = Value::Constant;
    return V;
  case CApiRole::ScalarConstant:
    V.Kind = Value::Constant;
    return V;
  default:
    break;
  }
  return std::nullopt;
}

Value Linker::returnOf(const SymVal &S, const std::vector<Value> &Args,
                       unsigned Depth) {
  Value V;
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

Value Linker::evalCall(const SymVal &S, unsigned TU,
                       const std::vector<Value> &Env, unsigned Depth) {
  std::vector<Value> Args;
  Args.reserve(S.Args.size());
  for (const SymVal &A : S.Args)
    Args.push_back(eval(A, TU, Env, Depth + 1));
  // A call given &def returns that module: PyModule_Create2,
  // _PyModule_CreateInitialized, PyModuleDef_Init, PyState_FindModule, ...
  for (const Value &A : Args) {
    if (A.Kind != Value::Def)
      continue;
    if (Defs.count(A.Key)) {
      Value V;
      V.Kind = Value::Module;
      V.Key = A.Key;
      return V;
    }
    return madeFrom(A, S, Args); // PyType_FromSpec*(..., &spec, ...),
                                 // PyStructSequence_NewType(&desc)
  }
  if (std::optional<Value> V = apiResult(cApiRole(S.Name), Args))
    return *V;
  return returnOf(S, Args, Depth);
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

} // namespace linking
} // namespace gapscan

//===- SymbolicValue.cpp --------------------------------------------------===//
#include "extract/SymbolicValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace gapscan {

namespace {
/// Collects, per local variable and per struct field, the expressions
/// assigned to it in one function.
class LocalCollector : public RecursiveASTVisitor<LocalCollector> {
public:
  LocalCollector(
      llvm::DenseMap<const VarDecl *, std::vector<const Expr *>> &Out,
      llvm::DenseMap<const FieldDecl *, std::vector<const Expr *>> &Fields)
      : Out(Out), Fields(Fields) {}
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasLocalStorage() && V->hasInit() && !isa<ParmVarDecl>(V))
      Out[V].push_back(V->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    const Expr *L = B->getLHS()->IgnoreParenCasts();
    if (auto *DR = dyn_cast<DeclRefExpr>(L))
      if (auto *V = dyn_cast<VarDecl>(DR->getDecl()))
        if (V->hasLocalStorage())
          Out[V].push_back(B->getRHS());
    if (auto *M = dyn_cast<MemberExpr>(L))
      if (auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()))
        Fields[F].push_back(B->getRHS());
    return true;
  }

private:
  llvm::DenseMap<const VarDecl *, std::vector<const Expr *>> &Out;
  llvm::DenseMap<const FieldDecl *, std::vector<const Expr *>> &Fields;
};

/// An array (global, or local like _collectionsmodule.c's typelist[]) with a
/// brace initialiser whose elements can be enumerated.
bool isInitializedArray(const VarDecl *A) {
  return A && A->getType()->isConstantArrayType() && A->getAnyInitializer() &&
         isa<InitListExpr>(A->getAnyInitializer()->IgnoreParenCasts());
}

bool isNullish(const SymVal &V) {
  return V.Kind == SymVal::Unknown ||
         (V.Kind == SymVal::IntLit && V.Index == 0);
}
} // namespace

SymbolicValueBuilder::SymbolicValueBuilder(const RecordContext &RC,
                                           const FunctionDecl *Function)
    : RC(RC) {
  if (Function && Function->hasBody())
    LocalCollector(Locals, FieldStores).TraverseStmt(Function->getBody());
}

SymVal SymbolicValueBuilder::build(const Expr *E) { return build(E, 0); }

SymVal SymbolicValueBuilder::local(const VarDecl *V, SourceLocation Use,
                                   unsigned Depth) {
  // A local char array is a buffer filled at run time
  // (Modules/cjkcodecs/cjkcodecs.h: char mhname[256] = "__map_"; strcpy...).
  if (V->getType()->isArrayType())
    return SymVal::unknown();
  auto It = Locals.find(V);
  if (It == Locals.end() || !Visiting.insert(V).second)
    return SymVal::unknown();
  // The last assignment before the use that says something (datetime's
  // `d = PyDateTime_DeltaType.tp_dict; ... d = PyDateTime_DateType.tp_dict;`);
  // failing that (a use before any assignment, e.g. in a loop), the first.
  const SourceManager &SM = RC.Ctx.getSourceManager();
  SymVal Result, First;
  for (const Expr *E : It->second) {
    SymVal Candidate = build(E, Depth + 1);
    if (isNullish(Candidate))
      continue;
    if (First.isUnknown())
      First = Candidate;
    if (Use.isValid() && SM.isBeforeInTranslationUnit(E->getBeginLoc(), Use))
      Result = std::move(Candidate);
  }
  Visiting.erase(V);
  return Result.isUnknown() ? First : Result;
}

/// The constant table a field holds when the function fills it with a copy
/// of one: Modules/_decimal/_decimal.c (3.12+) keeps its condition tables
/// in module state, `state->signal_map = dec_cond_map_init(
/// signal_map_template, sizeof(signal_map_template))`, a memcpy of the
/// template. An initialised array passed to the call that the field is
/// assigned, whose rows are the structs the field points to, is that table.
const VarDecl *SymbolicValueBuilder::copiedTable(const MemberExpr *M) {
  const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
  if (!F || !F->getType()->isPointerType())
    return nullptr;
  std::string Row = recordName(F->getType()->getPointeeType());
  auto It = FieldStores.find(F);
  if (Row.empty() || It == FieldStores.end())
    return nullptr;
  for (const Expr *E : It->second)
    if (auto *C = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
      for (const Expr *A : C->arguments())
        if (auto *R = dyn_cast<DeclRefExpr>(A->IgnoreParenCasts()))
          if (auto *V = dyn_cast<VarDecl>(R->getDecl());
              isInitializedArray(V) && recordName(V->getType()) == Row)
            return V;
  return nullptr;
}

/// The array an expression points into: `table`, `table + i`, `&table[i]`,
/// `state->copy + 1` (see copiedTable).
const VarDecl *SymbolicValueBuilder::arrayOf(const Expr *S) {
  S = S->IgnoreParenCasts();
  if (auto *U = dyn_cast<UnaryOperator>(S))
    if (U->getOpcode() == UO_AddrOf)
      S = U->getSubExpr()->IgnoreParenCasts();
  // `cm = signal_map + i` (Modules/_decimal/_decimal.c).
  if (auto *B = dyn_cast<BinaryOperator>(S))
    if (B->isAdditiveOp())
      S = B->getLHS()->IgnoreParenCasts();
  if (auto *AS = dyn_cast<ArraySubscriptExpr>(S))
    S = AS->getBase()->IgnoreParenCasts();
  if (auto *R = dyn_cast<DeclRefExpr>(S))
    if (auto *A = dyn_cast<VarDecl>(R->getDecl()); isInitializedArray(A))
      return A;
  if (auto *M = dyn_cast<MemberExpr>(S))
    return copiedTable(M);
  return nullptr;
}

/// For `p->name` / `table[i].name`: the global array p walks, if any
/// (termios.c's `for (constant = termios_constants; ...)`). A local pointer
/// walks what it was last set to before the use (_decimal.c walks the
/// signal table, then the condition table, with one `cm`); failing that,
/// the first table it is set to.
const VarDecl *SymbolicValueBuilder::iteratedArray(const Expr *Base) {
  Base = Base->IgnoreParenCasts();
  if (auto *AS = dyn_cast<ArraySubscriptExpr>(Base))
    Base = AS->getBase()->IgnoreParenCasts();
  if (auto *M = dyn_cast<MemberExpr>(Base))
    return copiedTable(M);
  auto *DR = dyn_cast<DeclRefExpr>(Base);
  if (!DR)
    return nullptr;
  auto *V = dyn_cast<VarDecl>(DR->getDecl());
  if (!V)
    return nullptr;
  if (isInitializedArray(V))
    return V;
  if (!V->hasLocalStorage())
    return nullptr;
  auto It = Locals.find(V);
  if (It == Locals.end())
    return nullptr;
  const SourceManager &SM = RC.Ctx.getSourceManager();
  const VarDecl *First = nullptr, *Last = nullptr;
  for (const Expr *E : It->second) {
    const VarDecl *A = arrayOf(E);
    if (!A)
      continue;
    if (!First)
      First = A;
    if (SM.isBeforeInTranslationUnit(E->getBeginLoc(), DR->getBeginLoc()))
      Last = A;
  }
  return Last ? Last : First;
}

SymVal SymbolicValueBuilder::rowValues(const VarDecl *Array,
                                       llvm::StringRef Field, unsigned Depth) {
  SymVal Rows;
  Rows.Kind = SymVal::RowValues;
  Rows.Name = symbolKey(Array, RC.MainFile);
  Rows.Text = Rows.Name + "." + Field.str();
  const auto *ILE =
      cast<InitListExpr>(Array->getAnyInitializer()->IgnoreParenCasts());
  for (const Expr *Row : ILE->inits())
    if (auto *RowInit = dyn_cast<InitListExpr>(Row->IgnoreParenCasts()))
      // Every row keeps its slot so that fields of the same row pair up
      // (Objects/exceptions.c: {&_PyExc_OSError, "OSError"} -> name, exc).
      Rows.Args.push_back(build(fieldInit(RowInit, Field), Depth + 1));
  return Rows;
}

SymVal SymbolicValueBuilder::fromDeclRef(const DeclRefExpr *DR,
                                         unsigned Depth) {
  SymVal V;
  const ValueDecl *D = DR->getDecl();
  if (auto *P = dyn_cast<ParmVarDecl>(D)) {
    V.Kind = SymVal::Param;
    V.Index = P->getFunctionScopeIndex();
    return V;
  }
  if (auto *Var = dyn_cast<VarDecl>(D)) {
    if (Var->hasLocalStorage())
      return local(Var, DR->getBeginLoc(), Depth);
    // `static const char visible_length_key[] = "n_sequence_fields";`
    // (Objects/structseq.c): a constant string array is its string.
    QualType T = Var->getType().getCanonicalType();
    const Expr *Init = Var->getAnyInitializer();
    if (Init && T->isArrayType() && T.isConstQualified() &&
        T->getArrayElementTypeNoTypeQual()->isCharType())
      if (auto *S = dyn_cast<StringLiteral>(Init->IgnoreParenCasts()))
        return build(S, Depth + 1);
    V.Kind = SymVal::Global;
    V.Text = symbolKey(Var, RC.MainFile);
    return V;
  }
  if (auto *F = dyn_cast<FunctionDecl>(D)) {
    V.Kind = SymVal::Function;
    V.Text = symbolKey(F, RC.MainFile);
    return V;
  }
  if (auto *EC = dyn_cast<EnumConstantDecl>(D)) {
    V.Kind = SymVal::IntLit;
    V.Index = EC->getInitVal().getExtValue();
    return V;
  }
  return V;
}

SymVal SymbolicValueBuilder::fromMember(const MemberExpr *M, unsigned Depth) {
  SymVal V;
  // &_Py_ID(name) (3.12+) expands to a member chain through the static
  // string `_py_name`: that is the string "name".
  for (const Expr *B = M; auto *ME = dyn_cast<MemberExpr>(B);
       B = ME->getBase()->IgnoreParenCasts()) {
    llvm::StringRef N = ME->getMemberDecl()->getName();
    if (N.consume_front("_py_")) {
      V.Kind = SymVal::StrLit;
      V.Text = N.str();
      NameSite NS;
      NS.Spelling =
          RC.site(RC.Ctx.getSourceManager().getFileLoc(M->getBeginLoc()));
      V.Sites.push_back(std::move(NS));
      return V;
    }
  }
  // Class attributes inserted into a type's dict
  // (Modules/_datetimemodule.c: PyDict_SetItemString(d, "min", x) with
  // d = PyDateTime_DateType.tp_dict).
  if (M->getMemberDecl()->getName() == "tp_dict" &&
      recordName(M->isArrow() ? M->getBase()->getType()->getPointeeType()
                              : M->getBase()->getType()) == "_typeobject") {
    V.Kind = SymVal::TypeDict;
    V.Args.push_back(build(M->getBase(), Depth + 1));
    return V;
  }
  // A field every row leaves empty is filled at run time: what is stored
  // into it is the answer (_decimal.c's `cm->ex = PyErr_NewException(...)`).
  if (const VarDecl *Array = iteratedArray(M->getBase())) {
    SymVal Rows = rowValues(Array, M->getMemberDecl()->getName(), Depth);
    if (llvm::any_of(Rows.Args, [](const SymVal &R) { return !isNullish(R); }))
      return Rows;
  }
  V.Text = RC.fieldKey(M);
  if (!V.Text.empty())
    V.Kind = SymVal::Field;
  return V;
}

SymVal SymbolicValueBuilder::fromSubscript(const ArraySubscriptExpr *AS,
                                           unsigned Depth) {
  SymVal V;
  // `static_types[i]` in a loop (Modules/_io/_iomodule.c): every element,
  // each with its own guards (PyWindowsConsoleIO_Type under MS_WINDOWS).
  const VarDecl *Array = iteratedArray(AS);
  if (!Array)
    return V;
  V.Kind = SymVal::Elements;
  // The array's key: every `array[i]` of one loop's call (the type and
  // its name in _datetimemodule.c's
  // `PyModule_AddObjectRef(module, _PyType_Name(type), type)` with
  // `type = capi_types[i]`) takes the same element at a time.
  V.Text = symbolKey(Array, RC.MainFile);
  const auto *ILE =
      cast<InitListExpr>(Array->getAnyInitializer()->IgnoreParenCasts());
  for (const Expr *Element : ILE->inits()) {
    SymVal Elem = build(Element, Depth + 1);
    if (Elem.isUnknown() || Elem.Kind == SymVal::IntLit)
      continue;
    V.Args.push_back(std::move(Elem));
    V.Sites.push_back(RC.nameSite(Element));
  }
  return V;
}

SymVal SymbolicValueBuilder::fromCall(const CallExpr *C, unsigned Depth) {
  SymVal V;
  const FunctionDecl *Callee = C->getDirectCallee();
  if (!Callee)
    return V;
  V.Kind = SymVal::Call;
  V.Text = symbolKey(Callee, RC.MainFile);
  V.Name = Callee->getName().str();
  for (const Expr *A : C->arguments())
    V.Args.push_back(build(A, Depth + 1));
  return V;
}

SymVal SymbolicValueBuilder::build(const Expr *E, unsigned Depth) {
  if (!E || Depth > 12)
    return SymVal::unknown();
  E = E->IgnoreParenCasts();
  SymVal V;
  if (auto *S = dyn_cast<StringLiteral>(E)) {
    if (!S->isOrdinary() && !S->isUTF8())
      return V;
    V.Kind = SymVal::StrLit;
    V.Text = S->getString().str();
    V.Sites.push_back(RC.nameSite(S));
    return V;
  }
  if (auto *I = dyn_cast<IntegerLiteral>(E)) {
    V.Kind = SymVal::IntLit;
    V.Index = static_cast<long>(I->getValue().getLimitedValue());
    return V;
  }
  if (auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      return build(U->getSubExpr(), Depth + 1);
    return V;
  }
  if (auto *DR = dyn_cast<DeclRefExpr>(E))
    return fromDeclRef(DR, Depth);
  if (auto *M = dyn_cast<MemberExpr>(E))
    return fromMember(M, Depth);
  if (auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return fromSubscript(AS, Depth);
  if (auto *C = dyn_cast<CallExpr>(E))
    return fromCall(C, Depth);
  if (auto *CO = dyn_cast<ConditionalOperator>(E)) {
    SymVal T = build(CO->getTrueExpr(), Depth + 1);
    return isNullish(T) ? build(CO->getFalseExpr(), Depth + 1) : T;
  }
  if (auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->getOpcode() == BO_Comma || B->getOpcode() == BO_Assign)
      return build(B->getRHS(), Depth + 1);
    return V;
  }
  return V;
}

} // namespace gapscan

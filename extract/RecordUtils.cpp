//===- RecordUtils.cpp ----------------------------------------------------===//
#include "extract/RecordUtils.h"
#include "extract/ConditionalRecorder.h"
#include "extract/SymbolicValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace gapscan {

std::string absoluteFilePath(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  FileID F = SM.getFileID(SM.getFileLoc(Loc));
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(F);
  if (!FE)
    return SM.getBufferName(SM.getFileLoc(Loc)).str();
  llvm::StringRef Real = FE->getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  llvm::SmallString<256> Path(FE->getName());
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string recordName(QualType T) {
  T = T.getCanonicalType();
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType().getCanonicalType();
  const RecordType *RT = T->getAs<RecordType>();
  if (!RT)
    return {};
  const RecordDecl *RD = RT->getDecl();
  if (!RD->getName().empty())
    return RD->getName().str();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName().str();
  return {};
}

bool isDescriptorStruct(llvm::StringRef Name) {
  // struct _typeobject is PyTypeObject (Include/cpython/object.h).
  static const llvm::StringRef Descriptors[] = {"_typeobject",
                                                "PyType_Spec",
                                                "PyType_Slot",
                                                "PyModuleDef",
                                                "PyModuleDef_Slot",
                                                "PyStructSequence_Desc",
                                                "PyStructSequence_Field",
                                                "PyMethodDef",
                                                "PyMemberDef",
                                                "PyGetSetDef"};
  return llvm::is_contained(Descriptors, Name);
}

bool isStructOrArrayOf(const VarDecl *V, llvm::StringRef Name) {
  return recordName(V->getType()) == Name;
}

std::string symbolKey(const NamedDecl *D, llvm::StringRef MainFile) {
  if (!D)
    return {};
  if (D->hasExternalFormalLinkage())
    return D->getName().str();
  return (MainFile + "::" + D->getName()).str();
}

const Expr *fieldInit(const InitListExpr *ILE, llvm::StringRef Name) {
  if (!ILE)
    return nullptr;
  if (ILE->isSyntacticForm() && ILE->getSemanticForm())
    ILE = ILE->getSemanticForm();
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD)
    return nullptr;
  unsigned Index = 0;
  for (const FieldDecl *F : RD->fields()) {
    if (F->getName() == Name)
      return Index < ILE->getNumInits() ? ILE->getInit(Index) : nullptr;
    ++Index;
  }
  return nullptr;
}

const InitListExpr *singleStructInit(const VarDecl *V, llvm::StringRef Name) {
  if (!V->getInit() || V->getType()->isArrayType() ||
      recordName(V->getType()) != Name)
    return nullptr;
  return dyn_cast<InitListExpr>(V->getInit()->IgnoreParenCasts());
}

std::optional<std::string> stringField(const InitListExpr *ILE,
                                       llvm::StringRef Field) {
  if (const StringLiteral *S = asStringLiteral(fieldInit(ILE, Field)))
    return S->getString().str();
  return std::nullopt;
}

const StringLiteral *asStringLiteral(const Expr *E) {
  if (!E)
    return nullptr;
  return dyn_cast<StringLiteral>(E->IgnoreParenCasts());
}

Site RecordContext::site(SourceLocation Loc) const {
  Site S = Conditions.siteAt(Loc);
  S.File = absoluteFilePath(Ctx.getSourceManager(), Loc);
  return S;
}

NameSite RecordContext::nameSite(const Expr *E) const {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = E->getBeginLoc();
  NameSite N;
  SourceLocation Spelling = SM.getSpellingLoc(Loc);
  SourceLocation Use = SM.getFileLoc(Loc);
  // A stringized macro argument (#x) is spelled in scratch space: the use
  // is then the only meaningful place (posixmodule.c: PyModule_AddIntMacro).
  bool SpellingIsReal =
      Spelling.isValid() && Spelling.isFileID() &&
      SM.getFileEntryRefForID(SM.getFileID(Spelling)).has_value();
  if (SpellingIsReal) {
    N.Spelling = site(Spelling);
    if (SM.getFileID(Spelling) != SM.getFileID(Use) ||
        SM.getFileOffset(Spelling) != SM.getFileOffset(Use)) {
      Site U = site(Use);
      if (U.File != N.Spelling.File || U.Line != N.Spelling.Line)
        N.Use = std::move(U);
    }
  } else {
    N.Spelling = site(Use);
  }
  return N;
}

std::optional<long> RecordContext::macroInteger(llvm::StringRef Name) const {
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->getNumTokens() == 0)
    return std::nullopt;
  // Accept `64`, `(64)` and `0x0010`.
  std::string Text;
  for (const Token &T : MI->tokens())
    Text += PP.getSpelling(T);
  llvm::StringRef S(Text);
  S = S.trim("()");
  long long V;
  if (S.getAsInteger(0, V))
    return std::nullopt;
  return static_cast<long>(V);
}

std::string RecordContext::fieldKey(const MemberExpr *M) const {
  QualType T = M->getBase()->getType();
  if (M->isArrow() && T->isPointerType())
    T = T->getPointeeType();
  std::string Record = recordName(T);
  if (Record.empty() || isDescriptorStruct(Record))
    return {};
  return Record + "." + M->getMemberDecl()->getName().str();
}

std::optional<std::string>
RecordContext::macroNamed(long V, llvm::ArrayRef<llvm::StringRef> Names) const {
  for (llvm::StringRef N : Names)
    if (macroInteger(N) == V)
      return N.str();
  return std::nullopt;
}

/// Records a slot array (PyType_Slot or PyModuleDef_Slot) keeping only the
/// slots named in SlotMacros; slot ids are compared with the macro values
/// the translation unit's headers define (Include/typeslots.h, moduleobject.h).
void recordSlotTable(RecordContext &RC, const VarDecl *V,
                     llvm::StringRef ValueField,
                     llvm::ArrayRef<llvm::StringRef> SlotMacros) {
  const auto *ILE = dyn_cast<InitListExpr>(V->getInit()->IgnoreParenCasts());
  if (!ILE || !V->getType()->isArrayType())
    return;
  SlotTable Table;
  Table.Key = symbolKey(V, RC.MainFile);
  SymbolicValueBuilder B(RC, nullptr);
  for (const Expr *Row : ILE->inits()) {
    const auto *RowInit = dyn_cast<InitListExpr>(Row->IgnoreParenCasts());
    if (!RowInit)
      continue;
    const Expr *Id = fieldInit(RowInit, "slot");
    Expr::EvalResult R;
    if (!Id || !Id->EvaluateAsInt(R, RC.Ctx))
      continue;
    if (std::optional<std::string> Slot =
            RC.macroNamed(R.Val.getInt().getExtValue(), SlotMacros))
      Table.Slots.emplace_back(*Slot, B.build(fieldInit(RowInit, ValueField)));
  }
  RC.Facts.SlotTables.push_back(std::move(Table));
}

} // namespace gapscan

namespace gapscan {

void recordNameTable(
    RecordContext &RC, const VarDecl *Array, llvm::StringRef Struct,
    llvm::StringRef NameField,
    const std::function<ItemKind(const InitListExpr &)> &KindOf,
    llvm::StringRef ImplField) {
  const auto *ILE =
      dyn_cast<InitListExpr>(Array->getInit()->IgnoreParenCasts());
  if (!ILE || !Array->getType()->isArrayType())
    return;
  NameTable Table;
  Table.Key = symbolKey(Array, RC.MainFile);
  Table.Struct = Struct.str();
  for (const Expr *Row : ILE->inits()) {
    const auto *RowInit = dyn_cast<InitListExpr>(Row->IgnoreParenCasts());
    if (!RowInit)
      continue;
    const StringLiteral *Name = asStringLiteral(fieldInit(RowInit, NameField));
    if (!Name)
      continue; // Sentinel rows and computed names.
    TableRow R;
    R.Name = Name->getString().str();
    R.Where = RC.nameSite(Name);
    R.Kind = KindOf(*RowInit);
    if (!ImplField.empty())
      if (const Expr *Impl = fieldInit(RowInit, ImplField))
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Impl->IgnoreParenCasts()))
          if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
            R.Impl = symbolKey(F, RC.MainFile);
    Table.Rows.push_back(std::move(R));
  }
  RC.Facts.Tables.push_back(std::move(Table));
}

} // namespace gapscan

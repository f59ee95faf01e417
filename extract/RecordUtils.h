//===- RecordUtils.h - Helpers shared by the extractors ------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_RECORDUTILS_H
#define WASM_GAPSCAN_EXTRACT_RECORDUTILS_H

#include "model/Facts.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

namespace clang {
class Preprocessor;
}

namespace gapscan {

class ConditionalRecorder;

/// Absolute real path of the file holding a (file) location.
std::string absoluteFilePath(const clang::SourceManager &SM,
                             clang::SourceLocation Loc);

/// The name of the struct a type is (through typedefs and arrays), e.g.
/// "PyMethodDef" for `static PyMethodDef m[]`, "_typeobject" for
/// PyTypeObject; the typedef name for anonymous structs.
std::string recordName(clang::QualType T);

/// Whether Name is a struct of the C API that describes one type, module or
/// table each (PyTypeObject, PyType_Spec, PyStructSequence_Desc, PyModuleDef
/// and their slot and row structs): the extractors read such definitions
/// whole, and a field of one says nothing about another.
bool isDescriptorStruct(llvm::StringRef Name);

/// Whether a variable is an array (or single instance) of struct Name.
bool isStructOrArrayOf(const clang::VarDecl *V, llvm::StringRef Name);

/// Symbol key of a declaration: its name when it has external linkage, else
/// "<main file>::<name>" so that static symbols of different translation
/// units never collide.
std::string symbolKey(const clang::NamedDecl *D, llvm::StringRef MainFile);

/// The initializer of field Name in a struct initializer (semantic form).
const clang::Expr *fieldInit(const clang::InitListExpr *ILE,
                             llvm::StringRef Name);

/// The brace initialiser of a single (non-array) variable of struct Name,
/// or null: the common shape of PyModuleDef, PyType_Spec, PyTypeObject and
/// PyStructSequence_Desc definitions.
const clang::InitListExpr *singleStructInit(const clang::VarDecl *V,
                                            llvm::StringRef Name);

/// The string a struct field is initialised with, if it is a literal.
std::optional<std::string> stringField(const clang::InitListExpr *ILE,
                                       llvm::StringRef Field);

/// A string literal (possibly behind casts) or null.
const clang::StringLiteral *asStringLiteral(const clang::Expr *E);

/// The shared context of the extractors of one translation unit.
struct RecordContext {
  clang::ASTContext &Ctx;
  clang::Preprocessor &PP;
  const ConditionalRecorder &Conditions;
  std::string MainFile;
  TUFacts &Facts;

  /// Where a string literal is spelled (macro definition or source) and
  /// where it is used, with guards.
  NameSite nameSite(const clang::Expr *E) const;
  Site site(clang::SourceLocation Loc) const;
  /// The integer value of an object-like macro defined as one number (e.g.
  /// Py_tp_methods, METH_CLASS), read from the preprocessor's final state.
  std::optional<long> macroInteger(llvm::StringRef Name) const;
  /// The name of the object-like macro whose integer value is V among Names.
  std::optional<std::string>
  macroNamed(long V, llvm::ArrayRef<llvm::StringRef> Names) const;
  /// The storage key "Record.field" of a member access, or "" for a field
  /// of a descriptor struct (isDescriptorStruct). The linker resolves a
  /// field read to what any assignment of that key stores: sound for
  /// state a module or the runtime keeps once (datetime_state,
  /// `interp->cached_objects`), wrong for a struct with one instance per
  /// type or module: Modules/_testcapimodule.c's
  /// `descr.name = "_testcapi.test_descr"` once named every type whose
  /// tp_name was read through a parameter (_datetime's classes, 3.13).
  std::string fieldKey(const clang::MemberExpr *M) const;
};

} // namespace gapscan

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace gapscan {

/// Matches a defined global variable with an initializer, bound to "var".
/// The extractors narrow it down by the struct name in their callback.
inline clang::ast_matchers::DeclarationMatcher initializedGlobal() {
  using namespace clang::ast_matchers;
  return varDecl(isDefinition(), hasGlobalStorage(), hasInitializer(expr()))
      .bind("var");
}

/// The variable bound by initializedGlobal() when this declaration is the one
/// carrying the initializer (hasInitializer also matches its redeclarations).
inline const clang::VarDecl *
initializedVar(const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  const auto *V = Result.Nodes.getNodeAs<clang::VarDecl>("var");
  return V && V->getInit() ? V : nullptr;
}

/// Records a global array of name-table rows (PyMethodDef, PyMemberDef,
/// PyGetSetDef, PyStructSequence_Field): one row per element whose name field
/// is a string literal. KindOf gives each row's kind; ImplField, when set,
/// names the field holding the C function a call of the row runs (ml_meth).
void recordNameTable(
    RecordContext &RC, const clang::VarDecl *Array, llvm::StringRef Struct,
    llvm::StringRef NameField,
    const std::function<ItemKind(const clang::InitListExpr &)> &KindOf,
    llvm::StringRef ImplField = "");

/// Records a slot array (PyType_Slot or PyModuleDef_Slot) keeping only the
/// slots named in SlotMacros (defined in TypeSpecExtractor.cpp).
void recordSlotTable(RecordContext &RC, const clang::VarDecl *V,
                     llvm::StringRef ValueField,
                     llvm::ArrayRef<llvm::StringRef> SlotMacros);

} // namespace gapscan

#endif

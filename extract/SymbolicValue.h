//===- SymbolicValue.h - Expressions as symbolic values -------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_SYMBOLICVALUE_H
#define WASM_GAPSCAN_EXTRACT_SYMBOLICVALUE_H

#include "extract/RecordUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace gapscan {

/// Turns an expression into a SymVal. Locals of the enclosing function are
/// replaced by what is assigned to them (flow-insensitively: the first
/// assignment that says something), parameters stay symbolic, globals and
/// struct fields become keys the linker resolves across translation units.
/// Everything works after macro expansion: `PyModule_AddIntMacro(m, X)` and
/// module-local wrappers such as signalmodule.c's ADD_INT_MACRO are plain
/// calls to PyModule_AddIntConstant here.
class SymbolicValueBuilder {
public:
  SymbolicValueBuilder(const RecordContext &RC,
                       const clang::FunctionDecl *Function);
  SymVal build(const clang::Expr *E);

private:
  SymVal build(const clang::Expr *E, unsigned Depth);
  // build()'s cases, one per kind of expression that can name something.
  SymVal fromDeclRef(const clang::DeclRefExpr *DR, unsigned Depth);
  SymVal fromMember(const clang::MemberExpr *M, unsigned Depth);
  SymVal fromSubscript(const clang::ArraySubscriptExpr *AS, unsigned Depth);
  SymVal fromCall(const clang::CallExpr *C, unsigned Depth);
  SymVal local(const clang::VarDecl *V, clang::SourceLocation Use,
               unsigned Depth);
  SymVal rowValues(const clang::VarDecl *Array, llvm::StringRef Field,
                   unsigned Depth);
  const clang::VarDecl *iteratedArray(const clang::Expr *Base);
  const clang::VarDecl *arrayOf(const clang::Expr *E);
  const clang::VarDecl *copiedTable(const clang::MemberExpr *M);

  const RecordContext &RC;
  llvm::DenseMap<const clang::VarDecl *, std::vector<const clang::Expr *>>
      Locals;
  /// What the function stores into struct fields (`state->table = ...`).
  llvm::DenseMap<const clang::FieldDecl *, std::vector<const clang::Expr *>>
      FieldStores;
  llvm::SmallPtrSet<const clang::VarDecl *, 8> Visiting;
};

} // namespace gapscan

#endif

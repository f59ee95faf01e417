//===- TypeSpecExtractor.cpp ----------------------------------------------===//
#include "matchers/TypeSpecExtractor.h"
#include "matchers/SymbolicValue.h"
#include "clang/AST/ASTContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void TypeSpecExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
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

void TypeSpecExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  std::string Struct = recordName(V->getType());
  RecordContext &RC = ctx();
  if (Struct == "PyType_Slot") {
    recordSlotTable(RC, V, "pfunc",
                    {"Py_tp_methods", "Py_tp_members", "Py_tp_getset"});
    return;
  }
  const InitListExpr *ILE = singleStructInit(V, "PyType_Spec");
  if (!ILE)
    return;
  TypeSpec S;
  S.Key = symbolKey(V, RC.MainFile);
  S.Where = RC.site(V->getLocation());
  S.Name = stringField(ILE, "name");
  S.Slots = SymbolicValueBuilder(RC, nullptr).build(fieldInit(ILE, "slots"));
  RC.Facts.Specs.push_back(std::move(S));
}

} // namespace gapscan

//===- TypeSpecExtractor.cpp ----------------------------------------------===//
#include "extract/patterns/TypeSpecExtractor.h"
#include "extract/SymbolicValue.h"
#include "clang/AST/ASTContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void TypeSpecExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void TypeSpecExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  std::string Struct = recordName(V->getType());
  RecordContext &RC = ctx();
  if (Struct == "PyType_Slot") {
    recordSlotTable(RC, V, "pfunc",
                    {"Py_tp_methods", "Py_tp_members", "Py_tp_getset",
                     "Py_tp_new", "Py_tp_init"});
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

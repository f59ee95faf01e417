//===- ModuleDefExtractor.cpp ---------------------------------------------===//
#include "extract/patterns/ModuleDefExtractor.h"
#include "extract/SymbolicValue.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void ModuleDefExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void ModuleDefExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  std::string Struct = recordName(V->getType());
  RecordContext &RC = ctx();
  if (Struct == "PyModuleDef_Slot") {
    recordSlotTable(RC, V, "value", {"Py_mod_exec"});
    return;
  }
  const InitListExpr *ILE = singleStructInit(V, "PyModuleDef");
  if (!ILE)
    return;
  ModuleDef D;
  D.Key = symbolKey(V, RC.MainFile);
  D.Where = RC.site(V->getLocation());
  D.Name = stringField(ILE, "m_name");
  SymbolicValueBuilder B(RC, nullptr);
  D.Methods = B.build(fieldInit(ILE, "m_methods"));
  D.Slots = B.build(fieldInit(ILE, "m_slots"));
  RC.Facts.ModuleDefs.push_back(std::move(D));
}

} // namespace gapscan

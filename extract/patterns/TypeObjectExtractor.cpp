//===- TypeObjectExtractor.cpp --------------------------------------------===//
#include "extract/patterns/TypeObjectExtractor.h"
#include "extract/SymbolicValue.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void TypeObjectExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void TypeObjectExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  // struct _typeobject is PyTypeObject (Include/cpython/object.h).
  const InitListExpr *ILE = singleStructInit(V, "_typeobject");
  if (!ILE)
    return;
  RecordContext &RC = ctx();
  StaticType T;
  T.Key = symbolKey(V, RC.MainFile);
  T.Where = RC.site(V->getLocation());
  T.TpName = stringField(ILE, "tp_name");
  SymbolicValueBuilder B(RC, nullptr);
  T.Methods = B.build(fieldInit(ILE, "tp_methods"));
  T.Members = B.build(fieldInit(ILE, "tp_members"));
  T.GetSets = B.build(fieldInit(ILE, "tp_getset"));
  T.New = B.build(fieldInit(ILE, "tp_new"));
  T.Init = B.build(fieldInit(ILE, "tp_init"));
  RC.Facts.StaticTypes.push_back(std::move(T));
}

} // namespace gapscan

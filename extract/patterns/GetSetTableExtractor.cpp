//===- GetSetTableExtractor.cpp -------------------------------------------===//
#include "extract/patterns/GetSetTableExtractor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void GetSetTableExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void GetSetTableExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  if (!isStructOrArrayOf(V, "PyGetSetDef"))
    return;
  recordNameTable(ctx(), V, "PyGetSetDef", "name",
                  [](const InitListExpr &) { return ItemKind::GetSet; });
}

} // namespace gapscan

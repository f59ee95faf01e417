//===- MemberTableExtractor.cpp -------------------------------------------===//
#include "extract/patterns/MemberTableExtractor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void MemberTableExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void MemberTableExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  if (!isStructOrArrayOf(V, "PyMemberDef"))
    return;
  recordNameTable(ctx(), V, "PyMemberDef", "name",
                  [](const InitListExpr &) { return ItemKind::Member; });
}

} // namespace gapscan

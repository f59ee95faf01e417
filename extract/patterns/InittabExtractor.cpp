//===- InittabExtractor.cpp -----------------------------------------------===//
#include "extract/patterns/InittabExtractor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void InittabExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void InittabExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  if (recordName(V->getType()) != "_inittab" || !V->getType()->isArrayType())
    return;
  const auto *ILE = dyn_cast<InitListExpr>(V->getInit()->IgnoreParenCasts());
  if (!ILE)
    return;
  for (const Expr *Row : ILE->inits()) {
    const auto *RowInit = dyn_cast<InitListExpr>(Row->IgnoreParenCasts());
    const StringLiteral *Name =
        RowInit ? asStringLiteral(fieldInit(RowInit, "name")) : nullptr;
    if (!Name)
      continue;
    InittabEntry E;
    E.Name = Name->getString().str();
    if (const Expr *Init = fieldInit(RowInit, "initfunc"))
      if (auto *DR = dyn_cast<DeclRefExpr>(Init->IgnoreParenCasts()))
        E.InitFunc = symbolKey(DR->getDecl(), ctx().MainFile);
    ctx().Facts.Inittab.push_back(std::move(E));
  }
}

} // namespace gapscan

//===- MethodTableExtractor.cpp -------------------------------------------===//
#include "extract/patterns/MethodTableExtractor.h"
#include "clang/AST/ASTContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void MethodTableExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void MethodTableExtractor::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  if (!isStructOrArrayOf(V, "PyMethodDef"))
    return;
  RecordContext &RC = ctx();
  // METH_CLASS / METH_STATIC as this translation unit's headers define them.
  std::optional<long> ClassFlag = RC.macroInteger("METH_CLASS");
  std::optional<long> StaticFlag = RC.macroInteger("METH_STATIC");
  recordNameTable(
      RC, V, "PyMethodDef", "ml_name",
      [&](const InitListExpr &Row) -> ItemKind {
        const Expr *Flags = fieldInit(&Row, "ml_flags");
        Expr::EvalResult R;
        if (Flags && Flags->EvaluateAsInt(R, RC.Ctx)) {
          long F = R.Val.getInt().getExtValue();
          if (ClassFlag && (F & *ClassFlag))
            return ItemKind::ClassMethod;
          if (StaticFlag && (F & *StaticFlag))
            return ItemKind::StaticMethod;
        }
        return ItemKind::Method;
      },
      "ml_meth");
}

} // namespace gapscan

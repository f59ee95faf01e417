//===- StructSequenceExtractor.cpp ----------------------------------------===//
#include "extract/patterns/StructSequenceExtractor.h"
#include "extract/SymbolicValue.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void StructSequenceExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
  Finder.addMatcher(callExpr(argumentCountAtLeast(2)).bind("call"), this);
}

/// The global variable an argument points at (`&desc`, `&Type`), if any.
static const VarDecl *pointedGlobal(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenCasts();
  if (auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
  if (auto *DR = dyn_cast<DeclRefExpr>(E))
    if (auto *V = dyn_cast<VarDecl>(DR->getDecl()))
      if (V->hasGlobalStorage())
        return V;
  return nullptr;
}

void StructSequenceExtractor::run(const MatchFinder::MatchResult &Result) {
  RecordContext &RC = ctx();
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    // PyStructSequence_InitType2(&StatResultType, &stat_result_desc) and its
    // private variants: a static type takes the name and fields of a desc.
    const VarDecl *Type = nullptr, *Desc = nullptr;
    for (const Expr *A : Call->arguments()) {
      const VarDecl *V = pointedGlobal(A);
      if (!V)
        continue;
      if (recordName(V->getType()) == "_typeobject")
        Type = V;
      else if (recordName(V->getType()) == "PyStructSequence_Desc")
        Desc = V;
    }
    if (Type && Desc)
      RC.Facts.TypeFromDesc.emplace_back(symbolKey(Type, RC.MainFile),
                                         symbolKey(Desc, RC.MainFile));
    return;
  }
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  std::string Struct = recordName(V->getType());
  if (Struct == "PyStructSequence_Field") {
    recordNameTable(RC, V, Struct, "name",
                    [](const InitListExpr &) { return ItemKind::Field; });
    return;
  }
  const InitListExpr *ILE = singleStructInit(V, "PyStructSequence_Desc");
  if (!ILE)
    return;
  StructSequenceDesc D;
  D.Key = symbolKey(V, RC.MainFile);
  D.Where = RC.site(V->getLocation());
  D.Name = stringField(ILE, "name");
  D.Fields = SymbolicValueBuilder(RC, nullptr).build(fieldInit(ILE, "fields"));
  RC.Facts.StructSequences.push_back(std::move(D));
}

} // namespace gapscan

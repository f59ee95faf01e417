//===- FunctionSummaryExtractor.cpp ---------------------------------------===//
#include "extract/patterns/FunctionSummaryExtractor.h"
#include "extract/SymbolicValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

namespace {

/// Whether the linker could follow a value (an unknown or an integer can
/// name neither a module nor an item).
bool saysSomething(const SymVal &V) {
  return V.Kind != SymVal::Unknown && V.Kind != SymVal::IntLit;
}

/// Walks one function body in source order.
class BodyWalker : public RecursiveASTVisitor<BodyWalker> {
public:
  BodyWalker(RecordContext &RC, const FunctionDecl *F, FunctionSummary &Out)
      : RC(RC), Builder(RC, F), Out(Out) {}

  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return true;
    CallEvent E;
    bool Any = false;
    for (const Expr *A : C->arguments()) {
      E.Args.push_back(Builder.build(A));
      Any |= saysSomething(E.Args.back());
    }
    if (!Any)
      return true; // Nothing the linker could follow.
    E.Callee = symbolKey(Callee, RC.MainFile);
    E.Name = Callee->getName().str();
    E.Where = RC.site(C->getBeginLoc());
    Out.Calls.push_back(std::move(E));
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    if (const Expr *V = R->getRetValue()) {
      SymVal S = Builder.build(V);
      if (saysSomething(S))
        Out.Returns.push_back(std::move(S));
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    const Expr *L = B->getLHS()->IgnoreParenCasts();
    std::string Target;
    if (auto *M = dyn_cast<MemberExpr>(L)) {
      Target = RC.fieldKey(M);
    } else if (auto *DR = dyn_cast<DeclRefExpr>(L)) {
      if (auto *V = dyn_cast<VarDecl>(DR->getDecl());
          V && V->hasGlobalStorage())
        Target = symbolKey(V, RC.MainFile);
    }
    if (Target.empty())
      return true;
    SymVal Value = Builder.build(B->getRHS());
    if (saysSomething(Value))
      RC.Facts.Assignments.push_back({Target, std::move(Value)});
    return true;
  }

private:
  RecordContext &RC;
  SymbolicValueBuilder Builder;
  FunctionSummary &Out;
};

} // namespace

void FunctionSummaryExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder.addMatcher(initializedGlobal(), this);
}

void FunctionSummaryExtractor::run(const MatchFinder::MatchResult &Result) {
  RecordContext &RC = ctx();
  if (Result.Nodes.getNodeAs<VarDecl>("var")) {
    const VarDecl *V = initializedVar(Result);
    if (!V)
      return;
    // `PyObject *PyExc_OSError = (PyObject *)&_PyExc_OSError;`
    // (Objects/exceptions.c): a global that names another object.
    if (!V->getType()->isPointerType())
      return;
    SymVal Value = SymbolicValueBuilder(RC, nullptr).build(V->getInit());
    if (saysSomething(Value))
      RC.Facts.Assignments.push_back(
          {symbolKey(V, RC.MainFile), std::move(Value)});
    return;
  }
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!F->hasBody() ||
      RC.Ctx.getSourceManager().isInSystemHeader(F->getLocation()))
    return;
  FunctionSummary S;
  S.Key = symbolKey(F, RC.MainFile);
  S.Name = F->getName().str();
  S.NumParams = F->getNumParams();
  BodyWalker(RC, F, S).TraverseStmt(F->getBody());
  if (!S.Calls.empty() || !S.Returns.empty())
    RC.Facts.Functions.push_back(std::move(S));
}

} // namespace gapscan

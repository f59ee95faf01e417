//===- FailurePointExtractor.cpp ------------------------------------------===//
#include "extract/patterns/FailurePointExtractor.h"
#include "extract/CApiSemantics.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

namespace {

/// An errno constant as written: ENOTSUP, ENOSYS, EAGAIN (POSIX spells
/// every one E + capitals).
bool isErrnoName(llvm::StringRef S) {
  return S.size() > 1 && S[0] == 'E' &&
         llvm::all_of(S.drop_front(), [](char C) {
           return (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9');
         });
}

/// The exceptions an unsupported operation raises: OSError (ENOTSUP,
/// ENOSYS) and NotImplementedError. A RuntimeError or ValueError in a
/// region is about the arguments (Modules/posixmodule.c utime_fd's "neither
/// futimens nor futimes" only for a file descriptor argument).
bool isPlatformError(llvm::StringRef Exception) {
  return Exception == "PyExc_OSError" ||
         Exception == "PyExc_NotImplementedError";
}

/// Where the unit names its thread layer "pthread-stubs" (Python/thread.c's
/// PYTHREAD_NAME, as the preprocessor left it), or an invalid location.
SourceLocation stubThreadLayer(Preprocessor &PP) {
  const MacroInfo *MI = PP.getMacroInfo(PP.getIdentifierInfo(ThreadLayerMacro));
  if (!MI || MI->getNumTokens() != 1 ||
      !MI->getReplacementToken(0).is(tok::string_literal))
    return {};
  std::string Spelled = PP.getSpelling(MI->getReplacementToken(0));
  if (llvm::StringRef(Spelled).trim('"') != StubThreadLayerName)
    return {};
  return MI->getDefinitionLoc();
}

class BodyWalker : public RecursiveASTVisitor<BodyWalker> {
public:
  BodyWalker(RecordContext &RC, FunctionBehaviour &Out,
             SourceLocation StubLayer)
      : RC(RC), SM(RC.Ctx.getSourceManager()), Out(Out), StubLayer(StubLayer) {}

  // The statements that make what they enclose depend on a run-time value.
  bool TraverseIfStmt(IfStmt *S) {
    return branch(S, [&] { return RecursiveASTVisitor::TraverseIfStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return branch(S, [&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseForStmt(ForStmt *S) {
    return branch(S, [&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return branch(S, [&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    return branch(S,
                  [&] { return RecursiveASTVisitor::TraverseSwitchStmt(S); });
  }
  bool TraverseConditionalOperator(ConditionalOperator *S) {
    return branch(
        S, [&] { return RecursiveASTVisitor::TraverseConditionalOperator(S); });
  }

  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return true;
    // libc and the compiler's headers end the graph; CPython's own
    // headers do not (Include/cpython/pthread_stubs.h declares the WASI
    // stubs of Python/thread_pthread_stubs.h).
    if (!SM.isInSystemHeader(Callee->getLocation())) {
      std::string Key = symbolKey(Callee, RC.MainFile);
      if (Seen.insert(Key).second)
        Out.Callees.push_back(std::move(Key));
    } else if (StubLayer.isValid() && startsThread(Callee->getName())) {
      // libc's pthread_create in a layer CPython names "pthread-stubs":
      // Emscripten without pthreads links a stub returning EAGAIN
      // (Python/thread.c picks the name under `defined(__EMSCRIPTEN__) &&
      // !defined(__EMSCRIPTEN_PTHREADS__)`). The point is that definition,
      // which a configuration with threads does not compile; WASI's stub
      // has a body of CPython's (Python/thread_pthread_stubs.h), followed
      // as a callee instead.
      Site Where = RC.site(SM.getExpansionLoc(StubLayer));
      if (!Where.Guards.empty() &&
          Where.Guards.back() < RC.Facts.Directives.size())
        Out.Failures.push_back({Callee->getName().str() +
                                    "() while the thread layer is \"" +
                                    StubThreadLayerName.str() + "\" (" +
                                    ThreadLayerMacro.str() + ")",
                                std::move(Where)});
    }
    if (cApiRole(Callee->getName()) == CApiRole::SetsError &&
        C->getNumArgs() > 0 &&
        isPlatformError(spelling(C->getArg(0)->IgnoreParenCasts()))) {
      std::string Text = Callee->getName().str() + "(" +
                         spelling(C->getArg(0)->IgnoreParenCasts());
      if (C->getNumArgs() > 1)
        if (const auto *S =
                dyn_cast<StringLiteral>(C->getArg(1)->IgnoreParenCasts()))
          Text += ", \"" + S->getString().take_front(80).str() + "\"";
      point(C->getBeginLoc(), Text + ")");
    }
    return true;
  }

  /// errno = ENOTSUP (Python/fileutils.c, Modules/socketmodule.c).
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    std::string Value = spelling(B->getRHS()->IgnoreParenCasts());
    if (spelling(B->getLHS()) == "errno" && isErrnoName(Value))
      point(B->getBeginLoc(), "errno = " + Value);
    return true;
  }

  /// return EAGAIN (Python/thread_pthread_stubs.h: pthread_create).
  bool VisitReturnStmt(ReturnStmt *R) {
    if (Branches)
      ReturnedUnderBranch = true;
    if (const Expr *V = R->getRetValue()) {
      std::string Value = spelling(V->IgnoreParenCasts());
      if (isErrnoName(Value))
        point(R->getBeginLoc(), "return " + Value);
    }
    return true;
  }

private:
  RecordContext &RC;
  const SourceManager &SM;
  FunctionBehaviour &Out;
  /// The thread layer's "pthread-stubs" name, when this unit has it.
  SourceLocation StubLayer;
  llvm::StringSet<> Seen;
  /// How many branching statements enclose the statement being walked.
  unsigned Branches = 0;
  /// Whether a return under a branch came before: the function may have
  /// succeeded by then, so a later error is what is left when a run-time
  /// search fails (Python/thread_pthread_stubs.h pthread_key_create: its
  /// loop returns a free key, `return EAGAIN` only when all are taken).
  bool ReturnedUnderBranch = false;

  template <typename Fn> bool branch(Stmt *, Fn Traverse) {
    ++Branches;
    bool Ok = Traverse();
    --Branches;
    return Ok;
  }

  /// The source text of E as written where it is used (macros unexpanded:
  /// `errno`, `ENOTSUP`).
  std::string spelling(const Expr *E) const {
    CharSourceRange Range = SM.getExpansionRange(E->getSourceRange());
    return Lexer::getSourceText(Range, SM, RC.Ctx.getLangOpts()).str();
  }

  void point(SourceLocation Loc, std::string Text) {
    SourceLocation At = SM.getExpansionLoc(Loc);
    Site Where = RC.site(At);
    // Unguarded errors are compiled everywhere: only guarded ones can tell
    // two configurations apart.
    if (Where.Guards.empty() ||
        Where.Guards.back() >= RC.Facts.Directives.size())
      return;
    // An error the region only reaches when a call fails at run time
    // (Python/bootstrap_hash.c py_getentropy: `if (res < 0)
    // PyErr_SetFromErrno`) or for some arguments is error handling; a
    // region that goes straight to its error (Python/fileutils.c _Py_dup's
    // #else, socketmodule.c's stub_socket) is a stub. So any branch around
    // the point disqualifies it.
    if (Branches || ReturnedUnderBranch)
      return;
    Out.Failures.push_back({std::move(Text), std::move(Where)});
  }
};

/// Whether F is written in a header of CPython's Include/ folder: the static
/// inline functions every unit repeats (Py_INCREF, ...), kept only when they
/// hold a guarded error.
bool inIncludeFolder(const SourceManager &SM, const FunctionDecl *F) {
  llvm::StringRef File = SM.getFilename(SM.getExpansionLoc(F->getLocation()));
  return File.contains("/Include/") || File.starts_with("Include/");
}

} // namespace

void FailurePointExtractor::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
}

void FailurePointExtractor::run(const MatchFinder::MatchResult &Result) {
  RecordContext &RC = ctx();
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  const SourceManager &SM = RC.Ctx.getSourceManager();
  if (!F || !F->hasBody() || SM.isInSystemHeader(F->getLocation()))
    return;
  FunctionBehaviour B;
  B.Key = symbolKey(F, RC.MainFile);
  B.Name = F->getName().str();
  B.Where = RC.site(SM.getExpansionLoc(F->getLocation()));
  BodyWalker(RC, B, stubThreadLayer(RC.PP)).TraverseStmt(F->getBody());
  // A stub defined only in a region (Modules/socketmodule.c stub_socket
  // under #ifndef HAVE_SOCKET) needs nothing more: the region encloses its
  // errors, so they are guarded points.
  if (B.Failures.empty() && (B.Callees.empty() || inIncludeFolder(SM, F)))
    return;
  RC.Facts.Behaviours.push_back(std::move(B));
}

} // namespace gapscan

//===- FactsAction.cpp
//-----------------------------------------------------===//
#include "extract/FactsAction.h"
#include "extract/ConditionalRecorder.h"
#include "extract/Extractor.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"

using namespace clang;

namespace gapscan {

namespace {

/// Keeps the first errors of a translation unit (warnings are not printed:
/// CPython compiles with its own compiler, not ours).
class ErrorCollector : public DiagnosticConsumer {
public:
  explicit ErrorCollector(TUFacts &Facts) : Facts(Facts) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    Facts.ParseOK = false;
    if (Facts.Errors.size() >= 3)
      return;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" +
                std::to_string(P.getLine()) + ": ";
    }
    Facts.Errors.push_back(Where + Message.str().str());
  }

private:
  TUFacts &Facts;
};

class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(Preprocessor &PP, std::string MainFile, FactsSink &Sink,
                const std::vector<std::string> &Names)
      : PP(PP), Sink(Sink), Extractors(createExtractors(Names)) {
    Facts->MainFile = std::move(MainFile);
    auto Recorder =
        std::make_unique<ConditionalRecorder>(PP, Facts->Directives);
    Conditions = Recorder.get(); // Owned by the preprocessor from here on.
    PP.addPPCallbacks(std::move(Recorder));
    for (auto &E : Extractors)
      E->registerMatchers(Finder);
  }

  TUFacts &facts() { return *Facts; }

  /// Keeps the top-level declarations an extractor can match: global
  /// variables with an initializer (every table, type, spec and def) and
  /// function definitions (summaries; tables and calls in their bodies),
  /// outside system headers. The thousands of prototypes, typedefs and
  /// structs of Python.h and libc are then never walked by the matchers.
  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group) {
      bool Wanted = false;
      if (const auto *V = dyn_cast<VarDecl>(D))
        Wanted = V->hasInit();
      else if (const auto *F = dyn_cast<FunctionDecl>(D))
        Wanted = F->doesThisDeclarationHaveABody();
      if (Wanted && !D->getASTContext().getSourceManager().isInSystemHeader(
                        D->getLocation()))
        Scope.push_back(D);
    }
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    RecordContext RC{Ctx, PP, *Conditions, Facts->MainFile, *Facts};
    for (auto &E : Extractors)
      E->setContext(&RC);
    Ctx.setTraversalScope(Scope);
    Finder.matchAST(Ctx);
    for (auto &E : Extractors)
      E->setContext(nullptr);
    const SourceManager &SM = Ctx.getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      llvm::SmallString<256> Path(It->first.getName());
      SM.getFileManager().makeAbsolutePath(Path);
      Facts->Inputs.push_back(std::string(Path));
    }
    llvm::sort(Facts->Inputs);
  }

  ~FactsConsumer() override { Sink(std::move(*Facts)); }

private:
  Preprocessor &PP;
  FactsSink &Sink;
  std::unique_ptr<TUFacts> Facts = std::make_unique<TUFacts>();
  ConditionalRecorder *Conditions = nullptr;
  std::vector<Decl *> Scope; ///< See HandleTopLevelDecl.
  std::vector<std::unique_ptr<Extractor>> Extractors;
  ast_matchers::MatchFinder Finder;
};

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(FactsSink &Sink, const std::vector<std::string> &Names)
      : Sink(Sink), Names(Names) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef File) override {
    llvm::SmallString<256> Abs(File);
    CI.getFileManager().makeAbsolutePath(Abs);
    auto Consumer = std::make_unique<FactsConsumer>(
        CI.getPreprocessor(), std::string(Abs), Sink, Names);
    CI.getDiagnostics().setClient(new ErrorCollector(Consumer->facts()),
                                  /*ShouldOwnClient=*/true);
    // No "N errors generated." on stderr: errors are reported per module.
    CI.getDiagnosticOpts().ShowCarets = false;
    return Consumer;
  }

private:
  FactsSink &Sink;
  const std::vector<std::string> &Names;
};

class FactsActionFactory : public tooling::FrontendActionFactory {
public:
  FactsActionFactory(FactsSink Sink, std::vector<std::string> Names)
      : Sink(std::move(Sink)), Names(std::move(Names)) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(Sink, Names);
  }

private:
  FactsSink Sink;
  std::vector<std::string> Names;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
makeFactsActionFactory(FactsSink Sink,
                       std::vector<std::string> ExtractorNames) {
  return std::make_unique<FactsActionFactory>(std::move(Sink),
                                              std::move(ExtractorNames));
}

} // namespace gapscan

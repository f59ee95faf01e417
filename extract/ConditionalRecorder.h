//===- ConditionalRecorder.h - Preprocessor conditions around every line
//---===//
#ifndef WASM_GAPSCAN_EXTRACT_CONDITIONALRECORDER_H
#define WASM_GAPSCAN_EXTRACT_CONDITIONALRECORDER_H

#include "model/Facts.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class Preprocessor;
}

namespace gapscan {

/// Records every conditional branch the preprocessor enters outside system
/// headers, with its condition text, whether it was taken, and the values of
/// the macros it reads at that point. Afterwards it answers, for any source
/// location, the stack of branches enclosing it, including the branches that
/// enclose the #include lines leading to its file (a clinic header included
/// under #ifdef inherits that guard).
class ConditionalRecorder : public clang::PPCallbacks {
public:
  ConditionalRecorder(clang::Preprocessor &PP,
                      std::vector<ConditionalDirective> &Out);

  void If(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
          ConditionValueKind ConditionValue) override;
  void Elif(clang::SourceLocation Loc, clang::SourceRange ConditionRange,
            ConditionValueKind ConditionValue,
            clang::SourceLocation IfLoc) override;
  void Ifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
             const clang::MacroDefinition &MD) override;
  void Ifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
              const clang::MacroDefinition &MD) override;
  void Elifdef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
               const clang::MacroDefinition &MD) override;
  void Elifndef(clang::SourceLocation Loc, const clang::Token &MacroNameTok,
                const clang::MacroDefinition &MD) override;
  void Else(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;
  void Endif(clang::SourceLocation Loc, clang::SourceLocation IfLoc) override;

  /// The guards (outermost first) of a file location.
  std::vector<unsigned> guardsAt(clang::SourceLocation FileLoc) const;
  /// File, line and guards of a location (macro locations: the expansion).
  Site siteAt(clang::SourceLocation Loc) const;

private:
  struct Region {
    unsigned Begin, End; ///< File offsets; End is exclusive.
    unsigned Directive;
    int Parent; ///< Index into the same file's regions, or -1.
  };
  struct OpenChain {
    clang::SourceLocation IfLoc;
    clang::FileID File;
    unsigned Region; ///< The chain's current branch.
    bool AnyTaken;
    unsigned OpeningDirective;
  };

  /// Whether the directive at Loc goes unrecorded: in a system header, or
  /// outside the unit's own folder (see ownFile).
  bool ignored(clang::SourceLocation Loc);
  /// Whether F lies in the main file's folder or below it (clinic output,
  /// module-private headers).
  bool ownFile(clang::FileID F);
  void open(clang::SourceLocation Loc, ConditionalDirective D);
  void next(clang::SourceLocation Loc, clang::SourceLocation IfLoc,
            ConditionalDirective D, bool TakenIfNoneBefore);
  ConditionalDirective makeIf(clang::SourceLocation Loc, llvm::StringRef Kind,
                              clang::SourceRange Range, bool Taken);
  ConditionalDirective makeIfdef(clang::SourceLocation Loc,
                                 llvm::StringRef Kind,
                                 const clang::Token &MacroNameTok, bool Taken);
  std::optional<std::string> macroValue(llvm::StringRef Name) const;

  clang::Preprocessor &PP;
  const clang::SourceManager &SM;
  std::vector<ConditionalDirective> &Out;
  llvm::DenseMap<clang::FileID, std::vector<Region>> Regions;
  llvm::DenseMap<clang::FileID, std::vector<unsigned>> OpenRegions;
  llvm::DenseMap<clang::FileID, bool> OwnFiles;
  std::string UnitFolder; ///< The main file's folder, with a trailing '/'.
  std::vector<OpenChain> Chains;
};

} // namespace gapscan

#endif

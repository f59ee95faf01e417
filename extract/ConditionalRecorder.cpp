//===- ConditionalRecorder.cpp --------------------------------------------===//
#include "extract/ConditionalRecorder.h"
#include "extract/RecordUtils.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace clang;

namespace gapscan {

ConditionalRecorder::ConditionalRecorder(Preprocessor &PP,
                                         std::vector<ConditionalDirective> &Out)
    : PP(PP), SM(PP.getSourceManager()), Out(Out) {}

bool ConditionalRecorder::ignored(SourceLocation Loc) {
  // Items are defined in a unit's own sources: its main file, the clinic
  // output and private headers it includes from its folder
  // (Modules/clinic/posixmodule.c.h, Modules/_io/_iomodule.h). Headers
  // elsewhere (Include/, the build's pyconfig.h, system headers) define
  // the C API, not module items, so no item is guarded there; their
  // conditionals, repeated by every unit that includes Python.h, were half
  // of the facts cache and of the time to read it back.
  return Loc.isInvalid() || SM.isInSystemHeader(Loc) ||
         !ownFile(SM.getFileID(SM.getFileLoc(Loc)));
}

bool ConditionalRecorder::ownFile(FileID F) {
  auto [It, New] = OwnFiles.try_emplace(F, false);
  if (!New)
    return It->second;
  if (UnitFolder.empty()) {
    UnitFolder =
        llvm::sys::path::parent_path(
            absoluteFilePath(SM, SM.getLocForStartOfFile(SM.getMainFileID())))
            .str();
    UnitFolder += '/';
  }
  It->second = F == SM.getMainFileID() ||
               llvm::StringRef(absoluteFilePath(SM, SM.getLocForStartOfFile(F)))
                   .starts_with(UnitFolder);
  return It->second;
}

std::optional<std::string>
ConditionalRecorder::macroValue(llvm::StringRef Name) const {
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI)
    return std::nullopt;
  if (MI->isBuiltinMacro())
    return std::string("<builtin>");
  std::string Value;
  if (MI->isFunctionLike()) {
    Value += "(";
    bool First = true;
    for (const IdentifierInfo *P : MI->params()) {
      Value += (First ? "" : ", ") + P->getName().str();
      First = false;
    }
    Value += ")";
    if (MI->getNumTokens())
      Value += " ";
  }
  bool First = true;
  for (const Token &T : MI->tokens()) {
    if (!First && T.hasLeadingSpace())
      Value += " ";
    Value += PP.getSpelling(T);
    First = false;
  }
  return Value;
}

/// Re-lexes a condition: drops comments and line continuations, collapses
/// white space, and lists the identifiers it reads (`defined` excluded).
static void lexCondition(Preprocessor &PP, SourceRange Range, std::string &Text,
                         std::vector<std::string> &Identifiers) {
  const SourceManager &SM = PP.getSourceManager();
  const LangOptions &LO = PP.getLangOpts();
  // The condition runs to the end of the directive's (continued) line; the
  // range the preprocessor reports can stop before a final `)` when the last
  // identifier is a macro it expanded.
  bool Invalid = false;
  SourceLocation Begin = SM.getSpellingLoc(Range.getBegin());
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return;
  size_t Start = SM.getFileOffset(Begin), End = Start;
  while (End < Buf.size() && Buf[End] != '\n')
    End += (Buf[End] == '\\' && End + 1 < Buf.size() && Buf[End + 1] == '\n')
               ? 2
               : 1;
  llvm::StringRef Raw = Buf.slice(Start, End);
  // The raw lexer needs a NUL-terminated buffer; lexing a copy placed at the
  // range's location keeps token locations (and so spellings) valid.
  std::string Buffer = Raw.str();
  Lexer L(SM.getSpellingLoc(Range.getBegin()), LO, Buffer.c_str(),
          Buffer.c_str(), Buffer.c_str() + Buffer.size());
  L.SetCommentRetentionState(false);
  Token T;
  while (true) {
    L.LexFromRawLexer(T);
    if (T.is(tok::eof))
      break;
    if (!Text.empty() && (T.hasLeadingSpace() || T.isAtStartOfLine()))
      Text += " ";
    std::string Spelling = Lexer::getSpelling(T, SM, LO);
    Text += Spelling;
    if (T.is(tok::raw_identifier) && Spelling != "defined" &&
        std::find(Identifiers.begin(), Identifiers.end(), Spelling) ==
            Identifiers.end())
      Identifiers.push_back(Spelling);
  }
}

ConditionalDirective ConditionalRecorder::makeIf(SourceLocation Loc,
                                                 llvm::StringRef Kind,
                                                 SourceRange Range,
                                                 bool Taken) {
  ConditionalDirective D;
  D.Kind = Kind.str();
  D.Taken = Taken;
  D.File = absoluteFilePath(SM, Loc);
  D.Line = SM.getPresumedLineNumber(Loc);
  std::vector<std::string> Ids;
  lexCondition(PP, Range, D.Condition, Ids);
  for (const std::string &Id : Ids)
    D.Macros.emplace_back(Id, macroValue(Id));
  return D;
}

ConditionalDirective ConditionalRecorder::makeIfdef(SourceLocation Loc,
                                                    llvm::StringRef Kind,
                                                    const Token &MacroNameTok,
                                                    bool Taken) {
  ConditionalDirective D;
  D.Kind = Kind.str();
  D.Taken = Taken;
  D.File = absoluteFilePath(SM, Loc);
  D.Line = SM.getPresumedLineNumber(Loc);
  D.Condition = PP.getSpelling(MacroNameTok);
  D.Macros.emplace_back(D.Condition, macroValue(D.Condition));
  return D;
}

void ConditionalRecorder::open(SourceLocation Loc, ConditionalDirective D) {
  FileID F = SM.getFileID(Loc);
  unsigned DirIdx = Out.size();
  bool Taken = D.Taken;
  Out.push_back(std::move(D));
  auto &FileRegions = Regions[F];
  auto &Open = OpenRegions[F];
  int Parent = Open.empty() ? -1 : static_cast<int>(Open.back());
  FileRegions.push_back({SM.getFileOffset(Loc), ~0u, DirIdx, Parent});
  unsigned RegionIdx = FileRegions.size() - 1;
  Open.push_back(RegionIdx);
  Chains.push_back({Loc, F, RegionIdx, Taken, DirIdx});
}

void ConditionalRecorder::next(SourceLocation Loc, SourceLocation IfLoc,
                               ConditionalDirective D, bool TakenIfNoneBefore) {
  auto It = std::find_if(Chains.rbegin(), Chains.rend(),
                         [&](const OpenChain &C) { return C.IfLoc == IfLoc; });
  if (It == Chains.rend())
    return; // The chain began in a system header or a skipped block.
  OpenChain &C = *It;
  auto &FileRegions = Regions[C.File];
  Region &Cur = FileRegions[C.Region];
  Cur.End = SM.getFileOffset(Loc);
  D.Taken = !C.AnyTaken && TakenIfNoneBefore;
  C.AnyTaken |= D.Taken;
  const ConditionalDirective &Opening = Out[C.OpeningDirective];
  D.OpeningKind = Opening.Kind;
  D.OpeningCondition = Opening.Condition;
  D.OpeningLine = Opening.Line;
  // An #else depends on every macro of the chain's opening condition.
  for (const auto &M : Opening.Macros)
    if (std::none_of(D.Macros.begin(), D.Macros.end(),
                     [&](const auto &X) { return X.first == M.first; }))
      D.Macros.push_back(M);
  unsigned DirIdx = Out.size();
  Out.push_back(std::move(D));
  int Parent = Cur.Parent;
  FileRegions.push_back({SM.getFileOffset(Loc), ~0u, DirIdx, Parent});
  unsigned RegionIdx = FileRegions.size() - 1;
  auto &Open = OpenRegions[C.File];
  if (!Open.empty())
    Open.back() = RegionIdx;
  C.Region = RegionIdx;
}

void ConditionalRecorder::If(SourceLocation Loc, SourceRange ConditionRange,
                             ConditionValueKind ConditionValue) {
  if (ignored(Loc))
    return;
  open(Loc, makeIf(Loc, "if", ConditionRange, ConditionValue == CVK_True));
}

void ConditionalRecorder::Ifdef(SourceLocation Loc, const Token &MacroNameTok,
                                const MacroDefinition &MD) {
  if (ignored(Loc))
    return;
  open(Loc, makeIfdef(Loc, "ifdef", MacroNameTok, static_cast<bool>(MD)));
}

void ConditionalRecorder::Ifndef(SourceLocation Loc, const Token &MacroNameTok,
                                 const MacroDefinition &MD) {
  if (ignored(Loc))
    return;
  open(Loc, makeIfdef(Loc, "ifndef", MacroNameTok, !MD));
}

void ConditionalRecorder::Elif(SourceLocation Loc, SourceRange ConditionRange,
                               ConditionValueKind ConditionValue,
                               SourceLocation IfLoc) {
  if (ignored(Loc))
    return;
  next(Loc, IfLoc, makeIf(Loc, "elif", ConditionRange, false),
       ConditionValue == CVK_True);
}

void ConditionalRecorder::Elifdef(SourceLocation Loc, const Token &MacroNameTok,
                                  const MacroDefinition &MD) {
  if (ignored(Loc) || Chains.empty())
    return;
  next(Loc, Chains.back().IfLoc, makeIfdef(Loc, "elifdef", MacroNameTok, false),
       static_cast<bool>(MD));
}

void ConditionalRecorder::Elifndef(SourceLocation Loc,
                                   const Token &MacroNameTok,
                                   const MacroDefinition &MD) {
  if (ignored(Loc) || Chains.empty())
    return;
  next(Loc, Chains.back().IfLoc,
       makeIfdef(Loc, "elifndef", MacroNameTok, false), !MD);
}

void ConditionalRecorder::Else(SourceLocation Loc, SourceLocation IfLoc) {
  if (ignored(Loc))
    return;
  ConditionalDirective D;
  D.Kind = "else";
  D.File = absoluteFilePath(SM, Loc);
  D.Line = SM.getPresumedLineNumber(Loc);
  next(Loc, IfLoc, std::move(D), true);
}

void ConditionalRecorder::Endif(SourceLocation Loc, SourceLocation IfLoc) {
  if (ignored(Loc))
    return;
  auto It = std::find_if(Chains.rbegin(), Chains.rend(),
                         [&](const OpenChain &C) { return C.IfLoc == IfLoc; });
  if (It == Chains.rend())
    return;
  Regions[It->File][It->Region].End = SM.getFileOffset(Loc);
  auto &Open = OpenRegions[It->File];
  if (!Open.empty())
    Open.pop_back();
  Chains.erase(std::next(It).base());
}

std::vector<unsigned> ConditionalRecorder::guardsAt(SourceLocation Loc) const {
  std::vector<unsigned> Result;
  if (Loc.isInvalid())
    return Result;
  Loc = SM.getFileLoc(Loc);
  FileID F = SM.getFileID(Loc);
  // Guards of the #include that brought this file in come first.
  SourceLocation IncludeLoc = SM.getIncludeLoc(F);
  if (IncludeLoc.isValid())
    Result = guardsAt(IncludeLoc);
  auto It = Regions.find(F);
  if (It == Regions.end())
    return Result;
  const std::vector<Region> &Rs = It->second;
  unsigned Offset = SM.getFileOffset(Loc);
  // Regions are appended in file order; take the last one starting at or
  // before Offset and climb to the first ancestor that contains Offset.
  auto Upper = std::upper_bound(
      Rs.begin(), Rs.end(), Offset,
      [](unsigned Off, const Region &R) { return Off < R.Begin; });
  if (Upper == Rs.begin())
    return Result;
  int Idx = static_cast<int>(std::distance(Rs.begin(), Upper)) - 1;
  while (Idx >= 0 && !(Rs[Idx].Begin <= Offset && Offset < Rs[Idx].End))
    Idx = Rs[Idx].Parent;
  std::vector<unsigned> Inner;
  for (; Idx >= 0; Idx = Rs[Idx].Parent)
    Inner.push_back(Rs[Idx].Directive);
  Result.insert(Result.end(), Inner.rbegin(), Inner.rend());
  return Result;
}

Site ConditionalRecorder::siteAt(SourceLocation Loc) const {
  Site S;
  if (Loc.isInvalid())
    return S;
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  PresumedLoc P = SM.getPresumedLoc(FileLoc);
  if (P.isValid()) {
    S.File = P.getFilename();
    S.Line = P.getLine();
  }
  S.Guards = guardsAt(FileLoc);
  return S;
}

} // namespace gapscan

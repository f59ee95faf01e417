//===- PageParser.cpp -----------------------------------------------------===//
#include "docscheck/PageParser.h"
#include "docscheck/DocsReader.h"
#include "docscheck/Signatures.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <utility>

namespace gapscan::docsreader {
namespace {

/// Sphinx python-domain object directives (sphinx/domains/python.py plus
/// the coroutine/awaitable/abstract ones of CPython's pyspecific.py).
const StringRef EntryDirectives[] = {"function",
                                     "data",
                                     "class",
                                     "exception",
                                     "method",
                                     "attribute",
                                     "classmethod",
                                     "staticmethod",
                                     "decorator",
                                     "decoratormethod",
                                     "property",
                                     "coroutinefunction",
                                     "coroutinemethod",
                                     "abstractmethod",
                                     "awaitablefunction",
                                     "awaitablemethod",
                                     "type"};

/// Directives whose content is not reStructuredText (code, doctests,
/// grammar, index entries): nothing inside may be read as a directive.
const StringRef OpaqueDirectives[] = {
    "code-block",     "code",      "sourcecode",     "doctest",
    "testcode",       "testsetup", "testcleanup",    "testoutput",
    "productionlist", "index",     "math",           "raw",
    "csv-table",      "highlight", "literalinclude", "toctree",
    "parsed-literal", "graphviz",  "digraph"};

} // namespace

void PageParser::run(StringRef Content) {
  Lines = splitLines(RelPath, Content, &Into.Warnings);
  bool NewParagraph = true;
  bool PendingLiteral = false, BlankAfterPending = false;
  unsigned ParaCol = 0, LiteralCol = 0;
  for (size_t I = 0; I < Lines.size(); ++I) {
    const SourceLine &L = Lines[I];
    if (L.Blank) {
      NewParagraph = true;
      BlankAfterPending = PendingLiteral;
      continue;
    }
    while (!Stack.empty() && Stack.back().Indent >= L.Indent)
      Stack.pop_back();
    touchEntries(I + 1);
    if (!Stack.empty() && Stack.back().Kind == BlockKind::Skip)
      continue;
    // A paragraph ending in "::" introduces a literal block: the following
    // more indented lines, after a blank line.
    if (PendingLiteral) {
      PendingLiteral = false;
      if (BlankAfterPending && L.Indent > LiteralCol) {
        pushSkip(LiteralCol);
        continue;
      }
    }
    StringRef T = L.trimmed();
    if (T == ".." || T.starts_with(".. ")) {
      I = explicitMarkup(I);
      NewParagraph = true;
      continue;
    }
    if (NewParagraph) {
      ParaCol = textColumn(L);
      NewParagraph = false;
    }
    if (T.ends_with("::")) {
      PendingLiteral = true;
      BlankAfterPending = false;
      LiteralCol = ParaCol;
    }
  }
}

DirectiveBlock PageParser::consume(size_t I, StringRef FirstArg) {
  DirectiveBlock B;
  B.LastIndex = I;
  unsigned Dot = Lines[I].Indent;
  bool InOptions = false;
  auto Add = [&](StringRef T, unsigned LineNo) {
    StringRef Name, Value;
    if (!InOptions && isOptionLine(T))
      InOptions = true;
    if (!InOptions) {
      B.Args.push_back(T.str());
      B.ArgLines.push_back(LineNo);
    } else if (isOptionLine(T, &Name, &Value)) {
      B.Options.push_back({Name.str(), Value.str()});
    } else if (!B.Options.empty()) {
      // Continuation of a long option value (:synopsis: over two lines).
      B.Options.back().second += " " + T.str();
    }
  };
  if (!FirstArg.empty())
    Add(FirstArg, I + 1);
  size_t J = I + 1;
  for (; J < Lines.size() && !Lines[J].Blank && Lines[J].Indent > Dot; ++J)
    Add(Lines[J].trimmed(), J + 1);
  B.LastIndex = J - 1;
  return B;
}

size_t PageParser::explicitMarkup(size_t I) {
  const SourceLine &L = Lines[I];
  unsigned Dot = L.Indent;
  StringRef Rest = L.trimmed().drop_front(2).ltrim();
  if (Rest.empty()) {
    // docutils: ".." followed by a blank line is an empty comment that
    // consumes nothing; otherwise the indented block is the comment.
    if (I + 1 < Lines.size() && !Lines[I + 1].Blank)
      pushSkip(Dot);
    return I;
  }
  // Targets (.. _label:), footnotes (.. [1]) and substitution definitions
  // (.. |name| replace::) carry nothing we read.
  if (Rest[0] == '_' || Rest[0] == '[' || Rest[0] == '|') {
    pushSkip(Dot);
    return I;
  }
  StringRef Name, Arg;
  if (!splitDirective(Rest, Name, Arg)) {
    // A comment, such as includes/wasm-notavail.rst's first line
    // ".. include for modules that don't work on WASM". One with a single
    // colon after a directive name is a typo Sphinx silently drops.
    StringRef Word = Rest.take_while(
        [](char C) { return llvm::isAlnum(C) || C == ':' || C == '-'; });
    StringRef After = Rest.drop_front(Word.size()).ltrim();
    if (Word.consume_back(":") || After.starts_with(":")) {
      Word.consume_front("py:");
      if (contains(EntryDirectives, Word) || Word == "availability" ||
          Word == "module" || Word == "currentmodule")
        warn(I + 1, "'.. " + Rest.str() +
                        "' is a comment, not a directive (missing '::')");
    }
    pushSkip(Dot);
    return I;
  }
  StringRef Bare = Name;
  Bare.consume_front("py:");
  if (Bare.contains(':')) // Another domain (c:function, std:option, ...).
    return I;
  if (contains(EntryDirectives, Bare))
    return entry(I, Bare, Arg);
  if (Bare == "availability")
    return availability(I, Arg);
  if (Bare == "module" || Bare == "currentmodule")
    return moduleDirective(I, Bare, Arg);
  if (Bare == "include")
    return includeDirective(I, Arg);
  if (contains(OpaqueDirectives, Bare))
    pushSkip(Dot);
  // Anything else (note, versionchanged, only, ...) holds reStructuredText
  // that may itself contain directives: read on.
  return I;
}

/// `.. module::` (a new module page) and `.. currentmodule::`.
size_t PageParser::moduleDirective(size_t I, StringRef Bare, StringRef Arg) {
  DirectiveBlock B = consume(I, Arg);
  touchEntries(B.LastIndex + 1);
  std::string ModName = B.Args.empty() ? "" : collapseSpaces(B.Args[0]);
  if (Bare == "currentmodule") {
    CurrentModule = ModName == "None" ? "" : ModName;
    return B.LastIndex;
  }
  if (ModName.empty()) {
    warn(I + 1, "'.. module::' without a module name");
    return B.LastIndex;
  }
  DocModule M;
  M.Name = ModName;
  M.At = {RelPath, static_cast<unsigned>(I + 1)};
  if (const std::string *P = B.option("platform"))
    M.Platform = *P;
  M.NoIndex = B.option("noindex") || B.option("no-index");
  Into.Modules.push_back(std::move(M));
  PageModule = Into.Modules.size() - 1;
  CurrentModule = ModName;
  return B.LastIndex;
}

/// `.. include::` of a wasm-notavail note, recorded on the page's module.
size_t PageParser::includeDirective(size_t I, StringRef Arg) {
  DirectiveBlock B = consume(I, Arg);
  touchEntries(B.LastIndex + 1);
  std::string Path = B.Args.empty() ? "" : collapseSpaces(B.Args[0]);
  StringRef File =
      llvm::sys::path::filename(Path, llvm::sys::path::Style::posix);
  if (File != "wasm-notavail.rst" && File != "wasm-mobile-notavail.rst")
    return B.LastIndex;
  if (!PageModule) {
    warn(I + 1, "'" + File.str() + "' included before any '.. module::'");
    return B.LastIndex;
  }
  DocModule &M = Into.Modules[*PageModule];
  if (M.WasmNotAvailInclude) {
    warn(I + 1, "second wasm-notavail include for module " + M.Name +
                    " (first at line " +
                    std::to_string(M.WasmNotAvailInclude->Line) + ")");
    return B.LastIndex;
  }
  M.WasmNotAvailInclude = DocLocation{RelPath, static_cast<unsigned>(I + 1)};
  M.MobileVariant = File == "wasm-mobile-notavail.rst";
  // Sphinx resolves "/x" from the source root and "x" from the page.
  llvm::SmallString<128> Resolved;
  StringRef P(Path);
  if (!P.consume_front("/"))
    Resolved =
        llvm::sys::path::parent_path(RelPath, llvm::sys::path::Style::posix);
  llvm::sys::path::append(Resolved, llvm::sys::path::Style::posix, P);
  llvm::sys::path::remove_dots(Resolved, /*remove_dot_dot=*/true,
                               llvm::sys::path::Style::posix);
  M.IncludePath = Resolved.str().str();
  return B.LastIndex;
}

size_t PageParser::entry(size_t I, StringRef Directive, StringRef FirstArg) {
  DirectiveBlock B = consume(I, FirstArg);
  touchEntries(B.LastIndex + 1);
  Block *Parent = nearestEntry();
  std::string ClassCtx = Parent ? Parent->ChildClass : "";
  std::string Module = CurrentModule;
  for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
    if (It->Kind == BlockKind::Entry && It->ModuleOverride) {
      Module = *It->ModuleOverride;
      break;
    }
  Block New{BlockKind::Entry, Lines[I].Indent};
  if (const std::string *M = B.option("module")) {
    Module = *M;
    New.ModuleOverride = *M;
  }
  bool NoIndex = B.option("noindex") || B.option("no-index");

  std::vector<std::pair<std::string, unsigned>> Sigs = signatureLines(B);
  if (Sigs.empty())
    warn(I + 1, "'.. " + Directive.str() + "::' without a signature");

  New.First = Into.Entries.size();
  std::string LastName;
  for (const auto &[Sig, LineNo] : Sigs) {
    ParsedSignature P = parseSignature(Sig);
    if (P.Status == ParsedSignature::Descriptive)
      continue;
    if (P.Status == ParsedSignature::Irregular)
      warn(LineNo, "irregular signature '" + Sig + "' of '.. " +
                       Directive.str() +
                       "::' (Sphinx does not index it); "
                       "read as " +
                       P.Prefix + P.Name);
    std::string Name = resolveName(Directive, P, Module, ClassCtx);
    LastName = Name;
    bool Seen = false; // Overloads: range(stop) / range(start, stop[, step]).
    for (size_t K = New.First; K < Into.Entries.size(); ++K)
      Seen |= Into.Entries[K].Name == Name;
    if (Seen)
      continue;
    DocEntry E;
    E.Module = Module;
    E.Name = std::move(Name);
    E.Directive = Directive.str();
    E.Signature = Sig;
    E.At = {RelPath, static_cast<unsigned>(I + 1)};
    E.NameLine = LineNo;
    E.Indent = Lines[I].Indent;
    E.BodyEndLine = B.LastIndex + 1;
    E.NoIndex = NoIndex;
    E.Wildcard = P.Status == ParsedSignature::Wildcard;
    Into.Entries.push_back(std::move(E));
  }
  New.Count = Into.Entries.size() - New.First;
  New.ChildClass = childClass(Directive, LastName, ClassCtx);
  Stack.push_back(std::move(New));
  return B.LastIndex;
}

size_t PageParser::availability(size_t I, StringRef FirstArg) {
  DirectiveBlock B = consume(I, FirstArg);
  touchEntries(B.LastIndex + 1);
  std::string Text;
  for (const std::string &A : B.Args)
    Text += (Text.empty() ? "" : " ") + A;
  Text = collapseSpaces(Text);
  if (Text.empty()) {
    warn(I + 1, "'.. availability::' without platforms");
    return B.LastIndex;
  }
  AvailabilityNote Note;
  Note.Text = Text;
  std::vector<std::string> Msgs;
  Note.Terms = parseAvailabilityList(Text, &Msgs);
  for (std::string &M : Msgs)
    warn(I + 1, std::move(M));
  Note.At = {RelPath, static_cast<unsigned>(I + 1)};
  Note.Indent = Lines[I].Indent;
  Note.ArgEndLine = B.ArgLines.empty() ? I + 1 : B.ArgLines.back();

  if (Block *E = nearestEntry()) {
    if (E->Count == 0) {
      warn(I + 1, "availability note of an entry whose signature could not "
                  "be read");
      return B.LastIndex;
    }
    DocEntry &First = Into.Entries[E->First];
    if (First.Availability) {
      // library/subprocess.rst's Popen has one per POSIX-only parameter;
      // os.rst's pidfd_open one for PIDFD_NONBLOCK, indented as its body.
      std::string Line = std::to_string(I + 1);
      if (E->DuplicateNoteWarning) {
        Into.Warnings[*E->DuplicateNoteWarning].Message += ", " + Line;
      } else {
        E->DuplicateNoteWarning = Into.Warnings.size();
        warn(First.Availability->At.Line,
             "several availability notes for " + First.Name +
                 "; keeping this one, ignoring lines " + Line);
      }
      return B.LastIndex;
    }
    for (size_t K = E->First; K < E->First + E->Count; ++K)
      Into.Entries[K].Availability = Note;
    return B.LastIndex;
  }
  if (Note.Indent != 0)
    return B.LastIndex; // About a list item or paragraph, e.g. the address
                        // families listed in library/socket.rst.
  if (!PageModule) {
    if (ReportOrphanNotes)
      warn(I + 1, "availability note outside any entry and before any "
                  "'.. module::'");
    TopLevelNotes.push_back(std::move(Note));
    return B.LastIndex;
  }
  DocModule &M = Into.Modules[*PageModule];
  if (M.Availability)
    warn(I + 1, "second module-level availability note for " + M.Name +
                    " (first at line " +
                    std::to_string(M.Availability->At.Line) +
                    "); keeping the first");
  else
    M.Availability = std::move(Note);
  return B.LastIndex;
}

} // namespace gapscan::docsreader

//===- DocsReader.cpp -----------------------------------------------------===//
#include "lib/DocsReader.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>

namespace gapscan {
namespace {

using llvm::StringRef;

/// KNOWN_PLATFORMS of 3.13's Doc/tools/extensions/availability.py (platforms,
/// libcs, threading implementations); 3.11's pyspecific.py list is a subset.
const StringRef KnownPlatforms[] = {
    "AIX",          "Android", "BSD",   "DragonFlyBSD", "Emscripten", "FreeBSD",
    "GNU/kFreeBSD", "iOS",     "Linux", "macOS",        "NetBSD",     "OpenBSD",
    "POSIX",        "Solaris", "Unix",  "VxWorks",      "WASI",       "Windows",
    "BSD libc",     "glibc",   "musl",  "pthreads"};

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

/// Directives documenting module-level objects: an explicit prefix equal to
/// the current module is redundant for them (`.. function:: os.fork()`),
/// while for methods and attributes it names a class (`.. method::
/// socket.sendmsg` documents socket.socket.sendmsg).
const StringRef ModuleLevelDirectives[] = {
    "function",          "data",      "class",
    "exception",         "decorator", "coroutinefunction",
    "awaitablefunction", "type"};

/// Directives whose content is not reStructuredText (code, doctests,
/// grammar, index entries): nothing inside may be read as a directive.
const StringRef OpaqueDirectives[] = {
    "code-block",     "code",      "sourcecode",     "doctest",
    "testcode",       "testsetup", "testcleanup",    "testoutput",
    "productionlist", "index",     "math",           "raw",
    "csv-table",      "highlight", "literalinclude", "toctree",
    "parsed-literal", "graphviz",  "digraph"};

template <size_t N> bool contains(const StringRef (&Set)[N], StringRef S) {
  return llvm::is_contained(Set, S);
}

/// One physical line with tabs expanded and invalid UTF-8 replaced.
struct SourceLine {
  std::string Text;
  unsigned Indent = 0;
  bool Blank = true;
  StringRef trimmed() const { return StringRef(Text).trim(); }
};

/// Splits Content into lines the way docutils sees them: CRLF or LF ends a
/// line, tabs expand to 8-column stops. Each oddity is reported once per line.
std::vector<SourceLine> splitLines(StringRef RelPath, StringRef Content,
                                   std::vector<DocWarning> *Warnings) {
  std::vector<SourceLine> Lines;
  auto Warn = [&](unsigned LineNo, std::string Msg) {
    if (Warnings)
      Warnings->push_back({{RelPath.str(), LineNo}, std::move(Msg)});
  };
  llvm::SmallVector<StringRef, 0> Raw;
  Content.split(Raw, '\n');
  // A final newline leaves an empty last piece that is not a line.
  if (!Raw.empty() && Raw.back().empty())
    Raw.pop_back();
  Lines.reserve(Raw.size());
  for (size_t I = 0; I < Raw.size(); ++I) {
    unsigned LineNo = I + 1;
    StringRef R = Raw[I];
    if (R.ends_with("\r"))
      R = R.drop_back();
    std::string Text;
    if (!llvm::json::isUTF8(R)) {
      Warn(LineNo, "invalid UTF-8; bytes replaced by U+FFFD");
      Text = llvm::json::fixUTF8(R);
    } else {
      Text = R.str();
    }
    if (StringRef(Text).contains('\r')) {
      Warn(LineNo, "carriage return inside a line");
      std::replace(Text.begin(), Text.end(), '\r', ' ');
    }
    if (StringRef(Text).contains('\t')) {
      Warn(LineNo, "tab character (expanded to 8-column stops, as docutils "
                   "does)");
      std::string Expanded;
      for (char C : Text) {
        if (C == '\t')
          Expanded.append(8 - Expanded.size() % 8, ' ');
        else
          Expanded.push_back(C);
      }
      Text = std::move(Expanded);
    }
    SourceLine L;
    L.Text = std::move(Text);
    size_t First = StringRef(L.Text).find_first_not_of(" \f\v");
    L.Blank = First == StringRef::npos;
    L.Indent = L.Blank ? 0 : First;
    Lines.push_back(std::move(L));
  }
  return Lines;
}

/// Column where the text of a paragraph's first line starts: after a bullet
/// ("- ", "* ") or enumerator ("1. ", "#. ", "(a) ") the body of a list item
/// begins further right, and a literal block after "::" must be indented
/// relative to that body.
unsigned textColumn(const SourceLine &L) {
  StringRef T = StringRef(L.Text).drop_front(L.Indent);
  size_t Marker = 0;
  if (!T.empty() && StringRef("-*+").contains(T[0]))
    Marker = 1;
  else if (T.starts_with("(")) {
    size_t Close = T.find(')');
    if (Close != StringRef::npos && Close <= 4)
      Marker = Close + 1;
  } else {
    // "1.", "12)", "#.", "a." (one letter: "This." is no enumerator).
    size_t I = 0;
    while (I < T.size() && I < 3 && llvm::isDigit(T[I]))
      ++I;
    if (I == 0 && !T.empty() && (llvm::isAlpha(T[0]) || T[0] == '#'))
      I = 1;
    if (I > 0 && I < T.size() && (T[I] == '.' || T[I] == ')'))
      Marker = I + 1;
  }
  if (Marker == 0 || Marker >= T.size() || T[Marker] != ' ')
    return L.Indent;
  size_t Text = T.find_first_not_of(' ', Marker);
  return L.Indent + (Text == StringRef::npos ? Marker + 1 : Text);
}

/// Collapses runs of whitespace (line breaks of a continued argument) into
/// single spaces and trims.
std::string collapseSpaces(StringRef S) {
  std::string Out;
  bool Space = false;
  for (char C : S) {
    if (llvm::isSpace(C)) {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

/// A directive's argument lines and options (docutils'
/// parse_directive_block): the rest of the directive line plus the following
/// deeper-indented lines up to a blank line; from the first `:name:` line on
/// they are options.
struct DirectiveBlock {
  std::vector<std::string> Args;
  std::vector<unsigned> ArgLines; ///< 1-based line of each argument line.
  std::vector<std::pair<std::string, std::string>> Options;
  size_t LastIndex = 0; ///< 0-based index of the last line consumed.

  const std::string *option(StringRef Name) const {
    for (const auto &O : Options)
      if (O.first == Name)
        return &O.second;
    return nullptr;
  }
};

/// Whether T is an option line ":name: value" / ":name:".
bool isOptionLine(StringRef T, StringRef *Name = nullptr,
                  StringRef *Value = nullptr) {
  if (!T.starts_with(":"))
    return false;
  size_t Close = T.find(':', 1);
  if (Close == StringRef::npos || Close == 1)
    return false;
  StringRef N = T.slice(1, Close);
  if (N.contains(' '))
    return false;
  if (Name)
    *Name = N;
  if (Value)
    *Value = T.drop_front(Close + 1).trim();
  return true;
}

/// Splits "name:: argument" (the text after ".. ") into the directive name
/// and the rest of the line; false for comments and other explicit markup.
bool splitDirective(StringRef Rest, StringRef &Name, StringRef &Arg) {
  size_t Pos = 0;
  while (true) {
    Pos = Rest.find("::", Pos);
    if (Pos == StringRef::npos || Pos == 0)
      return false;
    if (Pos + 2 == Rest.size() || Rest[Pos + 2] == ' ')
      break;
    Pos += 1;
  }
  Name = Rest.take_front(Pos);
  // docutils' simplename: words joined by single -._+: characters.
  if (!llvm::isAlnum(Name.front()) || !llvm::isAlnum(Name.back()))
    return false;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (llvm::isAlnum(C) || C == '_')
      continue;
    if (StringRef("-.+:").contains(C) && I + 1 < Name.size() &&
        (llvm::isAlnum(Name[I + 1]) || Name[I + 1] == '_'))
      continue;
    return false;
  }
  Arg = Rest.drop_front(Pos + 2).trim();
  return true;
}

bool isWordChar(char C) {
  return llvm::isAlnum(C) || C == '_' || static_cast<unsigned char>(C) >= 0x80;
}

/// A signature split as Sphinx's py_sig_re does: `([\w.]*\.)?(\w+)\s*
/// (\[...\])?(\(...\)(\s*->\s*...)?)?$`. Prefix keeps its trailing dot.
struct ParsedSignature {
  enum StatusKind {
    Ok,
    Wildcard,   ///< `.. data:: SO_*` (library/socket.rst): a constant family.
    Irregular,  ///< A name and a parameter list followed by stray text
                ///< (enum.rst's `__iter__(self):`) or never closed.
    Descriptive ///< No name: `set <= other` (stdtypes.rst), `max-age`.
  } Status = Ok;
  std::string Prefix, Name;
};

ParsedSignature parseSignature(StringRef Sig) {
  ParsedSignature Out;
  size_t I = 0;
  while (I < Sig.size() &&
         (isWordChar(Sig[I]) || Sig[I] == '.' || Sig[I] == '*'))
    ++I;
  StringRef Path = Sig.take_front(I);
  StringRef Rest = Sig.drop_front(I).ltrim();
  if (Path.empty() || Path.ends_with(".") || Path.starts_with(".")) {
    Out.Status = ParsedSignature::Descriptive;
    return Out;
  }
  // Whether S is empty or a parameter list with an optional annotation.
  auto ValidTail = [](StringRef S) {
    if (S.empty())
      return true;
    if (!S.starts_with("("))
      return false;
    for (size_t P = S.find(')'); P != StringRef::npos; P = S.find(')', P + 1)) {
      StringRef After = S.drop_front(P + 1).ltrim();
      if (After.empty() || After.starts_with("->"))
        return true;
    }
    return false;
  };
  bool Valid = ValidTail(Rest);
  if (!Valid && Rest.starts_with("[")) {
    for (size_t P = Rest.find(']'); P != StringRef::npos && !Valid;
         P = Rest.find(']', P + 1))
      Valid = ValidTail(Rest.drop_front(P + 1).ltrim());
  }
  if (!Valid) {
    // Sphinx shows such a signature as is, without an index entry; only a
    // name followed by a parameter list was meant to be an object.
    if (!Rest.starts_with("(") && !Rest.starts_with("[")) {
      Out.Status = ParsedSignature::Descriptive;
      return Out;
    }
    Out.Status = ParsedSignature::Irregular;
  }
  if (Path.contains('*'))
    Out.Status = ParsedSignature::Wildcard;
  size_t Dot = Path.rfind('.');
  if (Dot != StringRef::npos) {
    Out.Prefix = Path.take_front(Dot + 1).str();
    Out.Name = Path.drop_front(Dot + 1).str();
  } else {
    Out.Name = Path.str();
  }
  return Out;
}

/// Bracket depth change of S: "f(a," opens one.
int bracketBalance(StringRef S) {
  int Depth = 0;
  for (char C : S)
    Depth += (C == '(' || C == '[') - (C == ')' || C == ']');
  return Depth;
}

/// Reads one page. Blocks on the stack are the open directive bodies that
/// matter: entries (for names and notes) and skipped regions (comments,
/// literal blocks, code). A line belongs to a block while it is indented
/// deeper than the block's column.
class PageParser {
public:
  PageParser(StringRef RelPath, DocsIndex &Into)
      : RelPath(RelPath.str()), Into(Into) {}

  void run(StringRef Content);

  /// Notes at column 0 with no `.. module::` before them (the include files
  /// under Doc/includes/ consist of just such a note).
  std::vector<AvailabilityNote> TopLevelNotes;
  bool ReportOrphanNotes = true;

private:
  enum class BlockKind { Skip, Entry };
  struct Block {
    BlockKind Kind;
    unsigned Indent;
    size_t First = 0, Count = 0; ///< Entries of Into.Entries it made.
    std::string ChildClass;      ///< Class context of nested directives.
    std::optional<std::string> ModuleOverride;  ///< Its :module: option.
    std::optional<size_t> DuplicateNoteWarning; ///< In Into.Warnings.
  };

  void warn(unsigned LineNo, std::string Msg) {
    Into.Warnings.push_back({{RelPath, LineNo}, std::move(Msg)});
  }
  void touchEntries(unsigned LineNo) {
    for (const Block &B : Stack)
      if (B.Kind == BlockKind::Entry)
        for (size_t K = B.First; K < B.First + B.Count; ++K)
          Into.Entries[K].BodyEndLine = LineNo;
  }
  Block *nearestEntry() {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (It->Kind == BlockKind::Entry)
        return &*It;
    return nullptr;
  }
  void pushSkip(unsigned Indent) { Stack.push_back({BlockKind::Skip, Indent}); }

  DirectiveBlock consume(size_t I, StringRef FirstArg);
  size_t explicitMarkup(size_t I);
  size_t entry(size_t I, StringRef Directive, StringRef FirstArg);
  size_t availability(size_t I, StringRef FirstArg);
  std::string resolveName(StringRef Directive, const ParsedSignature &Sig,
                          StringRef Module, StringRef ClassCtx) const;

  std::string RelPath;
  DocsIndex &Into;
  std::vector<SourceLine> Lines;
  std::vector<Block> Stack;
  std::string CurrentModule;
  std::optional<size_t> PageModule; ///< Last `.. module::` of this page.
};

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
  if (Bare == "module" || Bare == "currentmodule") {
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
  if (Bare == "include") {
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
  if (contains(OpaqueDirectives, Bare))
    pushSkip(Dot);
  // Anything else (note, versionchanged, only, ...) holds reStructuredText
  // that may itself contain directives: read on.
  return I;
}

std::string PageParser::resolveName(StringRef Directive,
                                    const ParsedSignature &Sig,
                                    StringRef Module,
                                    StringRef ClassCtx) const {
  StringRef Prefix = Sig.Prefix;
  // As PyObject.handle_signature: inside a class, a repeated class name is
  // kept once and anything else is nested under the class.
  if (!ClassCtx.empty()) {
    if (Prefix.empty())
      return (ClassCtx + "." + Sig.Name).str();
    if (Prefix.drop_back() == ClassCtx ||
        Prefix.starts_with(ClassCtx.str() + "."))
      return (Prefix + Sig.Name).str();
    return (ClassCtx + "." + Prefix + Sig.Name).str();
  }
  // Sphinx would register "os.os.fork" for `.. function:: os.fork()` under
  // `.. module:: os`; the author meant os.fork, so drop the module prefix.
  // Methods keep a prefix equal to the module: in library/socket.rst
  // `.. method:: socket.sendmsg` is a method of class socket.socket.
  if (!Module.empty() && Prefix.starts_with(Module.str() + ".")) {
    bool ModuleLevel = contains(ModuleLevelDirectives, Directive);
    if (ModuleLevel || Prefix.size() > Module.size() + 1)
      Prefix = Prefix.drop_front(Module.size() + 1);
  }
  return (Prefix + Sig.Name).str();
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

  // Sphinx's get_signatures: a backslash at the end of a line continues the
  // signature (library/subprocess.rst's `.. class:: Popen(args, ... \`);
  // every other line is a signature of its own. A line leaving a bracket
  // open is continued too (dis.rst's `.. function:: distb(tb=None, ...,`
  // without a backslash), which Sphinx would show as two broken signatures.
  std::vector<std::pair<std::string, unsigned>> Sigs;
  bool Continue = false;
  int Depth = 0;
  for (size_t K = 0; K < B.Args.size(); ++K) {
    StringRef A = B.Args[K];
    bool Backslash = A.ends_with("\\");
    if (Backslash)
      A = A.drop_back().rtrim();
    if (Continue && !Sigs.empty()) {
      Sigs.back().first += (Sigs.back().first.empty() ? "" : " ") + A.str();
    } else {
      Sigs.push_back({A.str(), B.ArgLines[K]});
      Depth = 0;
    }
    Depth += bracketBalance(A);
    Continue = Backslash || Depth > 0;
  }
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
  // PyObject.before_content: classes nest their members; other objects
  // with an explicit class prefix (`.. method:: socket.sendmsg`) make that
  // class the context of their own body.
  if (LastName.empty())
    New.ChildClass = ClassCtx;
  else if (Directive == "class" || Directive == "exception")
    New.ChildClass = LastName;
  else {
    size_t Dot = StringRef(LastName).rfind('.');
    New.ChildClass = Dot == StringRef::npos ? "" : LastName.substr(0, Dot);
  }
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

/// Whether L is a section underline (or overline) of at least Len characters.
bool isUnderline(const SourceLine &L, size_t Len) {
  StringRef T = StringRef(L.Text).rtrim();
  if (L.Blank || L.Indent != 0 || T.size() < std::max<size_t>(Len, 3))
    return false;
  char C = T[0];
  if (!StringRef("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").contains(C))
    return false;
  return T.find_first_not_of(C) == StringRef::npos;
}

} // namespace

std::vector<PlatformTerm>
parseAvailabilityList(StringRef Text, std::vector<std::string> *Warnings) {
  std::vector<PlatformTerm> Terms;
  std::string Norm = collapseSpaces(Text);
  StringRef S = StringRef(Norm).rtrim('.').rtrim();
  llvm::SmallVector<StringRef, 8> Parts;
  S.split(Parts, ',');
  for (StringRef P : Parts) {
    P = P.trim();
    if (P.empty()) {
      if (Warnings)
        Warnings->push_back("empty platform term in availability '" +
                            Text.str() + "'");
      continue;
    }
    PlatformTerm T;
    if (P.consume_front("not ")) {
      T.Negated = true;
      P = P.ltrim();
    }
    // availability.py partitions at " >= "; "Linux >= 3.17 with glibc >=
    // 2.27" keeps the libc part in the version, and so do we. A bare
    // " with ..." (no kernel version) is split here too.
    size_t Cut = std::min(P.find_first_of("<>="), P.find(" with "));
    T.Platform = P.take_front(Cut).trim().str();
    T.Version = Cut == StringRef::npos ? "" : P.drop_front(Cut).trim().str();
    if (T.Platform.empty()) {
      if (Warnings)
        Warnings->push_back("term '" + P.str() +
                            "' without a platform in "
                            "availability '" +
                            Text.str() + "'");
      continue;
    }
    if (Warnings && !contains(KnownPlatforms, T.Platform))
      Warnings->push_back("unknown platform '" + T.Platform +
                          "' in availability '" + Text.str() +
                          "' (not in availability.py's KNOWN_PLATFORMS)");
    Terms.push_back(std::move(T));
  }
  return Terms;
}

void parseRstPage(StringRef RelPath, StringRef Content, DocsIndex &Into) {
  PageParser P(RelPath, Into);
  P.run(Content);
}

void parseIntroWasmSection(StringRef RelPath, StringRef Content,
                           DocsIndex &Into) {
  // parseRstPage reports the page's oddities; do not repeat them.
  std::vector<SourceLine> Lines = splitLines(RelPath, Content, nullptr);
  size_t Heading = Lines.size();
  for (size_t I = 0; I + 1 < Lines.size(); ++I) {
    StringRef T = Lines[I].trimmed();
    if (T == "WebAssembly platforms" && isUnderline(Lines[I + 1], T.size())) {
      Heading = I;
      break;
    }
  }
  if (Heading == Lines.size()) {
    Into.Warnings.push_back({{RelPath.str(), 1},
                             "no 'WebAssembly platforms' section (CPython "
                             "3.11+ has one)"});
    return;
  }
  // The section runs to the next title (a line over a punctuation line).
  size_t End = Heading + 2;
  for (; End + 1 < Lines.size(); ++End) {
    const SourceLine &L = Lines[End];
    if (!L.Blank && L.Indent == 0 && !isUnderline(L, 1) &&
        isUnderline(Lines[End + 1], L.trimmed().size()))
      break;
  }
  if (End + 1 >= Lines.size())
    End = Lines.size();
  // Roles may wrap lines, so scan the section as one text.
  std::string Text;
  std::vector<size_t> Starts;
  for (size_t I = Heading + 2; I < End; ++I) {
    Starts.push_back(Text.size());
    Text += Lines[I].Text + "\n";
  }
  auto LineOf = [&](size_t Offset) {
    size_t K =
        std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin();
    return static_cast<unsigned>(Heading + 2 + K);
  };
  StringRef S(Text);
  for (size_t Pos = S.find(':'); Pos != StringRef::npos;
       Pos = S.find(':', Pos + 1)) {
    // :role:`content` with role = name or domain:name.
    size_t J = Pos + 1;
    while (J < S.size() &&
           (llvm::isAlnum(S[J]) || S[J] == '-' || S[J] == '_' ||
            (S[J] == ':' && J + 1 < S.size() && S[J + 1] != '`')))
      ++J;
    if (J == Pos + 1 || J + 1 >= S.size() || S[J] != ':' || S[J + 1] != '`')
      continue;
    size_t Close = S.find('`', J + 2);
    if (Close == StringRef::npos)
      break;
    DocRef R;
    R.Role = S.slice(Pos + 1, J).str();
    std::string Content = collapseSpaces(S.slice(J + 2, Close));
    StringRef Target = Content;
    size_t Lt = Target.rfind('<');
    if (Target.ends_with(">") && Lt != StringRef::npos)
      Target = Target.slice(Lt + 1, Target.size() - 1);
    Target = Target.trim().ltrim("~!");
    R.Target = Target.str();
    R.At = {RelPath.str(), LineOf(Pos)};
    StringRef BareRole = R.Role;
    BareRole.consume_front("py:");
    if (BareRole == "mod")
      Into.IntroWasmModules.push_back({R.Target, R.At});
    Into.IntroWasmRefs.push_back(std::move(R));
    Pos = Close;
  }
}

llvm::Expected<DocsIndex> readDocs(const std::string &DocDir) {
  llvm::SmallString<256> Lib(DocDir);
  llvm::sys::path::append(Lib, "library");
  if (!llvm::sys::fs::is_directory(Lib))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "%s is not a CPython Doc/ folder: %s is missing; pass --source "
        "pointing at a CPython checkout",
        DocDir.c_str(), Lib.c_str());
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Lib, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.ends_with(".rst") && llvm::sys::fs::is_regular_file(It->path()))
      Files.push_back(Name.str());
  }
  if (EC)
    return llvm::createStringError(EC, "cannot list %s: %s", Lib.c_str(),
                                   EC.message().c_str());
  llvm::sort(Files);

  DocsIndex Index;
  bool SawIntro = false;
  for (const std::string &Name : Files) {
    llvm::SmallString<256> Path(Lib);
    llvm::sys::path::append(Path, Name);
    std::string Rel = "library/" + Name;
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Index.Warnings.push_back(
          {{Rel, 0}, "cannot read: " + Buf.getError().message()});
      continue;
    }
    parseRstPage(Rel, (*Buf)->getBuffer(), Index);
    if (Name == "intro.rst") {
      SawIntro = true;
      parseIntroWasmSection(Rel, (*Buf)->getBuffer(), Index);
    }
  }
  if (!SawIntro)
    Index.Warnings.push_back(
        {{"library/intro.rst", 0}, "missing; no WebAssembly section read"});

  // The notes of the wasm-notavail includes, read once each.
  std::map<std::string, std::optional<AvailabilityNote>> Included;
  for (DocModule &M : Index.Modules) {
    if (M.IncludePath.empty())
      continue;
    auto It = Included.find(M.IncludePath);
    if (It == Included.end()) {
      std::optional<AvailabilityNote> Note;
      llvm::SmallString<256> Path(DocDir);
      llvm::sys::path::append(Path, M.IncludePath);
      auto Buf = llvm::MemoryBuffer::getFile(Path, false, false);
      if (!Buf) {
        Index.Warnings.push_back({*M.WasmNotAvailInclude,
                                  "cannot read the included " + M.IncludePath +
                                      ": " + Buf.getError().message()});
      } else {
        // A scratch index: only the note and the warnings are wanted.
        DocsIndex Scratch;
        PageParser P(M.IncludePath, Scratch);
        P.ReportOrphanNotes = false;
        P.run((*Buf)->getBuffer());
        llvm::append_range(Index.Warnings, Scratch.Warnings);
        if (P.TopLevelNotes.empty())
          Index.Warnings.push_back(
              {{M.IncludePath, 1}, "no availability note in this include"});
        else
          Note = P.TopLevelNotes.front();
      }
      It = Included.emplace(M.IncludePath, std::move(Note)).first;
    }
    M.IncludedAvailability = It->second;
  }
  return Index;
}

namespace {
std::string exactKey(StringRef Module, StringRef Name) {
  return (Module + llvm::Twine('\0') + Name).str();
}

std::string qualifiedName(StringRef Module, StringRef Name) {
  return Module.empty() ? Name.str() : (Module + "." + Name).str();
}

/// The first entry without :noindex:, else the first one.
void keepPreferred(const DocEntry *&Slot, const DocEntry &E) {
  if (!Slot || (Slot->NoIndex && !E.NoIndex))
    Slot = &E;
}
} // namespace

DocsLookup::DocsLookup(const DocsIndex &Docs) {
  for (const DocEntry &E : Docs.Entries) {
    if (E.Wildcard) {
      Wildcards[E.Module].push_back(&E);
      continue;
    }
    keepPreferred(Exact[exactKey(E.Module, E.Name)], E);
    keepPreferred(Qualified[qualifiedName(E.Module, E.Name)], E);
  }
}

const DocEntry *DocsLookup::exact(StringRef Module, StringRef Name) const {
  auto It = Exact.find(exactKey(Module, Name));
  return It == Exact.end() ? nullptr : It->second;
}

const DocEntry *DocsLookup::find(StringRef Module, StringRef Name) const {
  if (const DocEntry *E = exact(Module, Name))
    return E;
  auto It = Qualified.find(qualifiedName(Module, Name));
  return It == Qualified.end() ? nullptr : It->second;
}

llvm::ArrayRef<const DocEntry *> DocsLookup::wildcards(StringRef Module) const {
  auto It = Wildcards.find(Module);
  if (It == Wildcards.end())
    return {};
  return It->second;
}

const DocModule *DocsIndex::module(StringRef Name) const {
  const DocModule *Fallback = nullptr;
  for (const DocModule &M : Modules)
    if (M.Name == Name) {
      if (!M.NoIndex)
        return &M;
      if (!Fallback)
        Fallback = &M;
    }
  return Fallback;
}

llvm::StringRef wasmTargetName(WasmTarget Target) {
  return Target == WasmTarget::WASI ? "WASI" : "Emscripten";
}

bool availabilityExcludes(const AvailabilityNote &Note, WasmTarget Target,
                          std::string *Reason) {
  StringRef Name = wasmTargetName(Target);
  for (const PlatformTerm &T : Note.Terms)
    if (T.Negated && T.Platform == Name) {
      if (Reason)
        *Reason = "not " + Name.str();
      return true;
    }
  std::vector<std::string> Positive;
  for (const PlatformTerm &T : Note.Terms) {
    if (T.Negated)
      continue;
    // library/intro.rst: WASI and Emscripten are Unix-like POSIX subsets.
    // musl is Emscripten's libc and pthreads are a build option of both, so
    // those terms do not rule a wasm target out either.
    if (T.Platform == Name || T.Platform == "Unix" || T.Platform == "POSIX" ||
        T.Platform == "musl" || T.Platform == "pthreads")
      return false;
    Positive.push_back(T.Version.empty() ? T.Platform
                                         : T.Platform + " " + T.Version);
  }
  if (Positive.empty())
    return false;
  if (Reason)
    *Reason = "only " + llvm::join(Positive, ", ");
  return true;
}

} // namespace gapscan

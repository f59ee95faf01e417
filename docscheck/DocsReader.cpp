//===- DocsReader.cpp -----------------------------------------------------===//
#include "docscheck/DocsReader.h"
#include "docscheck/PageParser.h"
#include "docscheck/RstSyntax.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>

namespace gapscan {

using docsreader::collapseSpaces;
using docsreader::isUnderline;
using docsreader::PageParser;
using docsreader::SourceLine;
using docsreader::splitLines;
using llvm::StringRef;

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

namespace {
/// Sets each module's IncludedAvailability to the note of its wasm-notavail
/// include, reading each include once.
void readIncludedNotes(const std::string &DocDir, DocsIndex &Index) {
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
}
} // namespace

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

  readIncludedNotes(DocDir, Index);
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
    ByFile[E.At.File].push_back(&E);
    if (E.Wildcard) {
      Wildcards[E.Module].push_back(&E);
      continue;
    }
    keepPreferred(Exact[exactKey(E.Module, E.Name)], E);
    keepPreferred(Qualified[qualifiedName(E.Module, E.Name)], E);
  }
}

const DocEntry *DocsLookup::enclosing(const DocEntry &E) const {
  auto It = ByFile.find(E.At.File);
  if (It == ByFile.end())
    return nullptr;
  const DocEntry *Best = nullptr;
  for (const DocEntry *P : It->second) {
    if (P->At.Line >= E.At.Line)
      break;
    if (P->Indent < E.Indent && E.At.Line <= P->BodyEndLine)
      Best = P; // The last one opened before E is the innermost.
  }
  return Best;
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

} // namespace gapscan

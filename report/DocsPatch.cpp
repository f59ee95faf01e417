//===- DocsPatch.cpp ------------------------------------------------------===//
#include "report/DocsPatch.h"
#include "report/PageWriter.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>

namespace gapscan {

std::string unifiedDiff(llvm::StringRef Path,
                        const std::vector<std::string> &Lines,
                        std::vector<LineEdit> Edits) {
  std::sort(
      Edits.begin(), Edits.end(),
      [](const LineEdit &A, const LineEdit &B) { return A.Line < B.Line; });
  const size_t Context = 3;
  std::string Out;
  if (Edits.empty())
    return Out;
  Out += "--- a/" + Path.str() + "\n+++ b/" + Path.str() + "\n";
  long Shift = 0; // New-file line offset from the edits before this hunk.
  for (size_t I = 0; I < Edits.size();) {
    // A hunk takes every edit whose context touches the previous one's.
    size_t J = I + 1;
    while (J < Edits.size() && Edits[J].Line <= Edits[J - 1].Line +
                                                    Edits[J - 1].Delete +
                                                    2 * Context)
      ++J;
    size_t Start = Edits[I].Line > Context ? Edits[I].Line - Context : 0;
    size_t End = std::min(Lines.size(),
                          Edits[J - 1].Line + Edits[J - 1].Delete + Context);
    std::string Body;
    size_t OldCount = 0, NewCount = 0, Pos = Start;
    long HunkShift = 0;
    for (size_t K = I; K < J; ++K) {
      for (; Pos < Edits[K].Line; ++Pos, ++OldCount, ++NewCount)
        Body += " " + Lines[Pos] + "\n";
      for (size_t D = 0; D < Edits[K].Delete; ++D, ++Pos, ++OldCount)
        Body += "-" + Lines[Pos] + "\n";
      for (const std::string &L : Edits[K].Insert) {
        Body += "+" + L + "\n";
        ++NewCount;
      }
      HunkShift += long(Edits[K].Insert.size()) - long(Edits[K].Delete);
    }
    for (; Pos < End; ++Pos, ++OldCount, ++NewCount)
      Body += " " + Lines[Pos] + "\n";
    size_t OldStart = OldCount ? Start + 1 : Start;
    size_t NewStart = NewCount ? Start + 1 + Shift : Start + Shift;
    Out += "@@ -" + std::to_string(OldStart) + "," + std::to_string(OldCount) +
           " +" + std::to_string(NewStart) + "," + std::to_string(NewCount) +
           " @@\n" + Body;
    Shift += HunkShift;
    I = J;
  }
  return Out;
}

namespace {
unsigned indentOf(llvm::StringRef Line) {
  return Line.size() - Line.ltrim(" ").size();
}
bool blank(llvm::StringRef Line) { return Line.trim().empty(); }

/// "POSIX, not WASI." + {Emscripten} -> "POSIX, not Emscripten, not WASI.":
/// negations stay sorted as CPython writes them.
std::string amendLastLine(llvm::StringRef Line,
                          const std::set<std::string> &Add) {
  llvm::StringRef Body = Line.rtrim();
  bool Dot = Body.consume_back(".");
  std::string Out = Body.str();
  for (const std::string &P : Add)
    Out += ", not " + P;
  return Out + (Dot ? "." : "");
}

std::string noteText(const std::set<std::string> &Platforms) {
  std::string Out;
  for (const std::string &P : Platforms)
    Out += (Out.empty() ? "not " : ", not ") + P;
  return Out + ".";
}

struct FileEdits {
  std::vector<std::string> Lines;
  std::vector<LineEdit> Edits;
  std::set<size_t> Touched; ///< Lines already edited (one edit per place).
};

/// Appends Platforms to an existing note's last argument line (once per
/// place); false when that place is already edited.
bool amendNote(FileEdits &F, const AvailabilityNote &Note,
               const std::set<std::string> &Platforms) {
  size_t Last = (Note.ArgEndLine ? Note.ArgEndLine : Note.At.Line) - 1;
  if (Last >= F.Lines.size() || !F.Touched.insert(Last).second)
    return false;
  F.Edits.push_back({Last, 1, {amendLastLine(F.Lines[Last], Platforms)}});
  return true;
}

/// Where an entry's body starts (0-based) and its indent: the directive,
/// its continuation signatures and options are one run of non-blank lines,
/// the body follows the blank line that ends it.
std::pair<size_t, unsigned> bodyStart(const std::vector<std::string> &Lines,
                                      size_t AfterDirective, size_t End,
                                      unsigned DirectiveIndent) {
  size_t First = AfterDirective;
  while (First < End && !blank(Lines[First]))
    ++First;
  while (First < End && blank(Lines[First]))
    ++First;
  unsigned Indent = First < End && indentOf(Lines[First]) > DirectiveIndent
                        ? indentOf(Lines[First])
                        : DirectiveIndent + 3;
  return {First, Indent};
}

/// Where a new note goes in a body [First, End): after its text, before
/// trailing versionadded/versionchanged/deprecated notes and nested entries,
/// after the last non-blank line before that point.
size_t noteInsertionPoint(const std::vector<std::string> &Lines, size_t First,
                          size_t End, unsigned BodyIndent) {
  size_t Insert = End;
  for (size_t I = First; I < End; ++I) {
    llvm::StringRef L = llvm::StringRef(Lines[I]).ltrim();
    if (indentOf(Lines[I]) != BodyIndent || !L.starts_with(".. "))
      continue;
    llvm::StringRef Directive = L.drop_front(3).split("::").first.trim();
    Directive.consume_front("py:");
    if (Directive.starts_with("version") ||
        Directive.starts_with("deprecated") ||
        llvm::is_contained({"method", "attribute", "classmethod",
                            "staticmethod", "property", "function", "data",
                            "class", "exception"},
                           Directive)) {
      Insert = I;
      break;
    }
  }
  while (Insert > First && blank(Lines[Insert - 1]))
    --Insert;
  return Insert;
}

/// Moves the Missing names of a multi-name directive into a copy of it
/// placed after it, whose note says not Platforms. False when the
/// directive's names are not one signature per line (left to a person).
bool splitDirective(FileEdits &F, const std::vector<const DocEntry *> &Names,
                    const std::set<unsigned> &Missing,
                    const std::set<std::string> &Platforms) {
  const DocEntry &First = *Names.front();
  std::vector<std::string> &Lines = F.Lines;
  size_t Directive = First.At.Line - 1;
  // Signature lines: the directive line, then one name per line.
  for (size_t I = 0; I < Names.size(); ++I)
    if (Names[I]->NameLine != First.At.Line + I)
      return false;
  size_t SigEnd = Directive + Names.size(); // 0-based, exclusive.
  size_t End = std::min<size_t>(First.BodyEndLine, Lines.size());
  if (SigEnd > End || Directive >= Lines.size())
    return false;
  llvm::StringRef Head = Lines[Directive];
  size_t SigAt = Head.find(First.Signature);
  if (SigAt == llvm::StringRef::npos)
    return false;
  std::string Prefix = Head.substr(0, SigAt).str();
  std::string Pad(Prefix.size(), ' ');
  std::vector<std::string> Kept, Moved;
  for (const DocEntry *N : Names)
    (Missing.count(N->NameLine) ? Moved : Kept).push_back(N->Signature);
  for (size_t I = Directive; I < End; ++I)
    if (F.Touched.count(I))
      return false;
  std::vector<std::string> KeptLines;
  for (size_t I = 0; I < Kept.size(); ++I)
    KeptLines.push_back((I ? Pad : Prefix) + Kept[I]);
  // The copy: moved names, then the body with the note amended or added.
  std::vector<std::string> Copy;
  for (size_t I = 0; I < Moved.size(); ++I)
    Copy.push_back((I ? Pad : Prefix) + Moved[I]);
  std::vector<std::string> Body(Lines.begin() + SigEnd, Lines.begin() + End);
  auto [BodyFirst, BodyIndent] = bodyStart(Lines, SigEnd, End, First.Indent);
  if (First.Availability) {
    size_t Last =
        (First.Availability->ArgEndLine ? First.Availability->ArgEndLine
                                        : First.Availability->At.Line) -
        1;
    if (Last < SigEnd || Last >= End)
      return false;
    Body[Last - SigEnd] = amendLastLine(Body[Last - SigEnd], Platforms);
  } else {
    size_t At = noteInsertionPoint(Lines, BodyFirst, End, BodyIndent) - SigEnd;
    Body.insert(Body.begin() + At,
                {"", std::string(BodyIndent, ' ') +
                         ".. availability:: " + noteText(Platforms)});
  }
  Copy.insert(Copy.end(), Body.begin(), Body.end());
  Copy.insert(Copy.begin(), "");
  for (size_t I = Directive; I < End; ++I)
    F.Touched.insert(I);
  F.Touched.insert(End);
  F.Edits.push_back({Directive, Names.size(), KeptLines});
  F.Edits.push_back({End, 0, Copy});
  return true;
}
} // namespace

namespace {
/// The notes a docs check asks for, planned per file and written as one
/// patch.
class PatchPlanner {
public:
  PatchPlanner(const DocsIndex &Docs, llvm::StringRef DocDir) : DocDir(DocDir) {
    for (const DocEntry &E : Docs.Entries) {
      Entries.emplace(std::make_pair(E.At.File, E.At.Line), &E);
      Siblings[{E.At.File, E.At.Line}].push_back(&E);
    }
    for (const DocModule &M : Docs.Modules)
      Modules.emplace(std::make_pair(M.At.File, M.At.Line), &M);
  }

  /// What to add where, from the undocumented removals.
  void plan(const DocsCheckReport &Check) {
    for (const DocVerdict &V : Check.Verdicts) {
      if (V.Kind == DocVerdictKind::Documented && !V.Item.empty() &&
          !V.DocFile.empty())
        noteInherited(V);
      if ((V.Kind != DocVerdictKind::UndocumentedRemoval &&
           V.Kind != DocVerdictKind::DifferentUndocumented) ||
          V.DocFile.empty())
        continue;
      std::string Rel =
          llvm::StringRef(V.DocFile).drop_front(strlen("Doc/")).str();
      if (V.Item.empty())
        ModuleAdds[{Rel, V.DocLine}].insert(V.Platform);
      else {
        EntryAdds[{Rel, V.EntryLine}].insert(V.Platform);
        MissingNames[{Rel, V.EntryLine}].insert(V.DocLine);
      }
    }
  }

  llvm::Error addNotes() {
    for (const auto &[Key, Platforms] : EntryAdds)
      if (llvm::Error E = addEntryNote(Key, Platforms))
        return E;
    for (const auto &[Key, Platforms] : ModuleAdds)
      if (llvm::Error E = addModuleNote(Key, Platforms))
        return E;
    return llvm::Error::success();
  }

  DocsSuggestion finish() {
    for (auto &[Rel, F] : Files) {
      if (F.Edits.empty())
        continue;
      Result.Patch += unifiedDiff("Doc/" + Rel, F.Lines, F.Edits);
      ++Result.Files;
    }
    return std::move(Result);
  }

private:
  using Place = std::pair<std::string, unsigned>;

  /// A platform an entry is documented for by a note outside its own body
  /// (os.POSIX_SPAWN_OPEN inside os.posix_spawn's "not WASI"): a note
  /// written into the entry must keep saying so.
  void noteInherited(const DocVerdict &V) {
    std::string Rel =
        llvm::StringRef(V.DocFile).drop_front(strlen("Doc/")).str();
    auto It = Entries.find({Rel, V.EntryLine});
    if (It == Entries.end() || It->second->Availability)
      return;
    const DocEntry &E = *It->second;
    if (V.NoteLine < E.At.Line || V.NoteLine > E.BodyEndLine)
      Inherited[{Rel, V.EntryLine}].insert(V.Platform);
  }

  llvm::Expected<FileEdits *> load(const std::string &Rel) {
    auto It = Files.find(Rel);
    if (It != Files.end())
      return &It->second;
    llvm::SmallString<256> Path(DocDir);
    llvm::sys::path::append(Path, Rel);
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                     Path.c_str(),
                                     Buffer.getError().message().c_str());
    FileEdits F;
    llvm::SmallVector<llvm::StringRef, 0> Split;
    (*Buffer)->getBuffer().split(Split, '\n');
    for (llvm::StringRef L : Split)
      F.Lines.push_back(L.str());
    if (!F.Lines.empty() && F.Lines.back().empty())
      F.Lines.pop_back(); // The final newline.
    return &Files.emplace(Rel, std::move(F)).first->second;
  }

  llvm::Error addEntryNote(const Place &Key,
                           const std::set<std::string> &Platforms) {
    auto EIt = Entries.find(Key);
    if (EIt == Entries.end())
      return llvm::Error::success();
    const DocEntry &E = *EIt->second;
    auto F = load(E.At.File);
    if (!F)
      return F.takeError();
    std::vector<std::string> &Lines = (*F)->Lines;
    const std::vector<const DocEntry *> &Names = Siblings[Key];
    const std::set<unsigned> &Missing = MissingNames[Key];
    bool Mixed = llvm::any_of(Names, [&](const DocEntry *S) {
      return !Missing.count(S->NameLine ? S->NameLine : S->At.Line);
    });
    if (Mixed) {
      // Only some names of the directive are missing: the note cannot be
      // shared, so the missing names move to a directive of their own, with
      // the same body and the amended note, right after the original.
      if (splitDirective(**F, Names, Missing, Platforms))
        ++Result.SplitDirectives;
      else
        ++Result.Unhandled;
      return llvm::Error::success();
    }
    if (E.Availability) {
      Result.AmendedNotes += amendNote(**F, *E.Availability, Platforms);
      return llvm::Error::success();
    }
    // A new note in the entry's own body: after its text, before trailing
    // versionadded/versionchanged/deprecated notes and nested entries.
    size_t End = std::min<size_t>(E.BodyEndLine, Lines.size());
    auto [First, BodyIndent] = bodyStart(Lines, E.At.Line, End, E.Indent);
    size_t Insert = noteInsertionPoint(Lines, First, End, BodyIndent);
    if (!(*F)->Touched.insert(Insert).second)
      return llvm::Error::success();
    std::string Pad(BodyIndent, ' ');
    std::set<std::string> All = Platforms;
    if (auto It = Inherited.find(Key); It != Inherited.end())
      All.insert(It->second.begin(), It->second.end());
    (*F)->Edits.push_back(
        {Insert, 0, {"", Pad + ".. availability:: " + noteText(All)}});
    ++Result.AddedNotes;
    return llvm::Error::success();
  }

  llvm::Error addModuleNote(const Place &Key,
                            const std::set<std::string> &Platforms) {
    auto MIt = Modules.find(Key);
    if (MIt == Modules.end())
      return llvm::Error::success();
    const DocModule &M = *MIt->second;
    auto F = load(M.At.File);
    if (!F)
      return F.takeError();
    std::vector<std::string> &Lines = (*F)->Lines;
    if (M.Availability) {
      Result.AmendedNotes += amendNote(**F, *M.Availability, Platforms);
      return llvm::Error::success();
    }
    // After the wasm-notavail include if the page has one, else after the
    // header's "--------------" transition (CPython's page layout), else
    // after the module directive and its options.
    size_t After = M.At.Line; // 0-based: the line after the directive.
    while (After < Lines.size() && !blank(Lines[After]) &&
           indentOf(Lines[After]) > 0)
      ++After;
    if (M.WasmNotAvailInclude) {
      After = M.WasmNotAvailInclude->Line;
      while (After < Lines.size() && !blank(Lines[After]))
        ++After;
    } else {
      for (size_t I = After; I < Lines.size() && I < After + 20; ++I)
        if (llvm::StringRef(Lines[I]).trim().starts_with("-----") &&
            llvm::all_of(llvm::StringRef(Lines[I]).trim(),
                         [](char C) { return C == '-'; })) {
          After = I + 1;
          break;
        }
    }
    if (!(*F)->Touched.insert(After).second)
      return llvm::Error::success();
    (*F)->Edits.push_back(
        {After, 0, {"", ".. availability:: " + noteText(Platforms)}});
    ++Result.AddedNotes;
    return llvm::Error::success();
  }

  llvm::StringRef DocDir;
  std::map<Place, const DocEntry *> Entries;
  std::map<Place, std::vector<const DocEntry *>> Siblings;
  std::map<Place, const DocModule *> Modules;
  /// (file rel. to Doc/, directive line) -> platforms.
  std::map<Place, std::set<std::string>> EntryAdds, ModuleAdds, Inherited;
  /// Per directive, the lines of the names that are missing (a directive may
  /// document several names: `.. data:: O_DSYNC` + `O_RSYNC` lines).
  std::map<Place, std::set<unsigned>> MissingNames;
  std::map<std::string, FileEdits> Files;
  DocsSuggestion Result;
};

/// The central page as a new file of the patch.
std::string centralPagePatch(const GapReport &Gap,
                             llvm::StringRef CentralPage) {
  page::RstWriter W(/*Roles=*/true);
  // Not in any toctree: :orphan: keeps Sphinx from warning about it.
  W.Out = ":orphan:\n\n.. _wasm-unavailable:\n\n";
  page::writeGapPage(W, Gap);
  llvm::SmallVector<llvm::StringRef, 0> Split;
  llvm::StringRef(W.Out).rtrim('\n').split(Split, '\n');
  std::string Patch = "--- /dev/null\n+++ b/" + CentralPage.str() +
                      "\n@@ -0,0 +1," + std::to_string(Split.size()) + " @@\n";
  for (llvm::StringRef L : Split)
    Patch += "+" + L.str() + "\n";
  return Patch;
}
} // namespace

llvm::Expected<DocsSuggestion> suggestDocs(const DocsCheckReport &Check,
                                           const DocsIndex &Docs,
                                           const GapReport &Gap,
                                           llvm::StringRef DocDir,
                                           llvm::StringRef CentralPage) {
  PatchPlanner Planner(Docs, DocDir);
  Planner.plan(Check);
  if (llvm::Error E = Planner.addNotes())
    return std::move(E);
  DocsSuggestion Result = Planner.finish();
  if (!CentralPage.empty()) {
    Result.Patch += centralPagePatch(Gap, CentralPage);
    ++Result.Files;
  }
  return Result;
}

} // namespace gapscan

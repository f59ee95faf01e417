//===- DocsCheck.cpp ------------------------------------------------------===//
#include "docscheck/DocsCheck.h"
#include "config/PublicNames.h"
#include "model/Targets.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
#include <optional>
#include <set>

namespace gapscan {

namespace {
/// Finds an item's entry among the modules that may document it.
class EntryLookup {
public:
  explicit EntryLookup(const DocsIndex &Docs) : Names(Docs) {}

  /// The entry of Name in the first of Modules that documents it; a
  /// wildcard family (`.. data:: SO_*`) when no entry names it.
  const DocEntry *find(const std::vector<std::string> &Modules,
                       llvm::StringRef Name) const {
    for (const std::string &M : Modules)
      if (const DocEntry *E = Names.exact(M, Name))
        return E;
    for (const std::string &M : Modules)
      if (const DocEntry *E = Names.find(M, Name))
        return E;
    for (const std::string &M : Modules)
      for (const DocEntry *E : Names.wildcards(M)) {
        auto [Prefix, Suffix] = llvm::StringRef(E->Name).split('*');
        if (Name.starts_with(Prefix) && Name.ends_with(Suffix) &&
            Name.size() >= Prefix.size() + Suffix.size())
          return E;
      }
    return nullptr;
  }

  const DocEntry *exact(const std::string &Module, llvm::StringRef Name) const {
    return Names.exact(Module, Name);
  }

  const DocEntry *enclosing(const DocEntry &E) const {
    return Names.enclosing(E);
  }

private:
  DocsLookup Names;
};

/// What in the docs says an item is unavailable on a platform.
struct NoteHit {
  const AvailabilityNote *Note = nullptr;
  std::string File; ///< Relative to Doc/.
  std::string Reason;
  bool Explicit = false; ///< "not X", as opposed to a list without X.
};

/// The modules a C module's items may be documented under: the public one,
/// the C module itself; builtins are documented without a module.
std::vector<std::string> docModules(const std::string &Module,
                                    const std::string &Public) {
  if (Module == "builtins")
    return {"", "builtins"};
  std::vector<std::string> Out = {Public};
  if (Module != Public)
    Out.push_back(Module);
  return Out;
}

std::optional<NoteHit> noteExcludes(const AvailabilityNote &Note,
                                    const std::string &File,
                                    llvm::StringRef Platform) {
  std::string Reason;
  if (!availabilityExcludes(Note, Platform, &Reason))
    return std::nullopt;
  return NoteHit{&Note, File, Reason, availabilityNegates(Note, Platform)};
}

/// A module-level note: `.. availability::` at the top of the page or the
/// wasm-notavail include.
std::optional<NoteHit> moduleNote(const DocsIndex &Docs,
                                  const std::vector<std::string> &Modules,
                                  llvm::StringRef Platform) {
  for (const std::string &Name : Modules) {
    const DocModule *M = Docs.module(Name);
    if (!M)
      continue;
    if (M->Availability)
      if (auto Hit = noteExcludes(*M->Availability, M->At.File, Platform))
        return Hit;
    if (M->WasmNotAvailInclude && M->IncludedAvailability)
      if (auto Hit =
              noteExcludes(*M->IncludedAvailability, M->At.File, Platform)) {
        Hit->Reason += " (" + M->IncludePath + " included at " + M->At.File +
                       ":" + std::to_string(M->WasmNotAvailInclude->Line) + ")";
        return Hit;
      }
  }
  return std::nullopt;
}

std::string docPath(const std::string &RelToDoc) { return "Doc/" + RelToDoc; }

/// The entry's own note, else the note of an enclosing class
/// ("Popen.wait" -> "Popen"), else that of the entry it is written in, as
/// Sphinx shows it (os.POSIX_SPAWN_OPEN inside os.posix_spawn's body).
std::optional<NoteHit> entryNote(const EntryLookup &Lookup, const DocEntry &E,
                                 llvm::StringRef Platform) {
  if (E.Availability)
    return noteExcludes(*E.Availability, E.At.File, Platform);
  llvm::StringRef Name = E.Name;
  while (Name.contains('.')) {
    Name = Name.rsplit('.').first;
    if (const DocEntry *Parent = Lookup.exact(E.Module, Name.str()))
      if (Parent->Availability)
        return noteExcludes(*Parent->Availability, Parent->At.File, Platform);
  }
  for (const DocEntry *Outer = Lookup.enclosing(E); Outer;
       Outer = Lookup.enclosing(*Outer))
    if (Outer->Availability)
      return noteExcludes(*Outer->Availability, Outer->At.File, Platform);
  return std::nullopt;
}

void fillEntry(DocVerdict &V, const DocEntry &E) {
  V.DocFile = docPath(E.At.File);
  V.DocLine = E.NameLine ? E.NameLine : E.At.Line;
  V.EntryLine = E.At.Line;
  V.DocName = E.Module.empty() ? E.Name : E.Module + "." + E.Name;
  if (E.Availability) {
    V.NoteText = E.Availability->Text;
    V.NoteLine = E.Availability->At.Line;
  }
}

void fillHit(DocVerdict &V, const NoteHit &Hit) {
  V.Why = "\"" + Hit.Reason + "\" at " + docPath(Hit.File) + ":" +
          std::to_string(Hit.Note->At.Line);
  V.NoteText = Hit.Note->Text;
  V.NoteLine = Hit.Note->At.Line;
}

/// The docs check of one target: its removals, then its stale notes.
class TargetChecker {
public:
  TargetChecker(const Comparison &Scan, const DocsIndex &Docs,
                const EntryLookup &Lookup, const TargetGap &T,
                llvm::StringRef Platform, DocsCheckReport &R)
      : Scan(Scan), Docs(Docs), Lookup(Lookup), T(T), Platform(Platform), R(R) {
    for (const auto &[Name, At] : Docs.IntroWasmModules)
      IntroModules.insert(Name);
  }

  void removals() {
    std::set<std::string> UnavailableC;
    for (const ModuleGap &M : T.Modules) {
      std::vector<std::string> Modules = docModules(M.Module, M.PublicName);
      std::optional<NoteHit> ModuleHit = moduleNote(Docs, Modules, Platform);
      if (M.Unavailable) {
        R.Verdicts.push_back(unavailableModule(M, Modules, ModuleHit));
        if (R.Verdicts.back().PublicModule == M.PublicName)
          UnavailableC.insert(M.PublicName);
      } else {
        for (const GapItem &I : M.Missing)
          R.Verdicts.push_back(missingItem(M, I, Modules, ModuleHit));
      }
    }
    pythonRemovals(UnavailableC);
    differences();
  }

  /// Items that exist but work differently (gap/Differences.cpp): a "not
  /// <platform>" note on their entry (or module page) documents them;
  /// without one they are a finding of their own kind. A different
  /// implementation that is not claimed to fail (fallback) needs no note.
  void differences() {
    for (const DifferentItem &D : T.Different) {
      if (D.How == DifferenceKind::Fallback)
        continue;
      std::vector<std::string> Modules{D.Module};
      const DocEntry *E = Lookup.find(Modules, D.Name);
      if (!E)
        continue; // Not documented at all: nothing to amend.
      ModuleGap M;
      M.Module = M.PublicName = D.Module;
      DocVerdict V = base(M);
      V.Item = D.Name;
      V.ItemKind = D.Kind;
      V.Different = D.Summary;
      V.DifferentWhy = D.Why;
      fillEntry(V, *E);
      std::optional<NoteHit> Hit = entryNote(Lookup, *E, Platform);
      if (!Hit)
        Hit = moduleNote(Docs, Modules, Platform);
      if (Hit) {
        V.Kind = DocVerdictKind::Documented;
        fillHit(V, *Hit);
      } else {
        V.Kind = DocVerdictKind::DifferentUndocumented;
      }
      R.Verdicts.push_back(std::move(V));
    }
  }

  /// Whether the target has the item but it works differently there (a
  /// "not <platform>" note on it is then right, not stale).
  bool worksDifferently(const std::string &Public,
                        const std::string &Item) const {
    return llvm::any_of(T.Different, [&](const DifferentItem &D) {
      return D.How != DifferenceKind::Fallback && D.Module == Public &&
             D.Name == Item;
    });
  }

  /// The Python layer's removals: Lib/ modules that do not import and
  /// Python-level names, checked like C ones. A module the C layer already
  /// reports under the same public name (ssl for _ssl) is not repeated.
  void pythonRemovals(const std::set<std::string> &UnavailableC) {
    for (const PyModuleGap &P : T.PyModules) {
      if (P.UndecidedImport || UnavailableC.count(P.Module))
        continue;
      ModuleGap M;
      M.Module = P.Module;
      M.PublicName = P.Module;
      std::vector<std::string> Modules{P.Module};
      std::optional<NoteHit> ModuleHit = moduleNote(Docs, Modules, Platform);
      if (P.Unavailable) {
        M.Unavailable = true;
        M.UnavailableReason = evidenceLine(P.Why);
        R.Verdicts.push_back(unavailableModule(M, Modules, ModuleHit));
        continue;
      }
      for (const PyGapName &N : P.Missing) {
        GapItem I;
        I.Name = N.Name;
        I.Kind = N.Kind;
        I.DefinedAt = N.DefinedAt;
        I.Reason.Note = evidenceLine(N.Why);
        if (N.CItem)
          I.Reason = N.CItem->Reason;
        R.Verdicts.push_back(missingItem(M, I, Modules, ModuleHit));
      }
    }
  }

  static std::string evidenceLine(const std::vector<PyEvidence> &Why) {
    std::string Out;
    for (const PyEvidence &E : Why)
      Out += (Out.empty() ? "" : " <- ") + (E.At.empty() ? "" : E.At + " ") +
             E.Text;
    return Out;
  }

  /// Whether the public module of a C module still imports on the target:
  /// the Python layer's verdict, else Lib/'s top-level imports.
  bool publicStillImports(const ModuleGap &M) const {
    for (const ModuleVerdict &V : T.Verdicts)
      if (V.Module == M.PublicName && !V.FromC)
        return V.Imports == Tri::Yes;
    return !publicModuleRequires(R.SourceDir, M.PublicName, M.Module);
  }

  /// An explicit "not <platform>" on an entry whose item the target has,
  /// or on a module page whose module the target builds.
  void staleNotes(const AnalysedBuild &Build) {
    const std::map<std::string, std::string> &Public = Scan.Gap.PublicNames;
    for (const ModuleItems &M : Build.Items.Modules) {
      if (M.Status != ModuleStatus::Analysed)
        continue;
      auto Named = Public.find(M.Name);
      ModuleGap Pseudo;
      Pseudo.Module = M.Name;
      Pseudo.PublicName = Named != Public.end() ? Named->second : M.Name;
      std::vector<std::string> Modules = docModules(M.Name, Pseudo.PublicName);
      if (auto Hit = moduleNote(Docs, Modules, Platform);
          Hit && Hit->Explicit) {
        DocVerdict V = base(Pseudo);
        V.Kind = DocVerdictKind::StaleNote;
        V.ItemKind = ItemKind::Module;
        V.DocFile = docPath(Hit->File);
        V.DocLine = Hit->Note->At.Line;
        V.DocName = Pseudo.PublicName;
        fillHit(V, *Hit);
        R.Verdicts.push_back(std::move(V));
      }
      staleItemNotes(M, Pseudo, Modules);
    }
  }

private:
  DocVerdict base(const ModuleGap &M) const {
    DocVerdict V;
    V.Target = T.Target;
    V.Platform = Platform.str();
    V.Module = M.Module;
    V.PublicModule = M.PublicName;
    return V;
  }

  DocVerdict unavailableModule(const ModuleGap &M,
                               const std::vector<std::string> &Modules,
                               const std::optional<NoteHit> &ModuleHit) const {
    DocVerdict V = base(M);
    V.ItemKind = ItemKind::Module;
    V.UnavailableReason = M.UnavailableReason;
    if (M.PublicName != M.Module && publicStillImports(M)) {
      // The public module still imports (hashlib without _hashlib): only
      // the accelerator is gone, which no page documents.
      V.PublicModule = M.Module;
      V.Kind = DocVerdictKind::NotInDocs;
      V.UnavailableReason += "; " + M.PublicName + " imports " + M.Module +
                             " inside a block and works without it";
      return V;
    }
    const DocModule *Page = nullptr;
    for (const std::string &Name : Modules)
      if (!Page)
        Page = Docs.module(Name);
    if (Page) {
      V.DocFile = docPath(Page->At.File);
      V.DocLine = Page->At.Line;
      V.DocName = Page->Name;
    }
    if (ModuleHit) {
      V.Kind = DocVerdictKind::Documented;
      fillHit(V, *ModuleHit);
    } else if (IntroModules.count(M.PublicName)) {
      V.Kind = DocVerdictKind::Documented;
      V.Why = "named in Doc/library/intro.rst's WebAssembly section";
    } else {
      V.Kind = Page ? DocVerdictKind::UndocumentedRemoval
                    : DocVerdictKind::NotInDocs;
    }
    return V;
  }

  DocVerdict missingItem(const ModuleGap &M, const GapItem &I,
                         const std::vector<std::string> &Modules,
                         const std::optional<NoteHit> &ModuleHit) const {
    DocVerdict V = base(M);
    V.Item = I.Name;
    V.ItemKind = I.Kind;
    V.Reason = I.Reason;
    const DocEntry *E = Lookup.find(Modules, I.Name);
    if (!E) {
      V.Kind = DocVerdictKind::NotInDocs;
      return V;
    }
    fillEntry(V, *E);
    std::optional<NoteHit> Hit = entryNote(Lookup, *E, Platform);
    if (!Hit)
      Hit = ModuleHit;
    if (Hit) {
      V.Kind = DocVerdictKind::Documented;
      fillHit(V, *Hit);
    } else {
      V.Kind = DocVerdictKind::UndocumentedRemoval;
    }
    return V;
  }

  void staleItemNotes(const ModuleItems &M, const ModuleGap &Pseudo,
                      const std::vector<std::string> &Modules) {
    std::set<const DocEntry *> Seen;
    for (const ApiItem &I : M.Items) {
      const DocEntry *E = Lookup.find(Modules, I.Name);
      if (!E || E->Wildcard || !E->Availability || !Seen.insert(E).second)
        continue;
      auto Hit = noteExcludes(*E->Availability, E->At.File, Platform);
      if (!Hit || !Hit->Explicit ||
          worksDifferently(Pseudo.PublicName, I.Name) ||
          worksDifferently(M.Name, I.Name))
        continue;
      DocVerdict V = base(Pseudo);
      V.Kind = DocVerdictKind::StaleNote;
      V.Item = I.Name;
      V.ItemKind = I.Kind;
      fillEntry(V, *E);
      fillHit(V, *Hit);
      R.Verdicts.push_back(std::move(V));
    }
  }

  const Comparison &Scan;
  const DocsIndex &Docs;
  const EntryLookup &Lookup;
  const TargetGap &T;
  llvm::StringRef Platform;
  DocsCheckReport &R;
  std::set<std::string> IntroModules;
};
} // namespace

DocsCheckReport checkDocs(const Comparison &Scan, const DocsIndex &Docs) {
  DocsCheckReport R;
  R.SourceDir = Scan.Gap.SourceDir;
  R.Version = Scan.Gap.Version;
  R.Warnings = Docs.Warnings;
  R.Absent = Scan.Gap.Absent;
  EntryLookup Lookup(Docs);
  for (size_t TI = 0; TI < Scan.Gap.Targets.size(); ++TI) {
    const TargetGap &T = Scan.Gap.Targets[TI];
    const TargetInfo *Target = targetOfConfiguration(T.Target, T.Host);
    if (!Target)
      continue; // Not a WebAssembly target: the docs have no notes for it.
    R.Targets.push_back(T.Target);
    TargetChecker Checker(Scan, Docs, Lookup, T, Target->Platform, R);
    Checker.removals();
    Checker.staleNotes(*Scan.Targets[TI].second);
  }
  std::stable_sort(
      R.Verdicts.begin(), R.Verdicts.end(),
      [](const DocVerdict &A, const DocVerdict &B) {
        return std::tie(A.Target, A.PublicModule, A.Module, A.Item, A.Kind) <
               std::tie(B.Target, B.PublicModule, B.Module, B.Item, B.Kind);
      });
  applyBaseline(R, {});
  return R;
}

std::set<std::string> baselineKeys(const DocsCheckReport &Report) {
  std::set<std::string> Keys;
  for (const DocVerdict &V : Report.Verdicts)
    if (V.Kind == DocVerdictKind::UndocumentedRemoval ||
        V.Kind == DocVerdictKind::StaleNote ||
        V.Kind == DocVerdictKind::DifferentUndocumented)
      Keys.insert(V.key());
  return Keys;
}

void applyBaseline(DocsCheckReport &Report, const std::set<std::string> &Keys) {
  Report.PerTarget.clear();
  for (const std::string &T : Report.Targets)
    Report.PerTarget[T];
  for (DocVerdict &V : Report.Verdicts) {
    if (!Keys.empty())
      V.Accepted = Keys.count(V.key()) != 0;
    DocsCheckReport::Counts &C = Report.PerTarget[V.Target];
    switch (V.Kind) {
    case DocVerdictKind::Documented:
      ++C.Documented;
      break;
    case DocVerdictKind::UndocumentedRemoval:
      ++C.Undocumented;
      break;
    case DocVerdictKind::StaleNote:
      ++C.Stale;
      break;
    case DocVerdictKind::NotInDocs:
      ++C.NotInDocs;
      break;
    case DocVerdictKind::DifferentUndocumented:
      ++C.DifferentUndocumented;
      break;
    }
    C.Accepted += V.Accepted;
  }
}

} // namespace gapscan

//===- DocsCheck.cpp ------------------------------------------------------===//
#include "lib/DocsCheck.h"
#include "config/PublicNames.h"
#include "lib/JsonUtil.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ThreadPool.h"
#include <map>
#include <optional>

namespace gapscan {

llvm::StringRef verdictName(DocVerdictKind Kind) {
  switch (Kind) {
  case DocVerdictKind::Documented:
    return "documented";
  case DocVerdictKind::UndocumentedRemoval:
    return "undocumented-removal";
  case DocVerdictKind::StaleNote:
    return "stale-note";
  case DocVerdictKind::NotInDocs:
    return "not-in-docs";
  }
  return "";
}

std::string DocVerdict::key() const {
  return (verdictName(Kind) + "|" + Target + "|" + Module + "|" + Item).str();
}

size_t DocsCheckReport::findings() const {
  size_t N = 0;
  for (const DocVerdict &V : Verdicts)
    N += V.isFinding();
  return N;
}

std::optional<WasmTarget> platformOf(llvm::StringRef TargetName,
                                     llvm::StringRef Host) {
  for (llvm::StringRef S : {TargetName, Host}) {
    std::string Lower = S.lower();
    if (llvm::StringRef(Lower).contains("wasi"))
      return WasmTarget::WASI;
    if (llvm::StringRef(Lower).contains("emscripten"))
      return WasmTarget::Emscripten;
  }
  return std::nullopt;
}

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

bool isExplicit(const AvailabilityNote &Note, WasmTarget Platform) {
  for (const PlatformTerm &T : Note.Terms)
    if (T.Negated && T.Platform == wasmTargetName(Platform))
      return true;
  return false;
}

std::optional<NoteHit> noteExcludes(const AvailabilityNote &Note,
                                    const std::string &File,
                                    WasmTarget Platform) {
  std::string Reason;
  if (!availabilityExcludes(Note, Platform, &Reason))
    return std::nullopt;
  return NoteHit{&Note, File, Reason, isExplicit(Note, Platform)};
}

/// A module-level note: `.. availability::` at the top of the page or the
/// wasm-notavail include.
std::optional<NoteHit> moduleNote(const DocsIndex &Docs,
                                  const std::vector<std::string> &Modules,
                                  WasmTarget Platform) {
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
/// ("Popen.wait" -> "Popen").
std::optional<NoteHit> entryNote(const EntryLookup &Lookup, const DocEntry &E,
                                 WasmTarget Platform) {
  if (E.Availability)
    return noteExcludes(*E.Availability, E.At.File, Platform);
  llvm::StringRef Name = E.Name;
  while (Name.contains('.')) {
    Name = Name.rsplit('.').first;
    if (const DocEntry *Parent = Lookup.exact(E.Module, Name.str()))
      if (Parent->Availability)
        return noteExcludes(*Parent->Availability, Parent->At.File, Platform);
  }
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
} // namespace

DocsCheckReport checkDocs(const ScanResult &Scan, const DocsIndex &Docs) {
  DocsCheckReport R;
  R.SourceDir = Scan.Gap.SourceDir;
  R.Version = Scan.Gap.Version;
  R.Warnings = Docs.Warnings;
  EntryLookup Lookup(Docs);
  std::set<std::string> IntroModules;
  for (const auto &[Name, At] : Docs.IntroWasmModules)
    IntroModules.insert(Name);

  for (size_t TI = 0; TI < Scan.Gap.Targets.size(); ++TI) {
    const TargetGap &T = Scan.Gap.Targets[TI];
    const AnalysedBuild &Build = *Scan.Targets[TI].second;
    std::optional<WasmTarget> Platform = platformOf(T.Target, T.Host);
    if (!Platform)
      continue; // Not a WebAssembly target: the docs have no notes for it.
    R.Targets.push_back(T.Target);
    std::string PlatformName = wasmTargetName(*Platform).str();
    auto Base = [&](const ModuleGap &M) {
      DocVerdict V;
      V.Target = T.Target;
      V.Platform = PlatformName;
      V.Module = M.Module;
      V.PublicModule = M.PublicName;
      return V;
    };

    for (const ModuleGap &M : T.Modules) {
      std::vector<std::string> Modules = docModules(M.Module, M.PublicName);
      std::optional<NoteHit> ModuleHit = moduleNote(Docs, Modules, *Platform);
      if (M.Unavailable) {
        DocVerdict V = Base(M);
        V.ItemKind = "module";
        V.UnavailableReason = M.UnavailableReason;
        if (!publicModuleRequires(R.SourceDir, M.PublicName, M.Module)) {
          // The public module still imports (hashlib without _hashlib): only
          // the accelerator is gone, which no page documents.
          V.PublicModule = M.Module;
          V.Kind = DocVerdictKind::NotInDocs;
          V.UnavailableReason += "; " + M.PublicName + " imports " + M.Module +
                                 " inside a block and works without it";
          R.Verdicts.push_back(std::move(V));
          continue;
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
        R.Verdicts.push_back(std::move(V));
        continue;
      }
      for (const GapItem &I : M.Missing) {
        DocVerdict V = Base(M);
        V.Item = I.Name;
        V.ItemKind = I.Kind;
        V.Reason = I.Reason;
        const DocEntry *E = Lookup.find(Modules, I.Name);
        if (!E) {
          V.Kind = DocVerdictKind::NotInDocs;
          R.Verdicts.push_back(std::move(V));
          continue;
        }
        fillEntry(V, *E);
        std::optional<NoteHit> Hit = entryNote(Lookup, *E, *Platform);
        if (!Hit)
          Hit = ModuleHit;
        if (Hit) {
          V.Kind = DocVerdictKind::Documented;
          fillHit(V, *Hit);
        } else {
          V.Kind = DocVerdictKind::UndocumentedRemoval;
        }
        R.Verdicts.push_back(std::move(V));
      }
    }

    // Stale notes: an explicit "not <platform>" on an entry whose item the
    // target has, or on a module page whose module the target builds.
    const std::map<std::string, std::string> &Public = Scan.Gap.PublicNames;
    for (const ModuleItems &M : Build.Items.Modules) {
      if (M.Status != "analysed")
        continue;
      auto Named = Public.find(M.Name);
      std::string PublicName = Named != Public.end() ? Named->second : M.Name;
      std::vector<std::string> Modules = docModules(M.Name, PublicName);
      ModuleGap Pseudo;
      Pseudo.Module = M.Name;
      Pseudo.PublicName = PublicName;
      if (auto Hit = moduleNote(Docs, Modules, *Platform);
          Hit && Hit->Explicit) {
        DocVerdict V = Base(Pseudo);
        V.Kind = DocVerdictKind::StaleNote;
        V.ItemKind = "module";
        V.DocFile = docPath(Hit->File);
        V.DocLine = Hit->Note->At.Line;
        V.DocName = PublicName;
        fillHit(V, *Hit);
        R.Verdicts.push_back(std::move(V));
      }
      std::set<const DocEntry *> Seen;
      for (const ApiItem &I : M.Items) {
        const DocEntry *E = Lookup.find(Modules, I.Name);
        if (!E || E->Wildcard || !E->Availability || !Seen.insert(E).second)
          continue;
        auto Hit = noteExcludes(*E->Availability, E->At.File, *Platform);
        if (!Hit || !Hit->Explicit)
          continue;
        DocVerdict V = Base(Pseudo);
        V.Kind = DocVerdictKind::StaleNote;
        V.Item = I.Name;
        V.ItemKind = I.Kind;
        fillEntry(V, *E);
        fillHit(V, *Hit);
        R.Verdicts.push_back(std::move(V));
      }
    }
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

llvm::Expected<DocsCheckRun> runDocsCheck(const ScanRequest &Request,
                                          llvm::StringRef DocDir,
                                          llvm::raw_ostream &Log) {
  // Doc/ is read while the configurations are found (a pre-commit run's
  // first 0.1 s), and checked before any is analysed: a malformed Doc/
  // folder fails before a long scan, and its error comes first.
  std::optional<llvm::Expected<DocsIndex>> Docs;
  llvm::DefaultThreadPool Reading(llvm::hardware_concurrency(1));
  std::shared_future<void> Read =
      Reading.async([&] { Docs.emplace(readDocs(DocDir.str())); });
  bool Reported = false; // Whether DocsRead ran: it reports once.
  auto DocsRead = [&]() -> llvm::Error {
    Read.wait();
    Reported = true;
    if (!*Docs)
      return Docs->takeError();
    for (const DocWarning &W : (*Docs)->Warnings)
      Log << "wasm-gapscan: warning: Doc/" << W.At.File << ":" << W.At.Line
          << ": " << W.Message << "\n";
    return llvm::Error::success();
  };
  llvm::Expected<ScanResult> Scan = runScan(Request, Log, DocsRead);
  if (!Scan) {
    // Configuring failed before DocsRead ran: Doc/'s error still first.
    if (!Reported)
      if (llvm::Error E = DocsRead()) {
        llvm::consumeError(Scan.takeError());
        return std::move(E);
      }
    return Scan.takeError();
  }
  DocsCheckRun Run;
  Run.Scan = std::move(*Scan);
  Run.Docs = std::move(**Docs);
  Run.Report = checkDocs(Run.Scan, Run.Docs);
  return std::move(Run);
}

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(),
        "cannot read baseline '%s': %s; create it with --update-baseline",
        Path.str().c_str(), Buffer.getError().message().c_str());
  std::set<std::string> Keys;
  try {
    Json J = Json::parse((*Buffer)->getBuffer().begin(),
                         (*Buffer)->getBuffer().end());
    if (!J.is_object() || !J.contains("accepted") || !J["accepted"].is_array())
      throw std::runtime_error("no \"accepted\" array");
    for (const Json &K : J["accepted"])
      Keys.insert(K.get<std::string>());
  } catch (const std::exception &E) {
    return llvm::createStringError(
        std::errc::invalid_argument,
        "baseline '%s' is malformed (%s); regenerate it with --update-baseline",
        Path.str().c_str(), E.what());
  }
  return Keys;
}

std::set<std::string> baselineKeys(const DocsCheckReport &Report) {
  std::set<std::string> Keys;
  for (const DocVerdict &V : Report.Verdicts)
    if (V.Kind == DocVerdictKind::UndocumentedRemoval ||
        V.Kind == DocVerdictKind::StaleNote)
      Keys.insert(V.key());
  return Keys;
}

std::string baselineToJson(const DocsCheckReport &Report) {
  Json Accepted = Json::array();
  for (const std::string &Key : baselineKeys(Report))
    Accepted.push_back(Key);
  Json Root = {{"schema", "wasm-gapscan-docs-baseline"},
               {"schema_version", 1},
               {"accepted", std::move(Accepted)}};
  return dumpJson(Root);
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
    }
    C.Accepted += V.Accepted;
  }
}

} // namespace gapscan

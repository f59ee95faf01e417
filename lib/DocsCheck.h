//===- DocsCheck.h - The gap report joined with what Doc/ says -----------===//
//
// For each target, every item the reference has and the target lacks is
// looked up in the checkout's Doc/ (lib/DocsReader.h) under the module users
// import and the C module's own name; the availability notes of the entry,
// its enclosing classes and its module page decide whether the docs already
// say so. Every explicit "not WASI"/"not Emscripten" of an item the target
// has is a stale note.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LIB_DOCSCHECK_H
#define WASM_GAPSCAN_LIB_DOCSCHECK_H

#include "lib/DocsReader.h"
#include "lib/ScanDriver.h"
#include <set>

namespace gapscan {

enum class DocVerdictKind {
  Documented,          ///< Missing, and the docs say so.
  UndocumentedRemoval, ///< Missing, and the docs do not say so: a finding.
  StaleNote,           ///< The docs say it is missing; the target has it.
  NotInDocs,           ///< Missing, and no entry documents it.
};

llvm::StringRef verdictName(DocVerdictKind Kind);

/// One item (or whole module) on one target, as the docs check sees it.
struct DocVerdict {
  DocVerdictKind Kind = DocVerdictKind::NotInDocs;
  std::string Target;   ///< Scan target name (wasi, emscripten-node, ...).
  std::string Platform; ///< As notes spell it: WASI, Emscripten.
  std::string Module;   ///< C module.
  std::string PublicModule;
  std::string Item;              ///< "" for the whole module.
  std::string ItemKind;          ///< function, ... or "module".
  GapReason Reason;              ///< For removals of items: the guard.
  std::string UnavailableReason; ///< For removals of modules.
  /// The doc entry (or module page): file relative to the source folder
  /// ("Doc/library/os.rst") and line; empty for NotInDocs.
  std::string DocFile;
  unsigned DocLine = 0;
  std::string DocName;    ///< "os.fork" as documented.
  unsigned EntryLine = 0; ///< The line of the entry's directive.
  /// The availability note that decided (or would be amended), if any.
  std::string NoteText;
  unsigned NoteLine = 0;
  std::string Why; ///< For Documented/StaleNote: what in the docs says it.
  bool Accepted = false; ///< Listed in the baseline.

  /// Stable identity for baselines: kind, target, module, item.
  std::string key() const;
  bool isFinding() const {
    return !Accepted && (Kind == DocVerdictKind::UndocumentedRemoval ||
                         Kind == DocVerdictKind::StaleNote);
  }
};

struct DocsCheckReport {
  std::string SourceDir, Version;
  std::vector<std::string> Targets;
  std::vector<DocVerdict> Verdicts; ///< Sorted: target, module, item.
  std::vector<DocWarning> Warnings; ///< From reading Doc/.
  struct Counts {
    size_t Documented = 0, Undocumented = 0, Stale = 0, NotInDocs = 0,
           Accepted = 0;
  };
  std::map<std::string, Counts> PerTarget;
  size_t findings() const;
};

/// The notes' platform of a scan target: from its name, else its host
/// triple (for --build/--sysconfig targets with other names).
std::optional<WasmTarget> platformOf(llvm::StringRef TargetName,
                                     llvm::StringRef Host);

/// Classifies every missing item and every explicit note of every target.
DocsCheckReport checkDocs(const ScanResult &Scan, const DocsIndex &Docs);

/// A scan and a docs check in one go, as check-docs, suggest-docs and
/// precommit run them.
struct DocsCheckRun {
  ScanResult Scan;
  DocsIndex Docs;
  DocsCheckReport Report;
};
llvm::Expected<DocsCheckRun> runDocsCheck(const ScanRequest &Request,
                                          llvm::StringRef DocDir,
                                          llvm::raw_ostream &Log);

/// Baselines: the keys of accepted findings, one JSON array.
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);
/// The keys of every finding of the report (what a baseline accepts).
std::set<std::string> baselineKeys(const DocsCheckReport &Report);
std::string baselineToJson(const DocsCheckReport &Report);
/// Marks the findings the baseline accepts and recounts.
void applyBaseline(DocsCheckReport &Report, const std::set<std::string> &Keys);

} // namespace gapscan

#endif

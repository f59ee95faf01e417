//===- DocVerdicts.h - Missing items as the docs check sees them-*- C++ -*-===//
//
// Plain data: docscheck/'s classification of the gap against Doc/, the input
// of the docs reporters and of the patch writer.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_DOCVERDICTS_H
#define WASM_GAPSCAN_MODEL_DOCVERDICTS_H

#include "model/Docs.h"
#include "model/Gap.h"
#include <map>
#include <string>
#include <vector>

namespace gapscan {

enum class DocVerdictKind {
  Documented,          ///< Missing, and the docs say so.
  UndocumentedRemoval, ///< Missing, and the docs do not say so: a finding.
  StaleNote,           ///< The docs say it is missing; the target has it.
  NotInDocs,           ///< Missing, and no entry documents it.
  /// Present, works differently (gap/Differences.cpp), and the docs do not
  /// say "not <platform>": a finding of its own kind.
  DifferentUndocumented,
};

/// One item (or whole module) on one target, as the docs check sees it.
struct DocVerdict {
  DocVerdictKind Kind = DocVerdictKind::NotInDocs;
  std::string Target;   ///< Scan target name (wasi, emscripten-node, ...).
  std::string Platform; ///< As notes spell it: WASI, Emscripten.
  std::string Module;   ///< C module.
  std::string PublicModule;
  std::string Item;                              ///< "" for the whole module.
  gapscan::ItemKind ItemKind = ItemKind::Module; ///< Module: the whole module.
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
  /// When the item exists but works differently: how, in one line
  /// (DifferentItem::Summary), with its chain.
  std::string Different;
  std::vector<PyEvidence> DifferentWhy;
  bool Accepted = false; ///< Listed in the baseline.

  /// Stable identity for baselines: kind, target, module, item.
  std::string key() const;
  bool isFinding() const {
    return !Accepted && (Kind == DocVerdictKind::UndocumentedRemoval ||
                         Kind == DocVerdictKind::StaleNote ||
                         Kind == DocVerdictKind::DifferentUndocumented);
  }
};

struct DocsCheckReport {
  std::string SourceDir, Version;
  std::vector<std::string> Targets;
  std::vector<DocVerdict> Verdicts; ///< Sorted: target, module, item.
  std::vector<DocWarning> Warnings; ///< From reading Doc/.
  /// Targets the run left out (--skip-missing-targets).
  std::vector<AbsentTarget> Absent;
  struct Counts {
    size_t Documented = 0, Undocumented = 0, Stale = 0, NotInDocs = 0,
           Accepted = 0, DifferentUndocumented = 0;
  };
  std::map<std::string, Counts> PerTarget;
  size_t findings() const;
};

} // namespace gapscan

#endif

//===- Gap.h - What the reference has and a target does not ----*- C++ -*-===//
//
// Plain data: gap/'s comparison of a reference with each target, the input
// of docscheck/ and of the gap reporters.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_GAP_H
#define WASM_GAPSCAN_MODEL_GAP_H

#include "model/Items.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {

/// A macro read by the responsible condition, with its value on each side
/// (nullopt = undefined).
struct MacroDiff {
  std::string Name;
  std::optional<std::string> Reference, Target;
};

/// Why an item exists on one side only: the outermost of its guards (as the
/// side that has it recorded them) that the other side did not take, and the
/// macros of that condition whose values differ.
struct GapReason {
  ConditionalDirective Guard;    ///< As the side having the item saw it.
  bool EvaluatedOnOther = false; ///< The other side reached the directive.
  std::vector<MacroDiff> Macros; ///< Only those whose values differ.
  std::string Note;              ///< When no guard explains it.
};

struct GapItem {
  std::string Name;
  ItemKind Kind = ItemKind::Object;
  std::string DefinedAt;
  GapReason Reason;
};

struct ModuleGap {
  std::string Module;
  std::string PublicName; ///< What users import (os for posix).
  bool Unavailable = false;
  std::string UnavailableReason;
  size_t ReferenceItems = 0;
  std::vector<GapItem> Missing; ///< In the reference, not on the target.
  std::vector<GapItem> Extra;   ///< On the target only.
};

/// A Python-level name the reference has and a target lacks (or may lack),
/// with the chain of why, Lib/ guard by Lib/ guard down to the C level.
struct PyGapName {
  std::string Name; ///< "disk_usage", "Signals.SIGRTMIN".
  ItemKind Kind = ItemKind::Object;
  std::string DefinedAt;       ///< Where the reference binds it.
  std::vector<PyEvidence> Why; ///< On the target, outermost first.
  /// The C item (or module) the chain ends at, with its C reason, when the
  /// target's C gap has it.
  std::string CModule;
  std::optional<GapItem> CItem;
  std::string CModuleReason; ///< When the whole C module is unavailable.
};

/// One public Lib/ module on one target, where it differs.
struct PyModuleGap {
  std::string Module;
  std::string Path;
  bool Unavailable = false;     ///< Imports on the reference, not here.
  bool UndecidedImport = false; ///< The evaluator cannot tell.
  std::vector<PyEvidence> Why;  ///< The failing import chain.
  std::vector<PyGapName> Missing;
  std::vector<PyGapName> Undecided;
};

/// An item of a public module both sides have that works differently on
/// the target, with the chain from the item to the root cause (each step
/// at file:line; the last is the raise, the missing name or the C error
/// under its #if).
struct DifferentItem {
  std::string Module; ///< The public module: "subprocess", "os".
  std::string Name;   ///< "run", "Popen.communicate", "socket.dup".
  ItemKind Kind = ItemKind::Function;
  DifferenceKind How = DifferenceKind::Raises;
  std::string Summary; ///< One line: what happens and where.
  std::vector<PyEvidence> Why;
  /// Calls of it from Lib/ callables on the target: how used it is.
  size_t Callers = 0;
};

/// Whether a public module (Lib/ or C) imports on a target, and how many of
/// the reference's names it lacks there.
struct ModuleVerdict {
  std::string Module;
  bool FromC = false; ///< A C module with no Lib/ module of its name.
  Tri Imports = Tri::Yes;
  std::string Reason; ///< Why not, in one line.
  size_t Missing = 0; ///< Python- and C-level names it lacks.
  size_t Undecided = 0;
  size_t Different = 0; ///< Items that work differently ("with limits").
  std::vector<std::string> TopDifferent; ///< The most used of them.
};

struct TargetGap {
  std::string Target, BuildDir, Host;
  std::vector<ModuleGap> Modules; ///< Only modules with a difference.
  size_t UnavailableModules = 0, MissingItems = 0, ExtraItems = 0;
  /// Macros by the number of missing items whose responsible condition
  /// reads them with a different value, most first.
  std::vector<std::pair<std::string, size_t>> TopMacros;
  /// The Python layer (empty when it was not asked for).
  std::vector<PyModuleGap> PyModules;  ///< Only modules with a difference.
  std::vector<ModuleVerdict> Verdicts; ///< Every public module, by name.
  size_t PyUnavailable = 0, PyMissing = 0, PyUndecided = 0;
  /// Items that work differently, by module then name.
  std::vector<DifferentItem> Different;
};

/// A target the run was asked for (or would take by default) that could not
/// be configured, left out with --skip-missing-targets.
struct AbsentTarget {
  std::string Name, Why;
};

struct GapReport {
  std::string SourceDir, Version, Reference, ReferenceBuildDir;
  std::vector<TargetGap> Targets;
  /// Targets left out (--skip-missing-targets), with the reason; every
  /// report format says so.
  std::vector<AbsentTarget> Absent;
  /// Every C module of every configuration -> the module users import
  /// (config/PublicNames.h), read from Lib/ once for the gap and the docs
  /// check.
  std::map<std::string, std::string> PublicNames;
};

/// Every configuration of a run analysed, and their gap.
struct Comparison {
  std::unique_ptr<AnalysedBuild> Reference;
  std::vector<std::pair<std::string, std::unique_ptr<AnalysedBuild>>> Targets;
  GapReport Gap;
};

} // namespace gapscan

#endif

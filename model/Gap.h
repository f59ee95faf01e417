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

struct TargetGap {
  std::string Target, BuildDir, Host;
  std::vector<ModuleGap> Modules; ///< Only modules with a difference.
  size_t UnavailableModules = 0, MissingItems = 0, ExtraItems = 0;
  /// Macros by the number of missing items whose responsible condition
  /// reads them with a different value, most first.
  std::vector<std::pair<std::string, size_t>> TopMacros;
};

struct GapReport {
  std::string SourceDir, Version, Reference, ReferenceBuildDir;
  std::vector<TargetGap> Targets;
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

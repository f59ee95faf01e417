//===- Items.h - Python-visible API items of one configuration -*- C++ -*-===//
//
// Plain data: what link/ makes of a build's facts, the input of gap/.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_ITEMS_H
#define WASM_GAPSCAN_MODEL_ITEMS_H

#include "model/Build.h"
#include "model/Facts.h"
#include "model/PyFacts.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {

/// Where one definition of an item is written, with every condition it
/// depends on (the guards of its name's spelling, of its use, and of the
/// calls leading to the code that adds it), outermost first, de-duplicated.
struct ItemDefinition {
  std::string DefinedAt; ///< "path:line", path relative to source or build.
  std::string UsedAt;    ///< Empty when the same as DefinedAt.
  std::vector<ConditionalDirective> Guards;
};

/// One Python-visible name of a C module: "alarm", "epoll.poll",
/// "stat_result.st_blksize".
struct ApiItem {
  std::string Name;
  ItemKind Kind = ItemKind::Object;
  std::vector<ItemDefinition> Definitions;
  /// What a call runs (a function's or method's C function, a class's
  /// tp_new/tp_init), as indices into ItemsReport::Behaviour, when that
  /// can reach a guarded error.
  std::vector<unsigned> Impl;
};

/// A guarded error of a C function (model/Facts.h FailurePoint), placed.
struct CFailure {
  std::string At;    ///< "Python/fileutils.c:2703"
  std::string Text;  ///< "errno = ENOTSUP"
  std::string Guard; ///< The innermost enclosing conditional, as written.
};

/// A C function of the build that can reach a guarded error within a few
/// calls: the part of the call graph "works differently" follows
/// (link/Behaviour.cpp).
struct CFunction {
  std::string Name, At;
  std::vector<unsigned> Callees; ///< Indices into CBehaviour::Functions.
  std::vector<CFailure> Failures;
};

struct CBehaviour {
  std::vector<CFunction> Functions;
};

/// A module of the build with its items.
struct ModuleItems {
  std::string Name;
  std::string State; ///< configure's state ("yes", "n/a", ...) or "core".
  gapscan::Linkage Linkage = Linkage::None;
  ModuleStatus Status = ModuleStatus::NotBuilt;
  std::vector<std::string> Sources;
  std::vector<std::string> Errors; ///< Why it failed, when it did.
  std::vector<ApiItem> Items;      ///< Sorted by name, then kind.
};

/// Every module of one configuration with its items.
struct ItemsReport {
  std::string SourceDir, BuildDir, Version, Host, Compiler;
  unsigned TranslationUnits = 0, FailedTranslationUnits = 0;
  std::vector<ModuleItems> Modules; ///< Sorted by name.
  std::vector<std::string> Notes;
  CBehaviour Behaviour;
};

/// Every conditional directive met in a build, by (display path, line). A
/// header directive read by several translation units is taken if any of
/// them took it.
using DirectiveIndex =
    std::map<std::pair<std::string, unsigned>, ConditionalDirective>;

/// One configuration, analysed.
struct AnalysedBuild {
  BuildInfo Build;
  ItemsReport Items;
  DirectiveIndex Directives;
  /// The Python layer (python/), when the run asked for it.
  std::optional<PyLayer> Python;
};

} // namespace gapscan

#endif

//===- ItemLinker.h - Facts of all translation units -> API items
//----------===//
#ifndef WASM_GAPSCAN_LIB_ITEMLINKER_H
#define WASM_GAPSCAN_LIB_ITEMLINKER_H

#include "config/BuildConfig.h"
#include "matchers/Records.h"

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
  std::string Kind; ///< function, constant, object, class, exception, method,
                    ///< classmethod, staticmethod, member, getset, field
  std::vector<ItemDefinition> Definitions;
};

/// A module of the build with its items.
struct ModuleItems {
  std::string Name;
  std::string State;   ///< configure's state ("yes", "n/a", ...) or "core".
  std::string Linkage; ///< "builtin", "shared", or "" when not built.
  std::string Status;  ///< "analysed", "not-built", "failed", "no-definition"
  std::vector<std::string> Sources;
  std::vector<std::string> Errors; ///< Why it failed, when it did.
  std::vector<ApiItem> Items;      ///< Sorted by name, then kind.
};

struct ItemsReport {
  std::string SourceDir, BuildDir, Version, PyVersion, Host, Compiler;
  unsigned TranslationUnits = 0, FailedTranslationUnits = 0;
  std::vector<ModuleItems> Modules; ///< Sorted by name.
  std::vector<std::string> Notes;
};

/// Joins the facts of all translation units of a build into per-module items.
/// With DisableFree (ScanOptions::DisableFree), the linker's indexes are left
/// allocated instead of freed, for a process that exits soon after.
ItemsReport linkItems(const BuildInfo &Build, const std::vector<TUFacts> &TUs,
                      bool DisableFree = false);

/// A path relative to the source folder ("Modules/x.c") or build folder
/// ("$BUILD/pyconfig.h"), absolute otherwise.
std::string displayPath(const BuildInfo &Build, llvm::StringRef Path);

} // namespace gapscan

#endif

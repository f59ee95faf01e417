//===- ItemLinker.h - Facts of all units -> API items -----------*- C++ -*-===//
#ifndef WASM_GAPSCAN_LINK_ITEMLINKER_H
#define WASM_GAPSCAN_LINK_ITEMLINKER_H

#include "model/Items.h"
#include "llvm/ADT/StringRef.h"

namespace gapscan {

/// Joins the facts of all translation units of a build into per-module items.
/// With DisableFree (AnalysisOptions::DisableFree), the linker's indexes are
/// left allocated instead of freed, for a process that exits soon after.
ItemsReport linkItems(const BuildInfo &Build, const std::vector<TUFacts> &TUs,
                      bool DisableFree = false);

/// A path relative to the source folder ("Modules/x.c") or build folder
/// ("$BUILD/pyconfig.h"), absolute otherwise.
std::string displayPath(const BuildInfo &Build, llvm::StringRef Path);

} // namespace gapscan

#endif

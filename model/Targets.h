//===- Targets.h - The table of targets (config/targets.tsv) --*- C++ -*-===//
//
// What a target is (its name, triple, docs platform word, configure branch
// and flavour) is written once, in config/targets.tsv; CMake compiles that
// file into this table, and scripts/ and bench/ read the same file.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_TARGETS_H
#define WASM_GAPSCAN_MODEL_TARGETS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace gapscan {

/// One row of config/targets.tsv ("-" columns are empty here).
struct TargetInfo {
  llvm::StringRef Name;      ///< "wasi", "emscripten-node", ...
  llvm::StringRef Triple;    ///< MULTIARCH, "wasm32-wasi"; "" for native.
  llvm::StringRef Platform;  ///< As availability notes spell it: "WASI".
  llvm::StringRef Configure; ///< configure-target.sh's branch.
  llvm::StringRef Flavour;   ///< "node", "browser", or "".
  /// The configure option taking Flavour ("--with-emscripten-target"), "".
  llvm::StringRef FlavourOption;

  /// The triple's system part, Makefile's MACHDEP: "wasi", "emscripten".
  llvm::StringRef machDep() const { return Triple.rsplit('-').second; }
};

/// Every row, the reference first.
llvm::ArrayRef<TargetInfo> targetTable();

/// The row named Name, or null.
const TargetInfo *findTarget(llvm::StringRef Name);

/// The reference (the first row).
const TargetInfo &referenceTarget();

/// The WebAssembly targets, in the table's order.
std::vector<std::string> webAssemblyTargetNames();

/// The WebAssembly targets of a checkout, in the table's order, given
/// whether its configure has each flavour option (HasOption): a flavoured
/// row where it has its option, an unflavoured row of a configure branch
/// only where no flavoured row of that branch is.
std::vector<std::string>
webAssemblyTargetNames(llvm::function_ref<bool(llvm::StringRef)> HasOption);

/// Target Name among Names: itself, else the first of Names with the same
/// docs platform (3.14's "emscripten" among 3.13's targets is
/// "emscripten-node"); "" when there is none.
std::string counterpartIn(llvm::StringRef Name,
                          llvm::ArrayRef<std::string> Names);

/// Why target Name is not one of a checkout's (see above), naming those
/// that are; "" when it is.
std::string
targetNotInCheckout(llvm::StringRef Name,
                    llvm::function_ref<bool(llvm::StringRef)> HasOption);

/// The row a configuration belongs to: by its target name, else by its
/// host (a build's MULTIARCH triple, or MACHDEP when it has none), for
/// --build/--sysconfig targets given other names. Null when neither
/// matches a WebAssembly row.
const TargetInfo *targetOfConfiguration(llvm::StringRef Name,
                                        llvm::StringRef Host);

/// The first row configured for a MACHDEP ("wasi" -> wasi, "emscripten" ->
/// emscripten-node), else the reference: the target whose pyconfig.h a
/// distribution's sysconfig data of that platform borrows.
const TargetInfo &firstTargetForMachDep(llvm::StringRef MachDep);

} // namespace gapscan

#endif

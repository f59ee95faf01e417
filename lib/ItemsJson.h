//===- ItemsJson.h - The items report as JSON (docs/items-schema.md) ------===//
#ifndef WASM_GAPSCAN_LIB_ITEMSJSON_H
#define WASM_GAPSCAN_LIB_ITEMSJSON_H

#include "lib/ItemLinker.h"
#include "llvm/Support/Error.h"

namespace gapscan {

/// Version of the items JSON schema; bump on any incompatible change.
constexpr int ItemsSchemaVersion = 1;

/// Serialises the report; the same report always gives the same bytes.
std::string itemsToJson(const ItemsReport &R);

/// The build's compile commands as Clang's tooling runs them, in the JSON
/// compilation database format (for `clang -fsyntax-only` comparisons).
std::string compileCommandsToJson(const BuildInfo &Build,
                                  llvm::StringRef ResourceDir);

/// Fails early, before a long scan, when Path ("-" = stdout) cannot be written.
llvm::Error checkWritable(llvm::StringRef Path);

/// Writes text to Path ("-" = stdout) with a one-line error on failure.
llvm::Error writeOutput(llvm::StringRef Path, llvm::StringRef Text);

} // namespace gapscan

#endif

//===- ItemsJson.h - The items report as JSON (docs/items-schema.md) ------===//
#ifndef WASM_GAPSCAN_REPORT_ITEMSJSON_H
#define WASM_GAPSCAN_REPORT_ITEMSJSON_H

#include "model/Items.h"
#include "report/JsonUtil.h"
#include "llvm/Support/Error.h"

namespace gapscan {

/// Version of the items JSON schema; bump on any incompatible change.
constexpr int ItemsSchemaVersion = 1;

/// Serialises the report; the same report always gives the same bytes.
std::string itemsToJson(const ItemsReport &R);
/// The same, with the build's Python layer under "python" when it has one.
std::string itemsToJson(const AnalysedBuild &A);

/// One evidence chain of the Python layer as JSON.
Json pyEvidenceToJson(const std::vector<PyEvidence> &Why);

/// The build's compile commands as Clang's tooling runs them, in the JSON
/// compilation database format (for `clang -fsyntax-only` comparisons).
std::string compileCommandsToJson(const BuildInfo &Build,
                                  llvm::StringRef ResourceDir);

} // namespace gapscan

#endif

//===- VersionDiffReporters.h - diff-versions as JSON and pages -*- C++ -*-===//
#ifndef WASM_GAPSCAN_REPORT_VERSIONDIFFREPORTERS_H
#define WASM_GAPSCAN_REPORT_VERSIONDIFFREPORTERS_H

#include "model/VersionDiff.h"
#include <string>

namespace gapscan {

constexpr int VersionDiffSchemaVersion = 1;

/// docs/version-diff-schema.md.
std::string versionDiffToJson(const VersionDiff &D);
/// One table per target: change, module, item, why (file:line).
std::string versionDiffToMarkdown(const VersionDiff &D);
std::string versionDiffToRst(const VersionDiff &D);

} // namespace gapscan

#endif

//===- JsonUtil.h - JSON pieces shared by the reporters -------------------===//
#ifndef WASM_GAPSCAN_REPORT_JSONUTIL_H
#define WASM_GAPSCAN_REPORT_JSONUTIL_H

#include "model/Facts.h"
#include "model/Gap.h"
#include <nlohmann/json.hpp>

namespace gapscan {

using Json = nlohmann::ordered_json;

/// A conditional directive as every report writes it.
Json guardToJson(const ConditionalDirective &D);

/// The targets a run left out (--skip-missing-targets), as the gap and the
/// docs-check JSON both write them: [{"name", "why"}].
Json absentTargetsJson(const std::vector<AbsentTarget> &Absent);

/// Dumps with one-space indentation; invalid UTF-8 is replaced, never thrown.
std::string dumpJson(const Json &J);

} // namespace gapscan

#endif

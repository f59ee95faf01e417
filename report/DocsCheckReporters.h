//===- DocsCheckReporters.h - One reporter per format for the docs check ===//
#ifndef WASM_GAPSCAN_REPORT_DOCSCHECKREPORTERS_H
#define WASM_GAPSCAN_REPORT_DOCSCHECKREPORTERS_H

#include "model/DocVerdicts.h"

namespace gapscan {

constexpr int DocsCheckSchemaVersion = 2;

/// The one-line message of a verdict: what, where in C, what to edit.
std::string verdictMessage(const DocVerdict &V);

/// `file:line: kind: message` lines (compiler style, for editors and hooks),
/// findings first, then a summary per target.
std::string docsCheckToText(const DocsCheckReport &R, bool AllVerdicts = false);
std::string docsCheckToJson(const DocsCheckReport &R);
/// SARIF 2.1.0 through clang::SarifDocumentWriter: one rule per verdict kind,
/// one result per finding located at the doc line (and the C guard).
std::string docsCheckToSarif(const DocsCheckReport &R);

} // namespace gapscan

#endif

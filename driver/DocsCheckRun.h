//===- DocsCheckRun.h - A comparison and a docs check in one go -----------===//
#ifndef WASM_GAPSCAN_DRIVER_DOCSCHECKRUN_H
#define WASM_GAPSCAN_DRIVER_DOCSCHECKRUN_H

#include "driver/Comparison.h"
#include "model/DocVerdicts.h"
#include "model/Docs.h"

namespace gapscan {

/// What check-docs, suggest-docs and precommit work from.
struct DocsCheckRun {
  Comparison Scan;
  DocsIndex Docs;
  DocsCheckReport Report;
};

/// Reads DocDir while the configurations are found, compares them, and
/// classifies the gap against the docs; progress goes to Log.
llvm::Expected<DocsCheckRun> runDocsCheck(const ComparisonRequest &Request,
                                          llvm::StringRef DocDir,
                                          llvm::raw_ostream &Log);

} // namespace gapscan

#endif

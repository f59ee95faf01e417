//===- FunctionSummaryExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_FUNCTIONSUMMARYEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_FUNCTIONSUMMARYEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// Symbolic summaries of function bodies: every call with symbolic arguments
/// (PyModule_AddIntConstant, PyModule_AddObjectRef, PyDict_SetItemString,
/// helpers such as errnomodule.c's _add_errcode), return values, and
/// assignments to globals and struct fields (state->StatResultType =
/// PyStructSequence_NewType(&stat_result_desc)). The linker evaluates them to
/// find what each module adds.
class FunctionSummaryExtractor : public Extractor {
public:
  static constexpr const char *Name = "function-summary";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

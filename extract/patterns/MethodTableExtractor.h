//===- MethodTableExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_METHODTABLEEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_METHODTABLEEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyMethodDef arrays: module functions and type methods, hand-written rows and
/// Argument Clinic *_METHODDEF macros (the row's name is spelled in the macro's
/// #define, e.g. SIGNAL_ALARM_METHODDEF under #if defined(HAVE_ALARM) in
/// Modules/clinic/signalmodule.c.h). Row kind from ml_flags: METH_CLASS /
/// METH_STATIC.
class MethodTableExtractor : public Extractor {
public:
  static constexpr const char *Name = "method-table";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

//===- TypeSpecExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_TYPESPECEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_TYPESPECEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyType_Spec variables and PyType_Slot arrays (heap types, e.g.
/// Modules/_ssl.c): spec name and the Py_tp_methods / Py_tp_members /
/// Py_tp_getset slots, slot ids read from the macros of Include/typeslots.h.
class TypeSpecExtractor : public Extractor {
public:
  static constexpr const char *Name = "type-spec";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

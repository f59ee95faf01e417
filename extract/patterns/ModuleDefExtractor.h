//===- ModuleDefExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_MODULEDEFEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_MODULEDEFEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyModuleDef variables (m_name, m_methods, m_slots) and PyModuleDef_Slot
/// arrays (Py_mod_exec functions of multi-phase init).
class ModuleDefExtractor : public Extractor {
public:
  static constexpr const char *Name = "module-def";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

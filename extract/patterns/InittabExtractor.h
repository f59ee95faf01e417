//===- InittabExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_INITTABEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_INITTABEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// Modules/config.c's _PyImport_Inittab: the modules compiled into the
/// interpreter and their init functions ({"sys", NULL} for the core ones).
class InittabExtractor : public Extractor {
public:
  static constexpr const char *Name = "inittab";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

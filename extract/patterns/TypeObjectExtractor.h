//===- TypeObjectExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_TYPEOBJECTEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_TYPEOBJECTEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// Statically initialised PyTypeObject variables (Objects/*.c, Modules/_io/*.c,
/// Modules/selectmodule.c in 3.11): tp_name and the tp_methods / tp_members /
/// tp_getset tables, from positional or designated initialisers.
class TypeObjectExtractor : public Extractor {
public:
  static constexpr const char *Name = "static-type";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

//===- GetSetTableExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_GETSETTABLEEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_GETSETTABLEEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyGetSetDef arrays: computed attributes of types (e.g. Modules/_io/fileio.c
/// fileio_getsetlist).
class GetSetTableExtractor : public Extractor {
public:
  static constexpr const char *Name = "getset-table";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

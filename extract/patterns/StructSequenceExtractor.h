//===- StructSequenceExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_STRUCTSEQUENCEEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_STRUCTSEQUENCEEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyStructSequence_Field arrays and PyStructSequence_Desc variables
/// (Modules/posixmodule.c stat_result_fields: st_blksize under
/// HAVE_STRUCT_STAT_ST_BLKSIZE), plus calls that initialise a static
/// PyTypeObject from a desc (PyStructSequence_InitType2(&T, &desc)), recognised
/// by their argument types.
class StructSequenceExtractor : public Extractor {
public:
  static constexpr const char *Name = "struct-sequence";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

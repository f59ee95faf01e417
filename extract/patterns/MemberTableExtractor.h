//===- MemberTableExtractor.h
//---------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_PATTERNS_MEMBERTABLEEXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_PATTERNS_MEMBERTABLEEXTRACTOR_H

#include "extract/Extractor.h"

namespace gapscan {

/// PyMemberDef arrays: data attributes of types (e.g. Modules/selectmodule.c
/// kqueue_event_members).
class MemberTableExtractor : public Extractor {
public:
  static constexpr const char *Name = "member-table";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif

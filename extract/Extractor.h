//===- Extractor.h - One extractor per C pattern --------------------------===//
//
// Each extractor recognises one way CPython's C sources make a Python name
// exist (see docs/extractors.md) and appends plain records to the TU's
// TUFacts. Extractors never decide module membership and never format
// output. All of them are registered by name in Extractor.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_EXTRACT_EXTRACTOR_H
#define WASM_GAPSCAN_EXTRACT_EXTRACTOR_H

#include "extract/RecordUtils.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <functional>
#include <memory>

namespace gapscan {

/// Base of all extractors: registers AST matchers and records what they
/// match into the current translation unit's facts.
class Extractor : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  ~Extractor() override = default;
  /// The registered name, e.g. "method-table".
  virtual llvm::StringRef name() const = 0;
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;
  /// Set before matching a translation unit.
  void setContext(RecordContext *C) { Context = C; }

protected:
  RecordContext &ctx() { return *Context; }

private:
  RecordContext *Context = nullptr;
};

using ExtractorFactory = std::function<std::unique_ptr<Extractor>()>;

/// The registry: every extractor by name, in a fixed order.
const std::vector<std::pair<std::string, ExtractorFactory>> &
extractorRegistry();

/// Instantiates the named extractors (all when Names is empty).
std::vector<std::unique_ptr<Extractor>>
createExtractors(const std::vector<std::string> &Names = {});

} // namespace gapscan

#endif

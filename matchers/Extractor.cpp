//===- Extractor.cpp - The registry of extractors -------------------------===//
#include "matchers/Extractor.h"
#include "matchers/FunctionSummaryExtractor.h"
#include "matchers/GetSetTableExtractor.h"
#include "matchers/InittabExtractor.h"
#include "matchers/MemberTableExtractor.h"
#include "matchers/MethodTableExtractor.h"
#include "matchers/ModuleDefExtractor.h"
#include "matchers/StructSequenceExtractor.h"
#include "matchers/TypeObjectExtractor.h"
#include "matchers/TypeSpecExtractor.h"

namespace gapscan {

template <typename T> static std::pair<std::string, ExtractorFactory> entry() {
  return {T::Name, [] { return std::make_unique<T>(); }};
}

const std::vector<std::pair<std::string, ExtractorFactory>> &
extractorRegistry() {
  static const std::vector<std::pair<std::string, ExtractorFactory>> Registry =
      {
          entry<MethodTableExtractor>(),     entry<MemberTableExtractor>(),
          entry<GetSetTableExtractor>(),     entry<StructSequenceExtractor>(),
          entry<TypeObjectExtractor>(),      entry<TypeSpecExtractor>(),
          entry<ModuleDefExtractor>(),       entry<InittabExtractor>(),
          entry<FunctionSummaryExtractor>(),
      };
  return Registry;
}

std::vector<std::unique_ptr<Extractor>>
createExtractors(const std::vector<std::string> &Names) {
  std::vector<std::unique_ptr<Extractor>> Result;
  for (const auto &[Name, Factory] : extractorRegistry())
    if (Names.empty() ||
        std::find(Names.begin(), Names.end(), Name) != Names.end())
      Result.push_back(Factory());
  return Result;
}

} // namespace gapscan

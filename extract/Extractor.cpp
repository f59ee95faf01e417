//===- Extractor.cpp - The registry of extractors -------------------------===//
#include "extract/Extractor.h"
#include "extract/patterns/FailurePointExtractor.h"
#include "extract/patterns/FunctionSummaryExtractor.h"
#include "extract/patterns/GetSetTableExtractor.h"
#include "extract/patterns/InittabExtractor.h"
#include "extract/patterns/MemberTableExtractor.h"
#include "extract/patterns/MethodTableExtractor.h"
#include "extract/patterns/ModuleDefExtractor.h"
#include "extract/patterns/StructSequenceExtractor.h"
#include "extract/patterns/TypeObjectExtractor.h"
#include "extract/patterns/TypeSpecExtractor.h"

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
          entry<FunctionSummaryExtractor>(), entry<FailurePointExtractor>(),
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

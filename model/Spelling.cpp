//===- Spelling.cpp -------------------------------------------------------===//
#include "model/Spelling.h"
#include "llvm/ADT/Twine.h"

namespace gapscan {

llvm::StringRef spelling(ItemKind Kind) {
  switch (Kind) {
  case ItemKind::Attribute:
    return "attribute";
  case ItemKind::Class:
    return "class";
  case ItemKind::ClassMethod:
    return "classmethod";
  case ItemKind::Constant:
    return "constant";
  case ItemKind::Exception:
    return "exception";
  case ItemKind::Field:
    return "field";
  case ItemKind::Function:
    return "function";
  case ItemKind::GetSet:
    return "getset";
  case ItemKind::Member:
    return "member";
  case ItemKind::Method:
    return "method";
  case ItemKind::Module:
    return "module";
  case ItemKind::Object:
    return "object";
  case ItemKind::StaticMethod:
    return "staticmethod";
  }
  return "";
}

llvm::StringRef spelling(ModuleStatus Status) {
  switch (Status) {
  case ModuleStatus::Analysed:
    return "analysed";
  case ModuleStatus::NotBuilt:
    return "not-built";
  case ModuleStatus::Failed:
    return "failed";
  case ModuleStatus::NoDefinition:
    return "no-definition";
  }
  return "";
}

llvm::StringRef spelling(Linkage L) {
  switch (L) {
  case Linkage::None:
    return "";
  case Linkage::Builtin:
    return "builtin";
  case Linkage::Shared:
    return "shared";
  }
  return "";
}

llvm::StringRef spelling(DocVerdictKind Kind) {
  switch (Kind) {
  case DocVerdictKind::Documented:
    return "documented";
  case DocVerdictKind::UndocumentedRemoval:
    return "undocumented-removal";
  case DocVerdictKind::StaleNote:
    return "stale-note";
  case DocVerdictKind::NotInDocs:
    return "not-in-docs";
  case DocVerdictKind::DifferentUndocumented:
    return "works-differently-undocumented";
  }
  return "";
}

llvm::StringRef spelling(Tri T) {
  switch (T) {
  case Tri::No:
    return "no";
  case Tri::Yes:
    return "yes";
  case Tri::Unknown:
    return "undecided";
  }
  return "";
}

llvm::StringRef spelling(DifferenceKind Kind) {
  switch (Kind) {
  case DifferenceKind::Raises:
    return "raises";
  case DifferenceKind::ReachesMissing:
    return "reaches-missing";
  case DifferenceKind::ReachesFailing:
    return "reaches-failing";
  case DifferenceKind::Fallback:
    return "fallback";
  case DifferenceKind::NoThreads:
    return "no-threads";
  }
  return "";
}

llvm::StringRef spelling(VersionChange Change) {
  switch (Change) {
  case VersionChange::BecameUnavailable:
    return "became-unavailable";
  case VersionChange::BecameMissing:
    return "became-missing";
  case VersionChange::BecameAvailable:
    return "became-available";
  case VersionChange::BecameDifferent:
    return "became-different";
  case VersionChange::NoLongerDifferent:
    return "no-longer-different";
  }
  return "";
}

// Baselines store verdict keys: the spelling is their serialization.
std::string DocVerdict::key() const {
  return (spelling(Kind) + "|" + Target + "|" + Module + "|" + Item).str();
}

size_t DocsCheckReport::findings() const {
  size_t N = 0;
  for (const DocVerdict &V : Verdicts)
    N += V.isFinding();
  return N;
}

} // namespace gapscan

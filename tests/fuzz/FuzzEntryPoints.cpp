//===- FuzzEntryPoints.cpp ------------------------------------------------===//
#include "FuzzEntryPoints.h"
#include "collect/FactsCache.h"
#include "collect/FactsCodec.h"
#include "config/BuildFolder.h"
#include "config/MakefileReader.h"
#include "config/PublicNames.h"
#include "config/SysconfigData.h"
#include "docscheck/DocsReader.h"
#include "model/Targets.h"

namespace gapscan::fuzz {

void makefileInput(llvm::StringRef Text) {
  if (auto M = Makefile::parse(Text, "fuzz")) {
    for (const std::string &V : M->variables())
      (void)M->value(V);
    for (const MakeRule &R : M->rules())
      for (const std::string &Line : R.Recipe)
        (void)splitShellWords(M->expand(Line, {{"@", "a.o"}, {"<", "a.c"}}));
  } else {
    llvm::consumeError(M.takeError());
  }
  (void)parseSetupText(Text);
}

void sysconfigInput(llvm::StringRef Text) {
  auto D = parseSysconfigData(Text, "fuzz.py");
  if (!D)
    llvm::consumeError(D.takeError());
}

void rstInput(llvm::StringRef Text) {
  DocsIndex Index;
  parseRstPage("library/fuzz.rst", Text, Index);
  parseIntroWasmSection("library/intro.rst", Text, Index);
  for (const DocEntry &E : Index.Entries)
    if (E.Availability)
      for (const TargetInfo &T : targetTable())
        (void)availabilityExcludes(*E.Availability, T.Platform);
  std::vector<std::string> Warnings;
  (void)parseAvailabilityList(Text, &Warnings);
}

void cacheInput(llvm::StringRef Text) {
  // A cache entry's header, then the facts alone; what decodes must encode
  // back to the same bytes (the field lists serve both directions).
  llvm::StringRef Rest;
  if (decodeCacheEntryHeader(Text, Rest))
    (void)decodeFacts(Rest);
  auto Facts = decodeFacts(Text);
  if (Facts) {
    std::string Again;
    if (!encodeFacts(*Facts, Again) || Again != Text)
      __builtin_trap();
  }
  // Stepping over the functions an earlier unit defined checks the same
  // structure: it accepts exactly what full decoding accepts.
  llvm::StringSet<> Known;
  if (Facts)
    for (const FunctionSummary &F : Facts->Functions)
      if (F.Key.size() % 2)
        Known.insert(F.Key);
  if (decodeFacts(Text, &Known).has_value() != Facts.has_value())
    __builtin_trap();
  // A link-cache entry, with the same round trip.
  if (auto Link = decodeLinkEntry(Text)) {
    std::string Again;
    if (!encodeLinkEntry(Link->Key, Link->Items, Link->Directives, Again) ||
        Again != Text)
      __builtin_trap();
  }
  (void)fromImports(Text);
}

void (*entryPoint(llvm::StringRef Target))(llvm::StringRef) {
  if (Target == "FuzzMakefile")
    return makefileInput;
  if (Target == "FuzzSysconfig")
    return sysconfigInput;
  if (Target == "FuzzRst")
    return rstInput;
  if (Target == "FuzzCache")
    return cacheInput;
  return nullptr;
}

} // namespace gapscan::fuzz

// Runs the Clang pass on a snippet from tests/snippets/ in memory
// (tooling::runToolOnCodeWithArgs, no system headers) and links its items.
#ifndef WASM_GAPSCAN_TESTS_SNIPPETHARNESS_H
#define WASM_GAPSCAN_TESTS_SNIPPETHARNESS_H

#include "link/BuildAnalysis.h"
#include "link/ItemLinker.h"
#include <string>

namespace gapscan::test {

struct SnippetResult {
  bool ToolOK = false;
  std::vector<TUFacts> Facts;
  ItemsReport Report;
};

/// Scans tests/snippets/<Name>. The snippet's `// modules: a b` line names
/// the modules the fake build has, `// args: ...` adds compiler arguments
/// (they stand for a configuration's pyconfig.h). ExtraArgs are appended.
SnippetResult scanSnippet(const std::string &Name,
                          const std::vector<std::string> &ExtraArgs = {});

/// Scans C code given inline, with the snippet Python.h available.
SnippetResult scanCode(const std::string &Code,
                       const std::vector<std::string> &Modules,
                       const std::vector<std::string> &Args = {});

/// A snippet scanned as one configuration (items and directive index).
AnalysedBuild analyseSnippet(const std::string &Name,
                             const std::vector<std::string> &ExtraArgs = {});

const ModuleItems *findModule(const ItemsReport &R, const std::string &Name);
const ApiItem *findItem(const ItemsReport &R, const std::string &Module,
                        const std::string &Name);
std::vector<std::string> itemNames(const ItemsReport &R,
                                   const std::string &Module);
/// "#kind condition@line=taken" for each guard of the first definition.
std::vector<std::string> guardSummary(const ApiItem &Item);

std::string readFile(const std::string &Path);

} // namespace gapscan::test

#endif

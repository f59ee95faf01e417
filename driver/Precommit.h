//===- Precommit.h - What a set of changed files means for the docs check
//--===//
#ifndef WASM_GAPSCAN_DRIVER_PRECOMMIT_H
#define WASM_GAPSCAN_DRIVER_PRECOMMIT_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace gapscan {

/// The changed files of a commit, sorted by what they can change.
struct ChangeSet {
  std::vector<std::string> Sources; ///< C sources and headers.
  std::vector<std::string> Docs;    ///< Doc/**/*.rst.
  /// Lib/**/*.py outside the test suites: the Python layer (its facts are
  /// cached by content, so only these files are read again).
  std::vector<std::string> Python;
  std::vector<std::string> Configuration; ///< configure, config.site, ...
  std::vector<std::string> Other;         ///< Cannot change the result.
  bool relevant() const {
    return !Sources.empty() || !Docs.empty() || !Configuration.empty() ||
           !Python.empty();
  }
};

/// Paths as pre-commit passes them (relative to the checkout's root).
/// Configuration inputs are those scripts/configure-target.sh keys its
/// cached folders on (configure and what it reads), plus configure.ac and
/// Modules/Setup*; a change there reconfigures every target.
ChangeSet classifyChanges(const std::vector<std::string> &Files);

} // namespace gapscan

#endif

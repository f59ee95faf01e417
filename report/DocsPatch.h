//===- DocsPatch.h - Availability notes to add, as a patch ------*- C++ -*-===//
//
// Turns the undocumented removals of a docs check into edits of the
// checkout's own .rst files in its own style: a platform appended to an
// existing `.. availability::` list ("POSIX, not WASI." -> "POSIX, not
// Emscripten, not WASI."), a new `.. availability:: not WASI.` in an entry's
// body before its versionadded/versionchanged notes, or a module-level note
// after the module's header; plus the central page listing everything
// unavailable on WebAssembly. The result is one unified diff that
// `git apply` / `patch -p1` take at the checkout's root.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_REPORT_DOCSPATCH_H
#define WASM_GAPSCAN_REPORT_DOCSPATCH_H

#include "model/DocVerdicts.h"
#include "llvm/Support/Error.h"

namespace gapscan {

struct DocsSuggestion {
  std::string Patch;       ///< Unified diff, paths a/Doc/... b/Doc/...
  size_t AmendedNotes = 0; ///< Existing notes extended.
  size_t AddedNotes = 0;   ///< New notes in entries or module pages.
  size_t Files = 0;        ///< Files the patch touches.
  /// Multi-name directives whose missing names moved to a copy of their own.
  size_t SplitDirectives = 0;
  size_t Unhandled = 0; ///< Mixed directives left to a person.
};

/// DocDir: the Doc/ folder read for the check. CentralPage: path of the new
/// page relative to the checkout ("" for none).
llvm::Expected<DocsSuggestion> suggestDocs(const DocsCheckReport &Check,
                                           const DocsIndex &Docs,
                                           const GapReport &Gap,
                                           llvm::StringRef DocDir,
                                           llvm::StringRef CentralPage);

/// One edit of a file: replace Delete lines at Line (0-based) by Insert.
struct LineEdit {
  size_t Line = 0, Delete = 0;
  std::vector<std::string> Insert;
};

/// A unified diff of Path from Lines with Edits applied (3 lines of context).
std::string unifiedDiff(llvm::StringRef Path,
                        const std::vector<std::string> &Lines,
                        std::vector<LineEdit> Edits);

} // namespace gapscan

#endif

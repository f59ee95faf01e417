//===- DocsReader.h - What Doc/library pages say per API item ---*- C++ -*-===//
//
// CPython documents every module in Doc/library/*.rst with Sphinx's Python
// domain (`.. function::`, `.. class::` with nested `.. method::`, ...) and
// marks platform limits with its own `.. availability::` directive
// (Doc/tools/extensions/availability.py in 3.13, class Availability of
// pyspecific.py in 3.11), plus `.. include:: ../includes/wasm-notavail.rst`
// for whole modules that do not work on WebAssembly. This reader recovers,
// without Sphinx, which objects each page documents, under which qualified
// name, and the availability note of each, with file:line locations so that a
// later writer can insert or amend notes in the same style.
//
// It is a line-oriented reader of the reStructuredText subset those pages
// use, not a full docutils: it tracks block indentation (a directive's body is
// every following line indented deeper than its "..", as docutils has it),
// skips comments, literal blocks and code directives, and resolves names the
// way Sphinx's python domain does (PyObject.handle_signature).
//
// This header is the reader's whole interface. Its parts: RstSyntax.h (lines
// and directive markup), Signatures.h (names from signatures), PageParser.h
// (one page) and AvailabilityList.cpp (the platforms of a note).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DOCSCHECK_DOCSREADER_H
#define WASM_GAPSCAN_DOCSCHECK_DOCSREADER_H

#include "model/Docs.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {

/// Hashed lookups of a DocsIndex's entries by name, built once: the docs
/// check asks for thousands of names, and a linear walk over the entries for
/// each was most of a warm precommit. Wildcard families (`.. data:: SO_*`)
/// are only found through wildcards().
class DocsLookup {
public:
  explicit DocsLookup(const DocsIndex &Docs);

  /// The entry documenting Module.Name: an exact (Module, Name) match first,
  /// else one whose module-qualified name is the same (asyncio-subprocess.rst
  /// documents `asyncio.subprocess.PIPE` with an empty :module:); entries
  /// without :noindex: win, then the first in reading order.
  const DocEntry *find(llvm::StringRef Module, llvm::StringRef Name) const;
  /// Only an exact (Module, Name) match.
  const DocEntry *exact(llvm::StringRef Module, llvm::StringRef Name) const;
  /// Module's wildcard families in reading order.
  llvm::ArrayRef<const DocEntry *> wildcards(llvm::StringRef Module) const;
  /// The entry whose body E is written in (library/os.rst documents
  /// POSIX_SPAWN_OPEN inside posix_spawn's body), or null.
  const DocEntry *enclosing(const DocEntry &E) const;

private:
  /// Keyed by Module + '\0' + Name (a NUL never occurs in either).
  llvm::StringMap<const DocEntry *> Exact;
  /// Keyed by the qualified name, Module + "." + Name.
  llvm::StringMap<const DocEntry *> Qualified;
  llvm::StringMap<std::vector<const DocEntry *>> Wildcards;
  /// Every entry of each page, in reading order.
  llvm::StringMap<std::vector<const DocEntry *>> ByFile;
};

/// Parses one .rst page (RelPath relative to Doc/, used in locations) into
/// Into. Never fails: malformed input (invalid UTF-8, tabs, irregular
/// signatures, unknown platforms, several notes in one entry) becomes
/// warnings. Signatures naming no object (stdtypes.rst's `set <= other`,
/// urllib.request.rst's `BaseHandler.<protocol>_open(req)`) are skipped
/// silently, as Sphinx renders them without an index entry.
void parseRstPage(llvm::StringRef RelPath, llvm::StringRef Content,
                  DocsIndex &Into);

/// Fills Into.IntroWasmModules/IntroWasmRefs from Doc/library/intro.rst's
/// "WebAssembly platforms" section; a warning when the page has none.
void parseIntroWasmSection(llvm::StringRef RelPath, llvm::StringRef Content,
                           DocsIndex &Into);

/// Splits an availability argument as availability.py's parse_platforms
/// does: trailing dots dropped, comma-separated terms, each an optional
/// "not ", a platform and an optional version spec (" >= ...", or
/// " with ..." which CPython itself does not split). Platforms outside
/// availability.py's KNOWN_PLATFORMS are kept and reported in Warnings.
std::vector<PlatformTerm>
parseAvailabilityList(llvm::StringRef Text,
                      std::vector<std::string> *Warnings = nullptr);

/// Reads every Doc/library/*.rst in sorted order, intro.rst's WebAssembly
/// section and the wasm-notavail includes. An error only when DocDir has no
/// library/ folder.
llvm::Expected<DocsIndex> readDocs(const std::string &DocDir);

/// Whether the note says "not <Platform>" explicitly.
bool availabilityNegates(const AvailabilityNote &Note,
                         llvm::StringRef Platform);

/// Whether the note says Platform (the word notes use, model/Targets.h's
/// Platform: "WASI", "Emscripten") lacks the item: an explicit "not WASI" /
/// "not Emscripten", or a positive list none of whose terms is the target,
/// "Unix" or "POSIX" (WASI and Emscripten count as Unix in CPython's docs, see
/// library/intro.rst), "musl" or "pthreads" (which a wasm libc may be or
/// provide) — so "Linux" or "Windows" alone excludes both targets. A note of
/// negations only ("not Android") excludes nothing else. Reason, when given,
/// receives the deciding term ("not WASI") or "only Linux, Windows".
bool availabilityExcludes(const AvailabilityNote &Note,
                          llvm::StringRef Platform,
                          std::string *Reason = nullptr);

} // namespace gapscan

#endif

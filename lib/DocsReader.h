//===- DocsReader.h - What CPython's Doc/library pages say per API item
//----===//
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
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_LIB_DOCSREADER_H
#define WASM_GAPSCAN_LIB_DOCSREADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gapscan {

/// A place in the Doc/ tree: File relative to Doc/ ("library/os.rst"),
/// Line 1-based (0 for the whole file).
struct DocLocation {
  std::string File;
  unsigned Line = 0;
};

/// One comma-separated term of an availability list: "not WASI",
/// "Linux >= 2.6.27" (Version ">= 2.6.27"), "Linux >= 3.17 with glibc >= 2.27"
/// (Version ">= 3.17 with glibc >= 2.27").
struct PlatformTerm {
  std::string Platform;
  bool Negated = false;
  std::string Version; ///< The rest after the platform, "" when none.
};

/// One `.. availability::` directive.
struct AvailabilityNote {
  std::string Text; ///< The argument, continuation lines joined by a space.
  std::vector<PlatformTerm> Terms;
  DocLocation At;          ///< The line of the directive.
  unsigned Indent = 0;     ///< Column of its "..".
  unsigned ArgEndLine = 0; ///< Last line of the argument (continuations).
};

/// One documented object: `.. function:: fork()` in library/os.rst under
/// `.. module:: os`. A directive with several signatures (`.. data:: O_RDONLY`
/// followed by indented `O_WRONLY` lines) yields one entry per name, all with
/// the directive's location, body and note.
struct DocEntry {
  std::string Module;       ///< Current module ("" on pages without one).
  std::string Name;         ///< Qualified in the module: "fork", "Popen.wait".
  std::string Directive;    ///< function, data, class, method, ... (no "py:").
  std::string Signature;    ///< This name's signature line, as written.
  DocLocation At;           ///< Line of the directive.
  unsigned NameLine = 0;    ///< Line of this name's signature.
  unsigned Indent = 0;      ///< Column of "..".
  unsigned BodyEndLine = 0; ///< Last non-blank line of the directive block.
  bool NoIndex = false;     ///< :noindex: / :no-index: (a second description).
  /// Name has a '*': `.. data:: SO_*` (library/socket.rst) documents a family
  /// of constants; find() does not match it.
  bool Wildcard = false;
  /// The `.. availability::` inside the entry's body (not inside a nested
  /// entry).
  std::optional<AvailabilityNote> Availability;
};

/// One `.. module::` directive and what its page says about the whole module.
struct DocModule {
  std::string Name;
  DocLocation At;       ///< The `.. module::` line.
  std::string Platform; ///< Its :platform: option ("Unix", ...), "" if none.
  bool NoIndex = false;
  /// A `.. availability::` at the top level of the page (column 0, outside
  /// any entry) after this module directive.
  std::optional<AvailabilityNote> Availability;
  /// `.. include:: ../includes/wasm-notavail.rst` (or the mobile variant
  /// wasm-mobile-notavail.rst, 3.13+) after this module directive.
  std::optional<DocLocation> WasmNotAvailInclude;
  bool MobileVariant = false;
  std::string IncludePath; ///< The included file relative to Doc/.
  /// The availability note of the included file, as readDocs finds it
  /// ("not Emscripten, not WASI." in 3.11, "not WASI." in 3.13).
  std::optional<AvailabilityNote> IncludedAvailability;
};

struct DocWarning {
  DocLocation At;
  std::string Message;
};

/// An interpreted-text role in running text: :mod:`socket`,
/// :func:`~os.fork` (Target "os.fork").
struct DocRef {
  std::string Role;
  std::string Target;
  DocLocation At;
};

/// All entries of a Doc/ tree plus intro.rst's WebAssembly section.
struct DocsIndex {
  std::vector<DocModule> Modules;
  std::vector<DocEntry> Entries;
  std::vector<DocWarning> Warnings;
  /// Modules that Doc/library/intro.rst's "WebAssembly platforms" section
  /// (3.11+) names in :mod: roles (3.11/3.13: subprocess, socket).
  std::vector<std::pair<std::string, DocLocation>> IntroWasmModules;
  /// Every role of that section (:func:`~os.fork`, :mod:`socket`, ...).
  std::vector<DocRef> IntroWasmRefs;

  /// The `.. module::` of that name (one without :noindex: first).
  const DocModule *module(llvm::StringRef Name) const;
};

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

private:
  /// Keyed by Module + '\0' + Name (a NUL never occurs in either).
  llvm::StringMap<const DocEntry *> Exact;
  /// Keyed by the qualified name, Module + "." + Name.
  llvm::StringMap<const DocEntry *> Qualified;
  llvm::StringMap<std::vector<const DocEntry *>> Wildcards;
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

enum class WasmTarget { WASI, Emscripten };

/// "WASI" or "Emscripten", as availability notes spell them.
llvm::StringRef wasmTargetName(WasmTarget Target);

/// Whether the note says Target lacks the item: an explicit "not WASI" /
/// "not Emscripten", or a positive list none of whose terms is the target,
/// "Unix" or "POSIX" (WASI and Emscripten count as Unix in CPython's docs, see
/// library/intro.rst), "musl" or "pthreads" (which a wasm libc may be or
/// provide) — so "Linux" or "Windows" alone excludes both targets. A note of
/// negations only ("not Android") excludes nothing else. Reason, when given,
/// receives the deciding term ("not WASI") or "only Linux, Windows".
bool availabilityExcludes(const AvailabilityNote &Note, WasmTarget Target,
                          std::string *Reason = nullptr);

} // namespace gapscan

#endif

//===- Docs.h - What CPython's Doc/ says per API item ----------*- C++ -*-===//
//
// Plain data: the documented objects and availability notes docscheck/'s
// reader finds in Doc/library/*.rst.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_DOCS_H
#define WASM_GAPSCAN_MODEL_DOCS_H

#include "llvm/ADT/StringRef.h"
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

} // namespace gapscan

#endif

//===- RstSyntax.h - The reStructuredText the docs reader reads -*- C++ -*-===//
//
// Internal to the docs reader (docscheck/DocsReader.h): the reStructuredText
// pieces its readers share, as docutils has them: physical lines with tabs
// expanded, the text column of a list item, section underlines, a
// directive's name, arguments and options, and whitespace folding.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DOCSCHECK_RSTSYNTAX_H
#define WASM_GAPSCAN_DOCSCHECK_RSTSYNTAX_H

#include "model/Docs.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace gapscan::docsreader {

using llvm::StringRef;

/// Whether S is one of Set (the tables of directive and platform names).
template <size_t N> bool contains(const StringRef (&Set)[N], StringRef S) {
  return llvm::is_contained(Set, S);
}

/// One physical line with tabs expanded and invalid UTF-8 replaced.
struct SourceLine {
  std::string Text;
  unsigned Indent = 0;
  bool Blank = true;
  StringRef trimmed() const { return StringRef(Text).trim(); }
};

/// Splits Content into lines the way docutils sees them: CRLF or LF ends a
/// line, tabs expand to 8-column stops. Each oddity is reported once per line.
std::vector<SourceLine> splitLines(StringRef RelPath, StringRef Content,
                                   std::vector<DocWarning> *Warnings);

/// Column where the text of a paragraph's first line starts: after a bullet
/// ("- ", "* ") or enumerator ("1. ", "#. ", "(a) ") the body of a list item
/// begins further right, and a literal block after "::" must be indented
/// relative to that body.
unsigned textColumn(const SourceLine &L);

/// Whether L is a section underline (or overline) of at least Len characters.
bool isUnderline(const SourceLine &L, size_t Len);

/// Collapses runs of whitespace (line breaks of a continued argument) into
/// single spaces and trims.
std::string collapseSpaces(StringRef S);

/// A directive's argument lines and options (docutils'
/// parse_directive_block): the rest of the directive line plus the following
/// deeper-indented lines up to a blank line; from the first `:name:` line on
/// they are options.
struct DirectiveBlock {
  std::vector<std::string> Args;
  std::vector<unsigned> ArgLines; ///< 1-based line of each argument line.
  std::vector<std::pair<std::string, std::string>> Options;
  size_t LastIndex = 0; ///< 0-based index of the last line consumed.

  const std::string *option(StringRef Name) const {
    for (const auto &O : Options)
      if (O.first == Name)
        return &O.second;
    return nullptr;
  }
};

/// Whether T is an option line ":name: value" / ":name:".
bool isOptionLine(StringRef T, StringRef *Name = nullptr,
                  StringRef *Value = nullptr);

/// Splits "name:: argument" (the text after ".. ") into the directive name
/// and the rest of the line; false for comments and other explicit markup.
bool splitDirective(StringRef Rest, StringRef &Name, StringRef &Arg);

} // namespace gapscan::docsreader

#endif

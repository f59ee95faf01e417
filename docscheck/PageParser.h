//===- PageParser.h - A Doc/ page's modules, entries and notes --*- C++ -*-===//
//
// Internal to the docs reader (docscheck/DocsReader.h): the reader of one
// .rst page, which parseRstPage runs on Doc/library pages and readDocs on
// the wasm-notavail includes.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DOCSCHECK_PAGEPARSER_H
#define WASM_GAPSCAN_DOCSCHECK_PAGEPARSER_H

#include "docscheck/RstSyntax.h"
#include "model/Docs.h"
#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace gapscan::docsreader {

/// Reads one page. Blocks on the stack are the open directive bodies that
/// matter: entries (for names and notes) and skipped regions (comments,
/// literal blocks, code). A line belongs to a block while it is indented
/// deeper than the block's column.
class PageParser {
public:
  PageParser(StringRef RelPath, DocsIndex &Into)
      : RelPath(RelPath.str()), Into(Into) {}

  void run(StringRef Content);

  /// Notes at column 0 with no `.. module::` before them (the include files
  /// under Doc/includes/ consist of just such a note).
  std::vector<AvailabilityNote> TopLevelNotes;
  bool ReportOrphanNotes = true;

private:
  enum class BlockKind { Skip, Entry };
  struct Block {
    BlockKind Kind;
    unsigned Indent;
    size_t First = 0, Count = 0; ///< Entries of Into.Entries it made.
    std::string ChildClass;      ///< Class context of nested directives.
    std::optional<std::string> ModuleOverride;  ///< Its :module: option.
    std::optional<size_t> DuplicateNoteWarning; ///< In Into.Warnings.
  };

  void warn(unsigned LineNo, std::string Msg) {
    Into.Warnings.push_back({{RelPath, LineNo}, std::move(Msg)});
  }
  void touchEntries(unsigned LineNo) {
    for (const Block &B : Stack)
      if (B.Kind == BlockKind::Entry)
        for (size_t K = B.First; K < B.First + B.Count; ++K)
          Into.Entries[K].BodyEndLine = LineNo;
  }
  Block *nearestEntry() {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (It->Kind == BlockKind::Entry)
        return &*It;
    return nullptr;
  }
  void pushSkip(unsigned Indent) { Stack.push_back({BlockKind::Skip, Indent}); }

  DirectiveBlock consume(size_t I, StringRef FirstArg);
  size_t explicitMarkup(size_t I);
  size_t moduleDirective(size_t I, StringRef Bare, StringRef Arg);
  size_t includeDirective(size_t I, StringRef Arg);
  size_t entry(size_t I, StringRef Directive, StringRef FirstArg);
  size_t availability(size_t I, StringRef FirstArg);

  std::string RelPath;
  DocsIndex &Into;
  std::vector<SourceLine> Lines;
  std::vector<Block> Stack;
  std::string CurrentModule;
  std::optional<size_t> PageModule; ///< Last `.. module::` of this page.
};

} // namespace gapscan::docsreader

#endif

//===- PageWriter.h - Headings, paragraphs and tables in several markups --===//
//
// Pages (the gap report, the docs' central availability page, check-docs'
// messages) are laid out once and written through a PageWriter, so Markdown,
// reStructuredText and plain text share one layout.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_REPORT_PAGEWRITER_H
#define WASM_GAPSCAN_REPORT_PAGEWRITER_H

#include "model/Gap.h"
#include <string>
#include <vector>

namespace gapscan {
namespace page {

/// One markup: how headings, paragraphs, tables and inline code look.
class PageWriter {
public:
  virtual ~PageWriter() = default;
  virtual void heading(unsigned Level, const std::string &Text) = 0;
  virtual void paragraph(const std::string &Text) = 0;
  virtual void table(const std::vector<std::string> &Header,
                     const std::vector<std::vector<std::string>> &Rows) = 0;
  /// Inline code.
  virtual std::string code(const std::string &Text) = 0;
  /// A reference to a documented object (reST: a role); plain code elsewhere.
  virtual std::string object(const std::string &Role,
                             const std::string &Target) {
    return code(Target);
  }
  std::string Out;
};

class MarkdownWriter : public PageWriter {
public:
  void heading(unsigned Level, const std::string &Text) override;
  void paragraph(const std::string &Text) override;
  void table(const std::vector<std::string> &Header,
             const std::vector<std::vector<std::string>> &Rows) override;
  std::string code(const std::string &Text) override;
};

class RstWriter : public PageWriter {
public:
  /// With roles, object() writes :func:`os.fork` (for a page inside Doc/).
  explicit RstWriter(bool Roles = false) : Roles(Roles) {}
  void heading(unsigned Level, const std::string &Text) override;
  void paragraph(const std::string &Text) override;
  void table(const std::vector<std::string> &Header,
             const std::vector<std::vector<std::string>> &Rows) override;
  std::string code(const std::string &Text) override;
  std::string object(const std::string &Role,
                     const std::string &Target) override;

private:
  bool Roles;
};

/// Plain text: code as is (messages on one line).
class PlainWriter : public PageWriter {
public:
  void heading(unsigned, const std::string &Text) override {
    Out += Text + "\n";
  }
  void paragraph(const std::string &Text) override { Out += Text + "\n"; }
  void table(const std::vector<std::string> &,
             const std::vector<std::vector<std::string>> &) override {}
  std::string code(const std::string &Text) override { return Text; }
};

/// A macro's value: `1`, undefined, defined (empty).
std::string macroValue(PageWriter &W, const std::optional<std::string> &V);
/// Why an item is missing (or only on the target): the guard, file:line and
/// the macros whose values differ.
std::string reason(PageWriter &W, const GapReason &R, bool Missing);

/// The gap as one page: a summary per target, then unavailable modules and,
/// per module as users import it, every missing item with its targets and
/// reason.
void writeGapPage(PageWriter &W, const GapReport &R);

} // namespace page
} // namespace gapscan

#endif

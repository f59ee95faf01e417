//===- PageWriter.cpp -----------------------------------------------------===//
#include "report/PageWriter.h"
#include <algorithm>

namespace gapscan {
namespace page {

void MarkdownWriter::heading(unsigned Level, const std::string &Text) {
  Out += std::string(Level, '#') + " " + Text + "\n\n";
}
void MarkdownWriter::paragraph(const std::string &Text) {
  Out += Text + "\n\n";
}
void MarkdownWriter::table(const std::vector<std::string> &Header,
                           const std::vector<std::vector<std::string>> &Rows) {
  auto Row = [&](const std::vector<std::string> &Cells) {
    Out += "|";
    for (const std::string &C : Cells) {
      std::string Escaped;
      for (char Ch : C)
        Escaped += Ch == '|' ? std::string("\\|") : std::string(1, Ch);
      Out += " " + Escaped + " |";
    }
    Out += "\n";
  };
  Row(Header);
  Out += "|";
  for (size_t I = 0; I < Header.size(); ++I)
    Out += "---|";
  Out += "\n";
  for (const auto &R : Rows)
    Row(R);
  Out += "\n";
}
std::string MarkdownWriter::code(const std::string &Text) {
  return "`" + Text + "`";
}

void RstWriter::heading(unsigned Level, const std::string &Text) {
  static const char Marks[] = {'=', '=', '-', '~', '^'};
  std::string Line(Text.size(), Marks[std::min(Level, 4u)]);
  if (Level == 1)
    Out += Line + "\n";
  Out += Text + "\n" + Line + "\n\n";
}
void RstWriter::paragraph(const std::string &Text) { Out += Text + "\n\n"; }
void RstWriter::table(const std::vector<std::string> &Header,
                      const std::vector<std::vector<std::string>> &Rows) {
  Out += ".. list-table::\n   :header-rows: 1\n\n";
  auto Row = [&](const std::vector<std::string> &Cells) {
    for (size_t I = 0; I < Cells.size(); ++I)
      Out += std::string(I == 0 ? "   * - " : "     - ") +
             (Cells[I].empty() ? std::string("..") : Cells[I]) + "\n";
  };
  Row(Header);
  for (const auto &R : Rows)
    Row(R);
  Out += "\n";
}
std::string RstWriter::code(const std::string &Text) {
  return "``" + Text + "``";
}
std::string RstWriter::object(const std::string &Role,
                              const std::string &Target) {
  if (!Roles || Role.empty())
    return code(Target);
  // `!` keeps Sphinx from warning where the object has no entry of its own.
  return ":" + Role + ":`!" + Target + "`";
}

std::string macroValue(PageWriter &W, const std::optional<std::string> &V) {
  if (!V)
    return "undefined";
  return V->empty() ? "defined (empty)" : W.code(*V);
}

std::string reason(PageWriter &W, const GapReason &R, bool Missing) {
  if (!R.Note.empty())
    return R.Note;
  std::string S =
      W.code("#" + R.Guard.Kind +
             (R.Guard.Condition.empty() ? "" : " " + R.Guard.Condition)) +
      " (" + R.Guard.File + ":" + std::to_string(R.Guard.Line) + ")";
  if (!R.EvaluatedOnOther)
    S += Missing ? ", not reached on the target"
                 : ", not reached on the reference";
  for (const MacroDiff &D : R.Macros)
    S += "; " + D.Name + ": " + macroValue(W, D.Reference) + " → " +
         macroValue(W, D.Target);
  return S;
}

} // namespace page
} // namespace gapscan

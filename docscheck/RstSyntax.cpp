//===- RstSyntax.cpp ------------------------------------------------------===//
#include "docscheck/RstSyntax.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include <algorithm>

namespace gapscan::docsreader {

std::vector<SourceLine> splitLines(StringRef RelPath, StringRef Content,
                                   std::vector<DocWarning> *Warnings) {
  std::vector<SourceLine> Lines;
  auto Warn = [&](unsigned LineNo, std::string Msg) {
    if (Warnings)
      Warnings->push_back({{RelPath.str(), LineNo}, std::move(Msg)});
  };
  llvm::SmallVector<StringRef, 0> Raw;
  Content.split(Raw, '\n');
  // A final newline leaves an empty last piece that is not a line.
  if (!Raw.empty() && Raw.back().empty())
    Raw.pop_back();
  Lines.reserve(Raw.size());
  for (size_t I = 0; I < Raw.size(); ++I) {
    unsigned LineNo = I + 1;
    StringRef R = Raw[I];
    if (R.ends_with("\r"))
      R = R.drop_back();
    std::string Text;
    if (!llvm::json::isUTF8(R)) {
      Warn(LineNo, "invalid UTF-8; bytes replaced by U+FFFD");
      Text = llvm::json::fixUTF8(R);
    } else {
      Text = R.str();
    }
    if (StringRef(Text).contains('\r')) {
      Warn(LineNo, "carriage return inside a line");
      std::replace(Text.begin(), Text.end(), '\r', ' ');
    }
    if (StringRef(Text).contains('\t')) {
      Warn(LineNo, "tab character (expanded to 8-column stops, as docutils "
                   "does)");
      std::string Expanded;
      for (char C : Text) {
        if (C == '\t')
          Expanded.append(8 - Expanded.size() % 8, ' ');
        else
          Expanded.push_back(C);
      }
      Text = std::move(Expanded);
    }
    SourceLine L;
    L.Text = std::move(Text);
    size_t First = StringRef(L.Text).find_first_not_of(" \f\v");
    L.Blank = First == StringRef::npos;
    L.Indent = L.Blank ? 0 : First;
    Lines.push_back(std::move(L));
  }
  return Lines;
}

unsigned textColumn(const SourceLine &L) {
  StringRef T = StringRef(L.Text).drop_front(L.Indent);
  size_t Marker = 0;
  if (!T.empty() && StringRef("-*+").contains(T[0]))
    Marker = 1;
  else if (T.starts_with("(")) {
    size_t Close = T.find(')');
    if (Close != StringRef::npos && Close <= 4)
      Marker = Close + 1;
  } else {
    // "1.", "12)", "#.", "a." (one letter: "This." is no enumerator).
    size_t I = 0;
    while (I < T.size() && I < 3 && llvm::isDigit(T[I]))
      ++I;
    if (I == 0 && !T.empty() && (llvm::isAlpha(T[0]) || T[0] == '#'))
      I = 1;
    if (I > 0 && I < T.size() && (T[I] == '.' || T[I] == ')'))
      Marker = I + 1;
  }
  if (Marker == 0 || Marker >= T.size() || T[Marker] != ' ')
    return L.Indent;
  size_t Text = T.find_first_not_of(' ', Marker);
  return L.Indent + (Text == StringRef::npos ? Marker + 1 : Text);
}

bool isUnderline(const SourceLine &L, size_t Len) {
  StringRef T = StringRef(L.Text).rtrim();
  if (L.Blank || L.Indent != 0 || T.size() < std::max<size_t>(Len, 3))
    return false;
  char C = T[0];
  if (!StringRef("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").contains(C))
    return false;
  return T.find_first_not_of(C) == StringRef::npos;
}

std::string collapseSpaces(StringRef S) {
  std::string Out;
  bool Space = false;
  for (char C : S) {
    if (llvm::isSpace(C)) {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

bool isOptionLine(StringRef T, StringRef *Name, StringRef *Value) {
  if (!T.starts_with(":"))
    return false;
  size_t Close = T.find(':', 1);
  if (Close == StringRef::npos || Close == 1)
    return false;
  StringRef N = T.slice(1, Close);
  if (N.contains(' '))
    return false;
  if (Name)
    *Name = N;
  if (Value)
    *Value = T.drop_front(Close + 1).trim();
  return true;
}

bool splitDirective(StringRef Rest, StringRef &Name, StringRef &Arg) {
  size_t Pos = 0;
  while (true) {
    Pos = Rest.find("::", Pos);
    if (Pos == StringRef::npos || Pos == 0)
      return false;
    if (Pos + 2 == Rest.size() || Rest[Pos + 2] == ' ')
      break;
    Pos += 1;
  }
  Name = Rest.take_front(Pos);
  // docutils' simplename: words joined by single -._+: characters.
  if (!llvm::isAlnum(Name.front()) || !llvm::isAlnum(Name.back()))
    return false;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (llvm::isAlnum(C) || C == '_')
      continue;
    if (StringRef("-.+:").contains(C) && I + 1 < Name.size() &&
        (llvm::isAlnum(Name[I + 1]) || Name[I + 1] == '_'))
      continue;
    return false;
  }
  Arg = Rest.drop_front(Pos + 2).trim();
  return true;
}

} // namespace gapscan::docsreader

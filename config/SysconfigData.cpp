//===- SysconfigData.cpp --------------------------------------------------===//
#include "config/SysconfigData.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

namespace gapscan {

std::optional<std::string> SysconfigData::get(llvm::StringRef Name) const {
  auto It = Vars.find(Name.str());
  if (It == Vars.end() || It->second.IsNone)
    return std::nullopt;
  return It->second.Text;
}

static llvm::Error parseError(llvm::StringRef Origin, unsigned Line,
                              const llvm::Twine &What) {
  return llvm::createStringError(
      std::errc::invalid_argument,
      "%s:%u: %s; pass a _sysconfigdata_*.py written by Python's sysconfig or "
      "a JSON object of sysconfig.get_config_vars()",
      Origin.str().c_str(), Line, What.str().c_str());
}

namespace {
/// Reads the subset of Python literal syntax pprint uses for
/// build_time_vars: a dict of str keys to str/int/None/bool values, strings
/// possibly split into adjacent literals inside parentheses.
class PythonLiteralReader {
public:
  PythonLiteralReader(llvm::StringRef Text, llvm::StringRef Origin)
      : Text(Text), Origin(Origin) {}

  llvm::Expected<SysconfigData> read() {
    SysconfigData Data;
    Data.Origin = Origin.str();
    // Skip to `build_time_vars = {`; comments and other statements before it
    // are ignored.
    while (true) {
      skipSpace();
      if (Pos >= Text.size())
        return parseError(Origin, Line, "no 'build_time_vars = {...}' found");
      if (Text.substr(Pos).starts_with("build_time_vars")) {
        Pos += strlen("build_time_vars");
        skipSpace();
        if (!consume('='))
          return parseError(Origin, Line, "expected '=' after build_time_vars");
        break;
      }
      skipLine();
    }
    skipSpace();
    if (!consume('{'))
      return parseError(Origin, Line, "expected '{' opening build_time_vars");
    while (true) {
      skipSpace();
      if (consume('}'))
        return Data;
      unsigned KeyLine = Line;
      auto Key = readValue();
      if (!Key)
        return Key.takeError();
      if (Key->IsInt || Key->IsNone)
        return parseError(Origin, KeyLine, "dict key is not a string");
      skipSpace();
      if (!consume(':'))
        return parseError(Origin, Line,
                          "expected ':' after key '" + Key->Text + "'");
      auto Value = readValue();
      if (!Value)
        return Value.takeError();
      Data.Vars[Key->Text] = std::move(*Value);
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        return Data;
      return parseError(Origin, Line,
                        "expected ',' or '}' after the value of '" + Key->Text +
                            "'");
    }
  }

private:
  llvm::Expected<SysconfigValue> readValue() {
    skipSpace();
    if (Pos >= Text.size())
      return parseError(Origin, Line, "unexpected end of file");
    char C = Text[Pos];
    if (C == '(') {
      ++Pos;
      auto V = readValue();
      if (!V)
        return V;
      skipSpace();
      if (!consume(')'))
        return parseError(Origin, Line, "expected ')'");
      return V;
    }
    if (isQuoteStart()) {
      SysconfigValue V;
      // Adjacent literals concatenate, as in Python.
      while (isQuoteStart()) {
        if (llvm::Error E = readString(V.Text))
          return std::move(E);
        skipSpace();
      }
      return V;
    }
    if (C == '-' || llvm::isDigit(C)) {
      size_t Start = Pos++;
      while (Pos < Text.size() &&
             (llvm::isAlnum(Text[Pos]) || Text[Pos] == '_'))
        ++Pos;
      SysconfigValue V;
      V.Text = Text.slice(Start, Pos).str();
      V.Text.erase(std::remove(V.Text.begin(), V.Text.end(), '_'),
                   V.Text.end());
      long long Ignored;
      if (llvm::StringRef(V.Text).getAsInteger(0, Ignored))
        return parseError(Origin, Line, "unsupported number '" + V.Text + "'");
      V.IsInt = true;
      return V;
    }
    for (llvm::StringRef Word : {"None", "True", "False"})
      if (Text.substr(Pos).starts_with(Word)) {
        Pos += Word.size();
        SysconfigValue V;
        V.IsNone = Word == "None";
        V.IsInt = !V.IsNone;
        V.Text = Word == "True" ? "1" : Word == "False" ? "0" : "";
        return V;
      }
    return parseError(Origin, Line,
                      "unsupported value starting with '" +
                          Text.substr(Pos, 12) + "'");
  }

  bool isQuoteStart() const {
    size_t P = Pos;
    while (P < Text.size() && P < Pos + 2 &&
           llvm::StringRef("rRbBuU").contains(Text[P]))
      ++P;
    return P < Text.size() && (Text[P] == '\'' || Text[P] == '"');
  }

  llvm::Error readString(std::string &Out) {
    bool Raw = false;
    while (Text[Pos] != '\'' && Text[Pos] != '"') {
      Raw |= Text[Pos] == 'r' || Text[Pos] == 'R';
      ++Pos;
    }
    char Quote = Text[Pos];
    bool Triple = Text.substr(Pos).starts_with(std::string(3, Quote));
    Pos += Triple ? 3 : 1;
    unsigned StartLine = Line;
    while (true) {
      if (Pos >= Text.size())
        return parseError(Origin, StartLine, "unterminated string");
      char C = Text[Pos];
      if (C == Quote &&
          (!Triple || Text.substr(Pos).starts_with(std::string(3, Quote)))) {
        Pos += Triple ? 3 : 1;
        return llvm::Error::success();
      }
      if (C == '\n') {
        if (!Triple)
          return parseError(Origin, StartLine, "unterminated string");
        ++Line;
      }
      if (C != '\\' || Raw) {
        Out += C;
        ++Pos;
        continue;
      }
      if (Pos + 1 >= Text.size())
        return parseError(Origin, StartLine, "unterminated string");
      char E = Text[Pos + 1];
      Pos += 2;
      if (llvm::Error Err = readEscape(E, Out))
        return Err;
    }
  }

  /// Appends what the escape sequence `\E` stands for; Pos is after E.
  llvm::Error readEscape(char E, std::string &Out) {
    switch (E) {
    case '\n':
      ++Line;
      break;
    case 'n':
      Out += '\n';
      break;
    case 't':
      Out += '\t';
      break;
    case 'r':
      Out += '\r';
      break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      unsigned V = E - '0';
      for (int I = 0;
           I < 2 && Pos < Text.size() && Text[Pos] >= '0' && Text[Pos] <= '7';
           ++I)
        V = V * 8 + (Text[Pos++] - '0');
      appendCodePoint(V, Out);
      break;
    }
    case 'x':
    case 'u':
    case 'U': {
      size_t Digits = E == 'x' ? 2 : E == 'u' ? 4 : 8;
      unsigned V = 0;
      if (Pos + Digits > Text.size() ||
          Text.substr(Pos, Digits).getAsInteger(16, V))
        return parseError(Origin, Line, std::string("bad \\") + E + " escape");
      Pos += Digits;
      appendCodePoint(V, Out);
      break;
    }
    default:
      // \\, \', \" and unknown escapes (kept verbatim, as Python does).
      if (E != '\\' && E != '\'' && E != '"')
        Out += '\\';
      Out += E;
    }
    return llvm::Error::success();
  }

  static void appendCodePoint(unsigned V, std::string &Out) {
    char Buf[8];
    char *P = Buf;
    if (V > 0x10FFFF || !llvm::ConvertCodePointToUTF8(V, P))
      Out += '?';
    else
      Out.append(Buf, P);
  }

  void skipSpace() {
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '\n') {
        ++Line;
        ++Pos;
      } else if (C == ' ' || C == '\t' || C == '\r' || C == '\f') {
        ++Pos;
      } else if (C == '\\' && Pos + 1 < Text.size() && Text[Pos + 1] == '\n') {
        Pos += 2;
        ++Line;
      } else if (C == '#') {
        skipLine();
      } else {
        break;
      }
    }
  }
  void skipLine() {
    while (Pos < Text.size() && Text[Pos] != '\n')
      ++Pos;
  }
  bool consume(char C) {
    if (Pos < Text.size() && Text[Pos] == C) {
      ++Pos;
      return true;
    }
    return false;
  }

  llvm::StringRef Text, Origin;
  size_t Pos = 0;
  unsigned Line = 1;
};
} // namespace

static llvm::Expected<SysconfigData> parseJson(llvm::StringRef Text,
                                               llvm::StringRef Origin) {
  SysconfigData Data;
  Data.Origin = Origin.str();
  nlohmann::json J;
  try {
    J = nlohmann::json::parse(Text.begin(), Text.end());
  } catch (const nlohmann::json::exception &E) {
    return parseError(Origin, 0,
                      llvm::Twine("not valid JSON (") + E.what() + ")");
  }
  if (!J.is_object())
    return parseError(Origin, 1, "the JSON is not an object of config vars");
  for (auto &[Key, Value] : J.items()) {
    SysconfigValue V;
    if (Value.is_string()) {
      V.Text = Value.get<std::string>();
    } else if (Value.is_number_integer()) {
      V.Text = std::to_string(Value.get<long long>());
      V.IsInt = true;
    } else if (Value.is_boolean()) {
      V.Text = Value.get<bool>() ? "1" : "0";
      V.IsInt = true;
    } else if (Value.is_null()) {
      V.IsNone = true;
    } else {
      // Floats, lists: nothing configure writes; keep them out of the way.
      continue;
    }
    Data.Vars[Key] = std::move(V);
  }
  return Data;
}

llvm::Expected<SysconfigData> parseSysconfigData(llvm::StringRef Text,
                                                 llvm::StringRef Origin) {
  if (!llvm::json::isUTF8(Text))
    return parseError(Origin, 0, "the file is not UTF-8 text");
  llvm::StringRef Body = Text.ltrim();
  auto Data = Body.starts_with("{") ? parseJson(Text, Origin)
                                    : PythonLiteralReader(Text, Origin).read();
  if (!Data)
    return Data;
  // A configuration without these cannot be turned into a build folder.
  for (const char *Needed : {"VERSION", "CC", "MACHDEP"})
    if (!Data->get(Needed))
      return parseError(Origin, 0,
                        llvm::Twine("no '") + Needed +
                            "' variable; this is not a CPython configuration");
  return Data;
}

llvm::Expected<SysconfigData> readSysconfigData(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "cannot read sysconfig data '%s': %s",
        Path.str().c_str(), Buffer.getError().message().c_str());
  return parseSysconfigData((*Buffer)->getBuffer(), Path);
}

} // namespace gapscan

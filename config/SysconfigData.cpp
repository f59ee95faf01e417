//===- SysconfigData.cpp --------------------------------------------------===//
#include "config/SysconfigData.h"
#include "config/BuildConfig.h"
#include "config/MakefileReader.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <nlohmann/json.hpp>
#include <set>

namespace gapscan {
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

/// Bump when the folder layout written by materializeBuild changes, so that
/// folders of an older tool are not reused.
static constexpr unsigned MaterializedLayoutVersion = 1;

static llvm::Expected<std::string> readText(llvm::StringRef Path);

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
          return parseError(Origin, Line,
                            std::string("bad \\") + E + " escape");
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
    }
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

std::string defaultCacheDir() {
  if (auto Env = llvm::sys::Process::GetEnv("WASM_GAPSCAN_CACHE"))
    return *Env;
  llvm::SmallString<256> Home;
  if (!path::home_directory(Home))
    Home = "/tmp";
  path::append(Home, ".cache", "wasm-gapscan");
  return std::string(Home);
}

//===----------------------------------------------------------------------===//
// Turning the data into a build folder.
//===----------------------------------------------------------------------===//

static llvm::Expected<std::string> readText(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  return (*Buffer)->getBuffer().str();
}

static llvm::Error writeText(const llvm::Twine &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path.str(), EC);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  OS << Text;
  return llvm::Error::success();
}

/// The major.minor the checkout's configure announces (PACKAGE_VERSION).
static std::string sourceVersion(llvm::StringRef SourceDir) {
  auto Text = readText((SourceDir + "/configure").str());
  if (!Text) {
    llvm::consumeError(Text.takeError());
    return "";
  }
  llvm::StringRef Rest(*Text);
  size_t At = Rest.find("\nPACKAGE_VERSION='");
  if (At == llvm::StringRef::npos)
    return "";
  return Rest.substr(At + strlen("\nPACKAGE_VERSION='"))
      .split('\'')
      .first.str();
}

namespace {
/// Values rewritten for this machine: the distribution's source and build
/// paths become ours, its sysroot the one given.
struct Relocation {
  std::vector<std::pair<std::string, std::string>> Replacements;
  std::string apply(std::string Value) const {
    for (const auto &[From, To] : Replacements) {
      if (From.empty())
        continue;
      size_t At = 0;
      while ((At = Value.find(From, At)) != std::string::npos) {
        Value.replace(At, From.size(), To);
        At += To.size();
      }
    }
    return Value;
  }
};
} // namespace

/// A value on one Makefile line. `$` stays as sysconfig kept it: references
/// it could not resolve (LIBOBJS' `$U`) are left for make to expand, as the
/// configured Makefile would.
static std::string makeEscape(llvm::StringRef Value) {
  std::string Out = Value.str();
  std::replace(Out.begin(), Out.end(), '\n', ' ');
  return Out;
}

/// Replaces every @NAME@ of a config.status template line.
static std::string
substitute(llvm::StringRef Line,
           llvm::function_ref<std::string(llvm::StringRef)> Value) {
  std::string Out;
  while (!Line.empty()) {
    size_t Open = Line.find('@');
    if (Open == llvm::StringRef::npos)
      break;
    size_t Close = Line.find('@', Open + 1);
    llvm::StringRef Name = Close == llvm::StringRef::npos
                               ? llvm::StringRef()
                               : Line.slice(Open + 1, Close);
    if (Name.empty() || !llvm::all_of(Name, [](char C) {
          return llvm::isAlnum(C) || C == '_';
        })) {
      Out += Line.substr(0, Open + 1).str();
      Line = Line.substr(Open + 1);
      continue;
    }
    Out += Line.substr(0, Open).str();
    Out += Value(Name);
    Line = Line.substr(Close + 1);
  }
  Out += Line.str();
  return Out;
}

/// Splits template text into logical lines (backslash continuations joined
/// with their newlines kept), so a multi-line assignment is replaced whole.
static std::vector<std::string> logicalLines(llvm::StringRef Text) {
  std::vector<std::string> Out;
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    Current += L.str();
    if (L.ends_with("\\")) {
      Current += '\n';
      continue;
    }
    Out.push_back(std::move(Current));
    Current.clear();
  }
  if (!Current.empty())
    Out.push_back(Current);
  return Out;
}

/// The variable a Makefile assignment line sets ("" for other lines).
static llvm::StringRef assignedVariable(llvm::StringRef Line) {
  size_t Eq = Line.find('=');
  if (Eq == llvm::StringRef::npos || Line.starts_with("\t") ||
      Line.starts_with("#"))
    return "";
  llvm::StringRef Name = Line.substr(0, Eq).rtrim(" \t:+?");
  if (Name.empty() ||
      !llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
    return "";
  return Name;
}

/// The sysroot a compiler command names (--sysroot=DIR, --sysroot DIR).
static std::string sysrootOf(llvm::StringRef Command) {
  std::vector<std::string> Words = splitShellWords(Command);
  for (size_t I = 0; I < Words.size(); ++I) {
    llvm::StringRef W = Words[I];
    if (W.consume_front("--sysroot="))
      return W.str();
    if ((W == "--sysroot" || W == "-isysroot") && I + 1 < Words.size())
      return Words[I + 1];
  }
  return "";
}

static llvm::Error fail(const llvm::Twine &Message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 Message.str().c_str());
}

std::string installedPyconfig(const SysconfigData &Data) {
  std::vector<std::string> Candidates;
  for (const char *Var : {"CONFINCLUDEPY", "INCLUDEPY"})
    if (auto Dir = Data.get(Var)) {
      Candidates.push_back(*Dir + "/pyconfig.h");
      // Debian installs the real file per architecture and a dispatcher
      // that #includes <MULTIARCH/pythonX.Y/pyconfig.h> in its place.
      if (auto Arch = Data.get("MULTIARCH"))
        Candidates.push_back((path::parent_path(*Dir) + "/" + *Arch + "/" +
                              path::filename(*Dir) + "/pyconfig.h")
                                 .str());
    }
  for (const std::string &P : Candidates) {
    auto Text = readText(P);
    if (!Text) {
      llvm::consumeError(Text.takeError());
      continue;
    }
    if (llvm::StringRef(*Text).contains("#define HAVE_"))
      return P;
  }
  return "";
}

std::string samePlatformTarget(const SysconfigData &Data) {
  std::string MachDep = Data.get("MACHDEP").value_or("");
  if (MachDep == "wasi")
    return "wasi";
  if (MachDep == "emscripten")
    return "emscripten-node";
  return "native";
}

/// The `#define NAME VALUE` lines of a pyconfig.h. pyconfig.h is flat text
/// written by config.status; this reads it the way Lib/sysconfig does, but
/// keeps every name.
static std::map<std::string, std::string>
pyconfigDefines(llvm::StringRef Text) {
  std::map<std::string, std::string> Out;
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    Line = Line.trim();
    if (!Line.consume_front("#"))
      continue;
    Line = Line.ltrim();
    if (!Line.consume_front("define "))
      continue;
    auto [Name, Value] = Line.ltrim().split(' ');
    if (Name.empty() || Name.contains('('))
      continue;
    Out[Name.str()] = Value.trim().str();
  }
  return Out;
}

llvm::Expected<std::string>
materializeBuild(const SysconfigData &Data, llvm::StringRef SourceDirIn,
                 llvm::StringRef Sysroot, llvm::StringRef CacheDir,
                 llvm::StringRef CompanionPyconfig) {
  if (llvm::Error E = checkSourceTree(SourceDirIn))
    return std::move(E);
  llvm::SmallString<256> SourceDir;
  fs::real_path(SourceDirIn, SourceDir);
  std::string Version = *Data.get("VERSION");
  std::string Have = sourceVersion(SourceDir);
  if (Have != Version)
    return fail("sysconfig data " + Data.Origin + " is of Python " + Version +
                " but the sources at " + SourceDir + " are " +
                (Have.empty() ? std::string("of an unknown version") : Have) +
                "; pass --source with the sources of the version the "
                "distribution built");
  std::string CC = *Data.get("CC");
  std::string OldSysroot = sysrootOf(CC);
  if (!Sysroot.empty() && !fs::is_directory(Sysroot))
    return fail("sysroot '" + Sysroot +
                "' is not a folder; pass the folder "
                "holding the target's include/ and lib/");
  if (Sysroot.empty() && !OldSysroot.empty() && !fs::is_directory(OldSysroot))
    return fail("sysconfig data " + Data.Origin +
                " compiles with --sysroot=" + OldSysroot +
                ", which does not exist here; pass --sysroot "
                "TARGET=DIR with the target's system headers");

  std::map<std::string, std::string> Companion;
  if (!CompanionPyconfig.empty()) {
    auto Text = readText(CompanionPyconfig);
    if (!Text)
      return Text.takeError();
    Companion = pyconfigDefines(*Text);
  }

  // The cache key covers everything the folder is made from.
  std::string Key;
  llvm::raw_string_ostream KeyOS(Key);
  KeyOS << MaterializedLayoutVersion << '\0' << SourceDir << '\0' << Sysroot
        << '\0';
  for (const auto &[Name, Value] : Companion)
    KeyOS << Name << '\0' << Value << '\0';
  for (const auto &[Name, V] : Data.Vars)
    KeyOS << Name << '\0' << V.Text << '\0' << V.IsInt << V.IsNone;
  llvm::SmallString<256> BuildDir(CacheDir);
  path::append(BuildDir, "builds",
               "sysconfig-" + Version + "-" +
                   llvm::utohexstr(llvm::xxh3_64bits(KeyOS.str()), true));
  llvm::SmallString<256> Done(BuildDir);
  path::append(Done, "wasm-gapscan-sysconfig.done");
  if (fs::exists(Done))
    return std::string(BuildDir);

  // Written under a temporary name and renamed, so a concurrent scan never
  // sees half a folder.
  llvm::SmallString<256> Temp(BuildDir);
  Temp += ".tmp-" + std::to_string(llvm::sys::Process::getProcessId());
  fs::remove_directories(Temp);
  if (std::error_code EC = fs::create_directories(Temp + "/Modules"))
    return fail("cannot create '" + Temp + "': " + EC.message() +
                "; set WASM_GAPSCAN_CACHE to a writable folder");

  std::vector<std::string> Notes;
  Relocation Reloc;
  // Longest first: an in-tree build's builddir starts with its srcdir.
  std::vector<std::pair<std::string, std::string>> Paths;
  for (const char *Var : {"abs_srcdir", "srcdir"})
    if (auto P = Data.get(Var); P && path::is_absolute(*P))
      Paths.emplace_back(*P, std::string(SourceDir));
  if (auto P = Data.get("abs_builddir"))
    Paths.emplace_back(*P, std::string(BuildDir));
  if (!Sysroot.empty() && !OldSysroot.empty())
    Paths.emplace_back(OldSysroot, Sysroot.str());
  llvm::sort(Paths, [](const auto &A, const auto &B) {
    return A.first.size() > B.first.size();
  });
  Reloc.Replacements = Paths;
  std::string NewCC = Reloc.apply(CC);
  if (!Sysroot.empty() && OldSysroot.empty())
    NewCC += " --sysroot=" + Sysroot.str();

  // Variables whose meaning is this folder, not the distribution's.
  std::map<std::string, std::string> Fixed = {
      {"srcdir", std::string(SourceDir)},
      {"abs_srcdir", std::string(SourceDir)},
      {"VPATH", std::string(SourceDir)},
      {"abs_builddir", std::string(BuildDir)},
      {"CC", NewCC},
  };
  auto ValueOf = [&](llvm::StringRef Name) -> std::optional<std::string> {
    if (auto It = Fixed.find(Name.str()); It != Fixed.end())
      return It->second;
    if (auto V = Data.get(Name))
      return Reloc.apply(*V);
    return std::nullopt;
  };

  // pyconfig.h from pyconfig.h.in: sysconfig kept every define of the
  // distribution's pyconfig.h, and 0 for each `#undef`.
  auto ConfigIn = readText((SourceDir + "/pyconfig.h.in").str());
  if (!ConfigIn)
    return ConfigIn.takeError();
  std::string ConfigH;
  for (llvm::StringRef Line : llvm::split(*ConfigIn, '\n')) {
    llvm::StringRef Trimmed = Line.trim();
    // Both `#undef X` and, inside `#ifndef X` blocks, `# undef X`.
    llvm::StringRef Directive = Trimmed;
    if (Directive.consume_front("#") &&
        (Directive = Directive.ltrim()).consume_front("undef ")) {
      llvm::StringRef Name = Directive.trim();
      if (!Name.empty() && !(Name[0] >= 'A' && Name[0] <= 'Z')) {
        if (auto It = Companion.find(Name.str()); It != Companion.end())
          ConfigH += "#define " + Name.str() + " " + It->second + "\n";
        else
          ConfigH += "/* #undef " + Name.str() + " */\n";
        if (CompanionPyconfig.empty())
          Notes.push_back(Name.str() +
                          ": not kept by sysconfig and no same-platform "
                          "pyconfig.h given; left undefined");
        continue;
      }
      // 0 is both `#undef X` and `#define X 0` (AC_CHECK_DECLS, SIZEOF_X of
      // a missing type) to sysconfig; the same-platform pyconfig.h decides.
      auto It = Data.Vars.find(Name.str());
      bool Zero =
          It != Data.Vars.end() && It->second.IsInt && It->second.Text == "0";
      auto Same = Companion.find(Name.str());
      bool DefinedZero = Same != Companion.end() && Same->second == "0";
      if (It == Data.Vars.end() || It->second.IsNone || (Zero && !DefinedZero))
        ConfigH += "/* #undef " + Name.str() + " */\n";
      else
        ConfigH += "#define " + Name.str() + " " + It->second.Text + "\n";
      continue;
    }
    ConfigH += Line.str() + "\n";
  }
  if (llvm::Error E = writeText(Temp + "/pyconfig.h", ConfigH))
    return std::move(E);

  // Makefile.pre from Makefile.pre.in. An assignment configure filled in
  // takes the distribution's value whole; @MODULE_BLOCK@ becomes the
  // MODULE_* variables configure generated.
  auto MakeIn = readText((SourceDir + "/Makefile.pre.in").str());
  if (!MakeIn)
    return MakeIn.takeError();
  std::set<std::string> AssignedInTemplate;
  std::vector<std::string> Lines = logicalLines(*MakeIn);
  for (llvm::StringRef L : Lines)
    if (llvm::StringRef Name = assignedVariable(L); !Name.empty())
      AssignedInTemplate.insert(Name.str());
  // 3.11's Makefile.pre.in names Setup.stdlib through @MODULES_SETUP_STDLIB@,
  // which configure.ac sets only for Emscripten and WASI (setup.py builds the
  // rest); it is no Makefile variable, so sysconfig does not keep it.
  std::string MachDep = *Data.get("MACHDEP");
  Fixed["MODULES_SETUP_STDLIB"] = MachDep == "emscripten" || MachDep == "wasi"
                                      ? "Modules/Setup.stdlib"
                                      : "";
  // Setup.stdlib's `@MODULE_BUILDTYPE@*` marker: configure.ac picks static on
  // wasm32 and shared elsewhere unless overridden, and no Makefile variable
  // keeps the choice; its outcome does: makesetup lists the shared modules
  // in MODSHARED_NAMES.
  Fixed["MODULE_BUILDTYPE"] =
      llvm::StringRef(Data.get("MODSHARED_NAMES").value_or("")).trim().empty()
          ? "static"
          : "shared";
  auto Subst = [&](llvm::StringRef Name) -> std::string {
    if (auto V = ValueOf(Name))
      return makeEscape(*V);
    Notes.push_back("@" + Name.str() +
                    "@ has no value in the sysconfig data; left empty");
    return "";
  };
  std::string MakePre;
  for (llvm::StringRef L : Lines) {
    if (!L.contains('@') || L.starts_with("#")) {
      MakePre += L.str() + "\n";
      continue;
    }
    if (L.trim() == "@MODULE_BLOCK@") {
      for (const auto &[Name, V] : Data.Vars)
        if (llvm::StringRef(Name).starts_with("MODULE_") && !V.IsNone &&
            !AssignedInTemplate.count(Name))
          MakePre += Name + "=" + makeEscape(Reloc.apply(V.Text)) + "\n";
      continue;
    }
    // A one-line assignment takes the distribution's value of the variable
    // whole (`CONFIGURE_CFLAGS= @CFLAGS@` is not the Makefile's CFLAGS).
    // Lib/sysconfig reads continuation lines as "\", so a multi-line one
    // keeps the template and has each @X@ substituted.
    llvm::StringRef Name = L.contains('\n') ? "" : assignedVariable(L);
    if (!Name.empty()) {
      if (auto V = ValueOf(Name)) {
        MakePre += Name.str() + "=\t" + makeEscape(*V) + "\n";
        continue;
      }
    }
    MakePre += substitute(L, Subst) + "\n";
  }
  if (llvm::Error E = writeText(Temp + "/Makefile.pre", MakePre))
    return std::move(E);

  // Modules/Setup.* from their templates: @MODULE_<NAME>_TRUE@ is empty for
  // an enabled module and "#" otherwise (configure.ac's PY_STDLIB_MOD).
  auto SetupSubst = [&](llvm::StringRef Name) -> std::string {
    if (Name.starts_with("MODULE_") && Name.ends_with("_TRUE")) {
      std::string State = (Name.drop_back(strlen("_TRUE")) + "_STATE").str();
      return Data.get(State).value_or("") == "yes" ? "" : "#";
    }
    return Subst(Name);
  };
  for (const char *Setup : {"Setup.bootstrap", "Setup.stdlib"}) {
    std::string In = (SourceDir + "/Modules/" + Setup + ".in").str();
    if (!fs::exists(In))
      continue;
    auto Text = readText(In);
    if (!Text)
      return Text.takeError();
    std::string Out;
    for (llvm::StringRef L : llvm::split(*Text, '\n'))
      Out += substitute(L, SetupSubst) + "\n";
    if (llvm::Error E = writeText(Temp + "/Modules/" + Setup, Out))
      return std::move(E);
  }
  if (llvm::Error E = writeText(Temp + "/Modules/Setup.local",
                                "# Edit this file for local setup changes\n"))
    return std::move(E);

  // The checkout's own rule for `Makefile Modules/config.c` runs makesetup.
  auto Pre = Makefile::parse(MakePre, (Temp + "/Makefile.pre").str());
  if (!Pre)
    return Pre.takeError();
  const MakeRule *Rule = nullptr;
  for (const MakeRule &R : Pre->rules())
    if (llvm::is_contained(splitShellWords(R.Targets), "Modules/config.c"))
      Rule = &R;
  if (!Rule)
    return fail(SourceDir +
                "/Makefile.pre.in has no rule for Modules/config.c; "
                "this checkout's layout is not supported for sysconfig data");
  auto Shell = llvm::sys::findProgramByName("sh");
  if (!Shell)
    return fail("no 'sh' on PATH; install Debian's dash");
  std::string Log = (Temp + "/wasm-gapscan-makesetup.log").str();
  for (const std::string &Raw : Rule->Recipe) {
    std::string Command = Pre->expand(llvm::StringRef(Raw).ltrim(" \t@-"));
    std::string Script = "cd '" + Temp.str().str() + "' && " + Command;
    std::optional<llvm::StringRef> Redirects[] = {
        std::nullopt, llvm::StringRef(Log), llvm::StringRef(Log)};
    std::string ErrMsg;
    int RC = llvm::sys::ExecuteAndWait(*Shell, {*Shell, "-c", Script},
                                       std::nullopt, Redirects, 0, 0, &ErrMsg);
    if (RC != 0)
      return fail("Modules/makesetup failed on the configuration from " +
                  Data.Origin + " (see " + Log + ")" +
                  (ErrMsg.empty() ? "" : ": " + ErrMsg));
  }
  std::string NoteText;
  for (const std::string &N : Notes)
    NoteText += N + "\n";
  if (llvm::Error E =
          writeText(Temp + "/wasm-gapscan-sysconfig.notes", NoteText))
    return std::move(E);
  if (llvm::Error E =
          writeText(Temp + "/wasm-gapscan-sysconfig.done", Data.Origin + "\n"))
    return std::move(E);
  if (std::error_code EC = fs::rename(Temp, BuildDir)) {
    // Another scan finished the same folder first: use theirs.
    fs::remove_directories(Temp);
    if (!fs::exists(Done))
      return fail("cannot create '" + BuildDir + "': " + EC.message());
  }
  return std::string(BuildDir);
}

} // namespace gapscan

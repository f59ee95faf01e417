//===- SysconfigBuild.cpp -------------------------------------------------===//
#include "config/SysconfigBuild.h"
#include "config/BuildFolder.h"
#include "config/MakefileReader.h"
#include "model/Targets.h"
#include "support/Error.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace gapscan {
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

/// Bump when the folder layout written by materializeBuild changes, so that
/// folders of an older tool are not reused.
static constexpr unsigned MaterializedLayoutVersion = 2;

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

llvm::StringRef samePlatformTarget(const SysconfigData &Data) {
  return firstTargetForMachDep(Data.get("MACHDEP").value_or("")).Name;
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

namespace {
/// Writes one build folder from sysconfig data, in the steps materializeBuild
/// takes: check the inputs, look the folder up in the cache, else write it
/// under a temporary name (pyconfig.h, Makefile.pre, Modules/Setup.*, then
/// makesetup's Makefile) and rename it into place.
class FolderWriter {
public:
  FolderWriter(const SysconfigData &Data, llvm::StringRef Sysroot,
               llvm::StringRef CompanionPyconfig)
      : Data(Data), Sysroot(Sysroot), CompanionPyconfig(CompanionPyconfig) {}

  /// The sources are of the data's version, the sysroots exist and the
  /// same-platform pyconfig.h is read.
  llvm::Error checkInputs(llvm::StringRef SourceDirIn);
  /// Names the folder after a hash of its inputs; true when it is complete.
  bool findCached(llvm::StringRef CacheDir);
  /// Creates the temporary folder the steps below write into.
  llvm::Error startFolder();
  /// Decides how the distribution's values are rewritten for this folder.
  void planRelocation();
  llvm::Error writePyconfig();
  llvm::Error writeMakefilePre();
  llvm::Error writeSetupFiles();
  llvm::Error runMakesetup();
  /// Writes the notes and the done stamp and renames the folder into place.
  llvm::Error finish();

  std::string buildDir() const { return std::string(BuildDir); }

private:
  std::string pyconfigUndef(llvm::StringRef Name);
  std::string makefileLine(llvm::StringRef L,
                           const std::set<std::string> &AssignedInTemplate);
  std::optional<std::string> valueOf(llvm::StringRef Name) const;
  std::string substituteValue(llvm::StringRef Name);

  const SysconfigData &Data;
  llvm::StringRef Sysroot, CompanionPyconfig;
  llvm::SmallString<256> SourceDir, BuildDir, Done, Temp;
  std::string Version, CC, OldSysroot;
  /// The defines of CompanionPyconfig.
  std::map<std::string, std::string> Companion;
  Relocation Reloc;
  /// Variables whose meaning is this folder, not the distribution's.
  std::map<std::string, std::string> Fixed;
  /// Written to wasm-gapscan-sysconfig.notes, in this order.
  std::vector<std::string> Notes;
  /// Makefile.pre as written, whose rule runs makesetup.
  std::string MakePre;
};
} // namespace

llvm::Error FolderWriter::checkInputs(llvm::StringRef SourceDirIn) {
  if (llvm::Error E = checkSourceTree(SourceDirIn))
    return E;
  fs::real_path(SourceDirIn, SourceDir);
  Version = *Data.get("VERSION");
  std::string Have = sourceVersion(SourceDir);
  if (Have != Version)
    return badInput(
        "sysconfig data " + Data.Origin + " is of Python " + Version +
        " but the sources at " + SourceDir + " are " +
        (Have.empty() ? std::string("of an unknown version") : Have) +
        "; pass --source with the sources of the version the "
        "distribution built");
  CC = *Data.get("CC");
  OldSysroot = sysrootOf(CC);
  if (!Sysroot.empty() && !fs::is_directory(Sysroot))
    return badInput("sysroot '" + Sysroot +
                    "' is not a folder; pass the folder "
                    "holding the target's include/ and lib/");
  if (Sysroot.empty() && !OldSysroot.empty() && !fs::is_directory(OldSysroot))
    return badInput("sysconfig data " + Data.Origin +
                    " compiles with --sysroot=" + OldSysroot +
                    ", which does not exist here; pass --sysroot "
                    "TARGET=DIR with the target's system headers");

  if (!CompanionPyconfig.empty()) {
    auto Text = readText(CompanionPyconfig);
    if (!Text)
      return Text.takeError();
    Companion = pyconfigDefines(*Text);
  }
  return llvm::Error::success();
}

bool FolderWriter::findCached(llvm::StringRef CacheDir) {
  // The cache key covers everything the folder is made from.
  std::string Key;
  llvm::raw_string_ostream KeyOS(Key);
  KeyOS << MaterializedLayoutVersion << '\0' << SourceDir << '\0' << Sysroot
        << '\0';
  for (const auto &[Name, Value] : Companion)
    KeyOS << Name << '\0' << Value << '\0';
  for (const auto &[Name, V] : Data.Vars)
    KeyOS << Name << '\0' << V.Text << '\0' << V.IsInt << V.IsNone;
  BuildDir = CacheDir;
  path::append(BuildDir, "builds",
               "sysconfig-" + Version + "-" +
                   llvm::utohexstr(llvm::xxh3_64bits(KeyOS.str()), true));
  Done = BuildDir;
  path::append(Done, "wasm-gapscan-sysconfig.done");
  return fs::exists(Done);
}

llvm::Error FolderWriter::startFolder() {
  // Written under a temporary name and renamed, so a concurrent scan never
  // sees half a folder.
  Temp = BuildDir;
  Temp += ".tmp-" + std::to_string(llvm::sys::Process::getProcessId());
  fs::remove_directories(Temp);
  if (std::error_code EC = fs::create_directories(Temp + "/Modules"))
    return badInput("cannot create '" + Temp + "': " + EC.message() +
                    "; set WASM_GAPSCAN_CACHE to a writable folder");
  return llvm::Error::success();
}

void FolderWriter::planRelocation() {
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
  // Data whose compiler names the host (Pyodide 0.23.4: CC=cc, its build
  // wrapped the real compiler) describes another platform all the same
  // (HOST_GNU_TYPE, MACHDEP): a wasm32 pyconfig.h compiled by the host's cc
  // fails on Include/pyport.h's LONG_BIT check. An Emscripten build is
  // compiled by emcc (Debian's), with the data's own flags.
  std::vector<std::string> Words = splitShellWords(NewCC);
  llvm::StringRef Program =
      Words.empty() ? llvm::StringRef() : path::filename(Words.front());
  if (Data.get("MACHDEP").value_or("") == "emscripten" && !Words.empty() &&
      Program != "emcc" && !Program.starts_with("emcc")) {
    Notes.push_back("CC=" + CC +
                    " names the host's compiler, but the data "
                    "describes " +
                    Data.get("HOST_GNU_TYPE").value_or("Emscripten") +
                    ": compiled with emcc and the data's flags");
    NewCC = "emcc";
    for (size_t I = 1; I < Words.size(); ++I)
      NewCC += " " + Words[I];
  }
  if (!Sysroot.empty() && OldSysroot.empty())
    NewCC += " --sysroot=" + Sysroot.str();

  Fixed = {
      {"srcdir", std::string(SourceDir)},
      {"abs_srcdir", std::string(SourceDir)},
      {"VPATH", std::string(SourceDir)},
      {"abs_builddir", std::string(BuildDir)},
      {"CC", NewCC},
  };
}

std::optional<std::string> FolderWriter::valueOf(llvm::StringRef Name) const {
  if (auto It = Fixed.find(Name.str()); It != Fixed.end())
    return It->second;
  if (auto V = Data.get(Name))
    return Reloc.apply(*V);
  return std::nullopt;
}

/// The value of a template's @NAME@, empty with a note when there is none.
std::string FolderWriter::substituteValue(llvm::StringRef Name) {
  if (auto V = valueOf(Name))
    return makeEscape(*V);
  Notes.push_back("@" + Name.str() +
                  "@ has no value in the sysconfig data; left empty");
  return "";
}

llvm::Error FolderWriter::writePyconfig() {
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
        (Directive = Directive.ltrim()).consume_front("undef "))
      ConfigH += pyconfigUndef(Directive.trim());
    else
      ConfigH += Line.str() + "\n";
  }
  return writeText(Temp + "/pyconfig.h", ConfigH);
}

/// The pyconfig.h line for pyconfig.h.in's `#undef Name`.
std::string FolderWriter::pyconfigUndef(llvm::StringRef Name) {
  if (!Name.empty() && !(Name[0] >= 'A' && Name[0] <= 'Z')) {
    std::string Line;
    if (auto It = Companion.find(Name.str()); It != Companion.end())
      Line = "#define " + Name.str() + " " + It->second + "\n";
    else
      Line = "/* #undef " + Name.str() + " */\n";
    if (CompanionPyconfig.empty())
      Notes.push_back(Name.str() +
                      ": not kept by sysconfig and no same-platform "
                      "pyconfig.h given; left undefined");
    return Line;
  }
  // 0 is both `#undef X` and `#define X 0` (AC_CHECK_DECLS, SIZEOF_X of
  // a missing type) to sysconfig; the same-platform pyconfig.h decides.
  auto It = Data.Vars.find(Name.str());
  bool Zero =
      It != Data.Vars.end() && It->second.IsInt && It->second.Text == "0";
  auto Same = Companion.find(Name.str());
  bool DefinedZero = Same != Companion.end() && Same->second == "0";
  if (It == Data.Vars.end() || It->second.IsNone || (Zero && !DefinedZero))
    return "/* #undef " + Name.str() + " */\n";
  return "#define " + Name.str() + " " + It->second.Text + "\n";
}

llvm::Error FolderWriter::writeMakefilePre() {
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
  Fixed["MODULES_SETUP_STDLIB"] =
      &firstTargetForMachDep(MachDep) != &referenceTarget()
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
  for (llvm::StringRef L : Lines)
    MakePre += makefileLine(L, AssignedInTemplate);
  return writeText(Temp + "/Makefile.pre", MakePre);
}

/// Makefile.pre's text for the logical line L of Makefile.pre.in.
std::string
FolderWriter::makefileLine(llvm::StringRef L,
                           const std::set<std::string> &AssignedInTemplate) {
  if (!L.contains('@') || L.starts_with("#"))
    return L.str() + "\n";
  if (L.trim() == "@MODULE_BLOCK@") {
    std::string Block;
    for (const auto &[Name, V] : Data.Vars)
      if (llvm::StringRef(Name).starts_with("MODULE_") && !V.IsNone &&
          !AssignedInTemplate.count(Name))
        Block += Name + "=" + makeEscape(Reloc.apply(V.Text)) + "\n";
    return Block;
  }
  // A one-line assignment takes the distribution's value of the variable
  // whole (`CONFIGURE_CFLAGS= @CFLAGS@` is not the Makefile's CFLAGS).
  // Lib/sysconfig reads continuation lines as "\", so a multi-line one
  // keeps the template and has each @X@ substituted.
  llvm::StringRef Name = L.contains('\n') ? "" : assignedVariable(L);
  if (!Name.empty()) {
    if (auto V = valueOf(Name))
      return Name.str() + "=\t" + makeEscape(*V) + "\n";
  }
  return substitute(L,
                    [this](llvm::StringRef N) { return substituteValue(N); }) +
         "\n";
}

llvm::Error FolderWriter::writeSetupFiles() {
  // Modules/Setup.* from their templates: @MODULE_<NAME>_TRUE@ is empty for
  // an enabled module and "#" otherwise (configure.ac's PY_STDLIB_MOD).
  auto SetupSubst = [&](llvm::StringRef Name) -> std::string {
    if (Name.starts_with("MODULE_") && Name.ends_with("_TRUE")) {
      std::string State = (Name.drop_back(strlen("_TRUE")) + "_STATE").str();
      return Data.get(State).value_or("") == "yes" ? "" : "#";
    }
    return substituteValue(Name);
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
      return E;
  }
  return writeText(Temp + "/Modules/Setup.local",
                   "# Edit this file for local setup changes\n");
}

llvm::Error FolderWriter::runMakesetup() {
  // The checkout's own rule for `Makefile Modules/config.c` runs makesetup.
  auto Pre = Makefile::parse(MakePre, (Temp + "/Makefile.pre").str());
  if (!Pre)
    return Pre.takeError();
  const MakeRule *Rule = nullptr;
  for (const MakeRule &R : Pre->rules())
    if (llvm::is_contained(splitShellWords(R.Targets), "Modules/config.c"))
      Rule = &R;
  if (!Rule)
    return badInput(
        SourceDir +
        "/Makefile.pre.in has no rule for Modules/config.c; "
        "this checkout's layout is not supported for sysconfig data");
  auto Shell = llvm::sys::findProgramByName("sh");
  if (!Shell)
    return badInput("no 'sh' on PATH; install Debian's dash");
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
      return badInput("Modules/makesetup failed on the configuration from " +
                      Data.Origin + " (see " + Log + ")" +
                      (ErrMsg.empty() ? "" : ": " + ErrMsg));
  }
  return llvm::Error::success();
}

llvm::Error FolderWriter::finish() {
  std::string NoteText;
  for (const std::string &N : Notes)
    NoteText += N + "\n";
  if (llvm::Error E =
          writeText(Temp + "/wasm-gapscan-sysconfig.notes", NoteText))
    return E;
  if (llvm::Error E =
          writeText(Temp + "/wasm-gapscan-sysconfig.done", Data.Origin + "\n"))
    return E;
  if (std::error_code EC = fs::rename(Temp, BuildDir)) {
    // Another scan finished the same folder first: use theirs.
    fs::remove_directories(Temp);
    if (!fs::exists(Done))
      return badInput("cannot create '" + BuildDir + "': " + EC.message());
  }
  return llvm::Error::success();
}

llvm::Expected<std::string>
materializeBuild(const SysconfigData &Data, llvm::StringRef SourceDirIn,
                 llvm::StringRef Sysroot, llvm::StringRef CacheDir,
                 llvm::StringRef CompanionPyconfig) {
  FolderWriter W(Data, Sysroot, CompanionPyconfig);
  if (llvm::Error E = W.checkInputs(SourceDirIn))
    return std::move(E);
  if (W.findCached(CacheDir))
    return W.buildDir();
  if (llvm::Error E = W.startFolder())
    return std::move(E);
  W.planRelocation();
  if (llvm::Error E = W.writePyconfig())
    return std::move(E);
  if (llvm::Error E = W.writeMakefilePre())
    return std::move(E);
  if (llvm::Error E = W.writeSetupFiles())
    return std::move(E);
  if (llvm::Error E = W.runMakesetup())
    return std::move(E);
  if (llvm::Error E = W.finish())
    return std::move(E);
  return W.buildDir();
}

} // namespace gapscan

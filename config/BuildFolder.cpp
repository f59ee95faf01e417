//===- BuildFolder.cpp ----------------------------------------------------===//
#include "config/BuildFolder.h"
#include "support/Error.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace gapscan {

std::string realPath(llvm::StringRef P) {
  llvm::SmallString<256> Out;
  if (fs::real_path(P, Out))
    return P.str();
  return std::string(Out);
}

llvm::Error checkSourceTree(llvm::StringRef Dir) {
  if (!fs::is_directory(Dir))
    return badInput(
        "source folder '" + Dir +
        "' does not exist; pass --source the top of a CPython checkout");
  for (const char *Marker : {"Include/Python.h", "Modules", "configure"}) {
    llvm::SmallString<256> P(Dir);
    path::append(P, Marker);
    if (!fs::exists(P))
      return badInput("'" + Dir + "' is not a CPython checkout (no " + Marker +
                      "); pass --source the top of a CPython source tree, e.g. "
                      "from scripts/fetch-cpython.sh 3.13");
  }
  return llvm::Error::success();
}

/// Makefile VPATH lookup: generated sources (Modules/config.c) live in the
/// build folder, the rest in srcdir.
std::string locateSource(const BuildInfo &B, llvm::StringRef Rel) {
  if (path::is_absolute(Rel))
    return realPath(Rel);
  llvm::SmallString<256> InBuild(B.BuildDir);
  path::append(InBuild, Rel);
  if (fs::exists(InBuild))
    return realPath(InBuild);
  llvm::SmallString<256> InSource(B.SourceDir);
  path::append(InSource, Rel);
  return fs::exists(InSource) ? realPath(InSource) : std::string();
}

std::vector<std::string> makeWords(llvm::StringRef S) {
  llvm::SmallVector<llvm::StringRef, 32> Parts;
  S.split(Parts, ' ', -1, false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

std::vector<SetupLine> parseSetupText(llvm::StringRef Text) {
  std::vector<SetupLine> Out;
  llvm::SmallVector<llvm::StringRef, 128> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    SetupLine S;
    S.Enabled = !L.consume_front("#");
    std::vector<std::string> W = makeWords(L);
    if (W.size() < 2 || W[0].find('=') != std::string::npos || W[0][0] == '*')
      continue;
    bool HasSource = false;
    S.Name = W[0];
    // A marker configure left unsubstituted: 3.11's Setup.stdlib.in has
    // `#@MODULE_READLINE_TRUE@readline readline.c` for the modules setup.py
    // builds (readline, _curses, _curses_panel, _dbm); the module's name is
    // what follows it.
    if (llvm::StringRef Word(S.Name);
        Word.starts_with("@MODULE_") && Word.count('@') == 2)
      S.Name = Word.rsplit('@').second.str();
    for (size_t I = 1; I < W.size(); ++I) {
      llvm::StringRef T(W[I]);
      if (T.ends_with(".c")) {
        S.Sources.push_back(W[I]);
        HasSource = true;
      } else if (T.starts_with("-I") || T.starts_with("-D") ||
                 T.starts_with("-U")) {
        S.CFlags.push_back(W[I]);
      }
    }
    if (HasSource)
      Out.push_back(std::move(S));
  }
  return Out;
}

static std::vector<SetupLine> readSetupFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return {};
  return parseSetupText((*Buf)->getBuffer());
}

/// Module states and names: Modules/Setup.stdlib keeps the real spelling
/// (MODULE__CURSES_PANEL_STATE belongs to "_curses_panel").
static void readModuleStates(ConfiguredBuild &C) {
  BuildInfo &B = C.Info;
  std::map<std::string, std::string> NameOfUpper;
  for (const SetupLine &L : C.SetupStdlib)
    NameOfUpper[llvm::StringRef(L.Name).upper()] = L.Name;
  for (const std::string &Var : C.Make.variables()) {
    llvm::StringRef V(Var);
    if (!V.consume_front("MODULE_") || !V.consume_back("_STATE"))
      continue;
    auto N = NameOfUpper.find(V.str());
    std::string Name = N != NameOfUpper.end() ? N->second : V.lower();
    B.Modules[Name].Name = Name;
    B.Modules[Name].State = C.Make.value(Var);
  }
}

/// Rules: explicit ones with recipes, the .c.o suffix rule, and the link
/// rules makesetup writes for each module: Modules/NAME$(EXT_SUFFIX): objs.
static std::map<std::string, std::vector<std::string>>
readRules(ConfiguredBuild &C) {
  const Makefile &M = C.Make;
  std::string ExtSuffix = M.value("EXT_SUFFIX");
  std::map<std::string, std::vector<std::string>> ModuleObjects;
  for (size_t I = 0; I < M.rules().size(); ++I) {
    const MakeRule &R = M.rules()[I];
    std::string Target = M.expand(R.Targets);
    if (Target == ".c.o") {
      C.SuffixRule = I;
      continue;
    }
    llvm::StringRef T(Target);
    if (!ExtSuffix.empty() && T.starts_with("Modules/") &&
        T.ends_with(ExtSuffix) && T.find(' ') == llvm::StringRef::npos) {
      std::string Name = path::filename(T.drop_back(ExtSuffix.size())).str();
      for (const std::string &O : makeWords(M.expand(R.Prerequisites)))
        if (llvm::StringRef(O).ends_with(".o"))
          ModuleObjects[Name].push_back(O);
      continue;
    }
    if (!R.Recipe.empty())
      for (const std::string &Tgt : makeWords(Target))
        if (llvm::StringRef(Tgt).ends_with(".o"))
          C.ExplicitRules[Tgt] = I;
  }
  return ModuleObjects;
}

/// Each module makesetup links: builtin (its first object in MODOBJS) or
/// shared (in SHAREDMODS), with its sources; shared modules' objects join
/// the objects make compiles.
static void
readLinkedModules(ConfiguredBuild &C,
                  const std::map<std::string, std::vector<std::string>> &Objs) {
  BuildInfo &B = C.Info;
  const Makefile &M = C.Make;
  std::string ExtSuffix = M.value("EXT_SUFFIX");
  llvm::StringSet<> Builtin;
  for (const std::string &O : makeWords(M.value("MODOBJS")))
    Builtin.insert(O);
  llvm::StringSet<> SharedTargets;
  for (const std::string &S : makeWords(M.value("SHAREDMODS")))
    SharedTargets.insert(S);
  for (const auto &[Name, Objects] : Objs) {
    ModuleBuild &MB = B.Modules[Name];
    MB.Name = Name;
    bool IsBuiltin = !Objects.empty() && Builtin.contains(Objects.front());
    bool IsShared = SharedTargets.contains("Modules/" + Name + ExtSuffix);
    if (!IsBuiltin && !IsShared)
      continue;
    MB.Linkage = IsBuiltin ? Linkage::Builtin : Linkage::Shared;
    if (MB.State.empty())
      MB.State = "yes";
    for (const std::string &O : Objects) {
      MB.Sources.push_back(locateSource(B, O.substr(0, O.size() - 2) + ".c"));
      if (IsShared)
        C.Objects.push_back(O);
    }
  }
}

/// Modules enabled in Setup.stdlib that makesetup did not turn into rules:
/// on 3.11 native builds setup.py compiles them as shared modules.
static void readSetupPyModules(ConfiguredBuild &C) {
  BuildInfo &B = C.Info;
  for (const SetupLine &L : C.SetupStdlib) {
    ModuleBuild &MB = B.Modules[L.Name];
    MB.Name = L.Name;
    if (!L.Enabled || MB.Linkage != Linkage::None || MB.State != "yes")
      continue;
    MB.Linkage = Linkage::Shared;
    C.SetupPyModules.push_back(L);
    for (const std::string &Src : L.Sources) {
      std::string File = locateSource(B, "Modules/" + Src);
      if (File.empty()) {
        B.Notes.push_back(L.Name + ": source Modules/" + Src +
                          " does not exist");
        continue;
      }
      MB.Sources.push_back(File);
    }
  }
}

static llvm::Error readModules(ConfiguredBuild &C) {
  BuildInfo &B = C.Info;
  C.SetupStdlib = readSetupFile(B.BuildDir + "/Modules/Setup.stdlib");
  readModuleStates(C);
  std::map<std::string, std::vector<std::string>> ModuleObjects = readRules(C);
  // A Makefile cut short (a full disk, an interrupted configure) keeps its
  // first variables but loses the core objects and the rule compiling them.
  C.Objects = makeWords(C.Make.value("LIBRARY_OBJS"));
  if (!C.SuffixRule || C.Objects.empty())
    return badInput("'" + C.MakefilePath + "' is incomplete (no " +
                    (C.SuffixRule ? "LIBRARY_OBJS" : ".c.o rule") +
                    "; truncated?); re-run configure in " + B.BuildDir);
  readLinkedModules(C, ModuleObjects);
  readSetupPyModules(C);
  return llvm::Error::success();
}

llvm::Expected<ConfiguredBuild> readConfiguredBuild(llvm::StringRef SourceDir,
                                                    llvm::StringRef BuildDir) {
  if (llvm::Error E = checkSourceTree(SourceDir))
    return std::move(E);
  ConfiguredBuild C;
  BuildInfo &B = C.Info;
  B.SourceDir = realPath(SourceDir);
  if (!fs::is_directory(BuildDir))
    return badInput(
        "build folder '" + BuildDir +
        "' does not exist; configure one with scripts/configure-native.sh " +
        SourceDir + " " + BuildDir);
  B.BuildDir = realPath(BuildDir);
  for (const char *Needed : {"Makefile", "pyconfig.h"}) {
    llvm::SmallString<256> P(B.BuildDir);
    path::append(P, Needed);
    if (!fs::exists(P))
      return badInput("'" + B.BuildDir +
                      "' is not a configured CPython build (no " + Needed +
                      "); run CPython's configure there, e.g. "
                      "scripts/configure-native.sh " +
                      B.SourceDir + " " + B.BuildDir);
  }
  llvm::SmallString<256> MakefilePath(B.BuildDir);
  path::append(MakefilePath, "Makefile");
  auto MOrErr = Makefile::read(MakefilePath);
  if (!MOrErr)
    return MOrErr.takeError();
  C.Make = std::move(*MOrErr);
  const Makefile &M = C.Make;
  if (!M.has("srcdir") || !M.has("VERSION") || !M.has("MODOBJS"))
    return badInput("'" + MakefilePath +
                    "' is not a Makefile written by CPython's configure (no "
                    "srcdir/VERSION/MODOBJS); re-run configure in " +
                    B.BuildDir);
  std::string Src = M.value("srcdir");
  if (!path::is_absolute(Src)) {
    llvm::SmallString<256> Abs(B.BuildDir);
    path::append(Abs, Src);
    Src = std::string(Abs);
  }
  if (realPath(Src) != B.SourceDir)
    return badInput("build folder '" + B.BuildDir +
                    "' was configured for sources '" + realPath(Src) +
                    "', not '" + B.SourceDir +
                    "'; pass the matching --source or configure a new build");
  B.Version = M.value("VERSION");
  B.Host =
      M.value("MULTIARCH").empty() ? M.value("MACHDEP") : M.value("MULTIARCH");
  B.MachDep = M.value("MACHDEP");
  B.CompilerCommand = M.value("CC");
  C.MakefilePath = std::string(MakefilePath);
  if (llvm::Error E = readModules(C))
    return std::move(E);
  return std::move(C);
}

} // namespace gapscan

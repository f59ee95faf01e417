//===- LibFacts.cpp -------------------------------------------------------===//
#include "python/LibFacts.h"
#include "config/TargetConfig.h"
#include "support/Error.h"
#include "support/FileUtil.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace gapscan {
namespace {

/// python/lib_facts.py, compiled in (python/CMakeLists.txt), so the tool's
/// identity covers the reader of the facts it caches.
const char *const LibFactsScript =
#include "LibFactsScript.inc"
    ;

using nlohmann::json;

PyCondition decodeCondition(const json &J) {
  static const std::pair<const char *, PyCondition::Op> Ops[] = {
      {"const", PyCondition::Op::Const},
      {"and", PyCondition::Op::And},
      {"or", PyCondition::Op::Or},
      {"not", PyCondition::Op::Not},
      {"hasattr", PyCondition::Op::HasAttr},
      {"exists", PyCondition::Op::Exists},
      {"isnone", PyCondition::Op::IsNone},
      {"truth", PyCondition::Op::Truth},
      {"cmp", PyCondition::Op::Compare},
      {"str", PyCondition::Op::String},
      {"contains", PyCondition::Op::Contains}};
  PyCondition C;
  std::string Op = J.value("op", "unknown");
  for (const auto &[Word, Kind] : Ops)
    if (Op == Word)
      C.Kind = Kind;
  C.Value = J.value("value", false);
  C.Object = J.value("obj", "");
  C.Attr = C.Kind == PyCondition::Op::Exists ? J.value("name", "")
                                             : J.value("attr", "");
  C.Compare = C.Kind == PyCondition::Op::String ? J.value("method", "")
                                                : J.value("cmp", "");
  if (J.contains("values"))
    C.Values = J["values"].get<std::vector<std::string>>();
  if (J.contains("args"))
    for (const json &A : J["args"])
      C.Args.push_back(decodeCondition(A));
  if (J.contains("arg"))
    C.Args.push_back(decodeCondition(J["arg"]));
  C.Text = J.value("text", "");
  return C;
}

PyFrame decodeFrame(const json &J) {
  PyFrame F;
  std::string T = J.at("t");
  F.FrameKind = T == "try"      ? PyFrame::Kind::Try
                : T == "except" ? PyFrame::Kind::Except
                : T == "else"   ? PyFrame::Kind::Else
                : T == "loop"   ? PyFrame::Kind::Loop
                                : PyFrame::Kind::If;
  if (J.contains("test"))
    F.Test = decodeCondition(J["test"]);
  F.Negated = J.value("neg", false);
  F.Line = J.value("line", 0u);
  F.Text = J.value("text", "");
  F.TryId = J.value("id", -1);
  F.Raises = J.value("raises", false);
  if (J.contains("caught"))
    F.Caught = J["caught"].get<std::vector<std::string>>();
  return F;
}

PyEvent decodeEvent(const json &J) {
  PyEvent E;
  std::string K = J.at("k");
  E.EventKind = K == "star"      ? PyEvent::Kind::Star
                : K == "all"     ? PyEvent::Kind::All
                : K == "convert" ? PyEvent::Kind::Convert
                : K == "dynamic" ? PyEvent::Kind::Dynamic
                : K == "spread"  ? PyEvent::Kind::Spread
                : K == "read"    ? PyEvent::Kind::Read
                                 : PyEvent::Kind::Bind;
  static const std::pair<const char *, PyEvent::How> Hows[] = {
      {"def", PyEvent::How::Def},       {"class", PyEvent::How::Class},
      {"import", PyEvent::How::Import}, {"from", PyEvent::How::From},
      {"none", PyEvent::How::None},     {"const", PyEvent::How::Const},
      {"del", PyEvent::How::Del}};
  std::string How = J.value("how", "assign");
  for (const auto &[Word, Kind] : Hows)
    if (How == Word)
      E.Binding = Kind;
  E.Name = J.value("name", "");
  E.Module = J.value("module", "");
  E.Level = J.value("level", 0);
  E.Attr = J.value("attr", "");
  E.Also = J.value("also", "");
  E.Alias = J.value("alias", "");
  E.Instance = J.value("instance", "");
  E.DirOf = J.value("dirof", "");
  if (J.contains("bases"))
    E.Bases = J["bases"].get<std::vector<std::string>>();
  E.Line = J.value("line", 0u);
  if (J.contains("ctx"))
    E.Context = J["ctx"].get<std::vector<int>>();
  if (E.Binding == PyEvent::How::Const && J.contains("value")) {
    const json &V = J["value"];
    E.ConstValue = V.is_string() ? V.get<std::string>() : V.dump();
    E.ConstTruth = V.is_string()    ? !V.get<std::string>().empty()
                   : V.is_boolean() ? V.get<bool>()
                   : V.is_number()  ? V.get<double>() != 0
                                    : false;
  } else if (J.contains("value") && J["value"].is_object()) {
    E.HasCondition = true;
    E.Condition = decodeCondition(J["value"]);
  }
  if (J.contains("members"))
    for (const json &M : J["members"])
      E.Members.push_back(decodeEvent(M));
  if (J.contains("body")) {
    auto Body = std::make_shared<PyBody>();
    for (const json &U : J["body"].value("uses", json::array()))
      Body->Uses.push_back({U.value("name", ""), U.value("line", 0u),
                            U.value("ctx", std::vector<int>{}),
                            U.value("call", false)});
    for (const json &R : J["body"].value("raises", json::array()))
      Body->Raises.push_back({R.value("exc", ""), R.value("text", ""),
                              R.value("line", 0u),
                              R.value("ctx", std::vector<int>{})});
    Body->Exits = J["body"].value("exits", std::vector<int>{});
    Body->Returns = J["body"].value("returns", std::vector<int>{});
    Body->Sets = J["body"].value("sets", std::map<std::string, std::string>{});
    E.Body = std::move(Body);
  }
  if (J.contains("names"))
    E.Names = J["names"].get<std::vector<std::string>>();
  if (J.contains("refs"))
    E.Refs = J["refs"].get<std::vector<std::string>>();
  E.AllOp = J.value("op", "");
  if (J.contains("source") && J["source"].is_string())
    E.Source = J["source"].get<std::string>();
  if (E.EventKind == PyEvent::Kind::Read)
    E.Source = J.value("obj", "");
  if (E.EventKind == PyEvent::Kind::Spread) {
    E.Source = J.value("obj", "");
    E.SpreadMembers = J.value("what", "") == "members";
    E.SpreadAttributes = J.value("what", "") == "attributes";
  }
  E.Global = J.value("global", false);
  if (J.contains("filter"))
    E.Filter = decodeCondition(J["filter"]);
  E.Text = J.value("text", "");
  return E;
}

bool skippedFolder(llvm::StringRef Name) {
  return Name == "test" || Name == "tests" || Name == "idle_test" ||
         Name == "site-packages" || Name == "__pycache__" ||
         Name.contains('-') || Name.contains('.');
}

void walk(llvm::StringRef Root, llvm::StringRef Dir, llvm::StringRef Prefix,
          std::vector<LibFile> &Out) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Path = It->path();
    llvm::StringRef Base = llvm::sys::path::filename(Path);
    llvm::SmallString<256> Init(Path);
    llvm::sys::path::append(Init, "__init__.py");
    std::string Relative = Path.drop_front(Root.size() + 1).str();
    if (llvm::sys::fs::is_directory(Path)) {
      if (skippedFolder(Base) || !llvm::sys::fs::exists(Init))
        continue;
      std::string Name = (Prefix + Base).str();
      Out.push_back({Name, Relative + "/__init__.py", true});
      walk(Root, Path, Name + ".", Out);
    } else if (Base.ends_with(".py") && Base != "__init__.py" &&
               !Base.drop_back(3).contains('.') &&
               !Base.drop_back(3).contains('-')) {
      Out.push_back({(Prefix + Base.drop_back(3)).str(), Relative, false});
    }
  }
}

/// Whether Python runs and its sys.version_info is Version ("3.11").
bool reportsVersion(const std::string &Python, const std::string &Version) {
  llvm::SmallString<128> Out;
  if (llvm::sys::fs::createTemporaryFile("gapscan-python-version", "out", Out))
    return false;
  auto Cleanup = llvm::make_scope_exit([&] { llvm::sys::fs::remove(Out); });
  std::optional<llvm::StringRef> Redirects[] = {"", Out.str(), ""};
  int RC = llvm::sys::ExecuteAndWait(
      Python,
      {Python, "-I", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"},
      std::nullopt, Redirects);
  auto Text = llvm::MemoryBuffer::getFile(Out);
  return RC == 0 && Text && (*Text)->getBuffer().trim() == Version;
}

} // namespace

std::string contentKey(llvm::StringRef Bytes) {
  return llvm::utohexstr(llvm::xxh3_64bits(Bytes), true);
}

std::string parserIdentity(llvm::StringRef SourceDir) {
  llvm::SmallString<256> Patchlevel(SourceDir);
  llvm::sys::path::append(Patchlevel, "Include", "patchlevel.h");
  auto Bytes = llvm::MemoryBuffer::getFile(Patchlevel);
  const char *Env = std::getenv("WASM_GAPSCAN_PYTHON");
  return contentKey(std::string(LibFactsScript) + "\n" +
                    (Bytes ? (*Bytes)->getBuffer().str() : "") + "\n" +
                    (Env ? Env : ""));
}

llvm::Expected<std::string> libPython(llvm::StringRef ScriptsDir,
                                      llvm::StringRef SourceDir) {
  if (const char *Env = std::getenv("WASM_GAPSCAN_PYTHON"); Env && *Env) {
    if (!llvm::sys::fs::can_execute(Env))
      return badInput(llvm::Twine("WASM_GAPSCAN_PYTHON=") + Env +
                      " is not an executable; point it at a Python of the "
                      "checkout's version or unset it");
    return std::string(Env);
  }
  // A Python of the checkout's major.minor already here: Debian's
  // pythonX.Y, or a build python made for another checkout of that version.
  llvm::SmallString<256> Patchlevel(SourceDir);
  llvm::sys::path::append(Patchlevel, "Include", "patchlevel.h");
  std::string Major, Minor;
  if (auto Bytes = llvm::MemoryBuffer::getFile(Patchlevel)) {
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Bytes)->getBuffer().split(Lines, '\n');
    for (llvm::StringRef L : Lines) {
      llvm::SmallVector<llvm::StringRef, 4> Words;
      L.split(Words, ' ', -1, false);
      if (Words.size() >= 3 && Words[0] == "#define") {
        if (Words[1] == "PY_MAJOR_VERSION")
          Major = Words[2].str();
        else if (Words[1] == "PY_MINOR_VERSION")
          Minor = Words[2].str();
      }
    }
  }
  if (!Major.empty() && !Minor.empty()) {
    std::string Version = Major + "." + Minor;
    llvm::SmallString<256> Builds(defaultCacheDir());
    llvm::sys::path::append(Builds, "builds");
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Builds, EC), End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      // scripts/configure-target.sh's buildpython-X.Y.Z-HASH folders.
      if (Name.starts_with("buildpython-" + Version + ".")) {
        llvm::SmallString<256> Exe(It->path());
        llvm::sys::path::append(Exe, "python");
        if (llvm::sys::fs::can_execute(Exe))
          return Exe.str().str();
      }
    }
    // A pythonX.Y on PATH may be a shim for a version not installed
    // (pyenv): it must run and say it is X.Y.
    if (auto OnPath = llvm::sys::findProgramByName("python" + Version))
      if (reportsVersion(*OnPath, Version))
        return *OnPath;
  }
  auto Python =
      configureTarget(ScriptsDir.str(), "buildpython", SourceDir.str());
  if (!Python)
    return badInput("cannot build the checkout's own Python to read Lib/ (" +
                    llvm::toString(Python.takeError()) +
                    "); set WASM_GAPSCAN_PYTHON to a Python of its version");
  return *Python;
}

std::vector<LibFile> libFiles(llvm::StringRef SourceDir) {
  std::vector<LibFile> Out;
  llvm::SmallString<256> Lib(SourceDir);
  llvm::sys::path::append(Lib, "Lib");
  walk(SourceDir, Lib, "", Out);
  std::sort(Out.begin(), Out.end(), [](const LibFile &A, const LibFile &B) {
    return A.Module < B.Module;
  });
  return Out;
}

llvm::Expected<PyFileFacts> decodeFileFacts(llvm::StringRef Json) {
  json J = json::parse(Json.begin(), Json.end(), nullptr, false);
  if (J.is_discarded() || !J.is_object())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "Lib/ facts are not a JSON object");
  try {
    PyFileFacts F;
    if (J.contains("error")) {
      F.Error = J["error"].get<std::string>();
      return F;
    }
    for (const json &E : J.at("events"))
      F.Events.push_back(decodeEvent(E));
    for (const json &Fr : J.at("frames"))
      F.Frames.push_back(decodeFrame(Fr));
    return F;
  } catch (const json::exception &E) {
    return llvm::createStringError(std::errc::invalid_argument,
                                   "Lib/ facts malformed: %s", E.what());
  }
}

llvm::Expected<PyLibrary> readLibrary(llvm::StringRef Root,
                                      const std::vector<LibFile> &Files,
                                      llvm::StringRef Python,
                                      llvm::StringRef FactsFolder) {
  PyLibrary Library;
  std::string Folder = FactsFolder.str();
  // What the cache has; the rest goes to one run of the script.
  std::vector<std::string> Keys(Files.size());
  std::vector<std::string> Missing;
  std::vector<size_t> MissingIndex;
  std::vector<std::string> Encoded(Files.size());
  for (size_t I = 0; I < Files.size(); ++I) {
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, Files[I].Path);
    auto Bytes = llvm::MemoryBuffer::getFile(Path);
    if (!Bytes)
      return badInput("cannot read " + Path + ": " +
                      Bytes.getError().message());
    Keys[I] = contentKey((*Bytes)->getBuffer());
    if (!Folder.empty()) {
      auto Cached =
          llvm::MemoryBuffer::getFile(Folder + "/" + Keys[I] + ".json");
      if (Cached) {
        Encoded[I] = (*Cached)->getBuffer().str();
        ++Library.FilesCached;
        continue;
      }
    }
    Missing.push_back(Path.str().str());
    MissingIndex.push_back(I);
  }
  if (!Missing.empty()) {
    llvm::SmallString<128> Script, In, Out, Err;
    llvm::sys::fs::createTemporaryFile("gapscan-lib-facts", "py", Script);
    llvm::sys::fs::createTemporaryFile("gapscan-lib-facts", "in", In);
    llvm::sys::fs::createTemporaryFile("gapscan-lib-facts", "out", Out);
    llvm::sys::fs::createTemporaryFile("gapscan-lib-facts", "err", Err);
    auto Cleanup = llvm::make_scope_exit([&] {
      for (auto *F : {&Script, &In, &Out, &Err})
        llvm::sys::fs::remove(*F);
    });
    replaceFileAtomically(Script, LibFactsScript);
    replaceFileAtomically(In, llvm::join(Missing, "\n") + "\n");
    std::optional<llvm::StringRef> Redirects[] = {In.str(), Out.str(),
                                                  Err.str()};
    int RC = llvm::sys::ExecuteAndWait(Python, {Python, "-I", Script.str()},
                                       std::nullopt, Redirects);
    auto Output = llvm::MemoryBuffer::getFile(Out);
    if (RC != 0 || !Output) {
      auto Why = llvm::MemoryBuffer::getFile(Err);
      llvm::StringRef Last =
          Why ? (*Why)->getBuffer().trim().rsplit('\n').second : "";
      return badInput(
          "reading Lib/ with " + Python + " failed (" +
          (Last.empty() ? "status " + std::to_string(RC) : Last.str()) +
          "); set WASM_GAPSCAN_PYTHON to a working Python of the "
          "checkout's version");
    }
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Output)->getBuffer().split(Lines, '\n', -1, false);
    if (Lines.size() != Missing.size())
      return badInput("reading Lib/ with " + Python + " gave " +
                      llvm::Twine(Lines.size()) + " answers for " +
                      llvm::Twine(Missing.size()) +
                      " files; set WASM_GAPSCAN_PYTHON to a Python of the "
                      "checkout's version");
    for (size_t K = 0; K < Lines.size(); ++K) {
      json J = json::parse(Lines[K].begin(), Lines[K].end(), nullptr, false);
      if (J.is_discarded() || !J.is_object())
        return badInput("reading Lib/ with " + Python +
                        " printed something that is not JSON; set "
                        "WASM_GAPSCAN_PYTHON to a Python of the checkout's "
                        "version");
      json Facts = J.contains("facts") ? J["facts"]
                                       : json{{"error", J.value("error", "?")}};
      std::string Text = Facts.dump();
      size_t I = MissingIndex[K];
      if (!Folder.empty())
        replaceFileAtomically(Folder + "/" + Keys[I] + ".json", Text);
      Encoded[I] = std::move(Text);
      ++Library.FilesRead;
    }
  }
  for (size_t I = 0; I < Files.size(); ++I) {
    auto Facts = decodeFileFacts(Encoded[I]);
    if (!Facts)
      return Facts.takeError();
    PyModuleSource M;
    M.Name = Files[I].Module;
    M.Path = Files[I].Path;
    M.Package = Files[I].Package;
    M.Facts = std::make_shared<const PyFileFacts>(std::move(*Facts));
    Library.Modules[M.Name] = std::move(M);
  }
  return Library;
}

} // namespace gapscan

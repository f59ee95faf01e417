//===- TargetConfig.cpp ---------------------------------------------------===//
#include "config/TargetConfig.h"
#include "config/SysconfigBuild.h"
#include "model/Targets.h"
#include "support/FileUtil.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <cstdlib>
#include <functional>
#include <memory>

namespace gapscan {

std::string defaultScriptsDir(const std::string &Executable) {
  if (const char *Env = std::getenv("WASM_GAPSCAN_SCRIPTS"))
    return Env;
  llvm::SmallString<256> Dir(Executable);
  llvm::sys::path::remove_filename(Dir);
  llvm::sys::path::append(Dir, "..", "scripts");
  return std::string(Dir);
}

/// Whether the checkout's configure script mentions an option (its help
/// text lists every --with-X it takes). A checkout whose configure cannot
/// be read has every option, so the table's first rows are kept and the
/// configure script names the real problem.
static std::function<bool(llvm::StringRef)>
configureOptions(llvm::StringRef SourceDir) {
  llvm::SmallString<256> Configure(SourceDir);
  llvm::sys::path::append(Configure, "configure");
  auto Buffer = llvm::MemoryBuffer::getFile(Configure);
  if (!Buffer)
    return [](llvm::StringRef) { return true; };
  std::shared_ptr<llvm::MemoryBuffer> Text = std::move(*Buffer);
  return [Text](llvm::StringRef Option) {
    return Text->getBuffer().contains(Option);
  };
}

std::vector<std::string> checkoutTargetNames(llvm::StringRef SourceDir) {
  return webAssemblyTargetNames(configureOptions(SourceDir));
}

std::string targetNotInCheckout(llvm::StringRef SourceDir,
                                llvm::StringRef Name) {
  return targetNotInCheckout(Name, configureOptions(SourceDir));
}

llvm::Expected<std::string> configureTarget(const std::string &ScriptsDir,
                                            const std::string &Target,
                                            const std::string &SourceDir) {
  llvm::SmallString<256> Script(ScriptsDir);
  llvm::sys::path::append(Script, "configure-target.sh");
  if (!llvm::sys::fs::exists(Script))
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "%s not found; pass --scripts-dir (the "
                                   "repository's scripts/) or --build %s=DIR",
                                   Script.c_str(), Target.c_str());
  llvm::SmallString<128> Out, Err;
  llvm::sys::fs::createTemporaryFile("gapscan-configure", "out", Out);
  llvm::sys::fs::createTemporaryFile("gapscan-configure", "err", Err);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Out.str(),
                                                Err.str()};
  std::string Bash = llvm::sys::findProgramByName("bash").get();
  int RC = llvm::sys::ExecuteAndWait(
      Bash, {Bash, Script.str(), Target, SourceDir}, std::nullopt, Redirects);
  auto Read = [](llvm::StringRef P) {
    auto B = llvm::MemoryBuffer::getFile(P);
    return B ? (*B)->getBuffer().trim().str() : std::string();
  };
  std::string Stdout = Read(Out), Stderr = Read(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (RC != 0) {
    llvm::StringRef Last = llvm::StringRef(Stderr).rsplit('\n').second;
    if (Last.empty())
      Last = Stderr;
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   Last.str().c_str());
  }
  llvm::StringRef Dir = llvm::StringRef(Stdout).rsplit('\n').second;
  return (Dir.empty() ? llvm::StringRef(Stdout) : Dir).str();
}

llvm::Expected<std::string> buildFromSysconfig(llvm::StringRef File,
                                               llvm::StringRef Sysroot,
                                               llvm::StringRef SourceDir,
                                               llvm::StringRef ScriptsDir) {
  llvm::Expected<SysconfigData> Data = readSysconfigData(File);
  if (!Data)
    return Data.takeError();
  std::string Companion = installedPyconfig(*Data);
  if (Companion.empty()) {
    // The checkout's own target of that platform: 3.14's "emscripten", not
    // the table's first Emscripten row (emscripten-node, 3.11-3.13 only).
    std::string Same = samePlatformTarget(*Data).str();
    if (std::string Own = counterpartIn(Same, checkoutTargetNames(SourceDir));
        !Own.empty())
      Same = Own;
    llvm::Expected<std::string> Configured =
        configureTarget(ScriptsDir.str(), Same, SourceDir.str());
    if (!Configured)
      return Configured.takeError();
    Companion = *Configured + "/pyconfig.h";
  }
  return materializeBuild(*Data, SourceDir, Sysroot, defaultCacheDir(),
                          Companion);
}

} // namespace gapscan

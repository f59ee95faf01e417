//===- FileUtil.cpp -------------------------------------------------------===//
#include "support/FileUtil.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace gapscan {

bool replaceFileAtomically(llvm::StringRef Path, llvm::StringRef Bytes) {
  // llvm::writeToOutput writes a temporary file beside Path and renames it
  // over Path. A read-only folder disables caching rather than failing the
  // run.
  if (llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
        OS << Bytes;
        return llvm::Error::success();
      })) {
    llvm::consumeError(std::move(E));
    return false;
  }
  return true;
}

std::string fileIdentity(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (Path.empty() || llvm::sys::fs::status(Path, Status))
    return Path.str();
  llvm::sys::fs::UniqueID ID = Status.getUniqueID();
  return Path.str() + '\0' + std::to_string(ID.getDevice()) + ':' +
         std::to_string(ID.getFile()) + ':' + std::to_string(Status.getSize()) +
         ':' +
         std::to_string(
             Status.getLastModificationTime().time_since_epoch().count());
}

std::string runningToolIdentity() {
  static const std::string Identity =
      fileIdentity(llvm::sys::fs::getMainExecutable(nullptr, nullptr));
  return Identity;
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (Path == "-")
    return llvm::Error::success();
  llvm::SmallString<256> Dir(Path);
  llvm::sys::path::remove_filename(Dir);
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir) ||
      llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError(std::errc::permission_denied,
                                   "cannot write %s: folder %s is missing or "
                                   "not writable; choose a writable -o path",
                                   Path.str().c_str(), Dir.c_str());
  return llvm::Error::success();
}

llvm::Error writeOutput(llvm::StringRef Path, llvm::StringRef Text) {
  if (Path == "-") {
    llvm::outs() << Text;
    llvm::outs().flush();
    return llvm::Error::success();
  }
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return llvm::createStringError(
        EC, "cannot write %s: %s; choose a writable -o path",
        Path.str().c_str(), EC.message().c_str());
  Out << Text;
  Out.close();
  if (Out.has_error())
    return llvm::createStringError(Out.error(), "writing %s failed: %s",
                                   Path.str().c_str(),
                                   Out.error().message().c_str());
  return llvm::Error::success();
}

std::string defaultCacheDir() {
  if (auto Env = llvm::sys::Process::GetEnv("WASM_GAPSCAN_CACHE"))
    return *Env;
  llvm::SmallString<256> Home;
  if (!llvm::sys::path::home_directory(Home))
    Home = "/tmp";
  llvm::sys::path::append(Home, ".cache", "wasm-gapscan");
  return std::string(Home);
}

} // namespace gapscan

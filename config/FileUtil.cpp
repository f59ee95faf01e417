//===- FileUtil.cpp -------------------------------------------------------===//
#include "config/FileUtil.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
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

} // namespace gapscan

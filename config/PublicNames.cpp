//===- PublicNames.cpp ----------------------------------------------------===//
#include "config/PublicNames.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <set>

namespace gapscan {

std::vector<FromImport> fromImports(llvm::StringRef Python) {
  std::vector<FromImport> Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Python.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    bool Indented = L.starts_with(" ") || L.starts_with("\t");
    L = L.trim();
    if (!L.consume_front("from "))
      continue;
    L = L.ltrim();
    size_t End = L.find_first_of(" \t");
    if (End == llvm::StringRef::npos)
      continue;
    llvm::StringRef Module = L.take_front(End);
    llvm::StringRef Rest = L.drop_front(End).ltrim();
    if (!Rest.consume_front("import") || Module.starts_with("."))
      continue;
    Rest = Rest.ltrim();
    Out.push_back({Module.str(), Rest.starts_with("*"), Indented});
  }
  return Out;
}

std::map<std::string, std::string>
publicModuleNames(llvm::StringRef SourceDir,
                  const std::vector<std::string> &CModules) {
  std::set<std::string> Wanted(CModules.begin(), CModules.end());
  // Best candidate per C module: (star?, name).
  std::map<std::string, std::pair<bool, std::string>> Best;
  llvm::SmallString<256> Lib(SourceDir);
  llvm::sys::path::append(Lib, "Lib");
  std::error_code EC;
  auto Consider = [&](const std::string &Public, llvm::StringRef Path) {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf)
      return;
    for (const auto &[Module, Star, Indented] :
         fromImports((*Buf)->getBuffer())) {
      if (!Wanted.count(Module) || Module == Public || Public.front() == '_')
        continue;
      // A public C module (termios) stays public under its own name even
      // if another module star-imports it (Lib/tty.py); only a platform
      // dispatch (Lib/os.py: `if 'posix' in _names: from posix import *`)
      // makes it a private face of another module.
      if (Module.front() != '_' && !Indented)
        continue;
      // An explicit `from _x import a, b` is the public face of _x only in
      // the module named x (Lib/io.py for _io); elsewhere it is a mere use
      // (Lib/gettext.py: from errno import ENOENT).
      if (!Star && llvm::StringRef(Module).ltrim('_') != Public)
        continue;
      auto It = Best.find(Module);
      bool Better = It == Best.end() || (Star && !It->second.first) ||
                    (Star == It->second.first &&
                     Public.size() < It->second.second.size());
      if (Better)
        Best[Module] = {Star, Public};
    }
  };
  for (llvm::sys::fs::directory_iterator It(Lib, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    std::string Name = llvm::sys::path::stem(P).str();
    if (P.ends_with(".py"))
      Consider(Name, P);
    else if (llvm::sys::fs::is_directory(P)) {
      llvm::SmallString<256> Init(P);
      llvm::sys::path::append(Init, "__init__.py");
      Consider(llvm::sys::path::filename(P).str(), Init);
    }
  }
  std::map<std::string, std::string> Result;
  for (const std::string &M : CModules) {
    auto It = Best.find(M);
    Result[M] = It != Best.end() ? It->second.second : M;
  }
  return Result;
}

bool publicModuleRequires(llvm::StringRef SourceDir, llvm::StringRef Public,
                          llvm::StringRef CModule) {
  if (Public == CModule)
    return true;
  for (const char *Suffix : {".py", "/__init__.py"}) {
    llvm::SmallString<256> Path(SourceDir);
    llvm::sys::path::append(Path, "Lib", Public + Suffix);
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf)
      continue;
    // Top level: the import fails with the C module missing. Inside a block
    // (Lib/hashlib.py's try/except, Lib/os.py's platform dispatch) the
    // module has another way.
    for (const FromImport &I : fromImports((*Buf)->getBuffer()))
      if (I.Module == CModule && !I.Indented)
        return true;
    return false;
  }
  return true;
}

} // namespace gapscan

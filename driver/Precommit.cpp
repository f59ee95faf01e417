//===- Precommit.cpp ------------------------------------------------------===//
#include "driver/Precommit.h"
#include "llvm/Support/Path.h"

namespace gapscan {

ChangeSet classifyChanges(const std::vector<std::string> &Files) {
  ChangeSet C;
  for (const std::string &F : Files) {
    llvm::StringRef P(F);
    P.consume_front("./");
    llvm::StringRef Name = llvm::sys::path::filename(P);
    if (P == "configure" || P == "configure.ac" || P == "pyconfig.h.in" ||
        P == "Makefile.pre.in" || P.starts_with("Modules/Setup") ||
        Name.starts_with("config.site"))
      C.Configuration.push_back(F);
    else if (P.ends_with(".c") || P.ends_with(".h"))
      C.Sources.push_back(F);
    else if (P.starts_with("Doc/") && P.ends_with(".rst"))
      C.Docs.push_back(F);
    else if (P.starts_with("Lib/") && P.ends_with(".py") &&
             !P.starts_with("Lib/test/") && !P.contains("/tests/") &&
             !P.contains("/idle_test/"))
      C.Python.push_back(F);
    else
      C.Other.push_back(F);
  }
  return C;
}

} // namespace gapscan

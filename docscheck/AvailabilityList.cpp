//===- AvailabilityList.cpp -----------------------------------------------===//
//
// parseAvailabilityList and availabilityExcludes of docscheck/DocsReader.h:
// the platforms an `.. availability::` note names, and what they exclude.
//
//===----------------------------------------------------------------------===//
#include "docscheck/DocsReader.h"
#include "docscheck/RstSyntax.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace gapscan {

using docsreader::collapseSpaces;
using docsreader::contains;
using llvm::StringRef;

namespace {
/// KNOWN_PLATFORMS of 3.13's Doc/tools/extensions/availability.py (platforms,
/// libcs, threading implementations); 3.11's pyspecific.py list is a subset.
const StringRef KnownPlatforms[] = {
    "AIX",          "Android", "BSD",   "DragonFlyBSD", "Emscripten", "FreeBSD",
    "GNU/kFreeBSD", "iOS",     "Linux", "macOS",        "NetBSD",     "OpenBSD",
    "POSIX",        "Solaris", "Unix",  "VxWorks",      "WASI",       "Windows",
    "BSD libc",     "glibc",   "musl",  "pthreads"};
} // namespace

std::vector<PlatformTerm>
parseAvailabilityList(StringRef Text, std::vector<std::string> *Warnings) {
  std::vector<PlatformTerm> Terms;
  std::string Norm = collapseSpaces(Text);
  StringRef S = StringRef(Norm).rtrim('.').rtrim();
  llvm::SmallVector<StringRef, 8> Parts;
  S.split(Parts, ',');
  for (StringRef P : Parts) {
    P = P.trim();
    if (P.empty()) {
      if (Warnings)
        Warnings->push_back("empty platform term in availability '" +
                            Text.str() + "'");
      continue;
    }
    PlatformTerm T;
    if (P.consume_front("not ")) {
      T.Negated = true;
      P = P.ltrim();
    }
    // availability.py partitions at " >= "; "Linux >= 3.17 with glibc >=
    // 2.27" keeps the libc part in the version, and so do we. A bare
    // " with ..." (no kernel version) is split here too.
    size_t Cut = std::min(P.find_first_of("<>="), P.find(" with "));
    T.Platform = P.take_front(Cut).trim().str();
    T.Version = Cut == StringRef::npos ? "" : P.drop_front(Cut).trim().str();
    if (T.Platform.empty()) {
      if (Warnings)
        Warnings->push_back("term '" + P.str() +
                            "' without a platform in "
                            "availability '" +
                            Text.str() + "'");
      continue;
    }
    if (Warnings && !contains(KnownPlatforms, T.Platform))
      Warnings->push_back("unknown platform '" + T.Platform +
                          "' in availability '" + Text.str() +
                          "' (not in availability.py's KNOWN_PLATFORMS)");
    Terms.push_back(std::move(T));
  }
  return Terms;
}

bool availabilityNegates(const AvailabilityNote &Note, StringRef Platform) {
  return llvm::any_of(Note.Terms, [&](const PlatformTerm &T) {
    return T.Negated && T.Platform == Platform;
  });
}

bool availabilityExcludes(const AvailabilityNote &Note, StringRef Name,
                          std::string *Reason) {
  if (availabilityNegates(Note, Name)) {
    if (Reason)
      *Reason = "not " + Name.str();
    return true;
  }
  std::vector<std::string> Positive;
  for (const PlatformTerm &T : Note.Terms) {
    if (T.Negated)
      continue;
    // library/intro.rst: WASI and Emscripten are Unix-like POSIX subsets.
    // musl is Emscripten's libc and pthreads are a build option of both, so
    // those terms do not rule a wasm target out either.
    if (T.Platform == Name || T.Platform == "Unix" || T.Platform == "POSIX" ||
        T.Platform == "musl" || T.Platform == "pthreads")
      return false;
    Positive.push_back(T.Version.empty() ? T.Platform
                                         : T.Platform + " " + T.Version);
  }
  if (Positive.empty())
    return false;
  if (Reason)
    *Reason = "only " + llvm::join(Positive, ", ");
  return true;
}

} // namespace gapscan

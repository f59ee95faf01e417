// libFuzzer target: the Doc/ reader (reST pages, availability lists and
// intro.rst's WebAssembly section), on bytes shaped like Doc/library pages.
#include "FuzzEntryPoints.h"
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  gapscan::fuzz::rstInput(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  return 0;
}

// libFuzzer target: the Makefile reader (config/MakefileReader) and the
// Modules/Setup reader, on bytes shaped like CPython's generated Makefile.
#include "FuzzEntryPoints.h"
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  gapscan::fuzz::makefileInput(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  return 0;
}

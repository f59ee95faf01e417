// libFuzzer target: the readers of what the tool wrote itself and reads
// back — cached facts (MessagePack/JSON) — and the Python import reader of
#include "FuzzEntryPoints.h"
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  gapscan::fuzz::cacheInput(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  return 0;
}

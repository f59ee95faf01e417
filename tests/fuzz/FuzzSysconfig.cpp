// libFuzzer target: the sysconfig data reader (_sysconfigdata_*.py literal
// and JSON), on bytes shaped like real _sysconfigdata files.
#include "FuzzEntryPoints.h"
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  gapscan::fuzz::sysconfigInput(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  return 0;
}

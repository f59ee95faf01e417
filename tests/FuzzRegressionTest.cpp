// Replays every input kept in tests/fuzz/regressions/TARGET/ (crashes found by
// scripts/fuzz.sh, plus hand-written edge cases) through the same entry point
// as the fuzz target, so a fixed crash stays fixed in the normal build.
#include "fuzz/FuzzEntryPoints.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <gtest/gtest.h>

// Checks that each saved input runs through its parser without crashing
// (ASan/UBSan builds also check memory and undefined behaviour).
TEST(FuzzRegressions, SavedInputsDoNotCrash) {
  std::error_code EC;
  unsigned Inputs = 0;
  for (llvm::sys::fs::directory_iterator Dir(GAPSCAN_FUZZ_REGRESSIONS, EC), End;
       Dir != End && !EC; Dir.increment(EC)) {
    llvm::StringRef Target = llvm::sys::path::filename(Dir->path());
    auto Entry = gapscan::fuzz::entryPoint(Target);
    ASSERT_NE(Entry, nullptr) << "unknown fuzz target folder " << Target.str();
    std::error_code EC2;
    for (llvm::sys::fs::directory_iterator F(Dir->path(), EC2), FEnd;
         F != FEnd && !EC2; F.increment(EC2)) {
      auto Buffer = llvm::MemoryBuffer::getFile(F->path());
      ASSERT_TRUE(static_cast<bool>(Buffer)) << F->path();
      SCOPED_TRACE(F->path());
      Entry((*Buffer)->getBuffer());
      ++Inputs;
    }
  }
  EXPECT_GE(Inputs, 4u);
}

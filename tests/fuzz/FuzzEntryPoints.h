//===- FuzzEntryPoints.h - What each fuzz target feeds ---------*- C++ -*-===//
//
// Shared by the libFuzzer binaries (tests/fuzz/Fuzz*.cpp) and the unit test
// that replays their saved crash inputs (tests/FuzzRegressionTest.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_TESTS_FUZZ_FUZZENTRYPOINTS_H
#define WASM_GAPSCAN_TESTS_FUZZ_FUZZENTRYPOINTS_H

#include "llvm/ADT/StringRef.h"

namespace gapscan::fuzz {

/// The Makefile reader and the Modules/Setup reader.
void makefileInput(llvm::StringRef Text);
/// The sysconfig data reader (.py literal and JSON).
void sysconfigInput(llvm::StringRef Text);
/// The Doc/ reader: pages, availability lists, intro.rst's section.
void rstInput(llvm::StringRef Text);
/// Readers of what the tool wrote itself: cached facts, baselines; and the
/// Python import reader of config/PublicNames.
void cacheInput(llvm::StringRef Text);

/// The entry point of a fuzz target by its name (FuzzMakefile, ...).
void (*entryPoint(llvm::StringRef Target))(llvm::StringRef);

} // namespace gapscan::fuzz

#endif

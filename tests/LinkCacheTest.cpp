//===- LinkCacheTest.cpp - Cached facts and links reused only where valid -===//
#include "link/LinkCache.h"
#include "collect/FactsCache.h"
#include "collect/UnitRunner.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <chrono>
#include <gtest/gtest.h>
#include <thread>

using namespace gapscan;

namespace {

BuildInfo build() {
  BuildInfo B;
  B.SourceDir = "/src";
  B.BuildDir = "/build";
  B.Version = "3.13";
  B.Units = {{"/src/Modules/a.c", "/build", {"cc"}},
             {"/src/Modules/b.c", "/build", {"cc"}}};
  B.Modules["a"] = {"a", "yes", Linkage::Shared, {"/src/Modules/a.c"}};
  return B;
}

ItemsReport items(const std::string &Name) {
  ItemsReport R;
  R.SourceDir = "/src";
  ModuleItems M;
  M.Name = "a";
  M.Items.push_back({Name, ItemKind::Function, {{"Modules/a.c:1", "", {}}}});
  R.Modules.push_back(M);
  return R;
}

class LinkCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("linkcache", Dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }
  /// The facts of /src/Modules/a.c, which read one input: Dir/pyconfig.h.
  TUFacts unitReadingAHeader() {
    llvm::SmallString<128> Header(Dir);
    llvm::sys::path::append(Header, "pyconfig.h");
    EXPECT_TRUE(replaceFileAtomically(Header, "#define HAVE_FORK 1\n"));
    TUFacts Facts;
    Facts.MainFile = "/src/Modules/a.c";
    Facts.Inputs = {std::string(Header.str())};
    return Facts;
  }
  llvm::SmallString<128> Dir;
};

} // namespace

// The key changes with any unit's facts digest and with what linking reads
// of the build (a module's configure state), and with nothing else.
TEST_F(LinkCacheTest, KeyFollowsFactsAndBuild) {
  BuildInfo B = build();
  uint64_t K = LinkCache::key(B, {1, 2});
  EXPECT_EQ(K, LinkCache::key(B, {1, 2}));
  EXPECT_NE(K, LinkCache::key(B, {1, 3}));
  EXPECT_NE(K, LinkCache::key(B, {2, 1}));
  BuildInfo NA = B;
  NA.Modules["a"].State = "n/a";
  EXPECT_NE(K, LinkCache::key(NA, {1, 2}));
  BuildInfo Flags = B;
  Flags.Units[0].Arguments.push_back("-DX"); // reaches linking via the facts
  EXPECT_EQ(K, LinkCache::key(Flags, {1, 2}));
}

// A stored result is found under its key only; storing again for the same
// folders replaces it (one entry per build, not one per edit).
TEST_F(LinkCacheTest, FindsOnlyTheCurrentResult) {
  LinkCache Cache{std::string(Dir)};
  BuildInfo B = build();
  uint64_t Old = LinkCache::key(B, {1, 2}), New = LinkCache::key(B, {1, 3});
  EXPECT_FALSE(Cache.lookup(B, Old));
  Cache.store(B, Old, items("before"), {});
  std::optional<LinkEntry> Hit = Cache.lookup(B, Old);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(Hit->Items.Modules[0].Items[0].Name, "before");
  EXPECT_FALSE(Cache.lookup(B, New));
  Cache.store(B, New, items("after"), {});
  EXPECT_FALSE(Cache.lookup(B, Old));
  ASSERT_TRUE(Cache.lookup(B, New));
  EXPECT_EQ(Cache.lookup(B, New)->Items.Modules[0].Items[0].Name, "after");
  BuildInfo Other = B;
  Other.BuildDir = "/build-wasi";
  EXPECT_FALSE(Cache.lookup(Other, New));
}

// A damaged entry is a miss, not a crash or a wrong result.
TEST_F(LinkCacheTest, DamagedEntryIsAMiss) {
  LinkCache Cache{std::string(Dir)};
  BuildInfo B = build();
  uint64_t K = LinkCache::key(B, {1, 2});
  Cache.store(B, K, items("x"), {});
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".link")) {
      auto Whole = llvm::MemoryBuffer::getFile(It->path());
      ASSERT_TRUE(bool(Whole));
      std::string Half = (*Whole)->getBuffer().take_front(30).str();
      ASSERT_TRUE(replaceFileAtomically(It->path(), Half));
    }
  EXPECT_FALSE(Cache.lookup(B, K));
}

// Checks that a facts-cache entry is found only from the working directory
// it was made in: Emscripten's node and browser builds run the same command
// lines in two folders, where `-I.` reads each folder's own pyconfig.h, and
// an entry lists only the inputs its own run read.
TEST_F(LinkCacheTest, FactsEntriesAreKeyedByWorkingDirectory) {
  TUFacts Facts = unitReadingAHeader();
  FactsCache Cache(std::string(Dir.str()));
  std::vector<std::string> CommandLine = {"clang", "-I.", "/src/Modules/a.c"};
  Cache.store(CommandLine, "/build/node", Facts);
  EXPECT_TRUE(
      Cache.find(CommandLine, "/build/node", Facts.MainFile).has_value());
  EXPECT_FALSE(
      Cache.find(CommandLine, "/build/browser", Facts.MainFile).has_value());
}

// Checks that a rebuilt tool does not read the facts an earlier build of it
// stored: its extractors may record other facts from the same unchanged
// inputs (a fix to them once left stale facts behind a FactsCacheVersion
// nobody bumped). The identity is the executable's (path, inode, size,
// mtime); two identities stand for the builds here.
TEST_F(LinkCacheTest, RebuiltToolDoesNotReadOldFacts) {
  TUFacts Facts = unitReadingAHeader();
  std::vector<std::string> CommandLine = {"clang", "/src/Modules/a.c"};
  FactsCache(std::string(Dir.str()), "tool build 1")
      .store(CommandLine, "/build", Facts);
  EXPECT_TRUE(FactsCache(std::string(Dir.str()), "tool build 1")
                  .find(CommandLine, "/build", Facts.MainFile)
                  .has_value());
  EXPECT_FALSE(FactsCache(std::string(Dir.str()), "tool build 2")
                   .find(CommandLine, "/build", Facts.MainFile)
                   .has_value());
  // The default is the running executable's identity.
  EXPECT_EQ(runningToolIdentity(), runningToolIdentity());
  EXPECT_NE(runningToolIdentity().find("gapscan_tests"), std::string::npos);
}

// Checks that only the most recently used tool builds keep their facts:
// each build's folder holds a full set of entries, and a developer
// rebuilding all day would otherwise fill the disk (3 GB in one session).
TEST_F(LinkCacheTest, OnlyRecentToolBuildsKeepTheirFacts) {
  TUFacts Facts = unitReadingAHeader();
  std::vector<std::string> CommandLine = {"clang", "/src/Modules/a.c"};
  unsigned Builds = FactsCache::KeptToolFolders + 2;
  for (unsigned B = 0; B < Builds; ++B) {
    FactsCache(std::string(Dir.str()), "build " + std::to_string(B))
        .store(CommandLine, "/build", Facts);
    // Folder times have a resolution; keep the order unambiguous.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Only the kept builds are looked up: looking an old one up would make
  // its folder again.
  for (unsigned B = Builds - FactsCache::KeptToolFolders; B < Builds; ++B)
    EXPECT_TRUE(FactsCache(std::string(Dir.str()), "build " + std::to_string(B))
                    .find(CommandLine, "/build", Facts.MainFile)
                    .has_value())
        << B;
  unsigned Folders = 0;
  std::error_code EC;
  llvm::SmallString<128> VersionFolder(Dir);
  llvm::sys::path::append(VersionFolder,
                          "facts-v" + std::to_string(FactsCacheVersion));
  for (llvm::sys::fs::directory_iterator It(VersionFolder, EC), End;
       It != End && !EC; It.increment(EC))
    Folders += llvm::sys::path::filename(It->path()).starts_with("tool-");
  EXPECT_EQ(Folders, FactsCache::KeptToolFolders);
}

// Checks that two units compiling one file with other flags each get the
// facts of their own command line, in unit order (the Clang pass used to
// pair facts with units by main file, first come first served).
TEST_F(LinkCacheTest, UnitsOfOneFileKeepTheirOwnFacts) {
  llvm::SmallString<128> File(Dir);
  llvm::sys::path::append(File, "m.c");
  ASSERT_TRUE(replaceFileAtomically(
      File, "typedef struct PyMethodDef { const char *ml_name; void *ml_meth;\n"
            "  int ml_flags; const char *ml_doc; } PyMethodDef;\n"
            "#ifdef FLAVOUR_A\n"
            "PyMethodDef a_methods[] = {{\"only_a\", 0, 0, 0}, {0}};\n"
            "#else\n"
            "PyMethodDef b_methods[] = {{\"only_b\", 0, 0, 0}, {0}};\n"
            "#endif\n"));
  BuildInfo B;
  B.SourceDir = B.BuildDir = std::string(Dir.str());
  std::string Path(File.str());
  B.Units = {{Path, B.BuildDir, {"clang", "-DFLAVOUR_A", "-c", Path}},
             {Path, B.BuildDir, {"clang", "-c", Path}},
             {Path, B.BuildDir, {"clang", "-DFLAVOUR_A", "-c", Path}}};
  AnalysisOptions Options;
  Options.Jobs = 2;
  std::vector<TUFacts> Facts = collectFacts(B, Options).takeFacts();
  ASSERT_EQ(Facts.size(), 3u);
  auto RowNames = [](const TUFacts &F) {
    std::vector<std::string> Names;
    for (const NameTable &T : F.Tables)
      for (const TableRow &R : T.Rows)
        Names.push_back(R.Name);
    return Names;
  };
  EXPECT_EQ(RowNames(Facts[0]), std::vector<std::string>{"only_a"});
  EXPECT_EQ(RowNames(Facts[1]), std::vector<std::string>{"only_b"});
  EXPECT_EQ(RowNames(Facts[2]), std::vector<std::string>{"only_a"});
}

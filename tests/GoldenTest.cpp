// Golden files: the full items JSON of every snippet in tests/snippets/.
// Refresh them with scripts/update-golden.sh (UPDATE_GOLDEN=1) and review
// the diff.
#include "SnippetHarness.h"
#include "report/ItemsJson.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>

using namespace gapscan;
using namespace gapscan::test;

class GoldenTest : public ::testing::TestWithParam<std::string> {};

// Checks that scanning the snippet gives exactly the golden JSON.
TEST_P(GoldenTest, MatchesGolden) {
  std::string Name = GetParam();
  SnippetResult R = scanSnippet(Name);
  ASSERT_TRUE(R.ToolOK) << Name << " does not parse";
  std::string Json = itemsToJson(R.Report);
  std::string GoldenPath = std::string(GAPSCAN_TEST_DATA) + "/" +
                           llvm::sys::path::stem(Name).str() + ".json";
  if (std::getenv("UPDATE_GOLDEN")) {
    std::ofstream(GoldenPath) << Json;
    GTEST_SKIP() << "updated " << GoldenPath;
  }
  std::string Golden = readFile(GoldenPath);
  ASSERT_FALSE(Golden.empty())
      << "no golden file " << GoldenPath << "; run scripts/update-golden.sh";
  EXPECT_EQ(Json, Golden);
}

static std::vector<std::string> snippets() {
  std::vector<std::string> Names;
  std::error_code EC;
  std::string Dir = std::string(GAPSCAN_TEST_DATA) + "/../snippets";
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".c"))
      Names.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

INSTANTIATE_TEST_SUITE_P(Snippets, GoldenTest, ::testing::ValuesIn(snippets()),
                         [](const auto &Info) {
                           return llvm::sys::path::stem(Info.param).str();
                         });

// Tests of the docs check (gap joined with Doc/) and of suggest-docs' patch,
// on the int_constants.c snippet: under WASI (__wasi__ defined) HAVE_FORK and
// ELIF_BRANCH are missing, O_NONBLOCK stays.
#include "docscheck/DocsCheck.h"
#include "SnippetHarness.h"
#include "gap/Gap.h"
#include "report/Baseline.h"
#include "report/DocsCheckReporters.h"
#include "report/DocsPatch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

using namespace gapscan;
using namespace gapscan::test;

namespace {
const char *PosixPage = ":mod:`posix`\n"
                        "============\n"
                        "\n"
                        ".. module:: posix\n"
                        "\n"
                        ".. data:: HAVE_FORK\n"
                        "\n"
                        "   Forks.\n"
                        "\n"
                        "   .. availability:: Unix, not WASI.\n"
                        "\n"
                        ".. data:: ELIF_BRANCH\n"
                        "          O_NONBLOCK\n"
                        "\n"
                        "   Constants.\n"
                        "\n"
                        "   .. versionadded:: 3.1\n";

Comparison scanSnippet() {
  Comparison S;
  S.Reference =
      std::make_unique<AnalysedBuild>(analyseSnippet("int_constants.c"));
  S.Targets.emplace_back("wasi", std::make_unique<AnalysedBuild>(analyseSnippet(
                                     "int_constants.c", {"-D__wasi__=1"})));
  S.Gap =
      computeGap("native", *S.Reference, {{"wasi", S.Targets[0].second.get()}});
  return S;
}

const DocVerdict *verdict(const DocsCheckReport &R, const std::string &Item) {
  for (const DocVerdict &V : R.Verdicts)
    if (V.Item == Item)
      return &V;
  return nullptr;
}
} // namespace

// Checks the four verdicts: a "not WASI" note documents HAVE_FORK; no note on
// ELIF_BRANCH is an undocumented removal pointing at its doc line; a "not
// WASI" on O_NONBLOCK, which WASI has, is stale; an item without an entry is
// not in the docs.
TEST(DocsCheck, ClassifiesMissingItemsAndStaleNotes) {
  Comparison S = scanSnippet();
  DocsIndex Docs;
  parseRstPage("library/posix.rst", PosixPage, Docs);
  DocsCheckReport R = checkDocs(S, Docs);
  const DocVerdict *Fork = verdict(R, "HAVE_FORK");
  ASSERT_NE(Fork, nullptr);
  EXPECT_EQ(Fork->Kind, DocVerdictKind::Documented);
  EXPECT_EQ(Fork->Why, "\"not WASI\" at Doc/library/posix.rst:10");
  const DocVerdict *Elif = verdict(R, "ELIF_BRANCH");
  ASSERT_NE(Elif, nullptr);
  EXPECT_EQ(Elif->Kind, DocVerdictKind::UndocumentedRemoval);
  EXPECT_EQ(Elif->DocFile, "Doc/library/posix.rst");
  EXPECT_EQ(Elif->DocLine, 12u);
  EXPECT_EQ(Elif->Reason.Guard.Condition,
            "defined(HAVE_FORK) && !defined(__wasi__)");
  EXPECT_TRUE(Elif->isFinding());
  EXPECT_EQ(R.PerTarget["wasi"].Documented, 1u);
  EXPECT_EQ(R.PerTarget["wasi"].Undocumented, 1u);
  EXPECT_EQ(R.findings(), 1u);
  // The message names the item, the guard and what to edit.
  std::string Text = docsCheckToText(R);
  EXPECT_NE(Text.find("Doc/library/posix.rst:12: undocumented-removal: "
                      "posix.ELIF_BRANCH (constant) is missing on wasi (WASI)"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("#if defined(HAVE_FORK) && !defined(__wasi__)"),
            std::string::npos);

  DocsIndex Stale;
  parseRstPage("library/posix.rst",
               ".. module:: posix\n\n.. data:: O_NONBLOCK\n\n   X.\n\n"
               "   .. availability:: not WASI.\n",
               Stale);
  DocsCheckReport R2 = checkDocs(S, Stale);
  const DocVerdict *Nonblock = verdict(R2, "O_NONBLOCK");
  ASSERT_NE(Nonblock, nullptr);
  EXPECT_EQ(Nonblock->Kind, DocVerdictKind::StaleNote);
  EXPECT_EQ(Nonblock->NoteLine, 7u);
  const DocVerdict *Fork2 = verdict(R2, "HAVE_FORK");
  ASSERT_NE(Fork2, nullptr);
  EXPECT_EQ(Fork2->Kind, DocVerdictKind::NotInDocs);
  EXPECT_FALSE(Fork2->isFinding());
}

// Checks that a baseline accepts today's findings and only new ones count.
TEST(DocsCheck, BaselineAcceptsKnownFindings) {
  Comparison S = scanSnippet();
  DocsIndex Docs;
  parseRstPage("library/posix.rst", PosixPage, Docs);
  DocsCheckReport R = checkDocs(S, Docs);
  ASSERT_EQ(R.findings(), 1u);
  std::string Json = baselineToJson(R);
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("baseline", "json", Path));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Json;
  }
  auto Keys = readBaseline(Path);
  ASSERT_TRUE(static_cast<bool>(Keys));
  EXPECT_EQ(Keys->count("undocumented-removal|wasi|posix|ELIF_BRANCH"), 1u);
  applyBaseline(R, *Keys);
  EXPECT_EQ(R.findings(), 0u);
  EXPECT_EQ(R.PerTarget["wasi"].Accepted, 1u);
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << "{\"accepted\": 3}";
  }
  auto Bad = readBaseline(Path);
  ASSERT_FALSE(static_cast<bool>(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("is malformed"),
            std::string::npos);
  llvm::sys::fs::remove(Path);
}

// Checks suggest-docs' patch: ELIF_BRANCH shares a directive with
// O_NONBLOCK, which WASI has, so it moves to a copy of the directive with
// the new note before the versionadded; the diff's hunk headers are exact.
TEST(DocsPatch, SplitsMixedDirectivesInTheCheckoutsStyle) {
  Comparison S = scanSnippet();
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("docs", Dir));
  ASSERT_FALSE(llvm::sys::fs::create_directories(Dir + "/library"));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS((Dir + "/library/posix.rst").str(), EC);
    OS << PosixPage;
  }
  DocsIndex Docs;
  parseRstPage("library/posix.rst", PosixPage, Docs);
  DocsCheckReport R = checkDocs(S, Docs);
  auto Suggestion = suggestDocs(R, Docs, S.Gap, Dir, "");
  ASSERT_TRUE(static_cast<bool>(Suggestion))
      << llvm::toString(Suggestion.takeError());
  EXPECT_EQ(Suggestion->SplitDirectives, 1u);
  EXPECT_EQ(Suggestion->Patch, "--- a/Doc/library/posix.rst\n"
                               "+++ b/Doc/library/posix.rst\n"
                               "@@ -9,9 +9,16 @@\n"
                               " \n"
                               "    .. availability:: Unix, not WASI.\n"
                               " \n"
                               "-.. data:: ELIF_BRANCH\n"
                               "-          O_NONBLOCK\n"
                               "+.. data:: O_NONBLOCK\n"
                               " \n"
                               "    Constants.\n"
                               " \n"
                               "    .. versionadded:: 3.1\n"
                               "+\n"
                               "+.. data:: ELIF_BRANCH\n"
                               "+\n"
                               "+   Constants.\n"
                               "+\n"
                               "+   .. availability:: not WASI.\n"
                               "+\n"
                               "+   .. versionadded:: 3.1\n");
  llvm::sys::fs::remove_directories(Dir);
}

// Checks hunk arithmetic: an insertion, a replacement and a far edit.
TEST(DocsPatch, UnifiedDiffHunks) {
  std::vector<std::string> Lines;
  for (int I = 1; I <= 20; ++I)
    Lines.push_back("l" + std::to_string(I));
  std::string D = unifiedDiff(
      "f.rst", Lines, {{2, 0, {"new"}}, {3, 1, {"L4"}}, {18, 0, {"end"}}});
  EXPECT_EQ(D, "--- a/f.rst\n+++ b/f.rst\n"
               "@@ -1,7 +1,8 @@\n l1\n l2\n+new\n l3\n-l4\n+L4\n l5\n l6\n l7\n"
               "@@ -16,5 +17,6 @@\n l16\n l17\n l18\n+end\n l19\n l20\n");
}

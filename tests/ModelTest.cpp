//===- ModelTest.cpp - The data model's enums and the table of targets ----===//
#include "model/Spelling.h"
#include "model/Targets.h"
#include "llvm/Support/MemoryBuffer.h"
#include <gtest/gtest.h>
#include <sstream>

using namespace gapscan;

// Items are sorted by (name, kind) with kinds as enums; the reports have
// always listed them by the kind's spelling. Checks that the enumerators are
// in the alphabetical order of their spellings, so both orders agree.
TEST(Model, ItemKindOrderIsSpellingOrder) {
  for (int K = 0; K < static_cast<int>(ItemKind::StaticMethod); ++K)
    EXPECT_LT(spelling(static_cast<ItemKind>(K)),
              spelling(static_cast<ItemKind>(K + 1)))
        << K;
}

// Checks that every enumerator has a spelling (a new one without a case in
// model/Spelling.cpp would serialize as "").
TEST(Model, EveryStatusAndKindIsSpelled) {
  for (int K = 0; K <= static_cast<int>(ItemKind::StaticMethod); ++K)
    EXPECT_FALSE(spelling(static_cast<ItemKind>(K)).empty()) << K;
  for (int S = 0; S <= static_cast<int>(ModuleStatus::NoDefinition); ++S)
    EXPECT_FALSE(spelling(static_cast<ModuleStatus>(S)).empty()) << S;
  EXPECT_EQ(spelling(Linkage::None), "");
  for (int V = 0; V <= static_cast<int>(DocVerdictKind::NotInDocs); ++V)
    EXPECT_FALSE(spelling(static_cast<DocVerdictKind>(V)).empty()) << V;
}

// Checks that the compiled-in table is config/targets.tsv, row by row (the
// scripts read the file itself).
TEST(Model, TargetTableIsTheTsvFile) {
  auto Buffer = llvm::MemoryBuffer::getFile(GAPSCAN_TARGETS_TSV);
  ASSERT_TRUE(Buffer);
  std::istringstream In((*Buffer)->getBuffer().str());
  std::string Line;
  size_t Row = 0;
  while (std::getline(In, Line)) {
    if (Line.empty() || Line[0] == '#')
      continue;
    std::istringstream Columns(Line);
    std::string Name, Triple, Platform, Configure, Flavour, Option;
    Columns >> Name >> Triple >> Platform >> Configure >> Flavour >> Option;
    auto Dash = [](const std::string &S) { return S == "-" ? "" : S; };
    ASSERT_LT(Row, targetTable().size());
    const TargetInfo &T = targetTable()[Row++];
    EXPECT_EQ(T.Name, Name);
    EXPECT_EQ(T.Triple, Dash(Triple));
    EXPECT_EQ(T.Platform, Dash(Platform));
    EXPECT_EQ(T.Configure, Dash(Configure));
    EXPECT_EQ(T.Flavour, Dash(Flavour));
    EXPECT_EQ(T.FlavourOption, Dash(Option));
  }
  EXPECT_EQ(Row, targetTable().size());
}

// Checks how a configuration finds its row: by name, else by the host its
// Makefile records (MULTIARCH or MACHDEP), as a --sysconfig target named
// after its distribution has it; the reference has no docs platform.
TEST(Model, ConfigurationsFindTheirTarget) {
  for (const TargetInfo &T : targetTable().drop_front()) {
    EXPECT_EQ(targetOfConfiguration(T.Name, ""), &T);
    const TargetInfo *ByTriple = targetOfConfiguration("distro", T.Triple);
    ASSERT_TRUE(ByTriple);
    EXPECT_EQ(ByTriple->Platform, T.Platform);
    ASSERT_TRUE(targetOfConfiguration("distro", T.machDep()));
    EXPECT_EQ(&firstTargetForMachDep(T.machDep()), ByTriple);
  }
  EXPECT_EQ(targetOfConfiguration(referenceTarget().Name, "x86_64-linux-gnu"),
            nullptr);
  EXPECT_EQ(targetOfConfiguration("distro", "x86_64-linux-gnu"), nullptr);
  EXPECT_EQ(&firstTargetForMachDep("linux"), &referenceTarget());
}

// Checks that a checkout's targets follow its configure: node and browser
// where configure takes --with-emscripten-target (3.11-3.13), one
// "emscripten" where it does not (3.14 dropped the split), and that asking
// for a target the checkout does not have says why and names its targets.
TEST(Model, TargetsFollowTheCheckoutsConfigure) {
  auto Flavours = [](llvm::StringRef O) {
    return O == "--with-emscripten-target";
  };
  auto NoFlavours = [](llvm::StringRef) { return false; };
  EXPECT_EQ(webAssemblyTargetNames(Flavours),
            (std::vector<std::string>{"wasi", "emscripten-node",
                                      "emscripten-browser"}));
  EXPECT_EQ(webAssemblyTargetNames(NoFlavours),
            (std::vector<std::string>{"wasi", "emscripten"}));
  EXPECT_EQ(targetNotInCheckout("wasi", NoFlavours), "");
  EXPECT_EQ(targetNotInCheckout("emscripten-node", Flavours), "");
  std::string Why = targetNotInCheckout("emscripten-node", NoFlavours);
  EXPECT_NE(Why.find("no --with-emscripten-target"), std::string::npos) << Why;
  EXPECT_NE(Why.find("its targets are wasi, emscripten"), std::string::npos)
      << Why;
  Why = targetNotInCheckout("emscripten", Flavours);
  EXPECT_NE(Why.find("emscripten-node, emscripten-browser"), std::string::npos)
      << Why;
}

// Checks how a target is found among another list (a checkout's, another
// comparison's): itself, else the first of its docs platform, else none.
TEST(Model, CounterpartsArePairedByPlatform) {
  std::vector<std::string> Old{"wasi", "emscripten-node", "emscripten-browser"};
  EXPECT_EQ(counterpartIn("wasi", Old), "wasi");
  EXPECT_EQ(counterpartIn("emscripten-browser", Old), "emscripten-browser");
  EXPECT_EQ(counterpartIn("emscripten", Old), "emscripten-node");
  EXPECT_EQ(counterpartIn("emscripten-node", {"wasi", "emscripten"}),
            "emscripten");
  EXPECT_EQ(counterpartIn("wasi", {"emscripten"}), "");
  EXPECT_EQ(counterpartIn("native", Old), "");
}

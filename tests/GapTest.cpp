// Tests of the gap between a reference and a target configuration: each
// configuration is a snippet scanned with the macros that configuration's
// pyconfig.h and system headers would define.
#include "gap/Gap.h"
#include "SnippetHarness.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace gapscan;
using namespace gapscan::test;

static const GapItem *missing(const GapReport &R, const std::string &Module,
                              const std::string &Name) {
  for (const ModuleGap &M : R.Targets.at(0).Modules)
    if (M.Module == Module)
      for (const GapItem &I : M.Missing)
        if (I.Name == Name)
          return &I;
  return nullptr;
}

// int_constants.c under WASI (__wasi__ defined): HAVE_FORK's #if is false;
// the reason names that #if and the one macro whose value differs.
TEST(Gap, MissingItemsNameTheFalseGuardAndDifferingMacros) {
  AnalysedBuild Native = analyseSnippet("int_constants.c");
  AnalysedBuild Wasi = analyseSnippet("int_constants.c", {"-D__wasi__=1"});
  GapReport R = computeGap("native", Native, {{"wasi", &Wasi}});
  ASSERT_EQ(R.Targets.size(), 1u);
  EXPECT_EQ(R.Targets[0].MissingItems, 2u); // HAVE_FORK, ELIF_BRANCH
  const GapItem *Fork = missing(R, "posix", "HAVE_FORK");
  ASSERT_NE(Fork, nullptr);
  EXPECT_EQ(Fork->Reason.Guard.Condition,
            "defined(HAVE_FORK) && !defined(__wasi__)");
  EXPECT_EQ(Fork->Reason.Guard.Line, 17u);
  EXPECT_TRUE(Fork->Reason.EvaluatedOnOther);
  ASSERT_EQ(Fork->Reason.Macros.size(), 1u);
  EXPECT_EQ(Fork->Reason.Macros[0].Name, "__wasi__");
  EXPECT_EQ(Fork->Reason.Macros[0].Reference, std::nullopt);
  EXPECT_EQ(Fork->Reason.Macros[0].Target, std::optional<std::string>("1"));
  // The nested #elif is never reached on WASI: the outer #if is the reason.
  const GapItem *Elif = missing(R, "posix", "ELIF_BRANCH");
  ASSERT_NE(Elif, nullptr);
  EXPECT_EQ(Elif->Reason.Guard.Line, 17u);
  EXPECT_THAT(R.Targets[0].TopMacros, ::testing::ElementsAre(std::make_pair(
                                          std::string("__wasi__"), size_t(2))));
}

// A guarded clinic entry missing on the target names the #if of its
// #define (in the clinic part of the file), with HAVE_ALARM 1 -> undefined.
TEST(Gap, ClinicEntryReasonIsItsDefinitionsGuard) {
  AnalysedBuild Native = analyseSnippet("clinic_methoddef.c");
  AnalysedBuild Wasi = analyseSnippet("clinic_methoddef.c", {"-UHAVE_ALARM"});
  GapReport R = computeGap("native", Native, {{"wasi", &Wasi}});
  const GapItem *Alarm = missing(R, "signal", "alarm");
  ASSERT_NE(Alarm, nullptr);
  EXPECT_EQ(Alarm->Reason.Guard.Kind, "if");
  EXPECT_EQ(Alarm->Reason.Guard.Condition, "defined(HAVE_ALARM)");
  ASSERT_EQ(Alarm->Reason.Macros.size(), 1u);
  EXPECT_EQ(Alarm->Reason.Macros[0].Reference, std::optional<std::string>("1"));
  EXPECT_EQ(Alarm->Reason.Macros[0].Target, std::nullopt);
}

// Items only on the target are reported with the guard the reference did
// not take (core_module.c: sys._emscripten_info under __EMSCRIPTEN__).
TEST(Gap, ExtraItemsOnTheTarget) {
  AnalysedBuild Native = analyseSnippet("core_module.c");
  AnalysedBuild Emscripten =
      analyseSnippet("core_module.c", {"-D__EMSCRIPTEN__=1"});
  GapReport R = computeGap("native", Native, {{"emscripten", &Emscripten}});
  ASSERT_EQ(R.Targets[0].ExtraItems, 1u);
  const GapItem &Extra = R.Targets[0].Modules.at(0).Extra.at(0);
  EXPECT_EQ(Extra.Name, "_emscripten_info");
  EXPECT_EQ(Extra.Reason.Guard.Condition, "__EMSCRIPTEN__");
  ASSERT_EQ(Extra.Reason.Macros.size(), 1u);
  EXPECT_EQ(Extra.Reason.Macros[0].Reference, std::nullopt);
  EXPECT_EQ(Extra.Reason.Macros[0].Target, std::optional<std::string>("1"));
}

// A module the target's configure did not build is unavailable with the
// configure state as reason; its items are not listed one by one.
TEST(Gap, UnavailableModuleCarriesConfigureState) {
  AnalysedBuild Native = analyseSnippet("types_and_members.c");
  AnalysedBuild Wasi = analyseSnippet("types_and_members.c");
  for (ModuleItems &M : Wasi.Items.Modules)
    if (M.Name == "select") {
      M.State = "n/a";
      M.Linkage = Linkage::None;
      M.Status = ModuleStatus::NotBuilt;
      M.Items.clear();
    }
  GapReport R = computeGap("native", Native, {{"wasi", &Wasi}});
  ASSERT_EQ(R.Targets[0].UnavailableModules, 1u);
  EXPECT_TRUE(R.Targets[0].Modules.at(0).Unavailable);
  EXPECT_NE(R.Targets[0].Modules.at(0).UnavailableReason.find("n/a"),
            std::string::npos);
  EXPECT_EQ(R.Targets[0].MissingItems, 0u);
}

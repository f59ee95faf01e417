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

static const DifferentItem *different(const TargetGap &T,
                                      const std::string &Name) {
  for (const DifferentItem &D : T.Different)
    if (D.Name == Name)
      return &D;
  return nullptr;
}

// works_differently.c: the target lacks HAVE_DUP, HAVE_SOCKET and
// HAVE_THREADS. Each registered C function (and the type's tp_init) that
// reaches an error compiled only there works differently, with the chain
// from the function to the error and its #if; a run-time error branch
// (urandom) and a function that reaches nothing guarded (getpid) do not.
TEST(Gap, CFunctionsReachingTargetOnlyErrorsWorkDifferently) {
  std::vector<std::string> Have = {"-DHAVE_DUP", "-DHAVE_SOCKET",
                                   "-DHAVE_THREADS"};
  AnalysedBuild Native = analyseSnippet("works_differently.c", Have);
  AnalysedBuild Wasi = analyseSnippet("works_differently.c");
  // The C module is public here (no Lib/ module of its name is involved):
  // name it as its own public name.
  Native.Items.Modules.at(0).Name = Wasi.Items.Modules.at(0).Name = "wd";
  GapReport R = computeGap("native", Native, {{"wasi", &Wasi}});
  const TargetGap &T = R.Targets.at(0);

  const DifferentItem *Dup = different(T, "dup");
  ASSERT_NE(Dup, nullptr);
  EXPECT_EQ(Dup->How, DifferenceKind::Raises);
  ASSERT_FALSE(Dup->Why.empty());
  EXPECT_THAT(Dup->Why.back().Text, ::testing::HasSubstr("errno = ENOTSUP"));
  EXPECT_THAT(Dup->Why.back().Text, ::testing::HasSubstr("#else"));
  EXPECT_THAT(Dup->Why.back().At,
              ::testing::EndsWith("works_differently.c:12"));

  const DifferentItem *Sock = different(T, "socket");
  ASSERT_NE(Sock, nullptr) << "the type's tp_init reaches stub_socket";
  EXPECT_THAT(Sock->Why.back().Text,
              ::testing::HasSubstr("#ifndef HAVE_SOCKET"));

  const DifferentItem *Thread = different(T, "start_new_thread");
  ASSERT_NE(Thread, nullptr);
  EXPECT_THAT(Thread->Why.back().Text, ::testing::HasSubstr("return EAGAIN"));

  // libc's pthread_create under a thread layer named "pthread-stubs"
  // (Emscripten without pthreads): the name's definition is the root.
  const DifferentItem *Libc = different(T, "start_joinable_thread");
  ASSERT_NE(Libc, nullptr);
  EXPECT_THAT(Libc->Why.back().Text,
              ::testing::HasSubstr("thread layer is \"pthread-stubs\""));
  EXPECT_THAT(Libc->Why.back().At,
              ::testing::EndsWith("works_differently.c:74"));

  EXPECT_EQ(different(T, "urandom"), nullptr);
  EXPECT_EQ(different(T, "getpid"), nullptr);
  EXPECT_EQ(different(T, "tss_create"), nullptr)
      << "an error after a search's successful return is not a stub";
  // The reference against itself: nothing works differently.
  GapReport Same = computeGap("native", Native, {{"native", &Native}});
  EXPECT_TRUE(Same.Targets.at(0).Different.empty());
}

// Tests of diff-versions' comparison of two checkouts' gaps (gap/VersionDiff).
#include "gap/VersionDiff.h"
#include <gtest/gtest.h>

using namespace gapscan;

namespace {

/// A checkout whose reference has C module "posix" (public "os") with the
/// given items, and one target lacking Missing of them.
Comparison checkout(const std::string &Version, const std::string &Target,
                    const std::vector<std::string> &RefItems,
                    const std::vector<std::string> &Missing,
                    const std::vector<std::string> &Different = {}) {
  Comparison C;
  C.Reference = std::make_unique<AnalysedBuild>();
  ModuleItems M;
  M.Name = "posix";
  M.Status = ModuleStatus::Analysed;
  for (const std::string &I : RefItems)
    M.Items.push_back({I, ItemKind::Function, {}, {}});
  C.Reference->Items.Modules.push_back(M);
  C.Gap.Version = Version;
  C.Gap.SourceDir = "/src/" + Version;
  C.Gap.Reference = "native";
  C.Gap.PublicNames["posix"] = "os";
  TargetGap T;
  T.Target = Target;
  ModuleGap G;
  G.Module = "posix";
  G.PublicName = "os";
  for (const std::string &I : Missing) {
    GapItem Item;
    Item.Name = I;
    Item.Reason.Guard.Kind = "ifdef";
    Item.Reason.Guard.Condition = "HAVE_" + I;
    Item.Reason.Guard.File = "/src/" + Version + "/Modules/posixmodule.c";
    Item.Reason.Guard.Line = 10;
    G.Missing.push_back(Item);
  }
  T.Modules.push_back(G);
  for (const std::string &D : Different)
    T.Different.push_back({"os",
                           D,
                           ItemKind::Function,
                           DifferenceKind::Raises,
                           "raises on " + Target,
                           {{"Python/fileutils.c:1", "errno = ENOTSUP"}},
                           0});
  C.Gap.Targets.push_back(std::move(T));
  return C;
}

const VersionChangeEntry *change(const TargetVersionDiff &T,
                                 const std::string &Item) {
  for (const VersionChangeEntry &C : T.Changes)
    if (C.Item == Item)
      return &C;
  return nullptr;
}

} // namespace

// Checks that 3.13's emscripten-node pairs with 3.14's emscripten (one
// target from 3.14), that an item missing only on the new side "became
// missing" with the new side's guard (relative file:line), one missing only
// on the old side "became available" with the old side's evidence, that an
// item CPython added (not in the old reference) is no change, and that
// working differently on one side only is a change of its own.
TEST(VersionDiff, PairsTargetsAndListsWhatChanged) {
  Comparison Old =
      checkout("3.13", "emscripten-node", {"fork", "getppid", "dup"}, {"fork"});
  Comparison New =
      checkout("3.14", "emscripten", {"fork", "getppid", "dup", "newapi"},
               {"getppid", "newapi"}, {"dup"});
  VersionDiff D = diffVersions(Old, New);
  ASSERT_EQ(D.Targets.size(), 1u);
  const TargetVersionDiff &T = D.Targets[0];
  EXPECT_EQ(T.OldTarget, "emscripten-node");
  EXPECT_EQ(T.NewTarget, "emscripten");

  const VersionChangeEntry *Getppid = change(T, "getppid");
  ASSERT_NE(Getppid, nullptr);
  EXPECT_EQ(Getppid->Change, VersionChange::BecameMissing);
  EXPECT_EQ(Getppid->Module, "os");
  EXPECT_EQ(Getppid->Why, "#ifdef HAVE_getppid");
  EXPECT_EQ(Getppid->At, "Modules/posixmodule.c:10");

  const VersionChangeEntry *Fork = change(T, "fork");
  ASSERT_NE(Fork, nullptr);
  EXPECT_EQ(Fork->Change, VersionChange::BecameAvailable);
  EXPECT_EQ(Fork->Why, "3.13: #ifdef HAVE_fork");

  EXPECT_EQ(change(T, "newapi"), nullptr) << "added to CPython, not a change";

  const VersionChangeEntry *Dup = change(T, "dup");
  ASSERT_NE(Dup, nullptr);
  EXPECT_EQ(Dup->Change, VersionChange::BecameDifferent);
  EXPECT_EQ(T.Changes.size(), 3u);
  EXPECT_TRUE(D.Unpaired.empty());
}

// Checks that a module the old side lacked as a whole "became available",
// naming the names the new side still lacks, and that those names are not
// "became missing" (3.14's fcntl on Emscripten: FICLONE, LOCK_MAND, ...).
TEST(VersionDiff, AModuleThatBecameAvailableIsOneChange) {
  Comparison Old =
      checkout("3.13", "emscripten-node", {"FICLONE", "flock"}, {});
  Old.Gap.Targets[0].Modules[0].Unavailable = true;
  Old.Gap.Targets[0].Modules[0].UnavailableReason = "missing";
  Comparison New =
      checkout("3.14", "emscripten", {"FICLONE", "flock"}, {"FICLONE"});
  VersionDiff D = diffVersions(Old, New);
  ASSERT_EQ(D.Targets.size(), 1u);
  ASSERT_EQ(D.Targets[0].Changes.size(), 1u);
  const VersionChangeEntry &C = D.Targets[0].Changes[0];
  EXPECT_EQ(C.Change, VersionChange::BecameAvailable);
  EXPECT_EQ(C.Item, "");
  EXPECT_NE(C.Why.find("3.14 lacks 1 of its names (FICLONE)"),
            std::string::npos)
      << C.Why;
}

// Checks that a target of one checkout with no counterpart of its platform
// in the other is listed as unpaired, not compared with something else.
TEST(VersionDiff, UnpairedTargetsAreNamed) {
  Comparison Old = checkout("3.13", "wasi", {"fork"}, {"fork"});
  Comparison New = checkout("3.14", "emscripten", {"fork"}, {"fork"});
  VersionDiff D = diffVersions(Old, New);
  EXPECT_TRUE(D.Targets.empty());
  ASSERT_EQ(D.Unpaired.size(), 2u);
  EXPECT_EQ(D.Unpaired[0].Name, "emscripten");
  EXPECT_EQ(D.Unpaired[1].Name, "wasi");
}

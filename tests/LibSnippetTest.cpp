//===- LibSnippetTest.cpp - One annotated Lib/ snippet per Python pattern
//--===//
//
// Each tests/libsnippets/NAME.py is a tiny module written like the Lib/
// source whose pattern it stands for, with what the evaluator must conclude
// written in it (IWYU style):
//   # c-module: NAME [builtin]: name name ...   a C module that is built
//                                               (name/class: a type;
//                                               Type.member: its member)
//   # c-missing: NAME                           a C module that is not
//   # platform: wasi                            sys.platform (default linux)
//   # expect-import: yes|no|undecided           the snippet module's verdict
//   # expect NAME: yes|no|undecided             a name ("Cls.member" too)
//   # --- file: other.py                        further Lib/ files
// Works differently: the snippet is also evaluated as a reference (linux,
// every C module and item as listed) and compared with the target:
//   # target-lacks: NAME | NAME.item            not built / absent on the
//                                               target only
//   # target-fails: NAME.item: FILE:LINE TEXT   on the target, the item's C
//                                               function reaches that error
//   # expect-different NAME: raises|reaches-missing|reaches-failing|
//                            no-threads|fallback|none
// The snippet is read by python/lib_facts.py under this machine's python3
// (the same ast the checkout's build python has) and evaluated.
//
//===----------------------------------------------------------------------===//
#include "gap/Differences.h"
#include "model/Spelling.h"
#include "python/LibEvaluator.h"
#include "python/LibFacts.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <map>

using namespace gapscan;

namespace {

std::vector<std::string> libSnippets() {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(GAPSCAN_LIB_SNIPPETS, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".py"))
      Out.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Out.begin(), Out.end());
  return Out;
}

struct Snippet {
  std::map<std::string, std::string> Files; ///< Lib-relative path -> text.
  ItemsReport C;
  std::string Platform = "linux";
  std::string ExpectImport;
  std::map<std::string, std::string> Expect;
  std::vector<std::string> TargetLacks;
  std::vector<std::pair<std::string, std::string>> TargetFails;
  std::map<std::string, std::string> ExpectDifferent;
};

Snippet parse(llvm::StringRef Name, llvm::StringRef Text) {
  Snippet S;
  std::string Current = Name.str();
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    llvm::StringRef T = L.trim();
    if (T.consume_front("# --- file:")) {
      Current = T.trim().str();
      continue;
    }
    S.Files[Current] += L.str() + "\n";
    if (Current != Name)
      continue;
    if (T.consume_front("# c-module:")) {
      auto [Head, Names] = T.split(':');
      ModuleItems M;
      llvm::SmallVector<llvm::StringRef, 2> Words;
      Head.split(Words, ' ', -1, false);
      M.Name = Words[0].str();
      M.Linkage = Words.size() > 1 && Words[1] == "builtin" ? Linkage::Builtin
                                                            : Linkage::Shared;
      M.Status = ModuleStatus::Analysed;
      llvm::SmallVector<llvm::StringRef, 8> Items;
      Names.split(Items, ' ', -1, false);
      for (llvm::StringRef I : Items) {
        auto [Name, Kind] = I.split('/'); // "socket/class": a type
        M.Items.push_back({Name.str(),
                           Kind == "class"  ? ItemKind::Class
                           : Kind == "func" ? ItemKind::Function
                                            : ItemKind::Constant,
                           {}});
      }
      S.C.Modules.push_back(std::move(M));
    } else if (T.consume_front("# c-missing:")) {
      ModuleItems M;
      M.Name = T.trim().str();
      M.Status = ModuleStatus::NotBuilt;
      S.C.Modules.push_back(std::move(M));
    } else if (T.consume_front("# platform:")) {
      S.Platform = T.trim().str();
    } else if (T.consume_front("# expect-import:")) {
      S.ExpectImport = T.trim().str();
    } else if (T.consume_front("# target-lacks:")) {
      S.TargetLacks.push_back(T.trim().str());
    } else if (T.consume_front("# target-fails:")) {
      auto [Item, Error] = T.split(": ");
      S.TargetFails.emplace_back(Item.trim().str(), Error.trim().str());
    } else if (T.consume_front("# expect-different ")) {
      auto [N, V] = T.rsplit(':');
      S.ExpectDifferent[N.trim().str()] = V.trim().str();
    } else if (T.consume_front("# expect ")) {
      auto [N, V] = T.split(':');
      S.Expect[N.trim().str()] = V.trim().str();
    }
  }
  return S;
}

/// The target's C modules: the listed ones less what it lacks, with the
/// errors its items' C functions reach.
ItemsReport targetItems(const Snippet &S) {
  ItemsReport C = S.C;
  for (const std::string &Lack : S.TargetLacks) {
    auto [Module, Item] = llvm::StringRef(Lack).split('.');
    for (ModuleItems &M : C.Modules) {
      if (M.Name != Module)
        continue;
      if (Item.empty())
        M.Status = ModuleStatus::NotBuilt, M.Linkage = Linkage::None;
      else
        llvm::erase_if(M.Items,
                       [&](const ApiItem &I) { return I.Name == Item; });
    }
  }
  for (const auto &[Lack, Error] : S.TargetFails) {
    auto [Module, Item] = llvm::StringRef(Lack).split('.');
    auto [At, Text] = llvm::StringRef(Error).split(' ');
    for (ModuleItems &M : C.Modules)
      for (ApiItem &I : M.Items)
        if (M.Name == Module && I.Name == Item) {
          I.Impl.push_back(C.Behaviour.Functions.size());
          C.Behaviour.Functions.push_back(
              {Item.str(), At.str(), {}, {{At.str(), Text.str(), "#if X"}}});
        }
  }
  return C;
}

/// Evaluates the snippet as the reference too and checks what works
/// differently on the target.
void checkDifferences(const Snippet &S, const PyLibrary &Library,
                      const std::string &Root) {
  AnalysedBuild Reference, Target;
  Reference.Build.SourceDir = Target.Build.SourceDir = Root;
  Reference.Items = S.C;
  Target.Items = targetItems(S);
  Reference.Python = evaluateLibrary(Library, Reference.Items, "linux");
  Target.Python = evaluateLibrary(Library, Target.Items, S.Platform);
  TargetGap T;
  T.Target = S.Platform;
  addDifferences(T, Reference, Target, {});
  for (const auto &[Name, Want] : S.ExpectDifferent) {
    auto [Module, Item] = llvm::StringRef(Name).split(':');
    std::string Got = "none";
    for (const DifferentItem &D : T.Different)
      if (D.Module == Module && D.Name == Item)
        Got = spelling(D.How).str();
    EXPECT_EQ(Got, Want) << "works differently: " << Name;
  }
}

class LibSnippets : public ::testing::TestWithParam<std::string> {};

TEST_P(LibSnippets, EvaluatesAsAnnotated) {
  auto Python = llvm::sys::findProgramByName("python3");
  ASSERT_TRUE(bool(Python)) << "python3 is needed to read the snippets";
  llvm::SmallString<128> Path(GAPSCAN_LIB_SNIPPETS);
  llvm::sys::path::append(Path, GetParam());
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  ASSERT_TRUE(bool(Buffer));
  Snippet S = parse(GetParam(), (*Buffer)->getBuffer());
  ASSERT_FALSE(S.Expect.empty() && S.ExpectImport.empty() &&
               S.ExpectDifferent.empty())
      << GetParam() << " states no expectation";

  llvm::SmallString<128> Root;
  ASSERT_FALSE(
      llvm::sys::fs::createUniqueDirectory("gapscan-lib-snippet", Root));
  std::vector<LibFile> Files;
  for (const auto &[File, Text] : S.Files) {
    llvm::SmallString<128> Lib(Root);
    llvm::sys::path::append(Lib, "Lib", File);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Lib));
    std::error_code EC;
    llvm::raw_fd_ostream(Lib, EC) << Text;
    ASSERT_FALSE(EC);
    Files.push_back(
        {llvm::StringRef(File).drop_back(3).str(), "Lib/" + File, false});
  }
  auto Library = readLibrary(Root, Files, *Python, "");
  ASSERT_TRUE(bool(Library)) << llvm::toString(Library.takeError());
  PyLayer Layer = evaluateLibrary(*Library, targetItems(S), S.Platform);
  if (!S.ExpectDifferent.empty())
    checkDifferences(S, *Library, Root.str().str());
  llvm::sys::fs::remove_directories(Root);

  std::string Main = llvm::StringRef(GetParam()).drop_back(3).str();
  const PyModuleVerdict *M = nullptr;
  for (const PyModuleVerdict &V : Layer.Modules)
    if (V.Name == Main)
      M = &V;
  ASSERT_NE(M, nullptr);
  if (!S.ExpectImport.empty())
    EXPECT_EQ(spelling(M->Imports).str(),
              S.ExpectImport == "undecided" ? "undecided" : S.ExpectImport)
        << "import verdict of " << Main;
  for (const auto &[Name, Want] : S.Expect) {
    std::string Got = "no";
    for (const PyName &N : M->Names)
      if (N.Name == Name)
        Got = spelling(N.Exists).str();
    EXPECT_EQ(Got, Want) << Main << "." << Name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Lib, LibSnippets, ::testing::ValuesIn(libSnippets()), [](const auto &Info) {
      return llvm::StringRef(Info.param).drop_back(3).str();
    });

} // namespace

//===- FactsCodecTest.cpp - The facts cache's encoding --------------------===//
#include "collect/FactsCodec.h"
#include <gtest/gtest.h>

using namespace gapscan;

namespace {

SymVal call(std::string Callee, std::vector<SymVal> Args) {
  SymVal S;
  S.Kind = SymVal::Call;
  S.Text = Callee;
  S.Name = std::move(Callee);
  S.Args = std::move(Args);
  return S;
}

/// A TUFacts with every record kind, nested and optional values, and a
/// negative parameter index.
TUFacts sample() {
  TUFacts F;
  F.MainFile = "/src/Modules/x.c";
  F.Inputs = {"/src/Include/Python.h", "/src/Modules/x.c"};
  F.ParseOK = false;
  F.Errors = {"x.c:3: error: \xff not UTF-8"};
  ConditionalDirective D;
  D.Kind = "ifdef";
  D.Condition = "HAVE_FORK";
  D.File = "/src/Modules/x.c";
  D.Line = 4000000000u;
  D.Taken = true;
  D.Macros = {{"HAVE_FORK", std::string("1")}, {"AF_UNIX", std::nullopt}};
  F.Directives = {D};
  Site Where{"/src/Modules/x.c", 12, {0}};
  F.Tables.push_back({"x.c::methods",
                      "PyMethodDef",
                      {{"fork", {Where, Where}, ItemKind::Method}}});
  SymVal Str;
  Str.Kind = SymVal::StrLit;
  Str.Text = "name";
  Str.Sites = {{Where, std::nullopt}};
  SymVal Param;
  Param.Kind = SymVal::Param;
  Param.Index = -3;
  F.Functions.push_back({"x.c::exec",
                         "exec",
                         1,
                         {{"PyModule_AddObjectRef",
                           "PyModule_AddObjectRef",
                           {Param, Str, call("Py_NewRef", {Param})},
                           Where}},
                         {call("f", {})}});
  F.StaticTypes.push_back({"T", std::string("x.T"), Where, Str, {}, {}});
  F.Specs.push_back({"S", std::nullopt, Where, Str});
  F.SlotTables.push_back({"slots", {{"Py_mod_exec", Param}}});
  F.StructSequences.push_back({"desc", std::string("x.r"), Where, Str});
  F.ModuleDefs.push_back({"def", std::string("x"), Where, Str, Param});
  F.Assignments.push_back({"PyObject.ob_type", Str});
  F.Inittab.push_back({"sys", std::nullopt});
  F.TypeFromDesc = {{"T", "desc"}};
  return F;
}

std::string encoded(const TUFacts &F) {
  std::string Bytes;
  EXPECT_TRUE(encodeFacts(F, Bytes));
  return Bytes;
}

} // namespace

// Decoding what was encoded gives the same facts: re-encoding them gives the
// same bytes (every field list serves both directions).
TEST(FactsCodec, RoundTripsEveryRecordKind) {
  std::string Bytes = encoded(sample());
  std::optional<TUFacts> Back = decodeFacts(Bytes);
  ASSERT_TRUE(Back);
  EXPECT_EQ(encoded(*Back), Bytes);
  EXPECT_EQ(Back->Directives[0].Line, 4000000000u);
  EXPECT_EQ(Back->Directives[0].Macros[1].second, std::nullopt);
  EXPECT_EQ(Back->Functions[0].Calls[0].Args[0].Index, -3);
  EXPECT_EQ(Back->Functions[0].Calls[0].Args[2].Args[0].Kind, SymVal::Param);
  EXPECT_FALSE(Back->ParseOK);
  EXPECT_EQ(Back->Errors[0], "x.c:3: error: \xff not UTF-8");
}

// Every proper prefix of an encoding is rejected, never read as less.
TEST(FactsCodec, RejectsEveryTruncation) {
  std::string Bytes = encoded(sample());
  for (size_t N = 0; N < Bytes.size(); ++N)
    EXPECT_FALSE(decodeFacts(llvm::StringRef(Bytes).take_front(N))) << N;
  EXPECT_FALSE(decodeFacts(Bytes + "x")) << "trailing bytes";
}

// With a set of known functions, a unit's function whose key an earlier unit
// defined is left out (the rest of the unit still decodes), new keys are
// added, and a repeated function's bytes are still checked: a truncation
// inside one is rejected, not skipped.
TEST(FactsCodec, LeavesOutFunctionsEarlierUnitsDefined) {
  TUFacts First = sample();
  TUFacts Second = sample();
  Second.MainFile = "y.c";
  FunctionSummary Own;
  Own.Key = "y.c::own";
  Own.Name = "own";
  Second.Functions.push_back(Own);
  llvm::StringSet<> Known;
  std::optional<TUFacts> A = decodeFacts(encoded(First), &Known);
  ASSERT_TRUE(A);
  EXPECT_EQ(A->Functions.size(), First.Functions.size());
  std::optional<TUFacts> B = decodeFacts(encoded(Second), &Known);
  ASSERT_TRUE(B);
  ASSERT_EQ(B->Functions.size(), 1u);
  EXPECT_EQ(B->Functions[0].Key, "y.c::own");
  EXPECT_EQ(B->MainFile, "y.c");
  EXPECT_EQ(B->Tables.size(), Second.Tables.size());
  EXPECT_TRUE(Known.contains("y.c::own"));
  std::string Bytes = encoded(Second);
  for (size_t N = 0; N < Bytes.size(); ++N) {
    llvm::StringSet<> Again = Known;
    EXPECT_FALSE(decodeFacts(llvm::StringRef(Bytes).take_front(N), &Again))
        << N;
  }
}

// A huge element count is damage, not an allocation; a long zero-padded
// varint is not the shortest encoding and is rejected.
TEST(FactsCodec, RejectsImpossibleCountsAndPaddedNumbers) {
  EXPECT_FALSE(decodeFacts(std::string("\x01x\xff\xff\xff\xff\x0f", 7)));
  std::string Bytes = encoded(TUFacts());
  ASSERT_FALSE(Bytes.empty());
  EXPECT_TRUE(decodeFacts(Bytes));
  Bytes[0] = '\x80';
  Bytes.insert(Bytes.begin() + 1, '\x00');
  EXPECT_FALSE(decodeFacts(Bytes));
}

// Symbolic values nested beyond MaxSymValDepth are refused when written, so
// the reader's limit never rejects what the writer produced.
TEST(FactsCodec, RefusesTooDeepSymbolicValues) {
  SymVal Deep;
  for (unsigned I = 0; I < MaxSymValDepth + 1; ++I)
    Deep = call("f", {Deep});
  TUFacts F;
  F.Assignments.push_back({"x", Deep});
  std::string Bytes;
  EXPECT_FALSE(encodeFacts(F, Bytes));
}

// An entry's header is read alone, and an entry of another format (the
// MessagePack of facts-v1) is not a header.
TEST(FactsCodec, ReadsEntryHeadersOnly) {
  CacheEntryHeader H;
  H.Version = 2;
  H.MainFile = "/src/Modules/x.c";
  H.Inputs = {{"/src/Modules/x.c", 0xfeedfacecafebeefull}};
  std::string Bytes;
  ASSERT_TRUE(encodeCacheEntry(H, sample(), Bytes));
  llvm::StringRef Rest;
  std::optional<CacheEntryHeader> Back = decodeCacheEntryHeader(Bytes, Rest);
  ASSERT_TRUE(Back);
  EXPECT_EQ(Back->Inputs[0].second, 0xfeedfacecafebeefull);
  EXPECT_TRUE(decodeFacts(Rest));
  EXPECT_FALSE(decodeCacheEntryHeader("\x84\xa7version\x01", Rest));
}

namespace {

/// A link result with one module, one item under one guard, and two
/// directives of the index.
LinkEntry sampleLink() {
  LinkEntry E;
  E.Key = 0x0123456789abcdefull;
  E.Items.SourceDir = "/src";
  E.Items.Version = "3.13";
  E.Items.TranslationUnits = 2;
  ConditionalDirective D = sample().Directives[0];
  D.File = "Modules/x.c";
  ModuleItems M;
  M.Name = "x";
  M.Status = ModuleStatus::Analysed;
  M.Items.push_back(
      {"fork", ItemKind::Function, {{"Modules/x.c:12", "", {D}}}});
  E.Items.Modules.push_back(M);
  E.Directives[{D.File, D.Line}] = D;
  D.Line = 7;
  E.Directives[{D.File, D.Line}] = D;
  return E;
}

std::string encodedLink(const LinkEntry &E) {
  std::string Bytes;
  EXPECT_TRUE(encodeLinkEntry(E.Key, E.Items, E.Directives, Bytes));
  return Bytes;
}

} // namespace

// A link-cache entry reads back as written: key, items with their guards,
// and the directive index keyed by each directive's place.
TEST(FactsCodec, RoundTripsLinkEntries) {
  std::string Bytes = encodedLink(sampleLink());
  std::optional<LinkEntry> Back = decodeLinkEntry(Bytes);
  ASSERT_TRUE(Back);
  EXPECT_EQ(Back->Key, 0x0123456789abcdefull);
  ASSERT_EQ(Back->Items.Modules.size(), 1u);
  EXPECT_EQ(Back->Items.Modules[0].Items[0].Definitions[0].Guards[0].Condition,
            "HAVE_FORK");
  EXPECT_EQ(Back->Directives.size(), 2u);
  EXPECT_TRUE(Back->Directives.count({"Modules/x.c", 7}));
  EXPECT_EQ(encodedLink(*Back), Bytes);
}

// A truncated entry, trailing bytes, or a directive index written out of
// order (a repeated place) are damage: nullopt, and the cache relinks.
TEST(FactsCodec, RejectsDamagedLinkEntries) {
  std::string Bytes = encodedLink(sampleLink());
  for (size_t N = 0; N < Bytes.size(); N += 7)
    EXPECT_FALSE(decodeLinkEntry(llvm::StringRef(Bytes).take_front(N))) << N;
  EXPECT_FALSE(decodeLinkEntry(Bytes + "x"));
  // Both directives at line 7: the second is not after the first.
  LinkEntry E = sampleLink();
  std::string Twice = encodedLink(E);
  size_t At = Twice.rfind(std::string("\x80\xd0\xac\xf3\x0e", 5));
  ASSERT_NE(At, std::string::npos) << "the varint of line 4000000000";
  Twice.replace(At, 5, "\x07");
  EXPECT_FALSE(decodeLinkEntry(Twice));
}

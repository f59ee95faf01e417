// Unit tests of the extractors and the linker on the snippets of
// tests/snippets/: exact items, kinds and guard stacks per C pattern.
#include "SnippetHarness.h"
#include "extract/FactsAction.h"
#include "clang/Tooling/Tooling.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace gapscan;
using namespace gapscan::test;
using ::testing::ElementsAre;

// Pattern 1: a clinic *_METHODDEF defined under #if defined(HAVE_ALARM) gives
// signal.alarm with that guard (at the #define, not at the table row); the
// empty #ifndef fallback gives nothing.
TEST(MethodTable, ClinicMacroCarriesGuardOfItsDefinition) {
  SnippetResult R = scanSnippet("clinic_methoddef.c");
  ASSERT_TRUE(R.ToolOK);
  EXPECT_THAT(itemNames(R.Report, "signal"),
              ElementsAre("alarm", "default_int_handler"));
  const ApiItem *Alarm = findItem(R.Report, "signal", "alarm");
  ASSERT_NE(Alarm, nullptr);
  EXPECT_EQ(Alarm->Kind, ItemKind::Function);
  ASSERT_EQ(Alarm->Definitions.size(), 1u);
  EXPECT_EQ(Alarm->Definitions[0].DefinedAt, "clinic_methoddef.c:8");
  EXPECT_EQ(Alarm->Definitions[0].UsedAt, "clinic_methoddef.c:22");
  EXPECT_THAT(guardSummary(*Alarm), ElementsAre("#if defined(HAVE_ALARM)@6=1"));
  ASSERT_EQ(Alarm->Definitions[0].Guards[0].Macros.size(), 1u);
  EXPECT_EQ(Alarm->Definitions[0].Guards[0].Macros[0].first, "HAVE_ALARM");
  EXPECT_EQ(Alarm->Definitions[0].Guards[0].Macros[0].second, "1");
  EXPECT_TRUE(guardSummary(*findItem(R.Report, "signal", "default_int_handler"))
                  .empty());
}

// The same snippet without HAVE_ALARM: the entry disappears (the fallback
// macro is empty).
TEST(MethodTable, FallbackMacroAddsNothing) {
  SnippetResult R = scanSnippet("clinic_methoddef.c", {"-UHAVE_ALARM"});
  EXPECT_THAT(itemNames(R.Report, "signal"),
              ElementsAre("default_int_handler"));
}

// Pattern 5: PyModule_AddIntMacro and a module-local wrapper are recognised
// after expansion, inside a helper called from a Py_mod_exec function;
// nested #if / #elif / #else give the full stack with the taken branch.
TEST(ModuleAdditions, IntMacrosAndNestedConditions) {
  SnippetResult R = scanSnippet("int_constants.c");
  EXPECT_THAT(itemNames(R.Report, "posix"),
              ElementsAre("ELIF_BRANCH", "HAVE_FORK", "O_NONBLOCK"));
  const ApiItem *NonBlock = findItem(R.Report, "posix", "O_NONBLOCK");
  EXPECT_EQ(NonBlock->Kind, ItemKind::Constant);
  // A stringized name (#c) is defined where the macro is used.
  EXPECT_EQ(NonBlock->Definitions[0].DefinedAt, "int_constants.c:12");
  EXPECT_THAT(guardSummary(*NonBlock), ElementsAre("#ifdef O_NONBLOCK@11=1"));
  EXPECT_THAT(guardSummary(*findItem(R.Report, "posix", "ELIF_BRANCH")),
              ElementsAre("#if defined(HAVE_FORK) && !defined(__wasi__)@17=1",
                          "#elif defined(O_NONBLOCK)@21=1"));
  const ConditionalDirective &Elif =
      findItem(R.Report, "posix", "ELIF_BRANCH")->Definitions[0].Guards[1];
  EXPECT_EQ(Elif.OpeningCondition, "defined(__EMSCRIPTEN__)");
  EXPECT_EQ(Elif.OpeningLine, 19u);
}

// Same snippet as WASI would see it (__wasi__ defined): the #if is false and
// the constants under it are gone; O_CLOEXEC stays absent.
TEST(ModuleAdditions, FalseGuardRemovesItems) {
  SnippetResult R = scanSnippet("int_constants.c", {"-D__wasi__=1"});
  EXPECT_THAT(itemNames(R.Report, "posix"), ElementsAre("O_NONBLOCK"));
}

// Patterns 4 and 8: static and spec types with their methods (kinds from
// ml_flags), members and getsets; the guard of the code adding a type is
// part of its members' guards; PyErr_NewException gives an exception.
TEST(Types, StaticAndSpecTypesWithMembers) {
  SnippetResult R = scanSnippet("types_and_members.c");
  EXPECT_THAT(itemNames(R.Report, "select"),
              ElementsAre("epoll", "epoll.close", "epoll.closed", "error",
                          "poll", "poll.fd", "poll.fromfd", "poll.register"));
  EXPECT_EQ(findItem(R.Report, "select", "error")->Kind, ItemKind::Exception);
  EXPECT_EQ(findItem(R.Report, "select", "poll")->Kind, ItemKind::Class);
  EXPECT_EQ(findItem(R.Report, "select", "poll.fromfd")->Kind,
            ItemKind::ClassMethod);
  EXPECT_EQ(findItem(R.Report, "select", "poll.register")->Kind,
            ItemKind::Method);
  EXPECT_EQ(findItem(R.Report, "select", "poll.fd")->Kind, ItemKind::Member);
  EXPECT_EQ(findItem(R.Report, "select", "epoll.closed")->Kind,
            ItemKind::GetSet);
  EXPECT_THAT(guardSummary(*findItem(R.Report, "select", "epoll.close")),
              ElementsAre("#ifdef HAVE_EPOLL@37=1"));
}

// Pattern 7: struct sequence fields, guarded ones only when compiled,
// unnamed fields skipped; a static type named by PyStructSequence_InitType2.
TEST(StructSequence, FieldsAndStaticInit) {
  SnippetResult R = scanSnippet("struct_sequence.c");
  EXPECT_THAT(itemNames(R.Report, "posix"),
              ElementsAre("stat_result", "stat_result.st_blksize",
                          "stat_result.st_mode", "times_result",
                          "times_result.user"));
  EXPECT_EQ(findItem(R.Report, "posix", "stat_result.st_blksize")->Kind,
            ItemKind::Field);
  EXPECT_THAT(
      guardSummary(*findItem(R.Report, "posix", "stat_result.st_blksize")),
      ElementsAre("#ifdef HAVE_STRUCT_STAT_ST_BLKSIZE@10=1"));
}

// Names through helper parameters (errno), table loops (termios) and arrays
// of types (_io), each with the guard of its own row or call.
TEST(ModuleAdditions, HelpersAndLoops) {
  SnippetResult R = scanSnippet("helpers_and_loops.c");
  EXPECT_THAT(itemNames(R.Report, "errno"), ElementsAre("ENODEV"));
  EXPECT_THAT(guardSummary(*findItem(R.Report, "errno", "ENODEV")),
              ElementsAre("#ifdef ENODEV@18=1"));
  EXPECT_THAT(itemNames(R.Report, "termios"), ElementsAre("B9600"));
  EXPECT_THAT(guardSummary(*findItem(R.Report, "termios", "B9600")),
              ElementsAre("#ifdef B9600@31=1"));
  EXPECT_THAT(itemNames(R.Report, "_io"), ElementsAre("FileIO"));
}

// Types added as PyModule_AddObjectRef(m, _PyType_Name(type), type) in a
// loop over an array of types (Modules/_datetimemodule.c, 3.13): each is
// named after its own tp_name, the guarded element keeps its guard, and a
// struct-sequence desc's name assigned in another module
// (`descr.name = "_testcapi.test_descr"`) names none of them.
TEST(ModuleAdditions, TypesAddedUnderTheirShortNames) {
  SnippetResult R = scanSnippet("type_short_names.c");
  ASSERT_TRUE(R.ToolOK);
  EXPECT_THAT(
      itemNames(R.Report, "_datetime"),
      ElementsAre("date", "timedelta", "timedelta.total_seconds", "tzinfo"));
  EXPECT_EQ(findItem(R.Report, "_datetime", "date")->Kind, ItemKind::Class);
  EXPECT_EQ(findItem(R.Report, "_datetime", "timedelta.total_seconds")->Kind,
            ItemKind::Method);
  EXPECT_THAT(guardSummary(*findItem(R.Report, "_datetime", "tzinfo")),
              ElementsAre("#ifdef HAVE_TZINFO@45=1"));
  EXPECT_THAT(itemNames(R.Report, "_testcapi"),
              ElementsAre("test_structseq_newtype"));
  // Without the macro the guarded element, and only it, is gone.
  SnippetResult Without = scanSnippet("type_short_names.c", {"-UHAVE_TZINFO"});
  EXPECT_THAT(itemNames(Without.Report, "_datetime"),
              ElementsAre("date", "timedelta", "timedelta.total_seconds"));
}

// Exceptions named by the rows of a table that module state holds as a
// copy of a template (Modules/_decimal/_decimal.c, 3.12+), walked by one
// cursor over two tables: each loop reads the table the cursor was last set
// to, the class comes from PyErr_NewException stored into the row, and the
// row under #ifdef EXTRA_FUNCTIONALITY is absent.
TEST(ModuleAdditions, ExceptionsFromTablesCopiedIntoModuleState) {
  SnippetResult R = scanSnippet("copied_tables.c");
  ASSERT_TRUE(R.ToolOK);
  EXPECT_THAT(itemNames(R.Report, "_decimal"),
              ElementsAre("ConversionSyntax", "Inexact", "InvalidOperation"));
  for (const char *Name : {"ConversionSyntax", "Inexact", "InvalidOperation"})
    EXPECT_EQ(findItem(R.Report, "_decimal", Name)->Kind, ItemKind::Exception)
        << Name;
  SnippetResult Extra =
      scanSnippet("copied_tables.c", {"-DEXTRA_FUNCTIONALITY=1"});
  EXPECT_THAT(itemNames(Extra.Report, "_decimal"),
              ElementsAre("ConversionSyntax", "Inexact", "InvalidOperation",
                          "MallocError"));
  EXPECT_THAT(guardSummary(*findItem(Extra.Report, "_decimal", "MallocError")),
              ElementsAre("#ifdef EXTRA_FUNCTIONALITY@21=1"));
}

// Helpers followed once per shape of arguments while they add nothing: an
// item is still found when the same helper is reached shallower than a call
// cut at the depth limit, after a recursion stopped at its caller, and
// after a dunder attribute name that adds nothing.
TEST(ModuleAdditions, FollowedCallsKeepWhatDecidesAnAddition) {
  SnippetResult R = scanSnippet("followed_calls.c");
  ASSERT_TRUE(R.ToolOK);
  EXPECT_THAT(
      itemNames(R.Report, "_follow"),
      ElementsAre("FIRST", "SECOND", "SHALLOW", "Thing", "Thing.visible"));
  EXPECT_EQ(findItem(R.Report, "_follow", "Thing.visible")->Kind,
            ItemKind::Attribute);
}

// Conditionals are recorded in the unit's own folder only: the main file and
// a clinic header under it, not a header found through -I (Include/ holds
// the C API, no module items). An item guarded in the clinic header keeps
// its guard.
TEST(Conditionals, RecordedInTheUnitsOwnFolder) {
  std::vector<TUFacts> Facts;
  auto Factory =
      makeFactsActionFactory([&](TUFacts F) { Facts.push_back(std::move(F)); });
  ASSERT_TRUE(clang::tooling::runToolOnCodeWithArgs(
      Factory->create(),
      "#include \"Python.h\"\n"
      "#include \"api.h\"\n"
      "#ifdef HAVE_MAIN\n"
      "#endif\n"
      "#include \"clinic/m.c.h\"\n"
      "static PyMethodDef m_methods[] = {CLINIC_METHODDEF {NULL, NULL}};\n",
      {"-I/src/Include", "-std=c11", "-DHAVE_CLINIC"}, "/src/Modules/m.c",
      "wasm-gapscan-test", std::make_shared<clang::PCHContainerOperations>(),
      {{"/src/Include/Python.h",
        readFile(std::string(GAPSCAN_TEST_DATA) + "/../snippets/Python.h")},
       {"/src/Include/api.h", "#ifdef HAVE_API\n#endif\n"},
       {"/src/Modules/clinic/m.c.h",
        "#ifdef HAVE_CLINIC\n"
        "#define CLINIC_METHODDEF {\"clinic\", (PyCFunction)0, METH_O, NULL},\n"
        "#endif\n"}}));
  ASSERT_EQ(Facts.size(), 1u);
  std::vector<std::string> Recorded;
  for (const ConditionalDirective &D : Facts[0].Directives)
    Recorded.push_back(D.Kind + " " + D.Condition + " " + D.File);
  EXPECT_THAT(Recorded,
              ElementsAre("ifdef HAVE_MAIN /src/Modules/m.c",
                          "ifdef HAVE_CLINIC /src/Modules/clinic/m.c.h"));
  ASSERT_EQ(Facts[0].Tables.size(), 1u);
  ASSERT_FALSE(Facts[0].Tables[0].Rows.empty());
  const Site &Spelled = Facts[0].Tables[0].Rows[0].Where.Spelling;
  EXPECT_EQ(Spelled.File, "/src/Modules/clinic/m.c.h");
  ASSERT_EQ(Spelled.Guards.size(), 1u);
  EXPECT_EQ(Facts[0].Directives[Spelled.Guards[0]].Condition, "HAVE_CLINIC");
}

// A core module without PyInit ({"sys", NULL}): found by m_name; dict
// inserts through a helper receiving the module dict count, inserts into
// another dict do not; a table name from a macro defined under a guard.
TEST(CoreModule, SysLikeModule) {
  SnippetResult R = scanSnippet("core_module.c");
  const ModuleItems *Sys = findModule(R.Report, "sys");
  ASSERT_NE(Sys, nullptr);
  EXPECT_EQ(Sys->Status, ModuleStatus::Analysed);
  EXPECT_EQ(Sys->State, "yes");
  EXPECT_THAT(itemNames(R.Report, "sys"),
              ElementsAre("_getconfig", "float_repr_style"));
  EXPECT_THAT(guardSummary(*findItem(R.Report, "sys", "_getconfig")),
              ElementsAre("#ifdef HAVE_CONFIG@9=1"));
}

// The same under Emscripten: the #else name and the Emscripten-only item.
TEST(CoreModule, TargetOnlyItems) {
  SnippetResult R =
      scanSnippet("core_module.c", {"-UHAVE_CONFIG", "-D__EMSCRIPTEN__=1"});
  EXPECT_THAT(
      itemNames(R.Report, "sys"),
      ElementsAre("_emscripten_info", "_nogetconfig", "float_repr_style"));
  EXPECT_THAT(guardSummary(*findItem(R.Report, "sys", "_nogetconfig")),
              ElementsAre("#else@11=1"));
}

// A module whose source has a syntax error is reported as failed with the
// compiler's message, not dropped.
TEST(Errors, UnparsableModuleIsReported) {
  SnippetResult R = scanCode(
      "#include \"Python.h\"\nstatic struct PyModuleDef d = "
      "{PyModuleDef_HEAD_INIT, \"bad\"};\n"
      "PyMODINIT_FUNC PyInit_bad(void) { return PyModule_Create(&d) }\n",
      {"bad"});
  EXPECT_FALSE(R.ToolOK);
  ASSERT_EQ(R.Facts.size(), 1u);
  EXPECT_FALSE(R.Facts[0].ParseOK);
  ASSERT_FALSE(R.Facts[0].Errors.empty());
  EXPECT_NE(R.Facts[0].Errors[0].find("expected ';'"), std::string::npos);
}

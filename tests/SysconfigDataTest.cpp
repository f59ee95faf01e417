// Tests of the reader of a distribution's sysconfig data.
#include "config/SysconfigData.h"
#include <gtest/gtest.h>

using namespace gapscan;

// Checks the literal as Lib/sysconfig's generator writes it with pprint: a
// comment, str/int values, a long string split into adjacent literals inside
// parentheses, and escapes.
TEST(SysconfigData, ReadsPprintedBuildTimeVars) {
  const char *Text =
      "# system configuration generated and used by the sysconfig module\n"
      "build_time_vars = {'ABIFLAGS': '',\n"
      " 'CC': 'clang-19 --target=wasm32-wasi',\n"
      " 'CONFIG_ARGS': \"'--host=wasm32-wasip1' \"\n"
      "                \"'CC=clang'\",\n"
      " 'HAVE_FORK': 0,\n"
      " 'SIZEOF_LONG': 4,\n"
      " 'LONG': ('a '\n"
      "          'b'),\n"
      " 'ESC': 'x\\\\y\\'z\\n\\x41\\u00e9',\n"
      " 'MACHDEP': 'wasi',\n"
      " 'NONE': None,\n"
      " 'VERSION': '3.13'}\n";
  auto Data = parseSysconfigData(Text, "data.py");
  ASSERT_TRUE(static_cast<bool>(Data)) << llvm::toString(Data.takeError());
  EXPECT_EQ(Data->get("ABIFLAGS"), "");
  EXPECT_EQ(Data->get("CONFIG_ARGS"), "'--host=wasm32-wasip1' 'CC=clang'");
  EXPECT_TRUE(Data->Vars.at("HAVE_FORK").IsInt);
  EXPECT_EQ(Data->get("HAVE_FORK"), "0");
  EXPECT_EQ(Data->get("SIZEOF_LONG"), "4");
  EXPECT_EQ(Data->get("LONG"), "a b");
  EXPECT_EQ(Data->get("ESC"), "x\\y'z\nA\xc3\xa9");
  EXPECT_EQ(Data->get("NONE"), std::nullopt);
  EXPECT_EQ(Data->get("MISSING"), std::nullopt);
}

// Checks a JSON object of sysconfig.get_config_vars() (ints, strings, null).
TEST(SysconfigData, ReadsJsonDump) {
  auto Data = parseSysconfigData(
      R"({"CC": "emcc", "VERSION": "3.12", "MACHDEP": "emscripten",
          "HAVE_FORK": 0, "Py_DEBUG": false, "prefix": null, "list": [1]})",
      "vars.json");
  ASSERT_TRUE(static_cast<bool>(Data)) << llvm::toString(Data.takeError());
  EXPECT_EQ(Data->get("CC"), "emcc");
  EXPECT_EQ(Data->get("HAVE_FORK"), "0");
  EXPECT_EQ(Data->get("Py_DEBUG"), "0");
  EXPECT_EQ(Data->get("prefix"), std::nullopt);
  EXPECT_EQ(Data->Vars.count("list"), 0u);
}

// Checks that bad data is one error naming file and line, never a crash.
TEST(SysconfigData, RejectsBadData) {
  struct Case {
    const char *Text, *Expect;
  } Cases[] = {
      {"build_time_vars = {'CC': 'cc',\n 'VERSION': ",
       "data.py:2: unexpected end"},
      {"build_time_vars = {'CC': 'cc\n'}", "data.py:1: unterminated string"},
      {"x = 1\n", "no 'build_time_vars = {...}' found"},
      {"build_time_vars = {'CC': 'cc', 'VERSION': '3.13'}",
       "no 'MACHDEP' variable"},
      {"build_time_vars = {1: 'x'}", "dict key is not a string"},
      {"build_time_vars = {'A': [1]}", "unsupported value"},
      {"{\"CC\": ", "not valid JSON"},
      {"[1, 2]", "no 'build_time_vars"},
      {"build_time_vars = {'A': '\xff\xfe'}", "not UTF-8"},
      {"build_time_vars = {'A': '\\x4'}", "bad \\x escape"},
  };
  for (const Case &C : Cases) {
    auto Data = parseSysconfigData(C.Text, "data.py");
    ASSERT_FALSE(static_cast<bool>(Data)) << C.Text;
    std::string Message = llvm::toString(Data.takeError());
    EXPECT_NE(Message.find(C.Expect), std::string::npos) << Message;
    EXPECT_EQ(Message.find('\n'), std::string::npos) << Message;
  }
}

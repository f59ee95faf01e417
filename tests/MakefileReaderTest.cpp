// Tests of the Makefile subset CPython's configure writes.
#include "config/MakefileReader.h"
#include "config/BuildFolder.h"
#include <gtest/gtest.h>

using namespace gapscan;

// Checks recursive expansion, +=, := and substitution references.
TEST(MakefileReader, ExpandsVariables) {
  auto M = Makefile::parse("A=1\nB=$(A) 2\nB+=3\nC:=$(B)\nOBJS=x.o y.o\n"
                           "SRCS=$(OBJS:.o=.c)\n",
                           "test");
  ASSERT_TRUE(static_cast<bool>(M));
  EXPECT_EQ(M->value("B"), "1 2 3");
  EXPECT_EQ(M->value("C"), "1 2 3");
  EXPECT_EQ(M->value("SRCS"), "x.c y.c");
  EXPECT_EQ(M->value("UNDEFINED"), "");
}

// Checks makesetup's one-line rules and tab recipes with automatic variables.
TEST(MakefileReader, ReadsRules) {
  auto M = Makefile::parse("CC=gcc\nsrcdir=/src\n"
                           "Modules/x.o: $(srcdir)/Modules/x.c; $(CC) -DX='\"a "
                           "b\"' -c $(srcdir)/Modules/x.c -o Modules/x.o\n"
                           ".c.o:\n\t$(CC) -c -o $@ $<\n",
                           "test");
  ASSERT_TRUE(static_cast<bool>(M));
  ASSERT_EQ(M->rules().size(), 2u);
  EXPECT_EQ(M->rules()[0].Targets, "Modules/x.o");
  std::vector<std::string> Argv =
      splitShellWords(M->expand(M->rules()[0].Recipe[0]));
  std::vector<std::string> Want = {
      "gcc", "-DX=\"a b\"", "-c", "/src/Modules/x.c", "-o", "Modules/x.o"};
  EXPECT_EQ(Argv, Want);
  EXPECT_EQ(M->expand(M->rules()[1].Recipe[0], {{"@", "a.o"}, {"<", "a.c"}}),
            "gcc -c -o a.o a.c");
}

#include "config/PublicNames.h"

// Checks that `from X import` statements are found with their star-ness,
// indented ones included (Lib/os.py imports posix inside an if), and that
// relative imports are ignored.
TEST(PublicNames, FromImports) {
  auto Imports = gapscan::fromImports(
      "import sys\nif 'posix' in _names:\n    from posix import *\n"
      "from _io import (DEFAULT_BUFFER_SIZE, open)\nfrom . import x\n");
  ASSERT_EQ(Imports.size(), 2u);
  EXPECT_EQ(Imports[0].Module, "posix");
  EXPECT_TRUE(Imports[0].Star);
  EXPECT_TRUE(Imports[0].Indented);
  EXPECT_EQ(Imports[1].Module, "_io");
  EXPECT_FALSE(Imports[1].Star);
  EXPECT_FALSE(Imports[1].Indented);
}

// Checks that self-referencing variables (a cycle make reports as an error)
// expand to nothing at once; `B=$(B:=$(B))` used to take exponential time.
TEST(MakefileReader, CyclesExpandToNothing) {
  auto M = Makefile::parse("A=$(A)\nB=$(B:=$(B))x\nC=$(D)\nD=$(C)y\n", "test");
  ASSERT_TRUE(static_cast<bool>(M));
  EXPECT_EQ(M->value("A"), "");
  EXPECT_EQ(M->value("B"), "x");
  EXPECT_EQ(M->value("C"), "y");
}

// Checks that reused expansions (each unit's recipe expands the same flag
// variables) never carry one rule's automatic variables or a cycle's cut
// into another expansion: a variable reading $@ or $(@D) expands anew each
// time, and a variable first met inside a cycle expands alone as it would
// in a fresh Makefile.
TEST(MakefileReader, ReusedExpansionsKeepTheirContext) {
  auto M = Makefile::parse("INC=-I$(srcdir)/Include\nsrcdir=/src\n"
                           "CFLAGS=-O2 $(INC)\nOUT=-o $@ -MF $(@D)/deps\n"
                           "CMD=$(CC) $(CFLAGS) $(OUT)\nCC=cc\n"
                           "C=$(D)\nD=$(C)y\n",
                           "test");
  ASSERT_TRUE(static_cast<bool>(M));
  EXPECT_EQ(M->expand("$(CMD)", {{"@", "a/x.o"}, {"@D", "a"}}),
            "cc -O2 -I/src/Include -o a/x.o -MF a/deps");
  EXPECT_EQ(M->expand("$(CMD)", {{"@", "b/y.o"}, {"@D", "b"}}),
            "cc -O2 -I/src/Include -o b/y.o -MF b/deps");
  EXPECT_EQ(M->value("CFLAGS"), "-O2 -I/src/Include");
  // C's expansion cuts the cycle at C, inside D: D's "y" is not D's value.
  EXPECT_EQ(M->value("C"), "y");
  auto Fresh = Makefile::parse("C=$(D)\nD=$(C)y\n", "test");
  ASSERT_TRUE(static_cast<bool>(Fresh));
  EXPECT_EQ(M->value("D"), Fresh->value("D"));
}

// Checks Setup.stdlib lines: enabled and commented modules, and the
// unsubstituted @MODULE_X_TRUE@ marker of 3.11's setup.py modules, which is
// not part of the module's name (it once listed
// "@MODULE_READLINE_TRUE@readline").
TEST(SetupFile, MarkersConfigureLeftAreNotNames) {
  std::vector<SetupLine> Lines = parseSetupText(
      "_json _json.c\n"
      "#_lzma _lzmamodule.c\n"
      "#@MODULE_READLINE_TRUE@readline readline.c\n"
      "#@MODULE__CURSES_PANEL_TRUE@_curses_panel _curses_panel.c\n"
      "*shared*\n");
  ASSERT_EQ(Lines.size(), 4u);
  EXPECT_EQ(Lines[0].Name, "_json");
  EXPECT_TRUE(Lines[0].Enabled);
  EXPECT_EQ(Lines[1].Name, "_lzma");
  EXPECT_FALSE(Lines[1].Enabled);
  EXPECT_EQ(Lines[2].Name, "readline");
  EXPECT_FALSE(Lines[2].Enabled);
  EXPECT_EQ(Lines[3].Name, "_curses_panel");
}

// Tests of the reader of CPython's Doc/library reStructuredText.
#include "docscheck/DocsReader.h"
#include "llvm/Support/FileSystem.h"
#include <chrono>
#include <cstdlib>
#include <gtest/gtest.h>
#include <iostream>

using namespace gapscan;

namespace {

DocsIndex parse(llvm::StringRef Text,
                llvm::StringRef Path = "library/test.rst") {
  DocsIndex Index;
  parseRstPage(Path, Text, Index);
  return Index;
}

std::string names(const DocsIndex &Index) {
  std::string Out;
  for (const DocEntry &E : Index.Entries)
    Out += (Out.empty() ? "" : " ") + E.Module + ":" + E.Name;
  return Out;
}

std::string warnings(const DocsIndex &Index) {
  std::string Out;
  for (const DocWarning &W : Index.Warnings)
    Out +=
        W.At.File + ":" + std::to_string(W.At.Line) + ": " + W.Message + "\n";
  return Out;
}

AvailabilityNote note(llvm::StringRef Text) {
  AvailabilityNote N;
  N.Text = Text.str();
  N.Terms = parseAvailabilityList(Text);
  return N;
}

} // namespace

// Checks a plain function entry: module, name, line, indent, body end and
// its availability note with the note's own line and indent.
TEST(DocsReader, FunctionWithAvailability) {
  DocsIndex I = parse(".. module:: os\n"
                      "\n"
                      ".. function:: fork()\n"
                      "\n"
                      "   Fork a child process.\n"
                      "\n"
                      "   .. availability:: POSIX, not WASI,\n"
                      "      not Android.\n"
                      "\n"
                      "      Some text.\n"
                      "\n"
                      ".. function:: getpid()\n");
  EXPECT_EQ(warnings(I), "");
  ASSERT_EQ(I.Entries.size(), 2u);
  const DocEntry &E = I.Entries[0];
  EXPECT_EQ(E.Module, "os");
  EXPECT_EQ(E.Name, "fork");
  EXPECT_EQ(E.Directive, "function");
  EXPECT_EQ(E.Signature, "fork()");
  EXPECT_EQ(E.At.File, "library/test.rst");
  EXPECT_EQ(E.At.Line, 3u);
  EXPECT_EQ(E.Indent, 0u);
  EXPECT_EQ(E.BodyEndLine, 10u);
  ASSERT_TRUE(E.Availability.has_value());
  EXPECT_EQ(E.Availability->Text, "POSIX, not WASI, not Android.");
  EXPECT_EQ(E.Availability->At.Line, 7u);
  EXPECT_EQ(E.Availability->ArgEndLine, 8u);
  EXPECT_EQ(E.Availability->Indent, 3u);
  ASSERT_EQ(E.Availability->Terms.size(), 3u);
  EXPECT_FALSE(I.Entries[1].Availability.has_value());
  EXPECT_EQ(I.Entries[1].BodyEndLine, 12u);
  ASSERT_NE(DocsLookup(I).find("os", "fork"), nullptr);
  EXPECT_EQ(DocsLookup(I).find("os", "fork")->At.Line, 3u);
  EXPECT_EQ(DocsLookup(I).find("os", "nope"), nullptr);
}

// Checks that one `.. data::` with indented extra signature lines yields one
// entry per name, all sharing the directive's note (library/os.rst O_*).
TEST(DocsReader, DataWithSeveralNames) {
  DocsIndex I = parse(".. module:: os\n"
                      "\n"
                      ".. data:: O_RDONLY\n"
                      "          O_WRONLY\n"
                      "          O_RDWR\n"
                      "\n"
                      "   .. availability:: Unix.\n");
  EXPECT_EQ(warnings(I), "");
  EXPECT_EQ(names(I), "os:O_RDONLY os:O_WRONLY os:O_RDWR");
  for (const DocEntry &E : I.Entries) {
    EXPECT_EQ(E.At.Line, 3u);
    ASSERT_TRUE(E.Availability.has_value());
    EXPECT_EQ(E.Availability->Text, "Unix.");
  }
  EXPECT_EQ(I.Entries[1].NameLine, 4u);
}

// Checks multiple function signatures, backslash continuations, lines
// left with an open bracket (dis.rst's distb), overloads of one name,
// wildcard constant families (socket.rst's SO_*) and signatures naming no
// object (stdtypes.rst's `set <= other`), which are skipped silently.
TEST(DocsReader, FunctionSignatures) {
  DocsIndex I = parse(".. module:: os\n"
                      "\n"
                      ".. function:: execl(path, arg0, arg1, ...)\n"
                      "              execle(path, arg0, arg1, ..., env)\n"
                      "\n"
                      ".. class:: Popen(args, bufsize=-1, \\\n"
                      "                 stderr=None)\n"
                      "\n"
                      ".. function:: range(stop)\n"
                      "              range(start, stop[, step])\n"
                      "\n"
                      ".. function:: distb(tb=None, *,\n"
                      "                    show_offset=False)\n"
                      "              disco(code)\n"
                      "\n"
                      ".. data:: SO_*\n"
                      "          AF_UNIX\n"
                      "\n"
                      ".. method:: set <= other\n"
                      "            set.issubset(other)\n");
  EXPECT_EQ(warnings(I), "");
  EXPECT_EQ(names(I), "os:execl os:execle os:Popen os:range os:distb "
                      "os:disco os:SO_* os:AF_UNIX os:set.issubset");
  EXPECT_EQ(I.Entries[2].Signature, "Popen(args, bufsize=-1, stderr=None)");
  EXPECT_EQ(I.Entries[4].Signature, "distb(tb=None, *, show_offset=False)");
  EXPECT_EQ(I.Entries[5].NameLine, 14u);
  EXPECT_TRUE(I.Entries[6].Wildcard);
  EXPECT_FALSE(I.Entries[7].Wildcard);
}

// Checks class nesting: members inside a class body get the class prefix,
// a repeated prefix is not doubled, and members after the body do not.
TEST(DocsReader, NestedClassMembers) {
  DocsIndex I = parse(".. module:: subprocess\n"
                      "\n"
                      ".. class:: CompletedProcess\n"
                      "\n"
                      "   Text.\n"
                      "\n"
                      "   .. attribute:: args\n"
                      "\n"
                      "   .. method:: CompletedProcess.check_returncode()\n"
                      "\n"
                      "      .. availability:: not WASI.\n"
                      "\n"
                      ".. exception:: CalledProcessError\n"
                      "\n"
                      "    .. attribute:: cmd\n"
                      "\n"
                      ".. function:: run()\n");
  EXPECT_EQ(warnings(I), "");
  EXPECT_EQ(names(I),
            "subprocess:CompletedProcess subprocess:CompletedProcess.args "
            "subprocess:CompletedProcess.check_returncode "
            "subprocess:CalledProcessError "
            "subprocess:CalledProcessError.cmd subprocess:run");
  // The note belongs to the method only, not to the enclosing class.
  EXPECT_FALSE(I.Entries[0].Availability.has_value());
  EXPECT_TRUE(I.Entries[2].Availability.has_value());
  EXPECT_EQ(I.Entries[0].BodyEndLine, 11u);
  EXPECT_EQ(I.Entries[3].Indent, 0u);
  EXPECT_EQ(I.Entries[4].Indent, 4u);
}

// Checks `.. method:: socket.sendmsg` at top level (the prefix names class
// socket.socket and is kept), `.. function:: os.fork()` (a prefix equal to
// the module is dropped), py: domain prefixes, :module: options and
// exceptions without a module.
TEST(DocsReader, PrefixesAndDomains) {
  DocsIndex I = parse(".. module:: socket\n"
                      "\n"
                      ".. method:: socket.sendmsg(buffers)\n"
                      "\n"
                      ".. py:function:: socket.create_connection(address)\n"
                      "\n"
                      ".. py:data:: AF_UNIX\n"
                      "\n"
                      ".. data:: asyncio.subprocess.PIPE\n"
                      "   :module:\n"
                      "\n"
                      ".. c:function:: int PyFoo(void)\n"
                      "\n"
                      ".. currentmodule:: None\n"
                      "\n"
                      ".. exception:: OSError\n");
  EXPECT_EQ(warnings(I), "");
  EXPECT_EQ(names(I), "socket:socket.sendmsg socket:create_connection "
                      "socket:AF_UNIX :asyncio.subprocess.PIPE :OSError");
  EXPECT_EQ(I.Entries[1].Directive, "function");
  // find() resolves the module-qualified name of an entry without module.
  ASSERT_NE(DocsLookup(I).find("asyncio.subprocess", "PIPE"), nullptr);
  EXPECT_EQ(DocsLookup(I).find("asyncio.subprocess", "PIPE")->At.Line, 9u);
}

// Checks `.. currentmodule::`, `.. module:: os.path` with options that are
// not content, and :noindex: entries losing to the indexed one in find().
TEST(DocsReader, ModulesAndOptions) {
  DocsIndex I = parse(".. module:: os.path\n"
                      "   :platform: Unix\n"
                      "   :synopsis: Common pathname manipulations\n"
                      "      over two lines.\n"
                      "\n"
                      ".. function:: join(a, *p)\n"
                      "   :noindex:\n"
                      "\n"
                      ".. currentmodule:: os\n"
                      "\n"
                      ".. function:: stat(path)\n"
                      "   :no-index:\n"
                      "\n"
                      ".. function:: stat(path)\n");
  EXPECT_EQ(warnings(I), "");
  ASSERT_EQ(I.Modules.size(), 1u);
  EXPECT_EQ(I.Modules[0].Name, "os.path");
  EXPECT_EQ(I.Modules[0].Platform, "Unix");
  EXPECT_EQ(names(I), "os.path:join os:stat os:stat");
  EXPECT_TRUE(I.Entries[0].NoIndex);
  EXPECT_EQ(I.Entries[0].BodyEndLine, 7u);
  ASSERT_NE(DocsLookup(I).find("os", "stat"), nullptr);
  EXPECT_EQ(DocsLookup(I).find("os", "stat")->At.Line, 14u);
  EXPECT_EQ(DocsLookup(I).find("os.path", "join")->At.Line,
            6u); // Only a :noindex: one.
  EXPECT_NE(I.module("os.path"), nullptr);
  EXPECT_EQ(I.module("os"), nullptr);
}

// Checks DocsLookup's order: an exact (module, name) entry beats one with the
// same qualified name even when it comes later, exact() ignores qualified
// names, and a wildcard family is only found through wildcards().
TEST(DocsReader, LookupPrefersExactEntries) {
  DocsIndex I = parse(".. currentmodule:: os\n"
                      "\n"
                      ".. function:: path.join(a)\n"
                      "\n"
                      ".. module:: os.path\n"
                      "\n"
                      ".. function:: join(a)\n"
                      "\n"
                      ".. currentmodule:: socket\n"
                      "\n"
                      ".. data:: SO_*\n");
  DocsLookup L(I);
  ASSERT_NE(L.find("os.path", "join"), nullptr);
  EXPECT_EQ(L.find("os.path", "join")->At.Line, 7u);
  ASSERT_NE(L.find("os", "path.join"), nullptr);
  EXPECT_EQ(L.find("os", "path.join")->At.Line, 3u);
  EXPECT_EQ(L.exact("os", "join"), nullptr);
  EXPECT_EQ(L.find("socket", "SO_*"), nullptr);
  ASSERT_EQ(L.wildcards("socket").size(), 1u);
  EXPECT_EQ(L.wildcards("socket").front()->At.Line, 11u);
  EXPECT_TRUE(L.wildcards("os").empty());
}

// Checks a module-level note and the wasm-notavail includes, each attached
// to the `.. module::` before it (library/dbm.rst has several modules).
TEST(DocsReader, ModuleLevelNotesAndIncludes) {
  DocsIndex I = parse(".. module:: resource\n"
                      "\n"
                      "Text.\n"
                      "\n"
                      ".. availability:: Unix, not WASI.\n"
                      "\n"
                      ".. function:: getrusage(who)\n"
                      "\n"
                      ".. module:: dbm.gnu\n"
                      "\n"
                      ".. include:: ../includes/wasm-mobile-notavail.rst\n"
                      "\n"
                      ".. module:: dbm.sqlite3\n"
                      "\n"
                      ".. include:: ../includes/wasm-notavail.rst\n",
                      "library/x.rst");
  EXPECT_EQ(warnings(I), "");
  ASSERT_EQ(I.Modules.size(), 3u);
  ASSERT_TRUE(I.Modules[0].Availability.has_value());
  EXPECT_EQ(I.Modules[0].Availability->At.Line, 5u);
  EXPECT_EQ(I.Modules[0].Availability->Indent, 0u);
  EXPECT_FALSE(I.Entries[0].Availability.has_value());
  EXPECT_FALSE(I.Modules[0].WasmNotAvailInclude.has_value());
  ASSERT_TRUE(I.Modules[1].WasmNotAvailInclude.has_value());
  EXPECT_EQ(I.Modules[1].WasmNotAvailInclude->Line, 11u);
  EXPECT_TRUE(I.Modules[1].MobileVariant);
  EXPECT_EQ(I.Modules[1].IncludePath, "includes/wasm-mobile-notavail.rst");
  ASSERT_TRUE(I.Modules[2].WasmNotAvailInclude.has_value());
  EXPECT_FALSE(I.Modules[2].MobileVariant);
  EXPECT_EQ(I.Modules[2].IncludePath, "includes/wasm-notavail.rst");
}

// Checks that comments, literal blocks (after "::", also inside list items
// and entries) and code directives are not read as directives.
TEST(DocsReader, CommentsAndLiteralsAreSkipped) {
  DocsIndex I = parse(".. module:: m\n"
                      "\n"
                      ".. XXX this is a comment\n"
                      "   .. function:: incomment()\n"
                      "\n"
                      "..\n"
                      "   .. function:: inemptycomment()\n"
                      "\n"
                      "Example::\n"
                      "\n"
                      "   .. function:: inliteral()\n"
                      "\n"
                      "- A list item::\n"
                      "\n"
                      "    .. function:: inlistliteral()\n"
                      "\n"
                      "  .. availability:: Linux.\n"
                      "\n"
                      ".. code-block:: rst\n"
                      "\n"
                      "   .. function:: incode()\n"
                      "\n"
                      ".. _label:\n"
                      "\n"
                      ".. function:: real()\n"
                      "\n"
                      "   See this::\n"
                      "\n"
                      "      .. availability:: Windows.\n"
                      "\n"
                      "   .. note::\n"
                      "\n"
                      "      .. availability:: Unix.\n");
  EXPECT_EQ(warnings(I), "");
  EXPECT_EQ(names(I), "m:real");
  // The list item's note is about the item, not the module.
  EXPECT_FALSE(I.Modules[0].Availability.has_value());
  ASSERT_TRUE(I.Entries[0].Availability.has_value());
  EXPECT_EQ(I.Entries[0].Availability->Text, "Unix.");
  EXPECT_EQ(I.Entries[0].BodyEndLine, 33u);
}

// Checks that malformed input (invalid UTF-8, tabs, an unparsable
// signature, a directive typo, an unknown platform, a note without a place,
// an empty directive, duplicate notes) becomes warnings with file:line and
// that CRLF line ends are handled.
TEST(DocsReader, MalformedInputWarns) {
  DocsIndex I = parse(".. availability:: Unix.\r\n"
                      ".. module:: m\r\n"
                      "\r\n"
                      ".. function:: bad(x) name\r\n"
                      ".. function: typo()\r\n"
                      "\r\n"
                      ".. function:: caf\xff()\r\n"
                      "\r\n"
                      "\t.. availability:: Plan9, not WASI\r\n"
                      "\r\n"
                      "   .. availability:: Unix.\r\n"
                      ".. data::\r\n"
                      "\r\n"
                      ".. availability::\r\n");
  std::string W = warnings(I);
  EXPECT_NE(W.find("test.rst:1: availability note outside any entry"),
            std::string::npos)
      << W;
  EXPECT_NE(W.find("test.rst:4: irregular signature 'bad(x) name'"),
            std::string::npos)
      << W;
  EXPECT_NE(W.find("test.rst:5: '.. function: typo()' is a comment"),
            std::string::npos)
      << W;
  EXPECT_NE(W.find("test.rst:7: invalid UTF-8"), std::string::npos) << W;
  EXPECT_NE(W.find("test.rst:9: tab character"), std::string::npos) << W;
  EXPECT_NE(W.find("test.rst:9: unknown platform 'Plan9'"), std::string::npos)
      << W;
  EXPECT_NE(
      W.find("test.rst:9: several availability notes for caf\xef\xbf\xbd; "
             "keeping this one, ignoring lines 11"),
      std::string::npos)
      << W;
  EXPECT_NE(W.find("test.rst:12: '.. data::' without a signature"),
            std::string::npos)
      << W;
  EXPECT_NE(W.find("test.rst:14: '.. availability::' without platforms"),
            std::string::npos)
      << W;
  EXPECT_EQ(I.Warnings.size(), 9u) << W;
  // The replacement character keeps names valid UTF-8 for JSON reports.
  ASSERT_EQ(I.Entries.size(), 2u);
  EXPECT_EQ(I.Entries[0].Name, "bad"); // Irregular, but clearly named.
  EXPECT_EQ(I.Entries[1].Name, "caf\xef\xbf\xbd");
  ASSERT_TRUE(I.Entries[1].Availability.has_value());
  EXPECT_EQ(I.Entries[1].Availability->Text, "Plan9, not WASI");
  EXPECT_EQ(I.Entries[1].Availability->Indent, 8u);
  EXPECT_EQ(I.Modules[0].At.Line, 2u);

  // Arbitrary bytes never crash the reader.
  std::string Junk;
  for (int K = 0; K < 4096; ++K)
    Junk.push_back(static_cast<char>((K * 7919) % 256));
  Junk += "\n.. function:: x(\n..\n.. \n::\n   ::\n.. class::\n   .. method::";
  DocsIndex J = parse(Junk);
  (void)J;
}

// Checks availability lists as availability.py splits them: negations,
// version specs kept whole (libc part included), trailing dots.
TEST(DocsReader, ParseAvailabilityList) {
  std::vector<std::string> W;
  auto T = parseAvailabilityList("Unix, not WASI, not Emscripten", &W);
  ASSERT_EQ(T.size(), 3u);
  EXPECT_EQ(T[0].Platform, "Unix");
  EXPECT_FALSE(T[0].Negated);
  EXPECT_EQ(T[1].Platform, "WASI");
  EXPECT_TRUE(T[1].Negated);
  EXPECT_EQ(T[2].Platform, "Emscripten");
  EXPECT_TRUE(T[2].Negated);

  T = parseAvailabilityList("Linux >= 2.6.27", &W);
  ASSERT_EQ(T.size(), 1u);
  EXPECT_EQ(T[0].Platform, "Linux");
  EXPECT_EQ(T[0].Version, ">= 2.6.27");

  T = parseAvailabilityList("Linux >= 3.17 with glibc >= 2.27", &W);
  ASSERT_EQ(T.size(), 1u);
  EXPECT_EQ(T[0].Platform, "Linux");
  EXPECT_EQ(T[0].Version, ">= 3.17 with glibc >= 2.27");

  T = parseAvailabilityList("Linux with glibc", &W);
  ASSERT_EQ(T.size(), 1u);
  EXPECT_EQ(T[0].Platform, "Linux");
  EXPECT_EQ(T[0].Version, "with glibc");

  T = parseAvailabilityList("not Android", &W);
  ASSERT_EQ(T.size(), 1u);
  EXPECT_EQ(T[0].Platform, "Android");
  EXPECT_TRUE(T[0].Negated);

  T = parseAvailabilityList("Windows", &W);
  ASSERT_EQ(T.size(), 1u);
  EXPECT_EQ(T[0].Platform, "Windows");

  T = parseAvailabilityList("Unix, not WASI, not Android.", &W);
  ASSERT_EQ(T.size(), 3u);
  EXPECT_EQ(T[2].Platform, "Android");
  EXPECT_TRUE(W.empty());

  T = parseAvailabilityList("Windows,, unix", &W);
  EXPECT_EQ(T.size(), 2u);
  ASSERT_EQ(W.size(), 2u);
  EXPECT_NE(W[0].find("empty platform term"), std::string::npos);
  EXPECT_NE(W[1].find("unknown platform 'unix'"), std::string::npos);
}

// Checks availabilityExcludes for both targets over the kinds of notes
// CPython writes.
TEST(DocsReader, AvailabilityExcludesTruthTable) {
  struct Row {
    const char *Text;
    bool WASI, Emscripten;
  } Rows[] = {
      {"Unix, not WASI, not Emscripten.", true, true},
      {"Unix, not WASI.", true, false},
      {"not Emscripten, not WASI.", true, true},
      {"Unix.", false, false},
      {"POSIX", false, false},
      {"Unix, Windows.", false, false},
      {"Windows.", true, true},
      {"Linux >= 2.6.27", true, true},
      {"Linux >= 3.17 with glibc >= 2.27", true, true},
      {"not Android", false, false},
      {"not Android, not iOS.", false, false},
      {"Unix, not WASI, not Android.", true, false},
      {"WASI, FreeBSD", false, true},
      {"Emscripten.", true, false},
      {"Windows, pthreads.", false, false},
      {"Linux >= 3.1, macOS, Unix", false, false},
  };
  for (const Row &R : Rows) {
    AvailabilityNote N = note(R.Text);
    EXPECT_EQ(availabilityExcludes(N, "WASI"), R.WASI) << R.Text;
    EXPECT_EQ(availabilityExcludes(N, "Emscripten"), R.Emscripten) << R.Text;
  }
  std::string Reason;
  EXPECT_TRUE(availabilityExcludes(note("Unix, not WASI."), "WASI", &Reason));
  EXPECT_EQ(Reason, "not WASI");
  EXPECT_TRUE(availabilityExcludes(note("Linux >= 4.5, Windows."), "Emscripten",
                                   &Reason));
  EXPECT_EQ(Reason, "only Linux >= 4.5, Windows");
}

// Checks the roles of intro.rst's "WebAssembly platforms" section, the end
// of the section at the next title, and the warning when it is missing.
TEST(DocsReader, IntroWasmSection) {
  DocsIndex I;
  parseIntroWasmSection("library/intro.rst",
                        "Intro\n"
                        "=====\n"
                        "\n"
                        ":mod:`os` is outside.\n"
                        "\n"
                        "WebAssembly platforms\n"
                        "---------------------\n"
                        "\n"
                        "* APIs that spawn (:func:`~os.fork`,\n"
                        "  :func:`~os.execve`). The\n"
                        "  :mod:`subprocess` is importable but does not work.\n"
                        "* The :mod:`socket <socket>` module is limited.\n"
                        "\n"
                        "Mobile platforms\n"
                        "----------------\n"
                        "\n"
                        ":mod:`multiprocessing` is not available.\n",
                        I);
  EXPECT_EQ(warnings(I), "");
  ASSERT_EQ(I.IntroWasmModules.size(), 2u);
  EXPECT_EQ(I.IntroWasmModules[0].first, "subprocess");
  EXPECT_EQ(I.IntroWasmModules[0].second.Line, 11u);
  EXPECT_EQ(I.IntroWasmModules[1].first, "socket");
  EXPECT_EQ(I.IntroWasmModules[1].second.Line, 12u);
  ASSERT_EQ(I.IntroWasmRefs.size(), 4u);
  EXPECT_EQ(I.IntroWasmRefs[0].Role, "func");
  EXPECT_EQ(I.IntroWasmRefs[0].Target, "os.fork");
  EXPECT_EQ(I.IntroWasmRefs[0].At.Line, 9u);

  DocsIndex None;
  parseIntroWasmSection("library/intro.rst", "Intro\n=====\n", None);
  EXPECT_EQ(None.Warnings.size(), 1u);
}

// Checks that readDocs refuses a folder without library/.
TEST(DocsReader, ReadDocsRejectsNonDocFolder) {
  auto R = readDocs("/nonexistent/wasm-gapscan/Doc");
  ASSERT_FALSE(static_cast<bool>(R));
  std::string Msg = llvm::toString(R.takeError());
  EXPECT_NE(Msg.find("is not a CPython Doc/ folder"), std::string::npos);
  EXPECT_NE(Msg.find("--source"), std::string::npos);
}

namespace {
std::string docDir(const char *Env, const char *Default) {
  const char *P = std::getenv(Env);
  return P && *P ? P : Default;
}
} // namespace

// Checks facts of the real CPython 3.13 Doc/ tree, verified by hand with
// grep/sed in Python-3.13.5/Doc/library:
// - os.rst:4446 `.. function:: fork()`, its note at 4492
//   "POSIX, not WASI, not Android, not iOS.", forkpty at 4495;
// - os.rst:1295 `.. data:: O_RDONLY` with O_WRONLY on 1296 and no note;
// - subprocess.rst:788 `.. method:: Popen.wait(timeout=None)` at top level,
//   and subprocess.rst:160 `.. method:: check_returncode()` nested in
//   `.. class:: CompletedProcess` (128);
// - subprocess.rst:28 `.. include:: ../includes/wasm-mobile-notavail.rst`,
//   whose note is "not Android, not iOS, not WASI.";
// - resource.rst:16 `.. availability:: Unix, not WASI.` at the top level
//   after `.. module:: resource` (4);
// - socket.rst:1867 `.. method:: socket.sendmsg(...)` with the note
//   "Unix, not WASI." at 1898 (after a "::" literal block);
// - intro.rst:99 :mod:`subprocess` and 101 :mod:`socket` in the
//   "WebAssembly platforms" section (70).
TEST(DocsReader, RealCPython313Docs) {
  std::string Dir =
      docDir("WASM_GAPSCAN_CPYTHON_313",
             "/root/.cache/wasm-gapscan/cpython/Python-3.13.5/Doc");
  if (!llvm::sys::fs::is_directory(Dir))
    GTEST_SKIP() << Dir << " not found (set WASM_GAPSCAN_CPYTHON_313)";
  auto Start = std::chrono::steady_clock::now();
  auto R = readDocs(Dir);
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - Start)
                .count();
  ASSERT_TRUE(static_cast<bool>(R)) << llvm::toString(R.takeError());
  const DocsIndex &I = *R;
  std::cout << "readDocs(" << Dir << "): " << Ms << " ms, " << I.Modules.size()
            << " modules, " << I.Entries.size() << " entries, "
            << I.Warnings.size() << " warnings\n"
            << warnings(I);

  const DocEntry *Fork = DocsLookup(I).find("os", "fork");
  ASSERT_NE(Fork, nullptr);
  EXPECT_EQ(Fork->At.File, "library/os.rst");
  EXPECT_EQ(Fork->At.Line, 4446u);
  EXPECT_EQ(Fork->BodyEndLine, 4492u);
  ASSERT_TRUE(Fork->Availability.has_value());
  EXPECT_NE(Fork->Availability->Text.find("not WASI"), std::string::npos);
  EXPECT_EQ(Fork->Availability->At.Line, 4492u);
  EXPECT_TRUE(availabilityExcludes(*Fork->Availability, "WASI"));
  EXPECT_FALSE(availabilityExcludes(*Fork->Availability, "Emscripten"));

  const DocEntry *WrOnly = DocsLookup(I).find("os", "O_WRONLY");
  ASSERT_NE(WrOnly, nullptr);
  EXPECT_EQ(WrOnly->At.Line, 1295u);
  EXPECT_EQ(WrOnly->NameLine, 1296u);
  EXPECT_FALSE(WrOnly->Availability.has_value());

  const DocEntry *Wait = DocsLookup(I).find("subprocess", "Popen.wait");
  ASSERT_NE(Wait, nullptr);
  EXPECT_EQ(Wait->At.Line, 788u);
  const DocEntry *Check =
      DocsLookup(I).find("subprocess", "CompletedProcess.check_returncode");
  ASSERT_NE(Check, nullptr);
  EXPECT_EQ(Check->At.Line, 160u);
  EXPECT_EQ(Check->Indent, 3u);

  const DocModule *Sub = I.module("subprocess");
  ASSERT_NE(Sub, nullptr);
  ASSERT_TRUE(Sub->WasmNotAvailInclude.has_value());
  EXPECT_EQ(Sub->WasmNotAvailInclude->Line, 28u);
  EXPECT_TRUE(Sub->MobileVariant);
  ASSERT_TRUE(Sub->IncludedAvailability.has_value());
  EXPECT_EQ(Sub->IncludedAvailability->Text, "not Android, not iOS, not WASI.");

  const DocModule *Res = I.module("resource");
  ASSERT_NE(Res, nullptr);
  ASSERT_TRUE(Res->Availability.has_value());
  EXPECT_EQ(Res->Availability->At.Line, 16u);
  EXPECT_EQ(Res->Availability->Text, "Unix, not WASI.");

  const DocEntry *SendMsg = DocsLookup(I).find("socket", "socket.sendmsg");
  ASSERT_NE(SendMsg, nullptr);
  EXPECT_EQ(SendMsg->At.Line, 1867u);
  ASSERT_TRUE(SendMsg->Availability.has_value());
  EXPECT_EQ(SendMsg->Availability->At.Line, 1898u);

  ASSERT_EQ(I.IntroWasmModules.size(), 2u);
  EXPECT_EQ(I.IntroWasmModules[0].first, "subprocess");
  EXPECT_EQ(I.IntroWasmModules[0].second.Line, 99u);
  EXPECT_EQ(I.IntroWasmModules[1].first, "socket");
  EXPECT_EQ(I.IntroWasmModules[1].second.Line, 101u);

  // 3.13.5 gives 5: four irregular enum.rst signatures `__iter__(self):`
  // and os.rst's PIDFD_NONBLOCK note indented as pidfd_open's body.
  EXPECT_LT(I.Warnings.size(), 15u);
}

// Checks the 3.11 Doc/ tree, whose notes and include also name Emscripten;
// verified by hand in Python-3.11.2/Doc: os.rst:3871 `.. function:: fork()`
// with "Unix, not Emscripten, not WASI." at 3889; subprocess.rst:28 includes
// ../includes/wasm-notavail.rst ("not Emscripten, not WASI."); crypt.rst:39
// `.. availability:: Unix, not VxWorks.` after `.. module:: crypt` (4).
TEST(DocsReader, RealCPython311Docs) {
  std::string Dir =
      docDir("WASM_GAPSCAN_CPYTHON_311",
             "/root/.cache/wasm-gapscan/cpython/Python-3.11.2/Doc");
  if (!llvm::sys::fs::is_directory(Dir))
    GTEST_SKIP() << Dir << " not found (set WASM_GAPSCAN_CPYTHON_311)";
  auto R = readDocs(Dir);
  ASSERT_TRUE(static_cast<bool>(R)) << llvm::toString(R.takeError());
  const DocsIndex &I = *R;
  std::cout << I.Modules.size() << " modules, " << I.Entries.size()
            << " entries, " << I.Warnings.size() << " warnings\n"
            << warnings(I);

  const DocEntry *Fork = DocsLookup(I).find("os", "fork");
  ASSERT_NE(Fork, nullptr);
  EXPECT_EQ(Fork->At.Line, 3871u);
  ASSERT_TRUE(Fork->Availability.has_value());
  EXPECT_EQ(Fork->Availability->At.Line, 3889u);
  EXPECT_TRUE(availabilityExcludes(*Fork->Availability, "WASI"));
  EXPECT_TRUE(availabilityExcludes(*Fork->Availability, "Emscripten"));

  const DocModule *Sub = I.module("subprocess");
  ASSERT_NE(Sub, nullptr);
  ASSERT_TRUE(Sub->WasmNotAvailInclude.has_value());
  EXPECT_EQ(Sub->WasmNotAvailInclude->Line, 28u);
  EXPECT_FALSE(Sub->MobileVariant);
  ASSERT_TRUE(Sub->IncludedAvailability.has_value());
  EXPECT_EQ(Sub->IncludedAvailability->Text, "not Emscripten, not WASI.");
  EXPECT_EQ(Sub->IncludedAvailability->At.File, "includes/wasm-notavail.rst");

  const DocModule *Crypt = I.module("crypt");
  ASSERT_NE(Crypt, nullptr);
  ASSERT_TRUE(Crypt->Availability.has_value());
  EXPECT_EQ(Crypt->Availability->At.Line, 39u);

  ASSERT_EQ(I.IntroWasmModules.size(), 2u);
  EXPECT_EQ(I.IntroWasmModules[0].first, "subprocess");
  // 3.11.2 gives 6: five irregular signatures (enum.rst, importlib.rst's
  // `NamespaceLoader(...):`) and subprocess.rst's per-parameter notes.
  EXPECT_LT(I.Warnings.size(), 15u);
}

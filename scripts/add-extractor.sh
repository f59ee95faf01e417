#!/usr/bin/env bash
# Usage: scripts/add-extractor.sh NAME "what C pattern it records"
#   NAME: the extractor's registered name, lower case with dashes
#         (e.g. dict-constants).
# Makes a new extractor, in the spirit of clang-tidy's add_new_check.py:
#   extract/patterns/<Name>Extractor.{h,cpp}  the file pair (a matcher on
#       initialised globals to start from; CMake picks it up by a glob)
#   extract/Extractor.cpp                     its registry line
#   tests/snippets/<name>.c                   the annotated snippet test
#   docs/extractors.md                        its line in the table
# then tells you to write the pattern, the snippet, and to make the golden
# file (tests/golden/<name>.json) with scripts/update-golden.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "add-extractor: $*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: $0 NAME \"what C pattern it records\" (NAME like dict-constants)"
NAME=$1 WHAT=$2
[[ $NAME =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || die "NAME must be lower case words joined by dashes, got '$NAME'"
CLASS="$(echo "$NAME" | sed -E 's/(^|-)([a-z])/\U\2/g')Extractor"
SNIPPET=$(echo "$NAME" | tr - _)
H=extract/patterns/$CLASS.h CPP=extract/patterns/$CLASS.cpp C=tests/snippets/$SNIPPET.c
for f in "$H" "$CPP" "$C"; do [ -e "$f" ] && die "$f already exists"; done
grep -q "\"$NAME\"" extract/patterns/*.h && die "an extractor named '$NAME' already exists"
GUARD="WASM_GAPSCAN_EXTRACT_PATTERNS_$(echo "$CLASS" | tr a-z A-Z)_H"

# LLVM's banner: "//===- NAME - WHAT ---*- C++ -*-===//", 80 columns.
banner() { # text [suffix]
  local line="//===- $1 " tail="${2:-}===//"
  while [ $(( ${#line} + ${#tail} )) -lt 80 ]; do line+="-"; done
  echo "${line:0:$(( 80 - ${#tail} ))}$tail"
}
command -v clang-format-19 >/dev/null || die "clang-format-19 not found; run scripts/setup.sh"
cat > "$H" <<EOT
$(banner "$CLASS.h - one C pattern" "-*- C++ -*-")
#ifndef $GUARD
#define $GUARD

#include "extract/Extractor.h"

namespace gapscan {

/// $WHAT.
class $CLASS : public Extractor {
public:
  static constexpr const char *Name = "$NAME";
  llvm::StringRef name() const override { return Name; }
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace gapscan

#endif
EOT
cat > "$CPP" <<EOT
$(banner "$CLASS.cpp")
//
// TODO: cite the CPython file whose pattern this handles.
//
//===----------------------------------------------------------------------===//
#include "extract/patterns/$CLASS.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace gapscan {

void $CLASS::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(initializedGlobal(), this);
}

void $CLASS::run(const MatchFinder::MatchResult &Result) {
  const auto *V = initializedVar(Result);
  if (!V)
    return;
  // TODO: record plain facts into ctx().Facts (model/Facts.h); never
  // decide module membership or format output here.
}

} // namespace gapscan
EOT
clang-format-19 -i "$H" "$CPP"

# The registry: the include after the last pattern include, the entry last.
python3 - "$CLASS" <<'EOT'
import re, sys
cls = sys.argv[1]
path = "extract/Extractor.cpp"
s = open(path).read()
incs = re.findall(r'#include "extract/patterns/\w+\.h"\n', s)
last = incs[-1]
s = s.replace(last, last + f'#include "extract/patterns/{cls}.h"\n', 1)
s = re.sub(r'(entry<\w+>\(\),)(\s*\};)', r'\1 entry<' + cls + r'>(),\2', s, count=1)
open(path, "w").write(s)
EOT
clang-format-19 -i extract/Extractor.cpp

cat > "$C" <<EOT
// modules: $SNIPPET
// $WHAT: TODO, the C pattern as CPython writes it (cite the file), with
// the guards its items sit under.
#include "Python.h"
static struct PyModuleDef ${SNIPPET}module = {PyModuleDef_HEAD_INIT, "$SNIPPET", NULL, -1, NULL};
PyObject *PyInit_$SNIPPET(void) { return PyModule_Create(&${SNIPPET}module); }
EOT
printf '| `%s` | %s | TODO: CPython example | `%s` |\n' "$NAME" "${WHAT//|/\\|}" "$SNIPPET.c" > /tmp/add-extractor-row.$$
python3 - /tmp/add-extractor-row.$$ <<'EOT'
import sys
row = open(sys.argv[1]).read()
path = "docs/extractors.md"
lines = open(path).read().split("\n")
last = max(i for i, l in enumerate(lines) if l.startswith("| `"))
lines.insert(last + 1, row.rstrip("\n"))
open(path, "w").write("\n".join(lines))
EOT
rm -f /tmp/add-extractor-row.$$
echo "add-extractor: made $H, $CPP and $C; registered $NAME in extract/Extractor.cpp; added its line to docs/extractors.md"
echo "add-extractor: next: write the matcher and the snippet, then scripts/update-golden.sh (writes tests/golden/$SNIPPET.json; GoldenTest fails until it exists) and review it"

#!/usr/bin/env bash
# Checks that every C++ source follows .clang-format (LLVM style) with
# Debian's clang-format-19; prints the files that do not and how to fix
# them. The snippets under tests/snippets/ are exempt: their tests name
# their lines. Exit status 1 when a file is off.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format-19 >/dev/null \
  || { echo "check-format: clang-format-19 not found; run scripts/setup.sh (apt-get install clang-format-19)" >&2; exit 2; }
bad=()
while IFS= read -r f; do
  clang-format-19 --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.h' '*.c' | grep -v '^tests/snippets/')
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} file(s) not in LLVM style: ${bad[*]}" >&2
  echo "check-format: fix with: clang-format-19 -i ${bad[*]}" >&2
  exit 1
fi
echo "check-format: all files in LLVM style"

#!/usr/bin/env bash
# Usage: scripts/sanitize.sh [VERSION]   (default 3.13)
# Builds wasm-gapscan with AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan/ and runs a full real scan (every target configurable here,
# --no-cache so that every translation unit goes through the Clang pass),
# then the docs check. Any sanitizer report fails the run (halt_on_error).
set -euo pipefail
VERSION=${1:-3.13}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/setup.sh" >/dev/null
SRC=$("$ROOT/scripts/fetch-cpython.sh" "$VERSION" | tail -n1)
cmake -S "$ROOT" -B "$ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DGAPSCAN_SANITIZE=ON >/dev/null
cmake --build "$ROOT/build-asan" -j"$(nproc)" >/dev/null
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
OUT=$(mktemp -d)
"$ROOT/build-asan/tests/gapscan_tests" --gtest_brief=1
"$ROOT/build-asan/wasm-gapscan" scan --source "$SRC" -j"$(nproc)" --no-cache \
  --scripts-dir "$ROOT/scripts" -o "$OUT/gap.json"
# Twice: the first links from the facts cache and stores the link results,
# the second reads them back (link/LinkCache).
for pass in link cached; do
  set +e
  "$ROOT/build-asan/wasm-gapscan" check-docs --source "$SRC" -j"$(nproc)" \
    --scripts-dir "$ROOT/scripts" --format sarif -o "$OUT/check-$pass.sarif"
  rc=$?
  set -e
  [ $rc -le 1 ] || { echo "sanitize: check-docs ($pass) failed ($rc)"; exit 1; }
done
cmp "$OUT/check-link.sarif" "$OUT/check-cached.sarif" ||
  { echo "sanitize: check-docs differs when read from the link cache"; exit 1; }
echo "sanitize: clean (ASan+UBSan) on CPython $VERSION: $OUT/gap.json"

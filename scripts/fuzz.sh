#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [RUNS]   (default 20000 executions per target)
# Builds the libFuzzer targets of tests/fuzz with clang-19 (ASan+UBSan) in
# build-fuzz/, seeds each with real CPython files (configured Makefiles and
# Setup files, sysconfig data, Doc/library pages, Lib/ sources, cached facts),
# runs each for RUNS executions and prints executions and crashes per target.
# A crash input is copied to tests/fuzz/regressions/TARGET/, which the unit
# tests replay (tests/FuzzRegressionTest.cpp).
set -euo pipefail
RUNS=${1:-20000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}
bash "$ROOT/scripts/setup.sh" >/dev/null
SRC=$("$ROOT/scripts/fetch-cpython.sh" 3.13 | tail -n1)
NATIVE=$("$ROOT/scripts/configure-target.sh" native "$SRC" | tail -n1)
cmake -S "$ROOT" -B "$ROOT/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DGAPSCAN_FUZZ=ON -DGAPSCAN_BUILD_TESTS=OFF >/dev/null
cmake --build "$ROOT/build-fuzz" -j"$(nproc)" --target FuzzMakefile FuzzSysconfig FuzzRst FuzzCache >/dev/null

SEEDS="$ROOT/build-fuzz/seeds"
rm -rf "$SEEDS"; mkdir -p "$SEEDS"/{FuzzMakefile,FuzzSysconfig,FuzzRst,FuzzCache}
# Seeds are cut to 64 KiB pieces: libFuzzer mutates small inputs best.
seed() { # target file...
  local t=$1; shift
  for f in "$@"; do [ -f "$f" ] && split -b 65536 -a 3 "$f" "$SEEDS/$t/$(basename "$f")." ; done
}
seed FuzzMakefile "$NATIVE/Makefile" "$NATIVE/Modules/Setup.stdlib" "$SRC/Modules/Setup.stdlib.in" \
  "$SRC/Modules/Setup.bootstrap.in" "$SRC/Modules/Setup"
seed FuzzSysconfig /usr/lib/python3.11/_sysconfigdata__*.py
python3 -c 'import json,sysconfig; print(json.dumps(sysconfig.get_config_vars()))' > "$SEEDS/FuzzSysconfig/vars.json"
seed FuzzRst "$SRC"/Doc/library/{os,socket,signal,subprocess,intro,errno,select,time,sys}.rst \
  "$SRC"/Doc/includes/wasm-notavail.rst
seed FuzzCache "$SRC"/Lib/{os,io,hashlib,socket}.py
# Whole cache entries (the five smallest, so that they stay valid) as the
# tool wrote them: collect/FactsCodec.cpp's reader is what they exercise.
ls -Sr "$CACHE"/facts-v*/tool-*/*.facts 2>/dev/null | head -5 | while read -r f; do
  cp "$f" "$SEEDS/FuzzCache/"
done
# And the head of a link-cache entry (link/LinkCache.h): its reader too.
ls -Sr "$CACHE"/link-v1/*.link 2>/dev/null | head -1 | while read -r f; do
  head -c 65536 "$f" > "$SEEDS/FuzzCache/$(basename "$f")"
done

status=0
printf '%-14s %12s %8s\n' target executions crashes
for t in FuzzMakefile FuzzSysconfig FuzzRst FuzzCache; do
  out="$ROOT/build-fuzz/$t.log"; art="$ROOT/build-fuzz/crashes/$t/"
  rm -rf "$art"; mkdir -p "$art"
  "$ROOT/build-fuzz/tests/fuzz/$t" -runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$art" "$SEEDS/$t" >"$out" 2>&1 || true
  execs=$(grep -o 'Done [0-9]* runs' "$out" | grep -o '[0-9]*' || true)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$out" | tail -n1 | tr -d '#')
  crashes=$(find "$art" -type f | wc -l)
  printf '%-14s %12s %8s\n' "$t" "${execs:-0}" "$crashes"
  if [ "$crashes" -gt 0 ]; then
    status=1
    mkdir -p "$ROOT/tests/fuzz/regressions/$t"
    cp "$art"/* "$ROOT/tests/fuzz/regressions/$t/"
    echo "  crash inputs copied to tests/fuzz/regressions/$t/ (log: $out)"
  fi
done
exit $status

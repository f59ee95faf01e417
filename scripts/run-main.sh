#!/usr/bin/env bash
# The main job on a fresh Debian bookworm machine: install what is needed,
# build, fetch CPython VERSION's sources, configure them natively (configure
# only) and extract every Python-visible API item of its C modules; then
# configure the WebAssembly targets and write the gap report.
# Usage: scripts/run-main.sh [VERSION]   (default 3.11; 3.13 works too)
# Output: out/items-VERSION-native.json
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:-3.11}
scripts/setup.sh
scripts/build.sh
SRC=$(scripts/fetch-cpython.sh "$VERSION")
. scripts/targets.sh
REFERENCE=$(target_names | head -n1)
# The same configured folder `scan` uses for its reference.
BUILD=$(scripts/configure-target.sh "$REFERENCE" "$SRC" | tail -n1)
mkdir -p out
build/wasm-gapscan items --source "$SRC" --build "$BUILD" -j "$(nproc)" -o "out/items-$VERSION-native.json"
echo "wrote out/items-$VERSION-native.json"
# The gap report: native vs every WebAssembly target configurable here.
build/wasm-gapscan scan --source "$SRC" -j "$(nproc)" -o "out/gap-$VERSION.json"
build/wasm-gapscan scan --source "$SRC" -j "$(nproc)" --format markdown -o "out/gap-$VERSION.md"
echo "wrote out/gap-$VERSION.json and out/gap-$VERSION.md"

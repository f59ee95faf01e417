#!/usr/bin/env bash
# Usage: scripts/output-hashes.sh [TOOL] [VERSION...]   (default build/wasm-gapscan, 3.11 3.13)
# Behaviour fingerprint for refactors: prints one sha256 per output the tool
# makes on the real CPython sources (the items JSON of every configuration,
# the gap JSON, the check-docs JSON and the suggest-docs patch of each
# version), so a restructure can
# show its outputs are byte-identical before and after (issue 14). Run it
# with the old and the new executable and diff the two listings.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/targets.sh"
TOOL=${1:-$HERE/../build/wasm-gapscan}
shift || true
VERSIONS=${*:-3.11 3.13}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for V in $VERSIONS; do
  SRC=$("$HERE/fetch-cpython.sh" "$V" | tail -n1)
  NAME=$(basename "$SRC")
  for T in $(target_names); do
    BUILD=$("$HERE/configure-target.sh" "$T" "$SRC" 2>/dev/null | tail -n1) || {
      echo "skip $NAME $T: cannot be configured here" >&2; continue; }
    "$TOOL" items --source "$SRC" --build "$BUILD" -j2 -o "$OUT/items.json" 2>"$OUT/log" \
      || { tail -n1 "$OUT/log" >&2; exit 1; }
    echo "$(sha256sum <"$OUT/items.json" | cut -c1-16)  $NAME items $T"
  done
  "$TOOL" scan --source "$SRC" -j2 -o "$OUT/gap.json" 2>"$OUT/log" \
    || { tail -n1 "$OUT/log" >&2; exit 1; }
  echo "$(sha256sum <"$OUT/gap.json" | cut -c1-16)  $NAME gap"
  "$TOOL" check-docs --source "$SRC" -j2 --format json -o "$OUT/docs.json" 2>"$OUT/log" \
    || [ $? -eq 1 ] || { tail -n1 "$OUT/log" >&2; exit 1; }
  echo "$(sha256sum <"$OUT/docs.json" | cut -c1-16)  $NAME check-docs"
  "$TOOL" suggest-docs --source "$SRC" -j2 -o "$OUT/patch.diff" 2>"$OUT/log" \
    || { tail -n1 "$OUT/log" >&2; exit 1; }
  echo "$(sha256sum <"$OUT/patch.diff" | cut -c1-16)  $NAME suggest-docs"
done

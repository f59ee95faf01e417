#!/usr/bin/env bash
# Usage: scripts/configure-native.sh SRC BUILD [CONFIGURE-ARGS...]
# Runs CPython's own ./configure for the host in the out-of-tree folder BUILD (configure only:
# no make). Extra arguments go to configure unchanged, e.g. the CONFIG_ARGS of an installed
# Python to reproduce its configuration. Reuses BUILD when it was configured with the same
# sources and arguments (the arguments are recorded in BUILD/wasm-gapscan-configure.args).
set -euo pipefail
die() { echo "configure-native: $*" >&2; exit 1; }
[ $# -ge 2 ] || die "usage: $0 SRC BUILD [CONFIGURE-ARGS...]"
SRC=$(cd "$1" 2>/dev/null && pwd) || die "source folder '$1' does not exist"
BUILD=$2; shift 2
[ -x "$SRC/configure" ] && [ -f "$SRC/Include/patchlevel.h" ] \
  || die "'$SRC' is not a CPython source tree (no configure / Include/patchlevel.h)"
mkdir -p "$BUILD"; BUILD=$(cd "$BUILD" && pwd)
[ "$SRC" != "$BUILD" ] || die "BUILD must differ from SRC (out-of-tree configure)"
[ ! -f "$SRC/pyconfig.h" ] || die "'$SRC' is configured in-tree; out-of-tree builds need a clean source tree (make distclean in $SRC)"

STAMP="$BUILD/wasm-gapscan-configure.args"
WANT=$(printf '%s\n' "$SRC" "$@")
# One configure per folder at a time: wasm-gapscan configures its targets
# side by side, and two scans may share a cache; the second waits, then
# reuses the first's folder.
exec 9>"$BUILD.lock"
flock 9
if [ -f "$STAMP" ] && [ -f "$BUILD/Makefile" ] && [ -f "$BUILD/pyconfig.h" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  echo "configure-native: reusing $BUILD" >&2
  echo "$BUILD"; exit 0
fi
rm -f "$STAMP"
( cd "$BUILD" && "$SRC/configure" "$@" ) > "$BUILD/wasm-gapscan-configure.log" 2>&1 \
  || die "CPython's configure failed; see $BUILD/wasm-gapscan-configure.log (last line: $(tail -n1 "$BUILD/wasm-gapscan-configure.log"))"
printf '%s\n' "$WANT" > "$STAMP"
echo "$BUILD"

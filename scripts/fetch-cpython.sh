#!/usr/bin/env bash
# Usage: scripts/fetch-cpython.sh VERSION   (VERSION = 3.11, 3.13, ...)
# Fetches the upstream CPython release sources of Debian's pythonVERSION source package
# (`apt-get source --download-only`), unpacks the upstream .orig tarball into the cache and
# prints the unpacked source folder on stdout. Idempotent: a second call only prints the path.
#
# Cache: ${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}/cpython/
set -euo pipefail
die() { echo "fetch-cpython: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: $0 VERSION (e.g. 3.11 or 3.13)"
VERSION=$1
[[ $VERSION =~ ^3\.[0-9]+$ ]] || die "VERSION must look like 3.11, got '$VERSION'"

# The Debian suite whose source package carries this CPython minor version.
case "$VERSION" in
  3.11) SUITE=bookworm ;;
  3.13) SUITE=trixie ;;
  3.12|3.14) SUITE=sid ;;
  *) die "no Debian suite known to ship python$VERSION; use 3.11 (bookworm) or 3.13 (trixie)" ;;
esac

CACHE=${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}/cpython
mkdir -p "$CACHE"
STAMP="$CACHE/python$VERSION.path"
if [ -f "$STAMP" ] && [ -f "$(cat "$STAMP")/Include/patchlevel.h" ]; then
  cat "$STAMP"; exit 0
fi

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian machine"
command -v dpkg-source >/dev/null || die "dpkg-source not found: run scripts/setup.sh (package dpkg-dev)"

# A deb-src entry for the suite, in its own file so that binary installs are unaffected.
LIST=/etc/apt/sources.list.d/wasm-gapscan-src-$SUITE.sources
if [ ! -f "$LIST" ]; then
  $SUDO tee "$LIST" >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
# Refresh only this list: fast, and leaves the machine's other indexes alone.
$SUDO apt-get update -qq -o Dir::Etc::sourcelist="$LIST" -o Dir::Etc::sourceparts=- \
  -o APT::Get::List-Cleanup=0 >&2 || die "apt-get update failed for deb-src $SUITE"

DL="$CACHE/download-$VERSION"
mkdir -p "$DL"
( cd "$DL" && apt-get source --download-only -qq "python$VERSION" >&2 ) \
  || die "apt-get source --download-only python$VERSION failed (is the deb-src entry in $LIST reachable?)"
ORIG=$(ls "$DL"/python"$VERSION"_*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | sed -n 1p)
[ -n "$ORIG" ] || die "no .orig.tar.* in $DL after apt-get source"

# The upstream tarball unpacks to Python-X.Y.Z/.
TOP=$(tar -tf "$ORIG" | sed -n 1p | cut -d/ -f1)  # sed reads to the end: no SIGPIPE under pipefail
if [ ! -f "$CACHE/$TOP/Include/patchlevel.h" ]; then
  tar -xf "$ORIG" -C "$CACHE" || die "could not unpack $ORIG"
fi
[ -f "$CACHE/$TOP/Include/patchlevel.h" ] || die "$ORIG did not unpack to a CPython tree"
echo "$CACHE/$TOP" > "$STAMP"
echo "$CACHE/$TOP"

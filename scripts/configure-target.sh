#!/usr/bin/env bash
# Usage: scripts/configure-target.sh TARGET SRC
#   TARGET: a name of config/targets.tsv (native, wasi, emscripten-node,
#           emscripten-browser), whose "configure" column picks the branch
#           below and "flavour" its variant; or buildpython (prints the
#           native build python's path, built once: bench/recall.py's
#           ground truth)
# Configures CPython SRC for TARGET with CPython's own configure (configure
# only; a cross target also needs a native "build python" of the same
# sources, which is configured and built once, as Tools/wasm/wasi.py does),
# and prints the configured build folder. Folders are cached under
# ${WASM_GAPSCAN_CACHE:-~/.cache/wasm-gapscan}/builds, keyed by source
# version, target, toolchain version and a hash of the source path and of
# every configuration input (configure, pyconfig.h.in, Makefile.pre.in,
# Modules/Setup*, the WebAssembly config.site files): a second run reuses
# them, a change to any input (a pre-commit hook on configure.ac's
# regenerated configure, say) configures anew.
#
# WASI uses Debian's clang-19, lld-19, libclang-rt-19-dev-wasm32 and
# wasi-libc in place of the WASI SDK, and the checkout's own
# config.site-wasm32-wasi and host triple, found where that version keeps
# them (3.11-3.13: Tools/wasm/; 3.14: Tools/wasm/wasi/; main: Platforms/WASI/).
set -euo pipefail
die() { echo "configure-target: $*" >&2; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/targets.sh"
[ $# -eq 2 ] || die "usage: $0 $(target_names | paste -sd'|')|buildpython SRC"
TARGET=$1
if [ "$TARGET" = buildpython ]; then
  T_CONFIGURE=buildpython
else
  target_row "$TARGET" || die "unknown target '$TARGET' ($(target_names | paste -sd, | sed 's/,/, /g'), buildpython)"
fi
SRC=$(cd "$2" 2>/dev/null && pwd) || die "source folder '$2' does not exist"
[ -x "$SRC/configure" ] && [ -f "$SRC/Include/patchlevel.h" ] \
  || die "'$SRC' is not a CPython source tree (no configure / Include/patchlevel.h)"
CACHE=${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}
VERSION_NAME=$(basename "$SRC")
INPUTS_HASH=$( { echo "$SRC"; cd "$SRC" && cat configure pyconfig.h.in Makefile.pre.in \
  $(ls Modules/Setup* Tools/wasm/config.site-* Tools/wasm/*/config.site-* Platforms/*/config.site-* 2>/dev/null | sort); } \
  | sha1sum | cut -c1-8)
NAME="$VERSION_NAME-$INPUTS_HASH"
mkdir -p "$CACHE/builds"

need_pkg() { # command-or-path package
  if [[ $1 == /* ]]; then [ -e "$1" ] || die "$1 is missing; install Debian package $2 (apt-get install $2)"
  else command -v "$1" >/dev/null || die "$1 not found; install Debian package $2 (apt-get install $2)"; fi
}

# The first of the checkout's WebAssembly folders that exists.
wasm_file() { # file-name folder...
  local f=$1; shift
  for d in "$@"; do [ -f "$SRC/$d/$f" ] && { echo "$SRC/$d/$f"; return; }; done
}

# The first value a sed script extracts from the checkout's own scripts.
from_scripts() { # sed-script script...
  local expr=$1 value; shift
  for script in "$@"; do
    [ -f "$SRC/$script" ] || continue
    value=$(sed -n "$expr" "$SRC/$script" | sed -n 1p)
    [ -n "$value" ] && { echo "$value"; return 0; }
  done
  return 0  # nothing found: the caller says so (set -e must not end here)
}

# Prints BUILD and exits when it was configured before (stamp written last).
reuse_configured() { # build-folder
  if [ -f "$1/wasm-gapscan-configure.args" ] && [ -f "$1/Makefile" ] && [ -f "$1/pyconfig.h" ]; then
    echo "$1"; exit 0
  fi
}

# Prints BUILD and exits when it was configured meanwhile, else returns
# holding BUILD's lock until this script exits: wasm-gapscan configures its
# targets side by side, and two scans may share a cache.
lock_configured() { # build-folder
  exec 9>"$1.lock"
  flock 9
  reuse_configured "$1"
}

# `emcc -dumpversion` is a Python run (0.3 s) on every scan of an Emscripten
# target: remember it per emcc file (inode, size, mtime; an upgrade changes
# them), beside the configured folders.
emcc_version() {
  local emcc id memo
  emcc=$(readlink -f "$(command -v emcc)")
  id=$(stat -c '%d:%i:%s:%Y' "$emcc" | sha1sum | cut -c1-12)
  memo="$CACHE/builds/.emcc-version-$id"
  if [ ! -s "$memo" ]; then
    emcc -dumpversion 2>/dev/null > "$memo.$$" && mv -f "$memo.$$" "$memo" || rm -f "$memo.$$"
  fi
  cat "$memo" 2>/dev/null || emcc -dumpversion 2>/dev/null
}

# The checkout's version, X.Y.Z[suffix] (Include/patchlevel.h's PY_VERSION)
# and X.Y: what names its build python, whatever its folder is called.
PY_VERSION=$(sed -n 's/^#define PY_VERSION[[:space:]]*"\([^"]*\)".*/\1/p' "$SRC/Include/patchlevel.h")
PY_MINOR=$(printf '%s' "$PY_VERSION" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
[ -n "$PY_MINOR" ] || die "cannot read PY_VERSION from $SRC/Include/patchlevel.h"

build_python() {
  # The checkout's own native interpreter (bench/ compares with it), keyed
  # by its version and every configuration input (INPUTS_HASH: the checkout's
  # path and configure inputs), not by its folder's name: two checkouts
  # called "cpython" at different versions have one each. WASI and
  # Emscripten configured at once wait for one build of it (lock on fd 8,
  # released when this subshell ends; configure-native.sh locks the folder
  # itself on 9).
  local bp="$CACHE/builds/buildpython-$PY_VERSION-$INPUTS_HASH"
  exec 8>"$bp.make.lock"
  flock 8
  if [ ! -x "$bp/python" ]; then
    "$HERE/configure-native.sh" "$SRC" "$bp" >/dev/null
    echo "configure-target: building the native build python of $PY_VERSION in $bp (once)" >&2
    make -C "$bp" -j"$(nproc)" >"$bp/wasm-gapscan-make.log" 2>&1 \
      || die "building the build python failed; see $bp/wasm-gapscan-make.log"
  fi
  echo "$bp/python"
}

# What a cross configure is given as --with-build-python: configure only
# checks that it is the checkout's major.minor, so a python$PY_MINOR the
# machine has (Debian's python3.11 for a 3.11 checkout) or one built for
# another checkout of that version serves, and none is built when one is
# there. A pythonX.Y on PATH must run and say it is X.Y (a pyenv shim may
# name a version not installed).
host_python() {
  local candidate said
  # The interpreter itself (sys.executable), not a shim that may later point
  # elsewhere.
  if candidate=$(command -v "python$PY_MINOR") &&
     said=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2], sys.executable)' 2>/dev/null) &&
     [ "${said%% *}" = "$PY_MINOR" ] && [ -x "${said#* }" ]; then
    echo "${said#* }"; return
  fi
  for candidate in "$CACHE"/builds/buildpython-"$PY_MINOR".*/python; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  build_python
}

case "$T_CONFIGURE" in
buildpython)
  build_python
  ;;
native)
  "$HERE/configure-native.sh" "$SRC" "$CACHE/builds/$NAME-$TARGET"
  ;;
wasi)
  need_pkg clang-19 clang-19
  need_pkg wasm-ld-19 lld-19
  need_pkg llvm-ar-19 llvm-19
  need_pkg /usr/include/wasm32-wasi/stdio.h wasi-libc
  need_pkg /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a libclang-rt-19-dev-wasm32
  CONFIG_SITE_FILE=$(wasm_file config.site-wasm32-wasi Tools/wasm Tools/wasm/wasi Platforms/WASI)
  [ -n "$CONFIG_SITE_FILE" ] || die "no config.site-wasm32-wasi in $SRC (Tools/wasm, Tools/wasm/wasi or Platforms/WASI): this checkout has no WASI support"
  # The host triple the checkout's own WASI script passes to configure.
  # (3.15 and main keep it in Platforms/WASI/config.toml: host-triple.)
  TRIPLE=$(from_scripts 's/.*"--host-triple".*default="\([^"]*\)".*/\1/p; s/^host-triple *= *"\([^"]*\)".*/\1/p' \
             Tools/wasm/wasi.py Tools/wasm/wasi/__main__.py Platforms/WASI/__main__.py Platforms/WASI/config.toml)
  [ -n "$TRIPLE" ] || TRIPLE=$(from_scripts 's/^ *wasm32_wasi = "\([^"]*\)".*/\1/p' Tools/wasm/wasm_build.py)
  [ -n "$TRIPLE" ] || die "cannot find the WASI host triple in $SRC's Tools/wasm scripts"
  KEY="clang$(clang-19 -dumpversion)-wasilibc$(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null | tr -c 'A-Za-z0-9.\n' _)"
  BUILD="$CACHE/builds/$NAME-$TARGET-$KEY"
  STAMP="$BUILD/wasm-gapscan-configure.args"
  reuse_configured "$BUILD"
  lock_configured "$BUILD"
  BP=$(host_python)
  # Debian's wasi-libc as a sysroot of its own: --sysroot=/usr would also
  # put the host's /usr/include on the search path.
  SYSROOT="$CACHE/wasi-sysroot"
  mkdir -p "$SYSROOT/include" "$SYSROOT/lib"
  ln -sfn /usr/include/wasm32-wasi "$SYSROOT/include/wasm32-wasi"
  ln -sfn /usr/lib/wasm32-wasi "$SYSROOT/lib/wasm32-wasi"
  BUILD_TRIPLE=$("$SRC/config.guess")  # before the wasm CC is exported
  # main's configure refuses to cross-compile to WASI without HOSTRUNNER,
  # the command that runs python.wasm for `make test` (Platforms/WASI
  # passes wasmtime, which Debian does not ship). Configuring does not run
  # it; Node is the WASI runtime here (bench/wasi_python.mjs).
  HOSTRUNNER_ARG=()
  grep -q "HOSTRUNNER must be set" "$SRC/configure" && HOSTRUNNER_ARG=(HOSTRUNNER=node)
  rm -rf "$BUILD"; mkdir -p "$BUILD"
  # --target=wasm32-wasi: Debian's clang-19 has no wasm32-wasip1 runtime.
  # bookworm's wasi-libc (2022) has no pthread.h: tell configure pthread_t
  # exists with WASI's size so that it does not give up.
  ( cd "$BUILD" && env \
      CC="clang-19 --target=wasm32-wasi --sysroot=$SYSROOT" \
      CPP="clang-19 -E --target=wasm32-wasi --sysroot=$SYSROOT" \
      LDSHARED=wasm-ld-19 AR=llvm-ar-19 RANLIB=llvm-ranlib-19 \
      PKG_CONFIG_PATH="" PKG_CONFIG_LIBDIR="$SYSROOT/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$SYSROOT" \
      CONFIG_SITE="$CONFIG_SITE_FILE" \
      ac_cv_have_pthread_t=yes ac_cv_sizeof_pthread_t=4 "${HOSTRUNNER_ARG[@]}" \
      "$SRC/configure" -C --host="$TRIPLE" --build="$BUILD_TRIPLE" --with-build-python="$BP" ) \
    > "$BUILD/wasm-gapscan-configure.log" 2>&1 \
    || die "CPython's configure failed for $TARGET; see $BUILD/wasm-gapscan-configure.log (last line: $(tail -n1 "$BUILD/wasm-gapscan-configure.log"))"
  printf '%s\n' "$SRC" "$TRIPLE" "$KEY" > "$STAMP"
  echo "$BUILD"
  ;;
emscripten)
  need_pkg emcc emscripten
  need_pkg emconfigure emscripten
  need_pkg node nodejs
  CONFIG_SITE_FILE=$(wasm_file config.site-wasm32-emscripten Tools/wasm Tools/wasm/emscripten Platforms/emscripten)
  [ -n "$CONFIG_SITE_FILE" ] || die "no config.site-wasm32-emscripten in $SRC (Tools/wasm, Tools/wasm/emscripten or Platforms/emscripten): this checkout has no Emscripten support"
  TRIPLE=$(from_scripts 's/^ *wasm32_emscripten = "\([^"]*\)".*/\1/p; s/.*HOST_TRIPLE *= *"\([^"]*\)".*/\1/p' \
             Tools/wasm/wasm_build.py Tools/wasm/emscripten/__main__.py Platforms/emscripten/__main__.py)
  TRIPLE=${TRIPLE:-$T_TRIPLE}
  FLAVOUR=$T_FLAVOUR
  FLAVOUR_ARG=""
  # 3.11-3.13 configure has node/browser flavours (the table's flavoured
  # rows, with their option); 3.14 dropped the split (the unflavoured row).
  if [ -n "$FLAVOUR" ]; then
    grep -q -- "$T_OPTION" "$SRC/configure" \
      || die "target '$TARGET' is not one of this checkout's: its configure has no $T_OPTION (no Emscripten flavours); use the target $(awk -v c="$T_CONFIGURE" '!/^#/ && $4 == c && $5 == "-" { print $1 }' "$TARGETS_TSV")"
    FLAVOUR_ARG="$T_OPTION=$FLAVOUR"
  else
    for option in $(awk -v c="$T_CONFIGURE" '!/^#/ && $4 == c && $6 != "-" { print $6 }' "$TARGETS_TSV" | sort -u); do
      ! grep -q -- "$option" "$SRC/configure" \
        || die "target '$TARGET' is not one of this checkout's: its configure has Emscripten flavours ($option); use $(awk -v c="$T_CONFIGURE" '!/^#/ && $4 == c && $6 != "-" { print $1 }' "$TARGETS_TSV" | paste -sd' ' | sed 's/ / or /g')"
    done
  fi
  KEY="emcc$(emcc_version | tr -c 'A-Za-z0-9.\n' _)"
  BUILD="$CACHE/builds/$NAME-$TARGET-$KEY"
  STAMP="$BUILD/wasm-gapscan-configure.args"
  reuse_configured "$BUILD"
  lock_configured "$BUILD"
  BP=$(host_python)
  BUILD_TRIPLE=$("$SRC/config.guess")
  rm -rf "$BUILD"; mkdir -p "$BUILD"
  # Debian's emscripten 3.1.6 is older than wasm_build.py accepts (3.1.19),
  # so configure is called as Tools/wasm/README.md describes; node needs
  # Debian's module folder for emscripten's own scripts.
  # ax_cv_c_float_words_bigendian=no: WebAssembly is little-endian by its
  # specification (linear memory is little-endian). 3.14's configure finds
  # the float word order by grepping the linked test program for a marker
  # string, and Emscripten 3.1.6 writes that program as .js + .wasm, so the
  # check ends in "Unknown float word ordering" and asks for this preset;
  # it decides DOUBLE_IS_LITTLE_ENDIAN_IEEE754 (float packing), no API.
  ( cd "$BUILD" && env NODE_PATH=/usr/share/nodejs CONFIG_SITE="$CONFIG_SITE_FILE" \
      ax_cv_c_float_words_bigendian=no \
      emconfigure "$SRC/configure" -C --host="$TRIPLE" --build="$BUILD_TRIPLE" \
      $FLAVOUR_ARG --with-build-python="$BP" ) \
    > "$BUILD/wasm-gapscan-configure.log" 2>&1 \
    || die "CPython's configure failed for $TARGET; see $BUILD/wasm-gapscan-configure.log (last line: $(tail -n1 "$BUILD/wasm-gapscan-configure.log"))"
  printf '%s\n' "$SRC" "$TRIPLE" "$FLAVOUR_ARG" "$KEY" > "$STAMP"
  echo "$BUILD"
  ;;
*)
  die "config/targets.tsv gives target '$TARGET' the configure branch '$T_CONFIGURE', which this script does not have (native, wasi, emscripten)"
  ;;
esac

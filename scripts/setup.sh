#!/usr/bin/env bash
# Installs every Debian package wasm-gapscan needs (idempotent; run as root or with sudo).
#  - LLVM/Clang 19 LibTooling + clang-19 itself (for the resource dir and the parse-floor benchmark)
#  - nlohmann-json, GoogleTest, CMake, a C/C++ toolchain
#  - python3.11 + python3.11-dev: Debian's own CPython 3.11.2, whose sysconfig data the sysconfig
#    tests and fuzz seeds read (bench/recall.py measures against the build python instead)
#  - the -dev packages CPython's configure probes, so that a native configuration builds the
#    same set of stdlib modules as Debian's python3.11 (otherwise modules read as "missing")
#  - the WASI toolchain that stands in for the WASI SDK: clang-19, lld-19,
#    llvm-19 (ar/ranlib), libclang-rt-19-dev-wasm32, wasi-libc
#  - emscripten (3.1.6, with its own clang-14) for the Emscripten targets
#  - dpkg-dev for `apt-get source` (scripts/fetch-cpython.sh)
#  - git and pre-commit for the pre-commit hook's integration test
#  - libclang-rt-19-dev: the x86_64 sanitizer and libFuzzer runtimes (scripts/fuzz.sh, sanitize.sh)
#  - clang-format-19: the LLVM-style check of scripts/check-format.sh
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

PACKAGES=(
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
  nlohmann-json3-dev libgtest-dev cmake make build-essential pkg-config
  python3 python3.11 python3.11-dev dpkg-dev xz-utils ca-certificates
  libssl-dev zlib1g-dev libbz2-dev liblzma-dev libffi-dev libsqlite3-dev
  libreadline-dev libncurses-dev libgdbm-dev libgdbm-compat-dev uuid-dev
  libexpat1-dev tk-dev libdb-dev
  lld-19 llvm-19 libclang-rt-19-dev-wasm32 wasi-libc
  libclang-rt-19-dev
  clang-format-19
  emscripten
  git pre-commit
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

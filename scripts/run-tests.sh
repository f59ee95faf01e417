#!/usr/bin/env bash
# All tests: installs what is needed, checks the LLVM style of the C++ sources
# (scripts/check-format.sh) and that no stage includes a later one
# (scripts/check-layering.sh), builds, then runs the GoogleTest unit
# tests and the integration tests on real CPython 3.11 sources (fetched with
# apt-get source and configured natively on first use; cached afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check-format.sh
scripts/check-layering.sh
scripts/build.sh
cd build && ctest --output-on-failure -j1

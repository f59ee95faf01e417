#!/usr/bin/env bash
# Rewrites tests/golden/*.json from the current extractor output; review the
# diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target gapscan_tests >/dev/null
UPDATE_GOLDEN=1 build/tests/gapscan_tests --gtest_filter='Snippets/GoldenTest.*' >/dev/null
git status --short tests/golden

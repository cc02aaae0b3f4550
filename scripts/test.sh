#!/usr/bin/env bash
# One command to test ProEventa: installs what is missing, builds, runs the whole suite
# (unit, integration against a throwaway PostgreSQL, browser tests in Chromium) through CTest.
# Same build folder as scripts/run.sh, so the two never build the same thing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
# The fuzz targets build with clang in their own folder (build/fuzz, only what they need); their
# 60-second regression runs (label fuzz) join the suite below, so its summary covers them too.
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
cmake --preset release -DPROEVENTA_FUZZ_DIR="$PWD/build/fuzz" >/dev/null
cmake --build --preset release
ctest --preset release -j2 "$@"

#!/usr/bin/env bash
# One command to test ProEventa: installs what is missing, builds, runs the whole suite
# (unit, integration against a throwaway PostgreSQL, browser tests in Chromium) through CTest.
# Same build folder as scripts/run.sh, so the two never build the same thing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release -j2 "$@"

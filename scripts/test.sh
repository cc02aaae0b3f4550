#!/usr/bin/env bash
# One command to test ProEventa: installs what is missing, builds, runs the whole suite
# (unit, integration against a throwaway PostgreSQL, browser tests in Chromium) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci -j2 "$@"

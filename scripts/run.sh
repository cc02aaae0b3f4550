#!/usr/bin/env bash
# One command to try ProEventa: installs what is missing, builds a release binary and serves
# http://127.0.0.1:8000 on its own embedded PostgreSQL (data in ./var), with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target proeventa
exec build/release/app/proeventa --demo "$@"

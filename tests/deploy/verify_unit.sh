#!/usr/bin/env bash
# `cmake --install` into a throwaway prefix, then `systemd-analyze verify` on the unit it
# installed (whose ExecStart now names a binary that exists): the unit parses, every directive
# is known, and the installed files are where the unit and the README say.
# Usage: tests/deploy/verify_unit.sh BUILD_DIR
set -euo pipefail
build=${1:?build folder}
prefix=$(mktemp -d /tmp/proeventa-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/proeventa lib/systemd/system/proeventa.service etc/proeventa/proeventa.env.example; do
  [[ -e "$prefix/$f" ]] || { echo "not installed: $f"; exit 1; }
done
grep -qx "ExecStart=$prefix/bin/proeventa serve" "$prefix/lib/systemd/system/proeventa.service" \
  || { echo "ExecStart does not name the installed binary"; exit 1; }
# verify prints problems and exits non-zero on most of them; any output at all is a finding.
out=$(systemd-analyze verify --man=no "$prefix/lib/systemd/system/proeventa.service" 2>&1) || true
if [[ -n "$out" ]]; then
  echo "$out"
  exit 1
fi
echo "systemd-analyze verify: clean"

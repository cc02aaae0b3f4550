#!/usr/bin/env bash
# Soak: mixed traffic (browse, logins, seat rushes, holds left to expire, cancels, general
# admission) against two instances on one throwaway PostgreSQL, with faults on a schedule
# (database restart, kill -9 and restart of one instance, a connection flood, slow clients).
# Samples RSS, open descriptors, pool connections and p99 latency every 10 s; checks at the end
# that RSS and descriptors stay flat after warm-up, no 5xx falls outside the outages, every
# acknowledged reservation is present and no seat is double-booked. Not part of CI (too long).
#
# Usage: bench/soak.sh [build-dir]        (default build/release; needs its proeventa and
#                                          tests/test_cluster: cmake --build <dir> --target
#                                          proeventa test_cluster)
#   SOAK_MINUTES  length of the run (default 30)    SOAK_WORKERS  client threads (default 12)
#   SOAK_OUT      results folder (default bench/results/soak-<time>, git-ignored)
# Writes table.txt (the report), samples.csv and soak.svg (RSS and p99 over time) there; exits
# non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
minutes="${SOAK_MINUTES:-30}"
out="${SOAK_OUT:-bench/results/soak-$(date +%Y%m%d-%H%M%S)}"
for program in "$build/app/proeventa" "$build/tests/test_cluster"; do
  [[ -x "$program" ]] || { echo "missing $program: build it first (see the usage above)" >&2; exit 2; }
done
command -v gnuplot >/dev/null || { echo "gnuplot is missing: apt-get install gnuplot-nox" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Our own descriptors must not be what runs out during the flood.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
status=0
/usr/bin/python3 bench/soak/soak.py --binary "$build/app/proeventa" --test-cluster "$build/tests/test_cluster" \
  --out "$out" --minutes "$minutes" --workers "${SOAK_WORKERS:-12}" || status=$?
if [[ -s "$out/samples.csv" ]]; then
  gnuplot -e "samples='$out/samples.csv'; faults='$out/faults.gp'; output='$out/soak.svg'" bench/soak/plot.gp
  echo "plot: $out/soak.svg"
fi
echo "report: $out/table.txt"
exit "$status"

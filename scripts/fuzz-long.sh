#!/usr/bin/env bash
# Long fuzz runs: every libFuzzer target (build/fuzz, the fuzz preset) until it has executed RUNS
# inputs or run SECONDS, whichever comes first, JOBS targets at a time, each from its committed
# corpus plus what earlier long runs found (kept in build/fuzz/fuzz-long/<target>, never in the
# source tree). Prints one line per target: executions, speed, coverage (edges: cov, features:
# ft), corpus size and crashes; a crash's input is left in build/fuzz/fuzz-artifacts/<target>/
# and the script exits non-zero.
# Usage: scripts/fuzz-long.sh [seconds=1800] [runs=10000000] [jobs=2] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
runs=${2:-10000000}
jobs=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
bin=build/fuzz/tests/fuzz
[[ -d $bin ]] || { echo "build the fuzz preset first: cmake --preset fuzz && cmake --build --preset fuzz"; exit 2; }
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for t in "$bin"/fuzz_*; do [[ -x $t ]] && targets+=("${t##*/fuzz_}"); done
fi
out=build/fuzz/fuzz-long
mkdir -p "$out"

run_one() {
  local name=$1 corpus=$out/$name artifacts=build/fuzz/fuzz-artifacts/$name/ dict=()
  mkdir -p "$corpus" "$artifacts"
  [[ -f tests/fuzz/$name.dict ]] && dict=(-dict="tests/fuzz/$name.dict")
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin/fuzz_$name" -max_total_time="$seconds" -runs="$runs" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" "$corpus" "tests/fuzz/corpus/$name" \
    >"$out/$name.log" 2>&1 && echo ok >"$out/$name.status" || echo "exit $?" >"$out/$name.status"
}

started=$(date +%s)
running=0
for name in "${targets[@]}"; do
  run_one "$name" &
  running=$(( running + 1 ))
  if (( running >= jobs )); then wait -n || true; running=$(( running - 1 )); fi
done
wait || true

status=0
printf '%-15s %12s %9s %8s %8s %8s %10s %s\n' target executions "exec/s" seconds cov ft corpus result
for name in "${targets[@]}"; do
  log=$out/$name.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  elapsed=$(awk -v e="${execs:-0}" -v s="${speed:-0}" 'BEGIN { if (s > 0) printf "%.0f", e / s; else print "?" }')
  result=$(cat "$out/$name.status")
  [[ $result == ok ]] || { status=1; result="FAILED ($result, see $log)"; }
  printf '%-15s %12s %9s %8s %8s %8s %10s %s\n' "$name" "${execs:-?}" "${speed:-?}" "$elapsed" "${cov:-?}" \
    "${ft:-?}" "$(find "$out/$name" -type f | wc -l)" "$result"
done
echo "wall time: $(( $(date +%s) - started )) s; logs in $out/"
exit $status

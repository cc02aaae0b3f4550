#!/usr/bin/env bash
# Where a read path spends its CPU: the release server (demo data, its own throwaway cluster) under
# `perf record -g` while wrk loads one path, then the top of the self-time report. Where perf cannot
# sample (no perf_event access, e.g. some containers), the same load runs under
# `valgrind --tool=callgrind` instead, shorter and much slower, and says so.
#
# Usage: bench/profile.sh [path] [build-dir] [seconds] [connections]
#   PROFILE_PERCENT=0.5 lists smaller entries; PROFILE_KEEP=file keeps perf.data for perf report.
#   path: an absolute path, or `event` (the first demo event's page, the default) or `list`
# Example: bench/profile.sh /events/events build/release 10
# Needs: linux-perf (or valgrind), wrk, curl (scripts/install-deps.sh --bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
target=${1:-event}
build=${2:-$here/../build/release}
duration=${3:-10}
connections=${4:-64}
threads=2
bin=$build/app/proeventa
cluster_tool=$build/tests/test_cluster
for tool in wrk curl psql /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "profile needs $tool (scripts/install-deps.sh --bench)"; exit 2; }
done
[[ -x $bin && -x $cluster_tool ]] || { echo "build first: cmake --preset release && cmake --build --preset release"; exit 2; }

profiler=perf
if ! command -v perf >/dev/null || ! perf record -q -o /dev/null -- true >/dev/null 2>&1; then
  command -v valgrind >/dev/null || { echo "neither perf nor valgrind can run here (apt-get install linux-perf valgrind)"; exit 2; }
  profiler=callgrind
  echo "perf cannot sample on this machine: falling back to valgrind --tool=callgrind (slower, fewer requests)" >&2
fi
# Hardware counters are often missing in virtual machines; perf then samples the cpu-clock.
event_args=()
if [[ $profiler == perf ]] && perf stat -e cycles true 2>&1 | grep -q 'not supported'; then event_args=(-e cpu-clock); fi

work=$(bench_make_work proeventa-profile)
trap bench_cleanup EXIT

db=$(bench_start_cluster profile)
port=$(bench_free_port)
url=http://127.0.0.1:$port
serve=("$bin" --database-url "$db" --port "$port" --threads "$threads" --data-dir "$work/data" --demo)
export PROEVENTA_JWT_SECRET=profile-secret-0123456789abcdef0123456789abcdef PROEVENTA_LOG_LEVEL=info
if [[ $profiler == perf ]]; then
  "${serve[@]}" >"$work/server.log" 2>&1 &
else
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "${serve[@]}" >"$work/server.log" 2>&1 &
fi
server_pid=$!
bench_pids+=("$server_pid")
# Under callgrind the server takes many times longer to start.
bench_wait_health "$url" 600 0.2 "$server_pid" || { echo "the server did not start:"; tail -20 "$work/server.log"; exit 1; }

case $target in
  event) path=/events/events/$(curl -fs "$url/events/events?limit=1" | bench_json_field 0 id) ;;
  list) path=/events/events ;;
  /*) path=$target ;;
  *) echo "path must start with /, or be event or list"; exit 2 ;;
esac
status=$(curl -s -o /dev/null -w '%{http_code}' "$url$path")
echo "profiling GET $path (HTTP $status, $(curl -fs "$url$path" | wc -c) bytes) with $profiler, $connections connections, ${duration}s" >&2

wrk -t2 -c16 -d2s "$url$path" >/dev/null  # warm the caches and the connection pool
if [[ $profiler == perf ]]; then
  perf record -g "${event_args[@]}" -F 999 -p "$server_pid" -o "$work/perf.data" -- sleep "$duration" >/dev/null 2>&1 &
  perf_pid=$!
  wrk -t2 -c"$connections" -d"${duration}s" "$url$path" | sed -n 's/^Requests\/sec: */req\/s under the profiler: /p'
  wait "$perf_pid" || true
  echo
  echo "self time by binary:"
  perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -8
  echo "self time by function (>= ${PROFILE_PERCENT:-1.5}%):"
  perf report -i "$work/perf.data" --no-children --percent-limit "${PROFILE_PERCENT:-1.5}" --stdio 2>/dev/null \
    | grep -E '^ +[0-9.]+%' | cut -c1-220 | head -40
  [[ -z ${PROFILE_KEEP:-} ]] || cp "$work/perf.data" "$PROFILE_KEEP"
else
  wrk -t2 -c"$connections" -d"${duration}s" "$url$path" | sed -n 's/^Requests\/sec: */req\/s under callgrind: /p'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; bench_pids=()
  echo
  callgrind_annotate --inclusive=no "$work/callgrind.out" 2>/dev/null | sed -n '/^-\+$/,$p' | head -45
fi

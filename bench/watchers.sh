#!/usr/bin/env bash
# Live seat maps under a rush (not a test): WATCHERS Server-Sent-Event clients spread over two
# ProEventa instances on one database watch a SEATS-seat event while every seat is reserved.
# Reports delivery latency from a reserve's 201 to the update at a watcher (p50, p99), bytes per
# watcher per minute idle and during the rush, server RSS per watcher, and the rush rate as a
# ratio to the same rush on an identical event nobody watches, measured in the same run.
# Usage: bench/watchers.sh [build-dir] [watchers] [seats] [idle-seconds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
build=${1:-$here/../build/release}
watchers=${2:-5000}
seats=${3:-5000}
idle=${4:-60}
bin=$build/app/proeventa
cluster_tool=$build/tests/test_cluster
for tool in psql curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool"; exit 2; }
done
[[ -x $bin && -x $cluster_tool ]] || { echo "build first: cmake --preset release && cmake --build --preset release"; exit 2; }
/usr/bin/python3 -c 'import jwt' 2>/dev/null || { echo "bench needs python3-jwt (apt-get install python3-jwt)"; exit 2; }
# Each watcher is a socket on both sides of loopback.
ulimit -n $(( watchers * 2 + 4096 )) 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(bench_make_work proeventa-watchers)
trap bench_cleanup EXIT

db=$(bench_start_cluster bench)
port_a=$(bench_free_port); bench_start_instance a "$port_a" --threads 2 --max-streams $(( watchers + 100 ))
port_b=$(bench_free_port); bench_start_instance b "$port_b" --threads 2 --max-streams $(( watchers + 100 ))
url=http://127.0.0.1:$port_a

org=$(bench_organizer_token "$url" watch-org@example.com)
rows=$(( (seats + 99) / 100 ))
make_event() {
  local venue
  venue=$(bench_make_venue "$url" "$org" "$1 Hall" "1 Watch Street" \
    "[{\"name\":\"Floor\",\"rows\":$rows,\"seats_per_row\":100,\"category\":\"A\"}]") || return
  bench_make_event "$url" "$org" "$venue" "$1" watched
}
watched=$(make_event "Watched Night")
unwatched=$(make_event "Unwatched Night")
for e in "$watched" "$unwatched"; do
  bench_sql "SELECT s.id FROM seats s JOIN events e ON e.venue_id = s.venue_id WHERE e.id = $e ORDER BY s.id LIMIT $seats" \
    >"$work/seats-$e.txt"
done
bench_sql "INSERT INTO users (email, password_hash, full_name) SELECT 'watcher-buyer' || g || '@example.com', 'unusable',
   'B' || g FROM generate_series(1, 1000) g" >/dev/null
bench_sql "SELECT id FROM users WHERE email LIKE 'watcher-buyer%' ORDER BY id" >"$work/users.txt"
bench_customer_tokens "$work/users.txt" >"$work/tokens.txt"
bench_sql "VACUUM ANALYZE" >/dev/null

/usr/bin/python3 "$here/watchers.py" --a "http://127.0.0.1:$port_a" --b "http://127.0.0.1:$port_b" \
  --pids "$(IFS=,; echo "${bench_pids[*]}")" --event "$watched" --baseline-event "$unwatched" \
  --seats "$work/seats-$watched.txt" --baseline-seats "$work/seats-$unwatched.txt" --tokens "$work/tokens.txt" \
  --watchers "$watchers" --idle "$idle"

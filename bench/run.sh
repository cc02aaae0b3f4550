#!/usr/bin/env bash
# ProEventa benchmark: a seat rush, a browse mix and the read paths over HTTP (wrk), each next to
# a baseline measured in the same run on the same machine and database:
#   rush   -> pgbench -M prepared running the server's own reserve statement directly
#   browse -> GET /health (the HTTP stack with no database work)
#   reads  -> bench/baseline_server: a bare Beast server with the same thread count answering
#             every GET with a JSON body the size of the real event page (medians of 3 rounds)
# Prints tables with the ratios. The machine may be shared: compare ratios, not raw figures.
# Usage: bench/run.sh [build-dir] [seconds] [connections]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
build=${1:-$here/../build/release}
duration=${2:-8}
connections=${3:-64}
threads=2
bin=$build/app/proeventa
cluster_tool=$build/tests/test_cluster
baseline_bin=$build/bench/baseline_server
rounds=3
for tool in wrk pgbench psql curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk postgresql-client)"; exit 2; }
done
[[ -x $bin && -x $cluster_tool && -x $baseline_bin ]] || { echo "build first: cmake --preset release && cmake --build --preset release"; exit 2; }

work=$(bench_make_work proeventa-bench)
export BENCH_DIR=$work BENCH_THREADS=$threads
trap bench_cleanup EXIT

db=$(bench_start_cluster bench)
port=$(bench_free_port)
bench_start_instance server "$port" --threads $threads
url=http://127.0.0.1:$port

# --- setup: an organizer, a 20 000-seat venue, two identical events (HTTP / pgbench), 200 buyers
org=$(bench_organizer_token "$url" bench-org@example.com)
venue=$(bench_make_venue "$url" "$org" "Bench Arena" "1 Load Street" \
  '[{"name":"Floor","rows":100,"seats_per_row":100,"category":"A"},{"name":"Balcony","rows":100,"seats_per_row":100,"category":"A"}]')
make_event() { bench_make_event "$url" "$org" "$venue" "$1" "jazz and load"; }
http_event=$(make_event "Bench Night HTTP")
pg_event=$(make_event "Bench Night pgbench")
echo "$http_event" >"$work/event.txt"
# The browse mix polls a 2 000-seat map, the size the SPA is built for.
venue=$(bench_make_venue "$url" "$org" "Browse Hall" "2 Load Street" \
  '[{"name":"Stalls","rows":20,"seats_per_row":100,"category":"A"}]')
make_event "Browse Night" >"$work/browse_event.txt"
# The signed-in read mix spreads its event pages over several events of that hall.
cp "$work/browse_event.txt" "$work/read_events.txt"
for n in 1 2 3 4 5 6 7; do make_event "Read Night $n" >>"$work/read_events.txt"; done
venue=$(bench_sql "SELECT venue_id FROM events WHERE id = $http_event")
bench_sql "SELECT id FROM seats WHERE venue_id = $venue ORDER BY id" >"$work/seats.txt"
seat_base=$(( $(head -1 "$work/seats.txt") - 1 ))
bench_sql "INSERT INTO users (email, password_hash, full_name) SELECT 'buyer' || g || '@example.com', 'unusable',
   'Buyer ' || g FROM generate_series(1, 200) g" >/dev/null
bench_sql "SELECT id FROM users WHERE email LIKE 'buyer%' ORDER BY id" >"$work/users.txt"
bench_customer_tokens "$work/users.txt" >"$work/tokens.txt"
umin=$(head -1 "$work/users.txt"); umax=$(tail -1 "$work/users.txt")
bench_sql "CREATE SEQUENCE bench_seat" >/dev/null
bench_sql "VACUUM ANALYZE" >/dev/null

result() { grep '^RESULT' | sed 's/^RESULT //'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

echo "warming up..." >&2
wrk -t$threads -c16 -d2s -s "$here/browse_mix.lua" "$url" >/dev/null

echo "seat rush over HTTP: $connections connections, ${duration}s" >&2
# Where each request's CPU goes, server or database: how many instances one primary can carry.
server_pid=${bench_pids[-1]}
postmaster=$(bench_postmaster_pid)
cpu_mark() { echo "$(bench_cpu_ticks "$server_pid") $(bench_cpu_ticks "$postmaster")"; }
read -r s0 p0 < <(cpu_mark)
rush=$(wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s -s "$here/reserve_rush.lua" "$url" | result)
read -r s1 p1 < <(cpu_mark)

echo "pgbench baseline: the same reserve statement, $connections clients, ${duration}s" >&2
pgb_out=$(cd "$work" && pgbench -n -M prepared -c "$connections" -j $threads -T "$duration" -f "$here/reserve.pgbench.sql" \
  -D event="$pg_event" -D seatbase="$seat_base" -D umin="$umin" -D umax="$umax" -l --log-prefix=pgb "$db" 2>&1)
pgb_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$pgb_out" | tail -1)
read -r pgb_p50 pgb_p99 < <(cat "$work"/pgb.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
  printf "%.2f %.2f\n", a[int(NR*0.50)]/1000, a[int(NR*0.99)]/1000}')
pgb_failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$pgb_out")

# The rush grew reservations from nothing to thousands of rows in seconds, while the server's
# cached plans were made for an empty table. PostgreSQL's autovacuum re-analyzes within a
# minute (autovacuum_naptime), which the bench is shorter than; measured on one run, event reads
# ran at 1 400 req/s on the stale plans and 4 150 after ANALYZE. Browse is measured as it runs
# once the statistics have caught up.
bench_sql "ANALYZE reservations" >/dev/null

echo "browse mix over HTTP and its /health baseline" >&2
read -r s2 p2 < <(cpu_mark)
browse=$(wrk -t$threads -c"$connections" -d"${duration}s" -s "$here/browse_mix.lua" "$url" | result)
read -r s3 p3 < <(cpu_mark)
health=$(wrk -t$threads -c"$connections" -d"${duration}s" -s /dev/stdin "$url/health" <<'LUA' | result
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
)

# Where the browse time goes: each path of the mix on its own, for half the time.
browse_event=$(cat "$work/browse_event.txt")
declare -A alone
for path in "/events/events?limit=20" "/events/events?q=jazz&limit=20" "/events/events/$browse_event" \
            "/events/events/$browse_event/seats"; do
  alone[$path]=$(wrk -t$threads -c"$connections" -d"$(( (duration + 1) / 2 ))s" -s /dev/stdin "$url$path" <<'LUA' | result
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
)
done

# --- the read paths, each against the bare baseline server --------------------------------------
# Body sizes as wrk gets them (no Accept-Encoding: identity); the baseline answers with the event
# page's size.
detail_path="/events/events/$browse_event"
detail_bytes=$(curl -fs "$url$detail_path" | wc -c)
list_bytes=$(curl -fs "$url/events/events" | wc -c)
etag=$(curl -fs -o /dev/null -D - "$url$detail_path" | tr -d '\r' | awk 'tolower($1) == "etag:" { $1 = ""; sub(/^ /, ""); print }')
"$baseline_bin" --port 0 --threads $threads --body-bytes "$detail_bytes" >"$work/baseline.port" 2>&1 &
bench_pids+=($!)
for _ in $(seq 100); do grep -q '^port ' "$work/baseline.port" && break; sleep 0.1; done
baseline_url=http://127.0.0.1:$(awk '/^port / { print $2 }' "$work/baseline.port")

# name -> wrk arguments (the URL last)
declare -A reads=(
  [baseline]="-s $here/read_one.lua $baseline_url/"
  [detail]="-s $here/read_one.lua $url$detail_path"
  [list]="-s $here/read_one.lua $url/events/events"
  [mix]="-s $here/read_mix.lua $url"
)
read_order=(baseline detail list mix)
if [[ -n $etag ]]; then
  reads[revalidate]="-s $here/read_one.lua $url$detail_path"
  read_order+=(revalidate)
fi
# A signed-in visitor's first page loads the account state; warm every token once.
wrk -t$threads -c16 -d2s -s "$here/read_mix.lua" "$url" >/dev/null
declare -A read_runs
for round in $(seq $rounds); do
  for name in "${read_order[@]}"; do
    echo "reads, round $round/$rounds: $name" >&2
    extra=()
    [[ $name == revalidate ]] && extra=(-H "If-None-Match: $etag")
    # shellcheck disable=SC2086  # the table holds whole argument lists
    read_runs[$name,$round]=$(wrk -t$threads -c"$connections" -d"${duration}s" "${extra[@]}" ${reads[$name]} | result)
  done
done
# The median of the rounds' values of one field.
median() {
  local name=$1 key=$2
  for round in $(seq $rounds); do field "$key" "${read_runs[$name,$round]}"; done | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
counts() {
  local name=$1 total200=0 total304=0 other=0
  for round in $(seq $rounds); do
    total200=$((total200 + $(field s200 "${read_runs[$name,$round]}")))
    total304=$((total304 + $(field s304 "${read_runs[$name,$round]}")))
    other=$((other + $(field other "${read_runs[$name,$round]}") + $(field errors "${read_runs[$name,$round]}")))
  done
  echo "200: $total200, 304: $total304, other/errors: $other"
}

http_reserved=$(bench_sql "SELECT count(*) FROM reservations WHERE event_id = $http_event AND status = 'confirmed'")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }

printf '\n%-34s %10s %9s %9s %8s\n' "workload" "req/s" "p50 ms" "p99 ms" "ratio"
printf '%-34s %10s %9s %9s %8s\n' "pgbench reserve (baseline)" "$pgb_tps" "$pgb_p50" "$pgb_p99" "100%"
printf '%-34s %10s %9s %9s %8s\n' "HTTP seat rush" "$(field rps "$rush")" "$(field p50_ms "$rush")" \
  "$(field p99_ms "$rush")" "$(ratio "$(field rps "$rush")" "$pgb_tps")"
printf '%-34s %10s %9s %9s %8s\n' "GET /health (baseline)" "$(field rps "$health")" "$(field p50_ms "$health")" \
  "$(field p99_ms "$health")" "100%"
printf '%-34s %10s %9s %9s %8s\n' "HTTP browse mix" "$(field rps "$browse")" "$(field p50_ms "$browse")" \
  "$(field p99_ms "$browse")" "$(ratio "$(field rps "$browse")" "$(field rps "$health")")"
for path in "${!alone[@]}"; do
  printf '%-34s %10s %9s %9s %8s\n' "  alone: ${path/$browse_event/ID}" "$(field rps "${alone[$path]}")" \
    "$(field p50_ms "${alone[$path]}")" "$(field p99_ms "${alone[$path]}")" \
    "$(ratio "$(field rps "${alone[$path]}")" "$(field rps "$health")")"
done

printf '\nread paths: medians of %d rounds of %ss, %d connections, wrk -t%d; %d I/O threads each\n' \
  "$rounds" "$duration" "$connections" "$threads" "$threads"
printf '%-44s %10s %9s %9s %8s\n' "workload" "req/s" "p50 ms" "p99 ms" "ratio"
declare -A read_label=(
  [baseline]="baseline server, ${detail_bytes} B JSON (100%)"
  [detail]="anonymous GET /events/events/{id}"
  [list]="anonymous GET /events/events"
  [mix]="signed-in mix: 80% event pages, 20% list"
  [revalidate]="GET /events/events/{id}, If-None-Match"
)
base_rps=$(median baseline rps)
for name in "${read_order[@]}"; do
  printf '%-44s %10s %9s %9s %8s\n' "${read_label[$name]}" "$(median "$name" rps)" "$(median "$name" p50_ms)" \
    "$(median "$name" p99_ms)" "$(ratio "$(median "$name" rps)" "$base_rps")"
done
[[ -n $etag ]] || printf '%-44s %s\n' "GET /events/events/{id}, If-None-Match" "no ETag: the event page sends none"
echo "bodies: event page $detail_bytes B, list page $list_bytes B (the baseline sends the event page's size)"
for name in "${read_order[@]}"; do echo "  $name: $(counts "$name")"; done
[[ -n $etag ]] && echo "  revalidate: ETag $etag"

echo
echo "rush: $rush"
echo "rush check: $http_reserved confirmed rows for the HTTP event; pgbench failed transactions: ${pgb_failed:-0}"
echo "browse: $browse"

# CPU microseconds per request in the server and in PostgreSQL, and their ratio: on hosts of the
# same size, the number of instances that keep one primary as busy as each of them.
ticks=$(getconf CLK_TCK)
share() {
  local label=$1 rps=$2 server_ticks=$3 pg_ticks=$4
  awk -v l="$label" -v r="$rps" -v d="$duration" -v s="$server_ticks" -v p="$pg_ticks" -v t="$ticks" 'BEGIN {
    n = r * d; su = s * 1e6 / t / n; pu = p * 1e6 / t / n
    printf "%-12s server %7.1f us/request, PostgreSQL %7.1f us/request: one primary carries %s instances\n", l, su, pu,
      (pu > 0 ? sprintf("%.1f", su / pu) : "any number of")
  }'
}
echo
echo "CPU per request (from /proc: the server process, and the postmaster with every backend):"
share "seat rush" "$(field rps "$rush")" $(( s1 - s0 )) $(( p1 - p0 ))
share "browse mix" "$(field rps "$browse")" $(( s3 - s2 )) $(( p3 - p2 ))

#!/usr/bin/env bash
# Live seat maps under a rush (not a test): WATCHERS Server-Sent-Event clients spread over two
# ProEventa instances on one database watch a SEATS-seat event while every seat is reserved.
# Reports delivery latency from a reserve's 201 to the update at a watcher (p50, p99), bytes per
# watcher per minute idle and during the rush, server RSS per watcher, and the rush rate as a
# ratio to the same rush on an identical event nobody watches, measured in the same run.
# Usage: bench/watchers.sh [build-dir] [watchers] [seats] [idle-seconds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
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

work=$(mktemp -d /tmp/proeventa-watchers.XXXXXX)
chmod 755 "$work"
secret=bench-secret-0123456789abcdef0123456789abcdef
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  "$cluster_tool" stop "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$cluster_tool" start "$work/cluster" >/dev/null
base=$(cat "$work/cluster/conninfo")
psql "$base" -qAt -c "CREATE DATABASE bench" >/dev/null
db="$base dbname=bench"
q() { psql "$db" -qAt -c "$1"; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_instance() {
  local port=$1 name=$2
  PROEVENTA_JWT_SECRET=$secret PROEVENTA_LOG_LEVEL=warn "$bin" --database-url "$db" --port "$port" --threads 2 \
    --max-streams $(( watchers + 100 )) --data-dir "$work/data-$name" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "instance $name did not start"; cat "$work/$name.log"; exit 1
}
port_a=$(free_port); start_instance "$port_a" a
port_b=$(free_port); start_instance "$port_b" b
url=http://127.0.0.1:$port_a

curl -fs -XPOST "$url/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"watch-org@example.com","password":"bench-organizer-pw","full_name":"Bench"}' >/dev/null
q "UPDATE users SET role = 'organizer' WHERE email = 'watch-org@example.com'"
org=$(curl -fs -XPOST "$url/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"watch-org@example.com","password":"bench-organizer-pw"}' | /usr/bin/python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
auth=(-H "Authorization: Bearer $org" -H 'Content-Type: application/json')
rows=$(( (seats + 99) / 100 ))
make_event() {
  local venue
  venue=$(curl -fs -XPOST "$url/events/venues" "${auth[@]}" -d "{\"name\":\"$1 Hall\",\"address\":\"1 Watch Street\",
    \"timezone\":\"Europe/Berlin\",\"layout\":{\"sections\":[{\"name\":\"Floor\",\"rows\":$rows,\"seats_per_row\":100,\"category\":\"A\"}]}}" \
    | /usr/bin/python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -fs -XPOST "$url/events/events" "${auth[@]}" -d "{\"name\":\"$1\",\"description\":\"watched\",
    \"start_time\":\"2031-01-01T19:00:00Z\",\"end_time\":\"2031-01-01T23:00:00Z\",\"venue_id\":$venue,
    \"status\":\"published\",\"currency\":\"EUR\",\"prices\":[{\"category\":\"A\",\"price_cents\":2500}]}" \
    | /usr/bin/python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])'
}
watched=$(make_event "Watched Night")
unwatched=$(make_event "Unwatched Night")
for e in "$watched" "$unwatched"; do
  q "SELECT s.id FROM seats s JOIN events e ON e.venue_id = s.venue_id WHERE e.id = $e ORDER BY s.id LIMIT $seats" \
    >"$work/seats-$e.txt"
done
q "INSERT INTO users (email, password_hash, full_name) SELECT 'watcher-buyer' || g || '@example.com', 'unusable', 'B' || g
   FROM generate_series(1, 1000) g" >/dev/null
q "SELECT id FROM users WHERE email LIKE 'watcher-buyer%' ORDER BY id" >"$work/users.txt"
/usr/bin/python3 - "$secret" "$work/users.txt" >"$work/tokens.txt" <<'PY'
import sys, time, uuid, jwt
now = int(time.time())
for uid in open(sys.argv[2]).read().split():
    print(jwt.encode({"sub": uid, "role": "customer", "iat": now, "exp": now + 7200, "iss": "proeventa",
                      "jti": uuid.uuid4().hex}, sys.argv[1], algorithm="HS256"))
PY
q "VACUUM ANALYZE" >/dev/null

/usr/bin/python3 "$here/watchers.py" --a "http://127.0.0.1:$port_a" --b "http://127.0.0.1:$port_b" \
  --pids "$(IFS=,; echo "${pids[*]}")" --event "$watched" --baseline-event "$unwatched" \
  --seats "$work/seats-$watched.txt" --baseline-seats "$work/seats-$unwatched.txt" --tokens "$work/tokens.txt" \
  --watchers "$watchers" --idle "$idle"

# shellcheck shell=bash disable=SC2154  # work, bin, cluster_tool and db are the caller's, as said below
# Set-up shared by the benchmark scripts; sourced, not run. The caller sets `work` (its scratch
# folder, from bench_make_work), `bin` (app/proeventa) and `cluster_tool` (tests/test_cluster),
# sets `db` from bench_start_cluster, and traps bench_cleanup on EXIT.
# Functions that print a value are meant for $(...), where errexit does not reach inside: each
# step returns on failure so that the assignment fails instead of going on with a broken set-up.

# The buyers' tokens are signed with it outside the server, so the scripts know it too.
bench_secret=bench-secret-0123456789abcdef0123456789abcdef
bench_pids=()  # processes bench_cleanup ends, in start order

# A fresh scratch folder under /tmp named after PREFIX; prints its path.
bench_make_work() {
  local dir
  dir=$(mktemp -d "/tmp/$1.XXXXXX") || return
  chmod 755 "$dir"  # the embedded cluster may run as another user (postgres, when started as root)
  echo "$dir"
}

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]}"; do
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  "$cluster_tool" stop "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}

# Starts a throwaway cluster in $work/cluster with an empty database NAME; prints its conninfo.
bench_start_cluster() {
  local base
  "$cluster_tool" start "$work/cluster" >/dev/null || return
  base=$(cat "$work/cluster/conninfo") || return
  psql "$base" -qAt -c "CREATE DATABASE $1" >/dev/null || return
  echo "$base dbname=$1"
}

bench_sql() { psql "$db" -qAt -c "$1"; }

# CPU time in clock ticks (getconf CLK_TCK) that PID has used so far, with its children's: those
# it has reaped and those still running. For a postmaster that is every backend's, so the
# difference between two calls is what the database spent in between.
bench_cpu_ticks() {
  local pid=$1 total child
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat") || return
  for child in $(pgrep -P "$pid"); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# The postmaster of the cluster $db points at.
bench_postmaster_pid() { head -1 "$(bench_sql "SHOW data_directory")/postmaster.pid"; }

# A port nobody listens on now; the server binds it a moment later.
bench_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Polls URL/health up to TRIES times, INTERVAL seconds apart; with PID, stops early once that
# process has exited (a server that failed to start answers nothing, however long we wait).
bench_wait_health() {
  local url=$1 tries=$2 interval=$3 pid=${4:-} i
  for ((i = 0; i < tries; i++)); do
    curl -fs -o /dev/null "$url/health" 2>/dev/null && return 0
    [[ -z $pid ]] || kill -0 "$pid" 2>/dev/null || return 1
    sleep "$interval"
  done
  return 1
}

# Starts proeventa on PORT against $db, logging to $work/NAME.log, with any further server
# arguments; exits the script with the log when it does not become healthy.
bench_start_instance() {
  local name=$1 port=$2 pid
  shift 2
  PROEVENTA_JWT_SECRET=$bench_secret PROEVENTA_LOG_LEVEL=warn "$bin" --database-url "$db" --port "$port" \
    --data-dir "$work/data-$name" "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  bench_pids+=("$pid")
  bench_wait_health "http://127.0.0.1:$port" 200 0.1 "$pid" && return
  echo "instance $name did not start"; cat "$work/$name.log"; exit 1
}

# Prints the value at a path of keys (list indexes as numbers) in the JSON document on stdin.
bench_json_field() {
  /usr/bin/python3 -c 'import sys, json
value = json.load(sys.stdin)
for key in sys.argv[1:]:
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$@"
}

# Signs up EMAIL at URL, promotes it to organizer and prints its access token. Sign-up makes a
# customer; SQL promotes without an admin account to do it over HTTP.
bench_organizer_token() {
  local url=$1 email=$2 password=bench-organizer-pw
  curl -fs -XPOST "$url/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"full_name\":\"Bench\"}" >/dev/null || return
  bench_sql "UPDATE users SET role = 'organizer' WHERE email = '$email'" >/dev/null || return
  curl -fs -XPOST "$url/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | bench_json_field access_token
}

# Creates a venue as the organizer with TOKEN; SECTIONS is the layout's JSON array. Prints its id.
bench_make_venue() {
  local url=$1 token=$2 name=$3 address=$4 sections=$5
  curl -fs -XPOST "$url/events/venues" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"address\":\"$address\",\"timezone\":\"Europe/Berlin\",
         \"layout\":{\"sections\":$sections}}" | bench_json_field id
}

# Creates a published event in VENUE, every seat of category A at 25 EUR; prints its id.
bench_make_event() {
  local url=$1 token=$2 venue=$3 name=$4 description=$5
  curl -fs -XPOST "$url/events/events" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"description\":\"$description\",
         \"start_time\":\"2031-01-01T19:00:00Z\",\"end_time\":\"2031-01-01T23:00:00Z\",\"venue_id\":$venue,
         \"status\":\"published\",\"currency\":\"EUR\",\"prices\":[{\"category\":\"A\",\"price_cents\":2500}]}" \
    | bench_json_field id
}

# Prints a customer access token for each user id in FILE, signed as the server would sign it, so
# that a load needs no logins (each would cost a password hash).
bench_customer_tokens() {
  /usr/bin/python3 - "$bench_secret" "$1" <<'PY'
import sys, time, uuid, jwt
now = int(time.time())
for uid in open(sys.argv[2]).read().split():
    print(jwt.encode({"sub": uid, "role": "customer", "iat": now, "exp": now + 7200, "iss": "proeventa",
                      "jti": uuid.uuid4().hex}, sys.argv[1], algorithm="HS256"))
PY
}

#!/usr/bin/env bash
# What one login costs, measured against the real server: successful logins, wrong passwords
# and unknown emails (which must cost the same: the server hashes a dummy), each compared with
# GET /health in the same run so the numbers mean something on any machine.
#
#   bench/login_cost.sh [path/to/proeventa] [requests per kind]
#
# Uses DATABASE_URL when set, else the embedded PostgreSQL in a throwaway data folder.
# Needs curl. A benchmark, not a test: it prints numbers and asserts nothing.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/bench/lib.sh"
bin="${1:-}"
if [[ -z "$bin" ]]; then
  for candidate in "$here/build/release/proeventa" "$here/build/debug/proeventa" "$here"/build/*/app/proeventa; do
    if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
  done
fi
[[ -x "$bin" ]] || { echo "usage: $0 path/to/proeventa [requests]" >&2; exit 2; }
n="${2:-20}"
port="${PORT:-$((20000 + RANDOM % 20000))}"
data_dir="$(mktemp -d /tmp/proeventa-bench-login.XXXXXX)"
chmod 755 "$data_dir"  # the embedded PostgreSQL may run as another user
log="$data_dir/server.log"

db_args=()
[[ -n "${DATABASE_URL:-}" ]] && db_args=(--database-url "$DATABASE_URL")

cleanup() {
  if [[ -n "${server_pid:-}" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT

PROEVENTA_JWT_SECRET="bench-secret-0123456789abcdefghijklmnopqrstuv" \
PROEVENTA_LOGIN_FAILURES=1000 PROEVENTA_LOGIN_ADDRESS_FAILURES=1000000 PROEVENTA_SIGNUPS_PER_HOUR=1000000 \
  "$bin" --port "$port" --data-dir "$data_dir" "${db_args[@]}" 2>"$log" &
server_pid=$!

base="http://127.0.0.1:$port"
if ! bench_wait_health "$base" 600 0.1 "$server_pid" && ! kill -0 "$server_pid" 2>/dev/null; then
  echo "server exited:" >&2; cat "$log" >&2; exit 1
fi

email="bench-$RANDOM-$$@example.com"
password="bench-password-123"
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"full_name\":\"Bench\"}" "$base/auth/signup"

# One curl per request over a fresh connection for each; time_total in seconds.
measure() {  # kind method path [json body]
  local kind="$1" method="$2" path="$3" body="${4:-}" i
  for i in $(seq 1 "$n"); do
    if [[ -n "$body" ]]; then
      curl -sS -o /dev/null -w '%{time_total}\n' -X "$method" -H 'Content-Type: application/json' -d "$body" "$base$path"
    else
      curl -sS -o /dev/null -w '%{time_total}\n' "$base$path"
    fi
  done | sort -g | awk -v kind="$kind" -v n="$n" '
    { t[NR] = $1 * 1000; sum += $1 * 1000 }
    END {
      printf "%-22s %5d %10.2f %10.2f %10.2f\n", kind, n, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], sum / NR
    }'
}

# Warm up the hashing pool's dummy hash and the prepared statements.
curl -sS -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/auth/login"

printf "%-22s %5s %10s %10s %10s\n" "request" "n" "median ms" "p90 ms" "mean ms"
results="$(
  measure "GET /health" GET /health
  measure "login ok" POST /auth/login "{\"email\":\"$email\",\"password\":\"$password\"}"
  measure "login wrong password" POST /auth/login "{\"email\":\"$email\",\"password\":\"not-the-password\"}"
  measure "login unknown email" POST /auth/login "{\"email\":\"nobody-$RANDOM@example.com\",\"password\":\"not-the-password\"}"
)"
echo "$results"
echo "$results" | awk '
  NR == 1 { health = $(NF - 2) }
  NR > 1  { name = $0; sub(/ +[0-9].*$/, "", name); printf "%-22s %8.1fx health (median)\n", name, $(NF - 2) / health }'

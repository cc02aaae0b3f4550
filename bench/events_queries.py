#!/usr/bin/python3
"""The events list and the seat map on realistic volumes: 10 000 events and a 2 000-seat venue.

    bench/events_queries.py [path/to/proeventa] [--events N] [--runs N] [--keep]

Starts the real server (DATABASE_URL when set, else the embedded PostgreSQL in a throwaway data
folder), fills it through the API (organizer, the 2 000-seat venue, a seated event, 500 held seats)
and SQL (49 more venues, the bulk of the events), ANALYZEs, then prints:

  1. EXPLAIN (ANALYZE, BUFFERS) of the exact statements the server prepares (read from
     modules/events/sql/*.sql, split into statements as the server splits them) for each list
     filter and sort, the count that feeds X-Total-Count, and the seat-map read, with the median
     execution time;
  2. HTTP latencies of the same requests, as ratios to GET /health measured in the same run.

A benchmark, not a test: it prints numbers and asserts nothing. Needs psql.
"""
import argparse
import getpass
import glob
import http.client
import json
import os
import pwd
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuv"
PASSWORD = "bench-password-123"


def find_binary(given):
    if given:
        return given
    candidates = [os.path.join(HERE, "build/release/proeventa"), os.path.join(HERE, "build/debug/proeventa")]
    candidates += sorted(glob.glob(os.path.join(HERE, "build/*/app/proeventa")))
    for c in candidates:
        if os.access(c, os.X_OK):
            return c
    sys.exit("usage: bench/events_queries.py path/to/proeventa")


def statements():
    """name -> SQL of every statement in modules/events/sql/*.sql, as db::statement_book reads
    them: a file is one statement named after it, or several, each after a `-- name: x` line."""
    out = {}
    for path in sorted(glob.glob(os.path.join(HERE, "modules/events/sql/*.sql"))):
        name, lines = os.path.basename(path)[:-len(".sql")], []
        parts = []
        with open(path) as f:
            for line in f:
                if line.strip().startswith("-- name:"):
                    parts.append((name, lines))
                    name, lines = line.strip()[len("-- name:"):].strip(), []
                else:
                    lines.append(line)
        parts.append((name, lines))
        for name, lines in parts:
            text = "".join(lines).strip()
            if any(l.strip() and not l.strip().startswith("--") for l in lines):
                out[name] = text
    return out


def bind(sql, values):
    """$n -> SQL literal, highest first so $1 never eats the start of $10."""
    for i in range(len(values), 0, -1):
        sql = sql.replace("$%d" % i, values[i - 1])
    return sql


class Db:
    def __init__(self, conninfo):
        self.conninfo = conninfo

    def run(self, sql):
        r = subprocess.run(["psql", self.conninfo, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("psql failed: %s\n%s" % (r.stderr, sql[:500]))
        return r.stdout.strip()


class Api:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None, token=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, data, headers)
                res = self.conn.getresponse()
                raw = res.read()
                return res.status, (json.loads(raw) if raw else None), res
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the keep-alive connection while the EXPLAIN runs took their
                # time; open a new one.
                self.conn.close()
                if attempt == 2:
                    raise

    def timed(self, path, runs):
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            status, _, _ = self.call("GET", path)
            samples.append(time.perf_counter() - t)
            if status != 200:
                sys.exit("GET %s answered %d" % (path, status))
        return statistics.median(samples)


def user(api, db, email, role):
    status, body, _ = api.call("POST", "/auth/signup", {"email": email, "password": PASSWORD, "full_name": "Bench"})
    if status != 201:
        sys.exit("signup failed: %s %s" % (status, body))
    if role != "customer":
        db.run("UPDATE users SET role = '%s' WHERE id = %d" % (role, body["id"]))
    status, login, _ = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    return body["id"], login["access_token"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", nargs="?")
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--keep", action="store_true", help="leave the server running and print how to reach it")
    args = ap.parse_args()

    binary = find_binary(args.binary)
    sql = statements()
    port = int(os.environ.get("PORT", random.randint(20000, 39999)))
    data_dir = tempfile.mkdtemp(prefix="proeventa-bench-events.")
    os.chmod(data_dir, 0o755)  # the embedded PostgreSQL may run as another user
    env = dict(os.environ, PROEVENTA_JWT_SECRET=SECRET, PROEVENTA_SIGNUPS_PER_HOUR="1000000")
    cmd = [binary, "--port", str(port), "--data-dir", data_dir]
    if os.environ.get("DATABASE_URL"):
        cmd += ["--database-url", os.environ["DATABASE_URL"]]
        conninfo = os.environ["DATABASE_URL"]
    else:
        runner = getpass.getuser()
        if os.geteuid() == 0:
            runner = "postgres" if _user_exists("postgres") else "nobody"
        conninfo = "host=%s/pg/run port=5432 dbname=proeventa user=%s" % (data_dir, runner)
    log = open(os.path.join(data_dir, "server.log"), "w")
    server = subprocess.Popen(cmd, env=env, stderr=log, stdout=subprocess.DEVNULL)
    try:
        _wait_healthy(port, server, data_dir)
        _run(args, sql, Db(conninfo), Api(port), port)
        if args.keep:
            print("\nserver pid %d on port %d, database: psql '%s'" % (server.pid, port, conninfo))
            return
    finally:
        if not args.keep:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            shutil.rmtree(data_dir, ignore_errors=True)


def _user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _wait_healthy(port, server, data_dir):
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("server exited:\n" + open(os.path.join(data_dir, "server.log")).read())
        time.sleep(0.1)
    sys.exit("server did not become healthy")


def _run(args, sql, db, api, port):
    suffix = "%d-%d" % (os.getpid(), random.randint(0, 1 << 30))
    organizer_id, organizer = user(api, db, "bench-organizer-%s@example.com" % suffix, "organizer")
    _, customer = user(api, db, "bench-customer-%s@example.com" % suffix, "customer")

    # The 2 000-seat venue through the API: one statement inserts every seat.
    layout = {"sections": [{"name": "Stalls", "rows": 25, "seats_per_row": 40, "category": "A"},
                           {"name": "Circle", "rows": 20, "seats_per_row": 50, "category": "B"}]}
    t = time.perf_counter()
    status, venue, _ = api.call("POST", "/events/venues", {"name": "Bench Arena", "address": "1 Bench Road",
                                                           "timezone": "Europe/Paris", "layout": layout}, organizer)
    venue_created = time.perf_counter() - t
    assert status == 201, venue
    start = time.strftime("%Y-%m-%dT20:00:00Z", time.gmtime(time.time() + 7 * 86400))
    end = time.strftime("%Y-%m-%dT23:00:00Z", time.gmtime(time.time() + 7 * 86400))
    status, event, _ = api.call("POST", "/events/events", {
        "name": "Bench Symphony", "description": "Two thousand seats", "start_time": start, "end_time": end,
        "venue_id": venue["id"], "status": "published",
        "prices": [{"category": "A", "price_cents": 5000}, {"category": "B", "price_cents": 3000}]}, organizer)
    assert status == 201, event
    _, seat_map, _ = api.call("GET", "/events/events/%d/seats" % event["id"])
    seat_ids = [s["id"] for s in seat_map["seats"]]
    for i in range(0, 500, 10):  # a quarter of the house held or sold
        status, body, _ = api.call("POST", "/reservations/reservations/reserve",
                                   {"event_id": event["id"], "seat_ids": seat_ids[i:i + 10], "hold": i % 20 == 0},
                                   customer)
        assert status == 201, body

    bulk = args.events - 1
    db.run("INSERT INTO venues (name, address, timezone, seated, capacity) "
           "SELECT 'Bulk venue ' || g, 'Street ' || g, 'Europe/Paris', false, 500 FROM generate_series(1, 49) g")
    db.run("""
        INSERT INTO events (name, description, start_time, end_time, venue_id, organizer_id, status, capacity,
                            currency, sold_out)
        SELECT (ARRAY['Jazz','Rock','Opera','Ballet','Comedy','Techno','Folk','Blues'])[1 + g %% 8]
                   || ' night ' || g,
               'An evening of ' || (ARRAY['music','dance','laughs','songs'])[1 + g %% 4] || ' number ' || g,
               now() + (g %% 365) * interval '1 day' + (g %% 24) * interval '1 hour',
               now() + (g %% 365) * interval '1 day' + (g %% 24) * interval '1 hour' + interval '3 hours',
               (SELECT min(id) FROM venues WHERE NOT seated) + g %% 49, %d,
               CASE WHEN g %% 20 = 0 THEN 'draft' WHEN g %% 33 = 0 THEN 'cancelled' ELSE 'published' END,
               100, 'EUR', g %% 50 = 0
        FROM generate_series(1, %d) g""" % (organizer_id, bulk))
    db.run("INSERT INTO event_prices (event_id, category, price_cents) "
           "SELECT id, 'general', 1500 FROM events WHERE id <> %d" % event["id"])
    db.run("ANALYZE")

    events = int(db.run("SELECT count(*) FROM events"))
    seats = int(db.run("SELECT count(*) FROM seats WHERE venue_id = %d" % venue["id"]))
    print("# events list and seat map: %d events, a %d-seat venue with 500 seats taken" % (events, seats))
    print("# 2 000-seat venue created through the API in %.1f ms (one INSERT for every seat)\n" %
          (venue_created * 1000))

    null11 = ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "false", "NULL", "false", "20", "0"]

    def params(**kw):
        p = list(null11)
        names = ["search", "from_", "to", "venue", "organizer", "status", "available", "viewer", "admin",
                 "limit", "offset"]
        for k, v in kw.items():
            p[names.index(k)] = v
        return p

    month = ("'%s'" % time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(time.time() + 30 * 86400)),
             "'%s'" % time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(time.time() + 60 * 86400)))
    cases = [
        ("list: public, by start time", "list_events_by_start", params()),
        ("list: public, latest first", "list_events_by_start_desc", params()),
        ("list: public, by name", "list_events_by_name", params()),
        ("list: q=jazz", "list_events_by_start", params(search="'jazz'")),
        ("list: q=swan (no match)", "list_events_by_start", params(search="'swan'")),
        ("list: q=\"opera 4321\"", "list_events_by_start", params(search="'opera 4321'")),
        ("list: one month", "list_events_by_start", params(from_=month[0], to=month[1])),
        ("list: venue_id", "list_events_by_start", params(venue=str(venue["id"]))),
        ("list: organizer_id", "list_events_by_start", params(organizer=str(organizer_id))),
        ("list: available=true", "list_events_by_start", params(available="true")),
        ("list: organizer's view", "list_events_by_start", params(viewer=str(organizer_id))),
        ("list: admin's view", "list_events_by_start", params(admin="true")),
        ("list: offset 5000", "list_events_by_start", params(offset="5000")),
        ("count: public (X-Total-Count)", "count_events", params()[:9]),
        ("count: q=jazz", "count_events", params(search="'jazz'")[:9]),
        ("seat map: %d seats" % seats, "venue_seats", [str(venue["id"])]),
    ]
    rows = []
    for title, name, values in cases:
        text = bind(sql[name], values)
        times = []
        for _ in range(args.runs):
            plan = json.loads(db.run("EXPLAIN (ANALYZE, FORMAT JSON) " + text))
            times.append(plan[0]["Execution Time"])
        seq = [n for n in _nodes(plan[0]["Plan"]) if n["Node Type"] == "Seq Scan"
               and n.get("Relation Name") in ("events", "seats")]
        rows.append((title, statistics.median(times), "SEQ SCAN" if seq else "index"))
        print("## %s (%s)\n%s\n" % (title, name, db.run("EXPLAIN (ANALYZE, BUFFERS) " + text)))

    print("## PostgreSQL execution time, median of %d" % args.runs)
    print("%-34s %12s  %s" % ("statement", "ms", "events/seats access"))
    for title, ms, access in rows:
        print("%-34s %12.3f  %s" % (title, ms, access))

    health = api.timed("/health", args.runs)
    http_cases = [
        ("GET /events/events", "/events/events"),
        ("GET /events/events?q=jazz", "/events/events?q=jazz"),
        ("GET /events/events?available=true", "/events/events?available=true"),
        ("GET /events/events?limit=100", "/events/events?limit=100"),
        ("GET /events/events/{id}", "/events/events/%d" % event["id"]),
        ("GET /events/events/{id}/seats", "/events/events/%d/seats" % event["id"]),
        ("GET /events/venues/{id}/seats", "/events/venues/%d/seats" % venue["id"]),
    ]
    print("\n## HTTP, median of %d over one keep-alive connection (baseline GET /health %.2f ms)" %
          (args.runs, health * 1000))
    print("%-36s %10s %10s" % ("request", "ms", "x health"))
    for title, path in http_cases:
        t = api.timed(path, args.runs)
        print("%-36s %10.2f %10.1f" % (title, t * 1000, t / health))


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""ProEventa soak: mixed traffic against two instances on one database while faults are injected
on a schedule, sampling RSS, descriptors, pool connections and latency every 10 s, with checks
at the end. Started by bench/soak.sh, which finds the programs; standard library only (Debian's
/usr/bin/python3).

Schedule, as fractions of the run (the default run is 30 minutes):
  0.08  connection flood on instance A (1500 idle TCP connections held for 20 s, then dropped),
        during warm-up: it sets RSS's high-water mark
  0.20  database restart (pg_ctl restart -m fast)
  0.35  kill -9 of instance B, then B restarted on the same port
  0.50  the connection flood on A again
  0.62  slow clients on both instances (headers trickled a byte at a time)
  0.74  the connection flood on A a third time
Checks: RSS and the descriptors that are not pool connections flat after warm-up (growth under
5 %), each pool within its size, no 5xx outside the injected outages, every acknowledged
reservation present, no seat double-booked, both instances drain and exit 0.
"""
import argparse
import csv
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

SAMPLE_EVERY = 10.0
GROWTH_LIMIT = 0.05
POOL_SIZE = 12  # each instance's --db-pool-size: the pool may grow to it, never past it
# After a fault ends (the instance or the database is ready again), answers may still carry the
# outage for a moment: pooled connections are found broken one by one on their next use.
OUTAGE_TAIL = 15.0


def log(msg):
    print(f"[soak {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- processes

class Cluster:
    """The throwaway PostgreSQL of the run, made by the test fixture's own program."""

    def __init__(self, test_cluster, folder):
        self.program, self.folder = test_cluster, folder

    def start(self):
        subprocess.run([self.program, "start", self.folder], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(self.folder, "conninfo")) as f:
            self.admin = f.read().strip()
        self.data = os.path.join(self.folder, "pg", "data")

    def conninfo(self, dbname):
        return " ".join(p for p in self.admin.split() if not p.startswith("dbname=")) + f" dbname={dbname}"

    def psql(self, sql, dbname="soak"):
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\t",
                              self.conninfo(dbname), "-c", sql], check=True, capture_output=True, text=True)
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def pg_ctl(self, *args):
        owner = os.stat(self.data).st_uid
        pg_ctl = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        pg_ctl = os.path.join(pg_ctl, "pg_ctl")
        if not os.path.exists(pg_ctl):
            pg_ctl = "/usr/lib/postgresql/15/bin/pg_ctl"
        cmd = [pg_ctl, "-D", self.data, *args]
        if os.geteuid() == 0 and owner != 0:
            import pwd
            cmd = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def restart(self):
        self.pg_ctl("restart", "-m", "fast", "-w", "-t", "60")

    def stop(self):
        subprocess.run([self.program, "stop", self.folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Instance:
    def __init__(self, name, binary, port, database_url, secret, out_dir):
        self.name, self.binary, self.port = name, binary, port
        self.database_url, self.secret, self.out_dir = database_url, secret, out_dir
        self.proc = None
        self.starts = 0

    def start(self):
        self.starts += 1
        env = dict(os.environ, PROEVENTA_JWT_SECRET=self.secret, PROEVENTA_LOG_LEVEL="warn")
        logf = open(os.path.join(self.out_dir, f"instance-{self.name}-{self.starts}.log"), "wb")
        data_dir = os.path.join(self.out_dir, f"data-{self.name}")
        os.makedirs(data_dir, exist_ok=True)
        self.proc = subprocess.Popen([self.binary, "serve", "--port", str(self.port), "--database-url",
                                      self.database_url, "--data-dir", data_dir, "--hold-ttl", "20",
                                      "--db-pool-size", str(POOL_SIZE)],
                                     env=env, stdout=logf, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"instance {self.name} exited with {self.proc.returncode} while starting")
            try:
                status, _, _ = request(self.port, "GET", "/ready", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"instance {self.name} not ready after {timeout} s")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return "killed after 60 s"
        return self.proc.returncode if self.proc else None

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def open_fds(self):
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))


def request(port, method, path, body=None, token=None, timeout=30, conn=None, headers=None):
    """One request; returns (status, parsed JSON or None, seconds). Raises OSError/HTTPException
    when the connection fails (an instance down is not an HTTP answer)."""
    own = conn is None
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body)
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    start = time.monotonic()
    try:
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        raw = r.read()
        elapsed = time.monotonic() - start
        try:
            parsed = json.loads(raw) if raw and r.getheader("Content-Type", "").startswith("application/json") else None
        except ValueError:
            parsed = None
        if r.getheader("Connection", "").lower() == "close" and not own:
            c.close()
        return r.status, parsed, elapsed
    finally:
        if own:
            c.close()


# --------------------------------------------------------------------------- the run's record

class Record:
    """Everything the checks need, written by many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.responses = []          # (time, instance, status, seconds, what)
        self.transport_errors = []   # (time, instance, what, error)
        self.acknowledged = {}       # reservation id -> dict(event, seat, user, status)
        self.outages = []            # [name, instance or "*", start, end]
        self.samples = []

    def answer(self, instance, status, seconds, what):
        with self.lock:
            self.responses.append((time.time(), instance, status, seconds, what))

    def failed(self, instance, what, error):
        with self.lock:
            self.transport_errors.append((time.time(), instance, what, repr(error)))

    def acknowledge(self, reservation, user):
        with self.lock:
            self.acknowledged[reservation["id"]] = {
                "event": reservation["event_id"], "seat": reservation.get("seat_id"),
                "user": user, "status": reservation["status"]}

    def set_status(self, rid, status):
        with self.lock:
            if rid in self.acknowledged:
                self.acknowledged[rid]["status"] = status

    def outage(self, name, instance):
        entry = [name, instance, time.time(), None]
        with self.lock:
            self.outages.append(entry)
        return entry

    def in_outage(self, t, instance):
        for name, inst, start, end in self.outages:
            if (inst == "*" or inst == instance) and start <= t <= (end or float("inf")) + OUTAGE_TAIL:
                return True
        return False


# --------------------------------------------------------------------------- traffic

class World:
    """Accounts, venue and events the traffic uses."""

    def __init__(self, ports, customers, organizer_token, venue_seated, venue_ga):
        self.ports = ports
        self.customers = customers           # list of (user_id, email, password, token)
        self.organizer_token = organizer_token
        self.venue_seated, self.venue_ga = venue_seated, venue_ga
        self.lock = threading.Lock()
        self.rush_event = None
        self.ga_event = None
        self.browse_events = []


def future(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))


def create_event(port, world, seated, name):
    body = {"name": name, "description": "soak", "start_time": future(86400 * 30),
            "end_time": future(86400 * 30 + 7200),
            "venue_id": world.venue_seated if seated else world.venue_ga}
    if not seated:
        body["capacity"] = 400
    status, ev, _ = request(port, "POST", "/events/events", body, world.organizer_token)
    if status != 201:
        raise RuntimeError(f"creating an event answered {status}: {ev}")
    return ev["id"]


class Worker(threading.Thread):
    def __init__(self, n, world, record, stop, rng_seed):
        super().__init__(daemon=True, name=f"worker-{n}")
        self.world, self.record, self.stop = world, record, stop
        self.user_id, self.email, self.password, self.token = world.customers[n % len(world.customers)]
        self.rng = random.Random(rng_seed)
        self.conns = {}
        self.mine = []   # confirmed reservation ids this worker may cancel
        self.holds = []

    def conn(self, port):
        c = self.conns.get(port)
        if c is None or c.sock is None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            self.conns[port] = c
        return c

    def call(self, what, method, path, body=None, token=None):
        port = self.rng.choice(self.world.ports)
        name = "A" if port == self.world.ports[0] else "B"
        try:
            status, parsed, seconds = request(port, method, path, body, token, conn=self.conn(port))
        except (OSError, http.client.HTTPException) as e:
            self.record.failed(name, what, e)
            c = self.conns.pop(port, None)
            if c:
                c.close()
            time.sleep(0.2)
            return None, None
        self.record.answer(name, status, seconds, what)
        return status, parsed

    def run(self):
        while not self.stop.is_set():
            r = self.rng.random()
            try:
                if r < 0.45:
                    self.browse()
                elif r < 0.50:
                    self.login()
                elif r < 0.75:
                    self.rush()
                elif r < 0.85:
                    self.hold()
                elif r < 0.92:
                    self.cancel()
                else:
                    self.general_admission()
            except Exception as e:  # a bug in the driver must not look like a server fault
                self.record.failed("driver", "exception", e)
            time.sleep(self.rng.uniform(0.02, 0.12))

    def browse(self):
        self.call("list", "GET", f"/events/events?limit=20&offset={self.rng.randrange(0, 40)}")
        with self.world.lock:
            ids = list(self.world.browse_events)
        if ids:
            ev = self.rng.choice(ids)
            self.call("event", "GET", f"/events/events/{ev}")
            self.call("seats", "GET", f"/events/events/{ev}/seats")

    def login(self):
        status, parsed = self.call("login", "POST", "/auth/login", {"email": self.email, "password": self.password})
        if status == 200 and parsed:
            self.token = parsed["access_token"]

    def free_seats(self, event):
        status, parsed = self.call("seats", "GET", f"/events/events/{event}/seats")
        if status != 200 or not parsed:
            return []
        return [s["id"] for s in parsed["seats"] if s["state"] == "available"]

    def reserve(self, body, what):
        status, parsed = self.call(what, "POST", "/reservations/reservations/reserve", body, self.token)
        if status == 201 and parsed:
            made = parsed.get("reservations", [parsed])
            for res in made:
                self.record.acknowledge(res, self.user_id)
            return made
        return []

    def rush(self):
        with self.world.lock:
            event = self.world.rush_event
        free = self.free_seats(event)
        if not free:
            return
        # Everyone goes for the front of the hall: real contention on the same seats.
        seat = self.rng.choice(free[:8])
        for res in self.reserve({"event_id": event, "seat_id": seat}, "reserve"):
            if res["status"] == "confirmed":
                self.mine.append(res["id"])

    def hold(self):
        with self.world.lock:
            event = self.world.rush_event
        free = self.free_seats(event)
        if len(free) < 2:
            return
        seats = sorted(self.rng.sample(free[:30], 2))
        made = self.reserve({"event_id": event, "seat_ids": seats, "hold": True}, "hold")
        # Some holds are confirmed, the rest are left to expire.
        if made and self.rng.random() < 0.3:
            for res in made:
                status, parsed = self.call("confirm", "POST", f"/reservations/reservations/{res['id']}/confirm",
                                           {}, self.token)
                if status == 200 and parsed:
                    self.record.set_status(res["id"], "confirmed")
                    self.mine.append(res["id"])

    def cancel(self):
        if not self.mine:
            return
        rid = self.mine.pop(self.rng.randrange(len(self.mine)))
        status, parsed = self.call("cancel", "DELETE", f"/reservations/reservations/{rid}", None, self.token)
        if status == 200:
            self.record.set_status(rid, "cancelled")
        elif status is None:
            self.mine.append(rid)  # not answered: try again later

    def general_admission(self):
        with self.world.lock:
            event = self.world.ga_event
        for res in self.reserve({"event_id": event, "quantity": self.rng.randint(1, 3)}, "reserve_ga"):
            self.mine.append(res["id"])


class Organizer(threading.Thread):
    """Opens a new rush (and general-admission) event whenever the current one is mostly sold."""

    def __init__(self, world, record, stop):
        super().__init__(daemon=True, name="organizer")
        self.world, self.record, self.stop = world, record, stop
        self.count = 0

    def open_events(self):
        port = self.world.ports[0]
        self.count += 1
        rush = create_event(port, self.world, True, f"Rush {self.count}")
        ga = create_event(port, self.world, False, f"Standing {self.count}")
        with self.world.lock:
            self.world.rush_event, self.world.ga_event = rush, ga
            self.world.browse_events.append(rush)
            self.world.browse_events = self.world.browse_events[-10:]

    def run(self):
        while not self.stop.wait(5):
            try:
                with self.world.lock:
                    event = self.world.rush_event
                for port in self.world.ports:
                    try:
                        status, parsed, _ = request(port, "GET", f"/events/events/{event}/seats", timeout=10)
                        break
                    except OSError:
                        status = None
                if status == 200:
                    free = sum(1 for s in parsed["seats"] if s["state"] == "available")
                    if free < 20:
                        self.open_events()
            except Exception as e:
                self.record.failed("driver", "organizer", e)


# --------------------------------------------------------------------------- faults

def database_restart(cluster, instances, record):
    entry = record.outage("database restart", "*")
    cluster.restart()
    for inst in instances:
        inst.wait_ready()
    entry[3] = time.time()


def kill_and_restart(inst, record):
    entry = record.outage("kill -9 and restart", inst.name)
    inst.kill9()
    time.sleep(3)
    inst.start()
    entry[3] = time.time()


def connection_flood(inst, record, count, hold_seconds):
    entry = record.outage("connection flood", inst.name)
    socks = []
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", inst.port), timeout=5)
            socks.append(s)
        except OSError:
            break
    log(f"flood: {len(socks)} idle connections open on {inst.name}")
    time.sleep(hold_seconds)
    for s in socks:
        s.close()
    entry[3] = time.time()
    return len(socks)


def slow_clients(instances, record, count, seconds):
    entry = record.outage("slow clients", "*")
    stop = time.time() + seconds
    head = b"GET /events/events HTTP/1.1\r\nHost: soak\r\nX-Slow: " + b"a" * 4000

    def trickle(port):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            for b in head:
                if time.time() > stop:
                    break
                s.send(bytes([b]))
                time.sleep(1.0)
            s.close()
        except OSError:
            pass

    threads = [threading.Thread(target=trickle, args=(instances[i % len(instances)].port,), daemon=True)
               for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entry[3] = time.time()


# --------------------------------------------------------------------------- sampling

def metric(port, name):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        c.request("GET", "/metrics")
        text = c.getresponse().read().decode()
    except OSError:
        return None
    finally:
        c.close()
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


def p99(values):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(0.99 * len(values)))]


def sampler(instances, record, stop, t0, writer):
    last = time.time()
    while not stop.wait(SAMPLE_EVERY):
        now = time.time()
        with record.lock:
            window = [r for r in record.responses if last < r[0] <= now]
        last = now
        row = {"t": round(now - t0, 1), "requests": len(window),
               "p99_ms": round(1000 * p99([r[3] for r in window]), 1) if window else "",
               "s5xx": sum(1 for r in window if r[2] >= 500)}
        for inst in instances:
            k = inst.name
            try:
                row[f"rss_{k}_mib"] = round(inst.rss_kib() / 1024, 1)
                row[f"fds_{k}"] = inst.open_fds()
            except (OSError, FileNotFoundError):
                row[f"rss_{k}_mib"], row[f"fds_{k}"] = "", ""
            pool = metric(inst.port, "proeventa_db_connections_open")
            row[f"pool_{k}"] = int(pool) if pool is not None else ""
        record.samples.append(row)
        writer(row)


# --------------------------------------------------------------------------- checks

def growth(samples, key, start, end_from):
    base = [s[key] for s in samples if start <= s["t"] < start + (end_from - start) / 3 and s[key] != ""]
    tail = [s[key] for s in samples if s["t"] >= end_from and s[key] != ""]
    if len(base) < 3 or len(tail) < 3:
        return None, None, None
    b, e = statistics.median(base), statistics.median(tail)
    return b, e, (e - b) / b if b else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--test-cluster", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--workers", type=int, default=12)
    ap.add_argument("--port", type=int, default=18410)
    args = ap.parse_args()

    duration = args.minutes * 60
    os.makedirs(args.out, exist_ok=True)
    record = Record()
    cluster = Cluster(args.test_cluster, os.path.join(args.out, "cluster"))
    log(f"cluster in {cluster.folder}")
    cluster.start()
    cluster.psql("CREATE DATABASE soak", dbname="postgres")
    url = cluster.conninfo("soak")
    secret = os.urandom(32).hex()
    subprocess.run([args.binary, "migrate", "--database-url", url], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run([args.binary, "user", "add", "--database-url", url, "--email", "organizer@soak.test",
                    "--password", "soak-organizer-pass", "--role", "organizer"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    customers_n = max(args.workers, 12)
    for i in range(customers_n):
        subprocess.run([args.binary, "user", "add", "--database-url", url, "--email", f"c{i}@soak.test",
                        "--password", f"soak-customer-pass-{i}", "--role", "customer"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    a = Instance("A", args.binary, args.port, url, secret, args.out)
    b = Instance("B", args.binary, args.port + 1, url, secret, args.out)
    instances = [a, b]
    for inst in instances:
        inst.start()
    log(f"instances A :{a.port} and B :{b.port} ready")

    def login(email, password):
        status, parsed, _ = request(a.port, "POST", "/auth/login", {"email": email, "password": password})
        if status != 200:
            raise RuntimeError(f"login {email}: {status} {parsed}")
        return parsed["user"]["id"], parsed["access_token"]

    _, org_token = login("organizer@soak.test", "soak-organizer-pass")
    customers = []
    for i in range(customers_n):
        uid, tok = login(f"c{i}@soak.test", f"soak-customer-pass-{i}")
        customers.append((uid, f"c{i}@soak.test", f"soak-customer-pass-{i}", tok))
    status, venue, _ = request(a.port, "POST", "/events/venues",
                               {"name": "Soak Hall", "address": "1 Soak St", "rows": 10, "seats_per_row": 20},
                               org_token)
    if status != 201:
        raise RuntimeError(f"venue: {status} {venue}")
    status, ga_venue, _ = request(a.port, "POST", "/events/venues",
                                  {"name": "Soak Floor", "address": "2 Soak St", "capacity": 400}, org_token)
    if status != 201:
        raise RuntimeError(f"GA venue: {status} {ga_venue}")
    world = World([a.port, b.port], customers, org_token, venue["id"], ga_venue["id"])
    stop = threading.Event()
    organizer = Organizer(world, record, stop)
    organizer.open_events()

    samples_path = os.path.join(args.out, "samples.csv")
    fields = ["t", "requests", "p99_ms", "s5xx", "rss_A_mib", "fds_A", "pool_A", "rss_B_mib", "fds_B", "pool_B"]
    samples_file = open(samples_path, "w", newline="")
    samples_csv = csv.DictWriter(samples_file, fieldnames=fields)
    samples_csv.writeheader()

    def write_row(row):
        samples_csv.writerow(row)
        samples_file.flush()

    t0 = time.time()
    threads = [Worker(i, world, record, stop, 1000 + i) for i in range(args.workers)]
    threads.append(organizer)
    threads.append(threading.Thread(target=sampler, args=(instances, record, stop, t0, write_row), daemon=True))
    for t in threads:
        t.start()
    log(f"traffic running for {args.minutes} min with {args.workers} workers")

    flood_size = 0
    # RSS is a high-water mark: the first connection flood sets it, during warm-up (the server
    # hands freed memory back after a burst, but not every page). Two more floods come after
    # warm-up: memory the first left behind must not grow again (a leak would).
    schedule = [(0.08, "connection flood on A (warm-up)", lambda: connection_flood(a, record, 1500, 20)),
                (0.20, "database restart", lambda: database_restart(cluster, instances, record)),
                (0.35, "kill -9 of B", lambda: kill_and_restart(b, record)),
                (0.50, "connection flood on A", lambda: connection_flood(a, record, 1500, 20)),
                (0.62, "slow clients", lambda: slow_clients(instances, record, 200, 40)),
                (0.74, "connection flood on A again", lambda: connection_flood(a, record, 1500, 20))]
    fault_log = []
    for at, name, action in schedule:
        while time.time() < t0 + at * duration:
            time.sleep(0.5)
        log(f"fault: {name}")
        started = time.time()
        result = action()
        if name.startswith("connection flood"):
            flood_size = result
        fault_log.append((round(started - t0), name, round(time.time() - started, 1)))
        log(f"fault over: {name} ({time.time() - started:.1f} s)")
    while time.time() < t0 + duration:
        time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    samples_file.close()
    log("traffic stopped; checking")

    # ------------------------------------------------------------------ checks
    checks = []
    notes = []
    samples = record.samples
    warm = 0.15 * duration
    tail_from = 0.85 * duration
    restart_b = next(o for o in record.outages if o[0].startswith("kill"))[3] - t0
    # The pool opens connections as load asks, up to its size, so all descriptors move with it
    # by design; what must stay flat is every other descriptor, and the pool within its size.
    for x in samples:
        for k in ("A", "B"):
            fds, pool = x.get(f"fds_{k}"), x.get(f"pool_{k}")
            x[f"fds_{k}_nonpool"] = fds - pool if fds != "" and pool != "" else ""
    after_b = restart_b + 0.05 * duration
    for key, start in [("rss_A_mib", warm), ("fds_A_nonpool", warm),
                       ("rss_B_mib", after_b), ("fds_B_nonpool", after_b)]:
        base, end, g = growth(samples, key, start, tail_from)
        ok = g is not None and g < GROWTH_LIMIT
        checks.append((f"{key}: flat after warm-up (growth < 5 %)", ok,
                       f"{base} -> {end} ({g * 100:+.1f} %)" if g is not None else "too few samples"))
    for k in ("A", "B"):
        most = max((x[f"pool_{k}"] for x in samples if x.get(f"pool_{k}") != ""), default=None)
        checks.append((f"pool_{k}: never above --db-pool-size {POOL_SIZE}", most is not None and most <= POOL_SIZE,
                       f"at most {most} open"))
    for key, start in [("fds_A", warm), ("fds_B", after_b)]:
        base, end, g = growth(samples, key, start, tail_from)
        notes.append(f"{key} (all descriptors, pool included): "
                     + (f"{base} -> {end} ({g * 100:+.1f} %)" if g is not None else "too few samples"))

    floods = [o for o in record.outages if o[0] == "connection flood"]
    for i, flood in enumerate(floods):
        until = floods[i + 1][2] - t0 if i + 1 < len(floods) else duration
        after = [x["rss_A_mib"] for x in samples if flood[3] - t0 + 30 <= x["t"] < until and x["rss_A_mib"] != ""]
        if after:
            notes.append(f"RSS A after flood {i + 1} (from 30 s after it to the next): median "
                         f"{statistics.median(after)} MiB")

    bad = [r for r in record.responses if r[2] >= 500 and not record.in_outage(r[0], r[1])]
    per_outage = {}
    for r in record.responses:
        if r[2] >= 500:
            for name, inst, start, end in record.outages:
                if (inst == "*" or inst == r[1]) and start <= r[0] <= (end or float("inf")) + OUTAGE_TAIL:
                    per_outage[name] = per_outage.get(name, 0) + 1
                    break
    checks.append(("no 5xx outside the injected outages", not bad,
                   f"{len(bad)} outside; inside: " +
                   (", ".join(f"{n} {c}" for n, c in per_outage.items()) or "none") +
                   (f"; first outside: {bad[0][1:]}" if bad else "")))
    stray = [e for e in record.transport_errors if e[1] == "driver" or not record.in_outage(e[0], e[1])]
    checks.append(("no failed connections outside the injected outages", not stray,
                   f"{len(stray)} outside, {len(record.transport_errors) - len(stray)} inside" +
                   (f"; first: {stray[0][1:]}" if stray else "")))

    ack = dict(record.acknowledged)
    rows = {}
    ids = list(ack)
    for i in range(0, len(ids), 5000):
        chunk = ",".join(str(x) for x in ids[i:i + 5000])
        for rid, ev, seat, user, status in cluster.psql(
                "SELECT id, event_id, coalesce(seat_id::text, ''), user_id, status FROM reservations "
                f"WHERE id IN ({chunk})"):
            rows[int(rid)] = (int(ev), int(seat) if seat else None, int(user), status)
    missing = [rid for rid in ack if rid not in rows]
    changed = [rid for rid, a_ in ack.items() if rid in rows and
               (rows[rid][0], rows[rid][1], rows[rid][2]) != (a_["event"], a_["seat"], a_["user"])]
    # What we were told last must still hold: a confirmation stays confirmed unless we cancelled
    # it; a cancellation stays cancelled. (Holds may have expired.)
    lost = [rid for rid, a_ in ack.items() if rid in rows and a_["status"] in ("confirmed", "cancelled")
            and rows[rid][3] != a_["status"]]
    checks.append(("every acknowledged reservation present", not missing and not changed and not lost,
                   f"{len(ack)} acknowledged, {len(missing)} missing, {len(changed)} altered, "
                   f"{len(lost)} with another status than acknowledged"))
    doubles = cluster.psql(
        "SELECT event_id, seat_id, count(*) FROM reservations WHERE seat_id IS NOT NULL AND "
        "(status = 'confirmed' OR (status = 'held' AND hold_expires_at > now())) "
        "GROUP BY event_id, seat_id HAVING count(*) > 1")
    seats_sold = cluster.psql("SELECT count(*) FROM reservations WHERE seat_id IS NOT NULL AND status = 'confirmed'")
    checks.append(("no seat double-booked", not doubles,
                   f"{len(doubles)} seats with two active reservations; {seats_sold[0][0]} seats sold"))

    exits = {inst.name: inst.stop() for inst in instances}
    checks.append(("both instances drain and exit 0 on SIGTERM", all(v == 0 for v in exits.values()),
                   ", ".join(f"{k}: {v}" for k, v in exits.items())))
    cluster.stop()

    # ------------------------------------------------------------------ report
    statuses = {}
    for r in record.responses:
        statuses[r[2] // 100] = statuses.get(r[2] // 100, 0) + 1
    lines = [f"ProEventa soak: {args.minutes:g} min, {args.workers} workers, two instances on one database",
             f"requests answered: {len(record.responses)} "
             f"({', '.join(f'{k}xx: {v}' for k, v in sorted(statuses.items()))}); "
             f"failed connections: {len(record.transport_errors)}; flood held {flood_size} connections",
             "", "faults (second of the run, fault, seconds until ready again):"]
    lines += [f"  {t:>6} s  {name:<24} {took} s" for t, name, took in fault_log]
    lines += ["", f"samples every {SAMPLE_EVERY:g} s ({len(samples)} in all; every 6th shown, full CSV: {samples_path}):",
              "  " + "  ".join(f"{f:>9}" for f in fields)]
    for i, s in enumerate(samples):
        if i % 6 == 0 or i == len(samples) - 1:
            lines.append("  " + "  ".join(f"{str(s.get(f, '')):>9}" for f in fields))
    lines += [""] + notes if notes else []
    lines += ["", "checks:"]
    lines += [f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}" for name, ok, detail in checks]
    report = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "table.txt"), "w") as f:
        f.write(report)
    with open(os.path.join(args.out, "faults.gp"), "w") as f:  # the plot's fault markers
        for t, name, took in fault_log:
            f.write(f'set arrow from {t}, graph 0 to {t}, graph 1 nohead dashtype 2 lc rgb "#999999"\n'
                    f'set label "{name}" at {t}, graph 0.97 rotate by 90 right font "sans,9" '
                    f'tc rgb "#666666" offset -0.6,0\n')
    print(report, flush=True)
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

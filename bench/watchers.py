#!/usr/bin/python3
"""Live seat maps under a rush: many Server-Sent-Event watchers on two instances while every
seat of one event is reserved. Stdlib asyncio only (wrk cannot read streams).

Most watchers only read and count bytes; a sample of them parses every event and notes when
each seat's change arrived, to measure delivery latency from a reserve's 201 to the update.
Run by bench/watchers.sh, which starts the cluster, the two instances and the data."""
import argparse, asyncio, json, os, statistics, sys, time


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Watcher:
    def __init__(self, host, port, event_id, measuring):
        self.host, self.port, self.event_id, self.measuring = host, port, event_id, measuring
        self.bytes = 0
        self.snapshot = asyncio.Event()
        self.arrivals = {}  # seat id -> monotonic time its taking (held or reserved) arrived
        self.task = None

    async def run(self):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(f"GET /events/events/{self.event_id}/seats/stream HTTP/1.1\r\nHost: x\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(head.decode(errors="replace"))
        buffer = b""
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                self.bytes += len(chunk)
                if not self.measuring:
                    if not self.snapshot.is_set() and b"event: snapshot" in chunk:
                        self.snapshot.set()
                    continue
                buffer += chunk
                now = time.monotonic()
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    kind = data = None
                    for line in block.split(b"\n"):
                        if line.startswith(b"event: "):
                            kind = line[7:]
                        elif line.startswith(b"data: "):
                            data = line[6:]
                    if kind == b"snapshot":
                        self.snapshot.set()
                    elif kind == b"update" and data:
                        for seat, state in json.loads(data).get("changes", []):
                            if state != "available" and seat not in self.arrivals:
                                self.arrivals[seat] = now
        finally:
            writer.close()


async def open_watchers(hosts, event_id, count, measure):
    watchers = []
    for i in range(count):
        host, port = hosts[i % len(hosts)]
        w = Watcher(host, port, event_id, i < measure)
        w.task = asyncio.ensure_future(w.run())
        watchers.append(w)
        if i % 200 == 199:
            await asyncio.sleep(0.05)  # do not SYN-flood the listeners' backlogs
    await asyncio.wait_for(asyncio.gather(*(w.snapshot.wait() for w in watchers)), timeout=120)
    return watchers


async def http_post(reader, writer, path, body, token):
    payload = json.dumps(body).encode()
    writer.write(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 f"Authorization: Bearer {token}\r\nContent-Length: {len(payload)}\r\n\r\n".encode() + payload)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return status


async def rush(hosts, event_id, seats, tokens, concurrency):
    """Reserves every seat once; returns (seconds, {seat: time of its 201})."""
    queue = list(enumerate(seats))
    done = {}
    statuses = {}

    async def worker(k):
        host, port = hosts[k % len(hosts)]
        reader, writer = await asyncio.open_connection(host, port)
        while queue:
            i, seat = queue.pop()
            status = await http_post(reader, writer, "/reservations/reservations/reserve",
                                     {"event_id": event_id, "seat_id": seat}, tokens[i % len(tokens)])
            statuses[status] = statuses.get(status, 0) + 1
            if status == 201:
                done[seat] = time.monotonic()
        writer.close()

    start = time.monotonic()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return time.monotonic() - start, done, statuses


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--pids", required=True, help="server pids, comma-separated")
    ap.add_argument("--event", type=int, required=True)
    ap.add_argument("--baseline-event", type=int, required=True)
    ap.add_argument("--seats", required=True)
    ap.add_argument("--baseline-seats", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--watchers", type=int, default=5000)
    ap.add_argument("--measure", type=int, default=100)
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--concurrency", type=int, default=64)
    args = ap.parse_args()
    hosts = []
    for url in (args.a, args.b):
        host, port = url.replace("http://", "").split(":")
        hosts.append((host, int(port)))
    seats = [int(s) for s in open(args.seats).read().split()]
    baseline_seats = [int(s) for s in open(args.baseline_seats).read().split()]
    tokens = open(args.tokens).read().split()
    pids = [int(p) for p in args.pids.split(",")]

    base_secs, base_done, base_status = await rush(hosts, args.baseline_event, baseline_seats, tokens, args.concurrency)
    base_rate = len(base_done) / base_secs
    print(f"rush without watchers: {len(base_done)} seats in {base_secs:.1f} s = {base_rate:.0f} req/s {base_status}",
          file=sys.stderr)

    rss_before = sum(rss_kb(p) for p in pids)
    started = time.monotonic()
    watchers = await open_watchers(hosts, args.event, args.watchers, args.measure)
    print(f"{len(watchers)} watchers connected in {time.monotonic() - started:.1f} s", file=sys.stderr)
    await asyncio.sleep(2)
    rss_after = sum(rss_kb(p) for p in pids)

    idle_from = sum(w.bytes for w in watchers)
    await asyncio.sleep(args.idle)
    idle_bytes = sum(w.bytes for w in watchers) - idle_from
    idle_per_minute = idle_bytes / len(watchers) / (args.idle / 60)

    rush_from = sum(w.bytes for w in watchers)
    secs, done, status = await rush(hosts, args.event, seats, tokens, args.concurrency)
    await asyncio.sleep(3)  # the last coalesced updates
    rush_bytes = sum(w.bytes for w in watchers) - rush_from
    rate = len(done) / secs
    latencies = [(w.arrivals[s] - t) * 1000 for w in watchers if w.measuring for s, t in done.items() if s in w.arrivals]
    missing = sum(1 for w in watchers if w.measuring for s in done if s not in w.arrivals)
    alive = sum(1 for w in watchers if not w.task.done())
    for w in watchers:
        w.task.cancel()

    result = {
        "watchers": len(watchers), "alive_after_rush": alive,
        "rush_seats": len(done), "rush_statuses": status,
        "delivery_p50_ms": round(pct(latencies, 0.50), 1), "delivery_p99_ms": round(pct(latencies, 0.99), 1),
        "delivery_max_ms": round(max(latencies), 1) if latencies else None,
        "updates_missing": missing, "samples": len(latencies),
        "idle_bytes_per_watcher_per_minute": round(idle_per_minute),
        "rush_bytes_per_watcher_per_minute": round(rush_bytes / len(watchers) / ((secs + 3) / 60)),
        "rss_kb_per_watcher": round((rss_after - rss_before) / len(watchers), 2),
        "rush_rate": round(rate), "rush_rate_without_watchers": round(base_rate),
        "rush_ratio": round(rate / base_rate, 2),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    asyncio.run(main())

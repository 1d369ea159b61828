"""Hub benchmark: publish → on_event latency for HubClient, raw signalrcore and the JS client.

One kds-server subprocess (dev mode) whose outbox publisher is wrapped to log a wall-clock
timestamp per event just before it is broadcast. Three clients subscribe to the same restaurant
at once: our ``HubClient``, a bare signalrcore connection, and the official
``@microsoft/signalr`` client in Node (``bench/hub_latency_client.mjs``). Orders are placed at a
steady rate; each client timestamps each ``ReceiveOrderPlaced`` on arrival, and latency is
receive time minus publish time (same machine, same wall clock).

Then two throughput phases for HubClient alone. (1) End to end through kds-server: the server
re-broadcasts stored events back to back (``faults/redeliver``); the server's own publish rate
caps this figure, so it shows the client keeps up with kds-server. (2) Client capacity: a
minimal hub (``bench/_firehose.py``) sends events at stepped rates; the highest rate at which
every event arrived, with p99 latency under 50 ms and the last event less than 100 ms behind
the last send, is ``sustained_events_per_s``.

Each client, and the load generator, runs in a process of its own (the JS client in Node, bare
signalrcore and the order placer as subprocesses of this script), so a Python client never
shares its GIL with another client.

Usage: ``python bench/hub_latency.py [--quick]``. Prints a table and writes
``bench/results/hub_latency.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backends import fail  # noqa: E402
from signalrcore.hub_connection_builder import HubConnectionBuilder  # noqa: E402

from kds.core.ticket import Ticket  # noqa: E402
from kds.net.hub import HubClient, HubState  # noqa: E402
from kds.net.rest import RestClient  # noqa: E402
from kds.net.tokens import TokenStore  # noqa: E402

PHO_HANOI = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
STAFF = "staff.pho-hanoi@kds.example"
PASSWORD = "Password123!"
READY = re.compile(r"kds-server listening on (http://\S+)")
from _common import machine, now_iso, results_path  # noqa: E402

RESULTS = results_path("hub_latency")


# -- server side (runs in the subprocess) --------------------------------------------------
def serve(argv: list[str]) -> int:
    """Run kds-server with its outbox publish step timestamped into the file ``argv[0]``."""
    from kds.server import __main__ as server_main
    from kds.server import outbox

    log = open(argv[0], "a", buffering=1)  # noqa: SIM115 - lives as long as the process
    original = outbox.Outbox._publish

    async def timed_publish(self: Any, event: Any) -> bool:
        log.write(f"{str(event['event_id']).lower()} {time.time_ns()}\n")
        result: bool = await original(self, event)
        return result

    outbox.Outbox._publish = timed_publish  # type: ignore[method-assign]
    return server_main.main(argv[1:])


def start_server(workdir: Path, publish_log: Path) -> tuple[subprocess.Popen[bytes], str]:
    cmd = [sys.executable, __file__, "--serve", str(publish_log), "--host", "127.0.0.1"]
    cmd += ["--port", "0", "--db", str(workdir / "kds.db"), "--dev", "--seed", "demo"]
    cmd += ["--outbox-interval-ms", "5", "--log-level", "warning"]
    stdout = (workdir / "server.out").open("wb")
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = READY.search((workdir / "server.out").read_text(errors="replace"))
        if match:
            return proc, match.group(1)
        if proc.poll() is not None:
            raise SystemExit("kds-server exited before it was ready")
        time.sleep(0.02)  # polling the ready line with a deadline
    proc.kill()
    raise SystemExit("kds-server not ready in 30 s")


def read_publish_log(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text().splitlines():
        event_id, _, ns = line.partition(" ")
        if ns:
            rows.append((event_id, int(ns)))
    return rows


# -- clients -------------------------------------------------------------------------------
class Arrivals:
    """eventId → first arrival time (ns), plus every arrival in order (for the burst)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.first: dict[str, int] = {}
        self.count = 0
        self.last_ns = 0

    def record(self, event_id: str, at_ns: int) -> None:
        with self.lock:
            self.first.setdefault(event_id.lower(), at_ns)
            self.count += 1
            self.last_ns = at_ns


def start_hubclient(url: str, rest: RestClient, arrivals: Arrivals) -> HubClient:
    def on_event(name: str, payload: Any) -> None:
        at = time.time_ns()
        if isinstance(payload, dict):
            arrivals.record(str(payload.get("eventId")), at)

    hub = HubClient(f"{url}/hubs/restaurant-orders", rest.access_token, on_event=on_event)
    hub.start()
    if not hub.wait_for_state(HubState.CONNECTED, 15):
        raise SystemExit("HubClient did not connect")
    hub.invoke("SubscribeToRestaurant", [PHO_HANOI])
    return hub


def hubclient_process(url: str) -> int:
    """Subprocess mode: our HubClient, one JSON line per event (like the other clients)."""
    out_lock = threading.Lock()

    def on_event(name: str, payload: Any) -> None:
        at_ms = time.time_ns() / 1e6
        if isinstance(payload, dict):
            with out_lock:
                sys.stdout.write(json.dumps({"e": payload.get("eventId"), "t": at_ms}) + "\n")
                sys.stdout.flush()

    rest = RestClient(url, TokenStore(url, STAFF, backend=fail.Keyring()))  # type: ignore[no-untyped-call]
    rest.login(STAFF, PASSWORD)
    hub = HubClient(f"{url}/hubs/restaurant-orders", rest.access_token, on_event=on_event)
    hub.start()
    try:
        if not hub.wait_for_state(HubState.CONNECTED, 15):
            return 1
        hub.invoke("SubscribeToRestaurant", [PHO_HANOI])
        with out_lock:
            sys.stdout.write(json.dumps({"ready": True}) + "\n")
            sys.stdout.flush()
        sys.stdin.readline()  # any line (or EOF) = stop
    finally:
        hub.stop()
        rest.close()
    return 0


def session_process(url: str) -> int:
    """Subprocess mode: the real ``Session`` on a Qt loop; a line when the board model has it.

    The figure is "hub event → board model": from the server's publish to the moment the
    BoardModel on the Qt thread emits ``ticket_added`` for the order, i.e. HubClient plus the
    queued hop to the Qt thread, decoding and the board's rules. The line carries the eventId
    of the first event seen for that order, so it joins the publish log like the others.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer

    from kds.app.live import default_hub_factory
    from kds.app.memory_keyring import MemoryKeyring
    from kds.app.session import Session
    from kds.app.settings import SessionSettings, StateFile

    app = QCoreApplication(["bench-session"])
    first_event: dict[str, str] = {}  # orderId → eventId (socket thread writes, Qt reads)

    def hub_factory(hub_url: str, token_provider: Any, **kwargs: Any) -> HubClient:
        deliver = kwargs["on_event"]

        def on_event(name: str, payload: Any) -> None:
            if isinstance(payload, dict):
                first_event.setdefault(str(payload.get("orderId")), str(payload.get("eventId")))
            deliver(name, payload)

        return default_hub_factory(hub_url, token_provider, **{**kwargs, "on_event": on_event})

    with tempfile.TemporaryDirectory(prefix="kds-bench-session-") as tmp:
        settings = SessionSettings(url, state_path=Path(tmp) / "state.json")
        backend = MemoryKeyring()
        session = Session(
            settings,
            hub_factory=hub_factory,
            token_store_factory=lambda user: TokenStore(settings.base_url, user, backend=backend),
            state=StateFile(settings.state_path),
        )

        def on_added(ticket: Ticket) -> None:
            at_ms = time.time_ns() / 1e6
            event_id = first_event.get(ticket.order_id)
            if event_id is not None:
                sys.stdout.write(json.dumps({"e": event_id, "t": at_ms}) + "\n")
                sys.stdout.flush()

        session.board.ticket_added.connect(on_added)
        stop = threading.Event()
        ready = [False]

        def poll() -> None:
            if not ready[0] and session.live.live:
                ready[0] = True
                sys.stdout.write(json.dumps({"ready": True}) + "\n")
                sys.stdout.flush()
            if stop.is_set():
                app.quit()

        threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(20)
        session.login(STAFF, PASSWORD)
        app.exec()
        timer.stop()
        session.shutdown()
    return 0


def raw_client(url: str, token: str) -> int:
    """Subprocess mode: bare signalrcore, one JSON line per event (like the JS client)."""
    out_lock = threading.Lock()

    def on_event(args: list[Any]) -> None:
        at_ms = time.time_ns() / 1e6
        if args and isinstance(args[0], dict):
            with out_lock:
                sys.stdout.write(json.dumps({"e": args[0].get("eventId"), "t": at_ms}) + "\n")
                sys.stdout.flush()

    conn = (
        HubConnectionBuilder()
        .with_url(f"{url}/hubs/restaurant-orders", options={"access_token_factory": lambda: token})
        .build()
    )
    opened, subscribed = threading.Event(), threading.Event()
    conn.on_open(opened.set)
    conn.on("ReceiveOrderPlaced", on_event)
    conn.on("ReceiveOrderStatusChanged", on_event)
    conn.start()
    if not opened.wait(15):
        return 1
    conn.send("SubscribeToRestaurant", [PHO_HANOI], on_invocation=lambda m: subscribed.set())
    if not subscribed.wait(15):
        return 1
    with out_lock:
        sys.stdout.write(json.dumps({"ready": True}) + "\n")
        sys.stdout.flush()
    sys.stdin.readline()  # any line (or EOF) = stop
    conn.stop()
    return 0


def place_orders(url: str, count: int, rate: float) -> int:
    """Subprocess mode: the load generator, kept out of the measuring process's GIL."""
    with httpx.Client(base_url=url, timeout=10) as http:
        period = 1.0 / rate
        next_at = time.monotonic()
        for n in range(count):
            body = {"restaurantId": PHO_HANOI, "items": [{"name": f"Bench {n}", "quantity": 1}]}
            http.post("/api/v1/dev/orders", json=body).raise_for_status()
            next_at += period
            time.sleep(max(0.0, next_at - time.monotonic()))  # pacing the load generator
    return 0


def start_line_client(
    name: str, cmd: list[str], env: dict[str, str], out_path: Path
) -> subprocess.Popen[str]:
    """Start a client process that writes {"ready"} then {"e": eventId, "t": epoch ms} lines.

    Its stdout goes to a file, read only after the phase: a reader thread in this process
    would compete for the GIL with the HubClient being measured.
    """
    with out_path.open("w") as sink:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=sink, text=True, env=env, cwd=ROOT
        )
    if not wait_for(lambda: '"ready"' in out_path.read_text(), 20):
        proc.kill()
        raise SystemExit(f"{name} did not connect")
    return proc


def event_lines(out_path: Path) -> int:
    return out_path.read_text().count('"e"')


def collect(out_path: Path, arrivals: Arrivals) -> None:
    for line in out_path.read_text().splitlines():
        msg = json.loads(line)
        if "e" in msg:
            arrivals.record(str(msg["e"]), int(msg["t"] * 1_000_000))


def stop_line_client(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.write("stop\n")
        proc.stdin.flush()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_js(url: str, token: str, out_path: Path) -> subprocess.Popen[str] | None:
    interop = ROOT / "tests" / "interop"
    if not (interop / "node_modules" / "@microsoft" / "signalr").is_dir():
        print("JS client skipped: tests/interop/node_modules has no @microsoft/signalr")
        return None
    env = dict(os.environ)
    env.update(
        KDS_HUB_URL=f"{url}/hubs/restaurant-orders",
        KDS_TOKEN=token,
        KDS_RESTAURANT=PHO_HANOI,
        KDS_INTEROP_DIR=str(interop),
    )
    cmd = ["node", str(ROOT / "bench" / "hub_latency_client.mjs")]
    return start_line_client("JS client", cmd, env, out_path)


def start_ours(url: str, out_path: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--hubclient", url]
    return start_line_client("HubClient", cmd, dict(os.environ), out_path)


def start_session(url: str, out_path: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--session", url]
    return start_line_client("Session", cmd, dict(os.environ), out_path)


def start_raw(url: str, token: str, out_path: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--raw-client", url, token]
    return start_line_client("raw signalrcore", cmd, dict(os.environ), out_path)


# -- measurement ---------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def latencies_ms(published: dict[str, int], arrivals: Arrivals) -> list[float]:
    with arrivals.lock:
        return [
            (arrivals.first[e] - ns) / 1e6 for e, ns in published.items() if e in arrivals.first
        ]


def wait_for(predicate: Any, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)  # polling with a deadline
    return True


class Stamped:
    """Firehose arrivals: (receive ns, publish ns) pairs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pairs: list[tuple[int, int]] = []

    def on_event(self, name: str, payload: Any) -> None:
        at = time.time_ns()
        if isinstance(payload, dict):
            with self.lock:
                self.pairs.append((at, int(payload.get("publishedNs", 0))))

    def take(self) -> list[tuple[int, int]]:
        with self.lock:
            pairs, self.pairs = self.pairs, []
        return pairs


class _RawFirehoseClient:
    """Bare signalrcore on the firehose: the anchor for HubClient's capacity (no wrapper)."""

    def __init__(self, url: str, stamped: Stamped) -> None:
        self._conn = HubConnectionBuilder().with_url(url).build()
        opened = threading.Event()
        self._conn.on_open(opened.set)
        self._conn.on("ReceiveOrderPlaced", lambda args: stamped.on_event("", args[0]))
        deadline = time.monotonic() + 15
        while True:  # the firehose prints its URL a moment before it accepts connections
            try:
                self._conn.start()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        if not opened.wait(15):
            raise SystemExit("raw signalrcore did not connect to the firehose")

    def blast(self, rate: int, seconds: float) -> None:
        done = threading.Event()
        self._conn.send("Blast", [rate, seconds], on_invocation=lambda m: done.set())
        done.wait(10)

    def stop(self) -> None:
        # signalrcore's stop() can wait for the next frame (signalr-notes §2): bounded here.
        stopper = threading.Thread(target=self._conn.stop, daemon=True)
        stopper.start()
        stopper.join(5)


class _HubClientFirehoseClient:
    """Our HubClient on the firehose."""

    def __init__(self, url: str, stamped: Stamped) -> None:
        self._hub = HubClient(url, lambda rejected: "bench", on_event=stamped.on_event)
        self._hub.start()
        if not self._hub.wait_for_state(HubState.CONNECTED, 15):
            raise SystemExit("HubClient did not connect to the firehose")

    def blast(self, rate: int, seconds: float) -> None:
        self._hub.invoke("Blast", [rate, seconds])

    def stop(self) -> None:
        self._hub.stop()


def capacity_ladder(rates: list[int], seconds: float, client: str) -> list[dict[str, float]]:
    """Run ``client`` (``hubclient`` or ``raw``) against the firehose at each rate; stop after
    the first rate it misses."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "_firehose.py")], stdout=subprocess.PIPE, text=True
    )
    rows: list[dict[str, float]] = []
    conn: _RawFirehoseClient | _HubClientFirehoseClient | None = None
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        if match is None:
            raise SystemExit(f"firehose did not start: {line!r}")
        stamped = Stamped()
        kind = _RawFirehoseClient if client == "raw" else _HubClientFirehoseClient
        conn = kind(f"{match.group(1)}/hubs/firehose", stamped)
        for rate in rates:
            expected = int(rate * seconds)
            conn.blast(rate, seconds)
            got: list[tuple[int, int]] = []
            deadline = time.monotonic() + seconds + 10
            while len(got) < expected and time.monotonic() < deadline:
                time.sleep(0.05)  # polling with a deadline
                got += stamped.take()
            if not got:
                rows.append({"rate": rate, "received": 0, "kept_up": 0})
                break
            pubs = [p for _, p in got]
            lat = [(r - p) / 1e6 for r, p in got]
            achieved = len(got) / max(1e-9, (max(pubs) - min(pubs)) / 1e9)
            backlog = (max(r for r, _ in got) - max(pubs)) / 1e6
            p99 = percentile(lat, 0.99)
            kept = len(got) >= expected and backlog < 100.0 and p99 < 50.0
            rows.append(
                {
                    "rate": rate,
                    "received": len(got),
                    "expected": expected,
                    "achieved_per_s": achieved,
                    "p99_ms": p99,
                    "backlog_ms": backlog,
                    "kept_up": 1.0 if kept else 0.0,
                }
            )
            if not kept:
                break
    finally:
        if conn is not None:
            conn.stop()
        proc.terminate()
        proc.wait(10)
    return rows


def print_ladder(title: str, ladder: list[dict[str, float]]) -> float:
    """Print one capacity ladder; the best rate kept up with (events/s)."""
    print(f"\n{title} capacity (firehose hub, paced sends)")
    header = f"{'rate/s':>8} {'received':>10} {'achieved/s':>11} {'p99 ms':>8} {'backlog ms':>11}"
    print(header + "  kept up")
    best = 0.0
    for row in ladder:
        if not row.get("received"):
            print(f"{row['rate']:>8.0f} {'0':>10}")
            continue
        print(
            f"{row['rate']:>8.0f} {row['received']:>10.0f} {row['achieved_per_s']:>11,.0f}"
            f" {row['p99_ms']:>8.2f} {row['backlog_ms']:>11.1f}"
            f"  {'yes' if row['kept_up'] else 'NO'}"
        )
        if row["kept_up"]:
            best = max(best, row["achieved_per_s"])
    return best


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--serve":
        return serve(argv[1:])
    if argv and argv[0] == "--hubclient":
        return hubclient_process(argv[1])
    if argv and argv[0] == "--session":
        return session_process(argv[1])
    if argv and argv[0] == "--raw-client":
        return raw_client(argv[1], argv[2])
    if argv and argv[0] == "--place":
        return place_orders(argv[1], int(argv[2]), float(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (CI smoke)")
    parser.add_argument("--orders", type=int, help="orders placed in the latency phase")
    parser.add_argument("--rate", type=float, default=50.0, help="orders per second")
    parser.add_argument("--burst", type=int, help="events re-broadcast in the sustained phase")
    parser.add_argument("--ladder", type=int, nargs="+", help="firehose rates for the capacity run")
    args = parser.parse_args(argv)
    orders = args.orders or (200 if args.quick else 1000)
    burst = args.burst or (3000 if args.quick else 20000)
    logging.basicConfig(level=logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="kds-bench-") as tmp:
        workdir = Path(tmp)
        publish_log = workdir / "publish.log"
        proc, url = start_server(workdir, publish_log)
        hub = None
        children: list[subprocess.Popen[str]] = []
        rest = RestClient(url, TokenStore(url, STAFF, backend=fail.Keyring()))  # type: ignore[no-untyped-call]
        try:
            rest.login(STAFF, PASSWORD)
            token = rest.access_token()
            # Latency phase: orders at a steady rate, each one ReceiveOrderPlaced. Each client
            # and the load generator run in a process of their own, so no client shares a GIL
            # (or a busy neighbour thread) with another.
            outs = {
                "HubClient": workdir / "ours.jsonl",
                "raw signalrcore": workdir / "raw.jsonl",
                "@microsoft/signalr (Node)": workdir / "js.jsonl",
                "Session → board model": workdir / "session.jsonl",
            }
            children.append(start_ours(url, outs["HubClient"]))
            children.append(start_session(url, outs["Session → board model"]))
            children.append(start_raw(url, token, outs["raw signalrcore"]))
            js = start_js(url, token, outs["@microsoft/signalr (Node)"])
            if js is None:
                del outs["@microsoft/signalr (Node)"]
            else:
                children.append(js)
            placer = [sys.executable, __file__, "--place", url, str(orders), str(args.rate)]
            subprocess.run(placer, check=True, cwd=ROOT)
            wait_for(lambda: all(event_lines(o) >= orders for o in outs.values()), 30)
            while children:
                stop_line_client(children.pop())
            published = dict(read_publish_log(publish_log))
            lat: dict[str, list[float]] = {}
            for name, out in outs.items():
                arrivals = Arrivals()
                collect(out, arrivals)
                lat[name] = latencies_ms(published, arrivals)

            # Sustained phase: only HubClient (in this process); back-to-back re-broadcasts.
            ours = Arrivals()
            hub = start_hubclient(url, rest, ours)
            http = httpx.Client(base_url=url, timeout=10)
            before = len(read_publish_log(publish_log))
            ours_before = ours.count
            chunk = min(orders, 500)
            sent = 0
            started = time.time_ns()
            while sent < burst:
                r = http.post(
                    "/api/v1/dev/faults/redeliver", json={"count": min(chunk, burst - sent)}
                )
                sent += int(r.json()["redelivered"])
            wait_for(lambda: ours.count - ours_before >= sent, 60)
            burst_rows = read_publish_log(publish_log)[before:]
            received = ours.count - ours_before
            first_pub, last_pub = burst_rows[0][1], burst_rows[-1][1]
            span_s = (max(ours.last_ns, last_pub) - min(first_pub, started)) / 1e9
            sustained = received / span_s
            backlog_ms = (ours.last_ns - last_pub) / 1e6
            server_rate = len(burst_rows) / ((last_pub - first_pub) / 1e9)
            http.close()
        finally:
            if hub is not None:
                hub.stop()
            for child in children:
                child.kill()
                child.wait()
            rest.close()
            proc.terminate()
            proc.wait(10)

    rates = args.ladder or (
        [1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 12000, 16000, 24000, 32000]
    )
    seconds = 1.0 if args.quick else 3.0
    ladder = capacity_ladder(rates, seconds, "hubclient")
    raw_ladder = capacity_ladder(rates, seconds, "raw")

    figures: dict[str, Any] = {}
    print(f"\nhub latency: {orders} orders at {args.rate:g}/s, publish → on_event (ms)")
    print(f"{'client':30} {'n':>6} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}")
    keys = {
        "HubClient": "hubclient",
        "raw signalrcore": "raw_signalrcore",
        "@microsoft/signalr (Node)": "js_client",
        "Session → board model": "board_model",
    }
    for name, values in lat.items():
        if not values:
            print(f"{name:30} no events received")
            continue
        p50, p90, p99 = (percentile(values, q) for q in (0.5, 0.9, 0.99))
        print(f"{name:30} {len(values):>6} {p50:>8.2f} {p90:>8.2f} {p99:>8.2f} {max(values):>8.2f}")
        figures[f"{keys[name]}_p50_ms"] = round(p50, 3)
        figures[f"{keys[name]}_p99_ms"] = round(p99, 3)
    if "js_client_p99_ms" in figures:
        ratio = figures["hubclient_p99_ms"] / figures["js_client_p99_ms"]
        # The brief names the key hubclient_p99_ratio_vs_js; the house rule wants keys that end
        # in their unit, so the same figure is written under both names.
        figures["hubclient_p99_ratio_vs_js"] = round(ratio, 3)
        figures["hubclient_p99_vs_js_ratio"] = round(ratio, 3)
        print(f"HubClient p99 / JS p99 = {ratio:.2f} (goal ≤ 1.2)")
    if "js_client_p99_ms" in figures and "board_model_p99_ms" in figures:
        ratio = figures["board_model_p99_ms"] / figures["js_client_p99_ms"]
        figures["board_model_p99_vs_js_ratio"] = round(ratio, 3)
        print(f"board model p99 / JS p99 = {ratio:.2f} (goal ≤ 1.2)")
    print(f"\nthrough kds-server (redeliver burst): {received}/{sent} events")
    print(f"  received {sustained:,.0f}/s; server published {server_rate:,.0f}/s;")
    print(f"  last arrival {backlog_ms:.1f} ms after the last publish")
    figures["kds_server_burst_events_per_s"] = round(sustained, 1)
    figures["kds_server_publish_rate_per_s"] = round(server_rate, 1)
    figures["kds_server_burst_backlog_ms"] = round(backlog_ms, 2)

    best = print_ladder("HubClient", ladder)
    raw_best = print_ladder("raw signalrcore", raw_ladder)
    figures["sustained_events_per_s"] = round(best, 1)
    figures["raw_signalrcore_sustained_events_per_s"] = round(raw_best, 1)
    if raw_best:
        figures["sustained_vs_raw_ratio"] = round(best / raw_best, 3)
    print(
        f"sustained with no backlog: {best:,.0f} events/s (goal ≥ 2,000); raw signalrcore "
        f"{raw_best:,.0f}/s (goal ≥ 0.8× raw)"
    )
    figures["machine"] = machine()
    figures["at"] = now_iso()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

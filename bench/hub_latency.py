"""Hub benchmark: publish → on_event latency for HubClient, raw signalrcore and the JS client.

A kds-server subprocess (dev mode) whose outbox publisher is wrapped to log a wall-clock
timestamp per event just before it is broadcast. Four clients subscribe to the same restaurant
at once: our ``HubClient``, the full ``Session`` (figure: until the board model has the ticket),
a bare signalrcore connection, and the official ``@microsoft/signalr`` client in Node
(``bench/hub_latency_client.mjs``). Orders are placed at a steady rate; each client timestamps
each ``ReceiveOrderPlaced`` on arrival, and latency is receive time minus publish time (same
machine, same wall clock).

The headline is our p99 over the JS client's p99, and on a shared 2-core box a single run of
it swung from 0.81× to 1.41×. So the latency phase runs in rounds (12; 4 with ``--quick``),
each of 300 measured orders after 20 unmeasured warm-up orders, each on a fresh kds-server with
fresh client processes:

* all clients are measured at once within a round, on the same events, so whatever the rest
  of the machine does lands on both sides of a round's ratio (a paired figure; rounds that ran
  one client after the other would compare different minutes of machine noise);
* the server's fan-out order is the order the clients joined the group (``serve`` makes it
  so; it was memory-address order, fixed for a whole run), and the joining order changes every
  round along a balanced Latin square: each client gets each broadcast first, second, ... equally
  often, and follows each other client equally often;
* the figure is the median over rounds of the per-round ratio, with its min, quartiles and max,
  so one bad round moves the spread, not the headline.

Pooled percentiles over all rounds (the keys earlier runs wrote) are kept beside it.

Then two throughput phases for HubClient alone. (1) End to end through kds-server: the server
re-broadcasts stored events back to back (``faults/redeliver``); the server's own publish rate
caps this figure, so it shows the client keeps up with kds-server. (2) Client capacity: a
minimal hub (``bench/_firehose.py``) sends events at stepped rates; the highest rate at which
every event arrived, with p99 latency under 50 ms and the last event less than 100 ms behind
the last send, is ``sustained_events_per_s``.

Each client, and the load generator, runs in a process of its own (the JS client in Node, bare
signalrcore and the order placer as subprocesses of this script), so a Python client never
shares its GIL with another client.

Usage: ``python bench/hub_latency.py [--quick] [--rounds N] [--orders TOTAL]``. Prints a table
and writes ``bench/results/hub_latency.json`` (or under ``KDS_BENCH_RESULTS_DIR``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import statistics
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

from kds.core.changes import Change, OrderAdded  # noqa: E402
from kds.core.orders import OrderEvent  # noqa: E402
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
    fan_out_in_join_order()
    return server_main.main(argv[1:])


class _JoinOrdered(dict[Any, None]):
    """A group's members as an insertion-ordered set (the manager uses ``add``/``discard``)."""

    def add(self, conn: Any) -> None:
        self[conn] = None

    def discard(self, conn: Any) -> None:
        self.pop(conn, None)


def fan_out_in_join_order() -> None:
    """Make a group broadcast reach its members in the order they joined the group.

    The server keeps a group's members in a plain ``set`` of connections hashed by identity,
    so the order in which one broadcast is queued to the clients (and written to their sockets)
    depends on memory addresses: arbitrary, but fixed for as long as the connections live. With
    every client of the latency phase on one group, whichever client happened to sit first got
    every event first, for a whole run. Joining order is something the benchmark controls (and
    rotates between rounds); the work per broadcast is unchanged.
    """
    from kds.server.signalr.manager import ConnectionManager

    original = ConnectionManager.add_to_group

    def add_to_group(self: Any, conn: Any, group: str) -> None:
        self._groups.setdefault((conn.hub.path, group), _JoinOrdered())
        original(self, conn, group)

    ConnectionManager.add_to_group = add_to_group  # type: ignore[method-assign]


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
    BoardModel on the Qt thread emits ``OrderAdded`` for the order, i.e. HubClient plus the
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

        def on_event(name: str, event: Any) -> None:  # decoded on the reader thread
            if isinstance(event, OrderEvent):
                first_event.setdefault(event.order_id, event.event_id)
            deliver(name, event)

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

        def on_added(change: Change) -> None:
            if not isinstance(change, OrderAdded):
                return
            at_ms = time.time_ns() / 1e6
            event_id = first_event.get(change.order.order_id)
            if event_id is not None:
                sys.stdout.write(json.dumps({"e": event_id, "t": at_ms}) + "\n")
                sys.stdout.flush()

        session.board.changed.connect(on_added)
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
    # signalrcore's stop() can wait for the next frame (signalr-notes §2), and its threads can
    # keep the process alive: bounded here, then out (every line is already flushed).
    stopper = threading.Thread(target=conn.stop, daemon=True)
    stopper.start()
    stopper.join(0.5)
    os._exit(0)


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


def stop_line_clients(procs: list[subprocess.Popen[str]]) -> None:
    """Ask every client to stop at once, then wait for each (killed after 10 s)."""
    for proc in procs:
        if proc.stdin is not None and proc.poll() is None:
            try:
                proc.stdin.write("stop\n")
                proc.stdin.flush()
            except OSError:
                pass  # it already went
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdin is not None:
            proc.stdin.close()


JS_INTEROP = ROOT / "tests" / "interop"


def js_available() -> bool:
    """The official client runs from tests/interop/node_modules (``scripts/setup`` installs it)."""
    return (JS_INTEROP / "node_modules" / "@microsoft" / "signalr").is_dir()


def start_js(url: str, token: str, out_path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.update(
        KDS_HUB_URL=f"{url}/hubs/restaurant-orders",
        KDS_TOKEN=token,
        KDS_RESTAURANT=PHO_HANOI,
        KDS_INTEROP_DIR=str(JS_INTEROP),
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


# -- latency rounds ------------------------------------------------------------------------
HUBCLIENT = "HubClient"
BOARD = "Session → board model"
RAW = "raw signalrcore"
JS = "@microsoft/signalr (Node)"
KEYS = {HUBCLIENT: "hubclient", BOARD: "board_model", RAW: "raw_signalrcore", JS: "js_client"}
SHORT = {HUBCLIENT: "hub", BOARD: "board", RAW: "raw", JS: "js"}
COMPARED = (HUBCLIENT, BOARD, RAW)  # each one's p99 over the JS client's, per round
MIN_ORDERS_PER_ROUND = 20  # a smaller --orders means fewer rounds, not tinier ones


def fan_out_orders(n: int) -> list[list[int]]:
    """A balanced Latin square (Williams design) over ``n`` clients, one row per round.

    Over one cycle of rows every client joins (so receives the broadcast) at every position
    once, and every client comes straight after every other client once (for odd ``n`` the
    mirrored rows are added to get that), so neither "first in the fan-out" nor "right after
    the busy Session" sticks to one client.
    """
    first, low, high = [0], 1, n - 1  # 0, 1, n-1, 2, n-2, ...
    while len(first) < n:
        if len(first) % 2:
            first.append(low)
            low += 1
        else:
            first.append(high)
            high -= 1
    rows = [[(c + k) % n for c in first] for k in range(n)]
    if n % 2:
        rows += [row[::-1] for row in rows]
    return rows


def start_client(name: str, url: str, token: str, out_path: Path) -> subprocess.Popen[str]:
    if name == HUBCLIENT:
        return start_ours(url, out_path)
    if name == BOARD:
        return start_session(url, out_path)
    if name == RAW:
        return start_raw(url, token, out_path)
    return start_js(url, token, out_path)


def place(url: str, count: int, rate: float) -> None:
    subprocess.run(
        [sys.executable, __file__, "--place", url, str(count), str(rate)], check=True, cwd=ROOT
    )


def latency_round(
    url: str,
    token: str,
    publish_log: Path,
    workdir: Path,
    order: list[str],
    orders: int,
    warmup: int,
    rate: float,
) -> dict[str, list[float]]:
    """One round: the clients join in ``order``, ``warmup`` orders, then ``orders`` measured.

    Every client is measured on the same events at the same time, so a noisy stretch of the
    machine lands on the JS client and on ours alike and their ratio is a paired figure.
    """
    outs = {name: workdir / f"{KEYS[name]}.jsonl" for name in order}
    children: list[subprocess.Popen[str]] = []
    try:
        for name in order:  # one at a time: joining order = fan-out order (see serve)
            children.append(start_client(name, url, token, outs[name]))
        # Warm-up, not measured: the first events after a connect pay for cold caches and (in
        # Node) unoptimised code; at 300 events a round, 3 of them would be the p99 already.
        place(url, warmup, rate)
        wait_for(lambda: all(event_lines(o) >= warmup for o in outs.values()), 30)
        cut = len(read_publish_log(publish_log))
        place(url, orders, rate)
        wait_for(lambda: all(event_lines(o) >= warmup + orders for o in outs.values()), 30)
    finally:
        stop_line_clients(children)
    published = dict(read_publish_log(publish_log)[cut:])
    lat: dict[str, list[float]] = {}
    for name, out in outs.items():
        arrivals = Arrivals()
        collect(out, arrivals)
        lat[name] = latencies_ms(published, arrivals)
    return lat


def sustained_burst(
    url: str, rest: RestClient, publish_log: Path, burst: int, chunk: int
) -> dict[str, float]:
    """HubClient alone (in this process) on back-to-back re-broadcasts through kds-server."""
    ours = Arrivals()
    hub = start_hubclient(url, rest, ours)
    try:
        with httpx.Client(base_url=url, timeout=10) as http:
            before = len(read_publish_log(publish_log))
            ours_before = ours.count
            sent = 0
            started = time.time_ns()
            while sent < burst:
                r = http.post(
                    "/api/v1/dev/faults/redeliver", json={"count": min(chunk, burst - sent)}
                )
                sent += int(r.json()["redelivered"])
            wait_for(lambda: ours.count - ours_before >= sent, 60)
    finally:
        hub.stop()
    burst_rows = read_publish_log(publish_log)[before:]
    received = ours.count - ours_before
    first_pub, last_pub = burst_rows[0][1], burst_rows[-1][1]
    span_s = (max(ours.last_ns, last_pub) - min(first_pub, started)) / 1e9
    return {
        "sent": sent,
        "received": received,
        "sustained": received / span_s,
        "backlog_ms": (ours.last_ns - last_pub) / 1e6,
        "server_rate": len(burst_rows) / ((last_pub - first_pub) / 1e9),
    }


def spread(values: list[float]) -> dict[str, float]:
    """Median, min, max and quartiles (inclusive method) of per-round figures."""
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = q3 = values[0]
    return {
        "median": statistics.median(values),
        "min": min(values),
        "q1": q1,
        "q3": q3,
        "max": max(values),
    }


def report_rounds(
    per_round: list[dict[str, list[float]]],
    orders_of: list[list[str]],
    orders: int,
    warmup: int,
    rate: float,
) -> dict[str, Any]:
    """Print the per-round table, the pooled percentiles and the ratio summary; the figures."""
    names = [n for n in KEYS if n in per_round[0]]
    p99s = [{n: percentile(r[n], 0.99) if r[n] else math.nan for n in names} for r in per_round]
    print(
        f"\nhub latency: {len(per_round)} rounds × {orders} orders at {rate:g}/s"
        f" (after {warmup} warm-up orders each), publish → on_event p99 per round (ms)"
    )
    compared = [n for n in COMPARED if JS in names and n in names]
    head = f"{'round':>5}  {'fan-out order':24}" + "".join(f"{SHORT[n]:>7}" for n in names)
    print(head + "".join(f"{SHORT[n] + '/js':>10}" for n in compared))
    for k, (row, order) in enumerate(zip(p99s, orders_of, strict=True), 1):
        line = f"{k:>5}  {' '.join(SHORT[n] for n in order):24}"
        line += "".join(f"{row[n]:>7.2f}" for n in names)
        print(line + "".join(f"{row[n] / row[JS]:>9.2f}×" for n in compared))

    figures: dict[str, Any] = {}
    print(
        f"\npooled over all rounds (ms){'':4}{'n':>6} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}"
    )
    for name in names:
        values = [v for r in per_round for v in r[name]]
        if not values:
            print(f"{name:31} no events received")
            continue
        p50, p90, p99 = (percentile(values, q) for q in (0.5, 0.9, 0.99))
        print(f"{name:31} {len(values):>6} {p50:>8.2f} {p90:>8.2f} {p99:>8.2f} {max(values):>8.2f}")
        figures[f"{KEYS[name]}_p50_ms"] = round(p50, 3)
        figures[f"{KEYS[name]}_p99_ms"] = round(p99, 3)
        figures[f"{KEYS[name]}_p99_round_median_ms"] = round(
            statistics.median(row[name] for row in p99s), 3
        )
    figures["rounds_count"] = len(per_round)
    figures["orders_per_round_count"] = orders
    figures["warmup_orders_per_round_count"] = warmup
    if not compared:
        print("no JS client: no ratios")
        return figures
    # The old headline, kept for comparison with earlier runs: pooled p99 over pooled JS p99.
    js_p99 = figures["js_client_p99_ms"]
    pooled = {n: figures.get(f"{KEYS[n]}_p99_ms", math.nan) / js_p99 for n in (HUBCLIENT, BOARD)}
    figures["hubclient_p99_ratio_vs_js"] = round(pooled[HUBCLIENT], 3)
    figures["hubclient_p99_vs_js_ratio"] = round(pooled[HUBCLIENT], 3)
    figures["board_model_p99_vs_js_ratio"] = round(pooled[BOARD], 3)

    print(f"\np99 / JS p99, per round{'':8}{'median':>8} {'min':>6} {'q1':>6} {'q3':>6} {'max':>6}")
    for name in compared:
        ratios = [row[name] / row[JS] for row in p99s]
        stats = spread(ratios)
        goal = (
            ""
            if name == RAW
            else f"  (goal ≤ 1.2×: {'met' if stats['median'] <= 1.2 else 'NOT met'})"
        )
        print(
            f"{name:31} {stats['median']:>7.2f}× {stats['min']:>5.2f}× {stats['q1']:>5.2f}×"
            f" {stats['q3']:>5.2f}× {stats['max']:>5.2f}×{goal}"
        )
        for stat, value in stats.items():
            figures[f"{KEYS[name]}_vs_js_p99_ratio_{stat}_x"] = round(value, 3)
    print(
        f"({len(per_round)} rounds; pooled p99 over pooled JS p99, the old headline:"
        f" HubClient {pooled[HUBCLIENT]:.2f}×, board model {pooled[BOARD]:.2f}×)"
    )

    # How much the fan-out position itself moves a p99: each client's p99 over its own median,
    # by position, medians over clients and rounds. ≈ 1 everywhere = no order effect to balance.
    own = {n: statistics.median(row[n] for row in p99s) for n in names}
    by_pos: dict[int, list[float]] = {}
    for row, order in zip(p99s, orders_of, strict=True):
        for pos, name in enumerate(order):
            by_pos.setdefault(pos, []).append(row[name] / own[name])
    effect = "  ".join(
        f"{pos + 1}: {statistics.median(v):.2f}×" for pos, v in sorted(by_pos.items())
    )
    print(f"p99 by fan-out position (each client over its own median): {effect}")
    return figures


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
    parser.add_argument(
        "--orders", type=int, help="measured orders in the latency phase, all rounds together"
    )
    parser.add_argument("--rounds", type=int, help="latency rounds (default 12, --quick 4)")
    parser.add_argument(
        "--warmup", type=int, default=20, help="unmeasured orders at the start of each round"
    )
    parser.add_argument("--rate", type=float, default=50.0, help="orders per second")
    parser.add_argument("--burst", type=int, help="events re-broadcast in the sustained phase")
    parser.add_argument("--ladder", type=int, nargs="+", help="firehose rates for the capacity run")
    args = parser.parse_args(argv)
    rounds = args.rounds or (4 if args.quick else 12)
    if args.orders and not args.rounds:  # a small --orders (run_all --quick) means fewer rounds
        rounds = max(1, min(rounds, args.orders // MIN_ORDERS_PER_ROUND))
    per_round = max(1, (args.orders or rounds * (50 if args.quick else 300)) // rounds)
    burst = args.burst or (3000 if args.quick else 20000)
    logging.basicConfig(level=logging.WARNING)

    names = [HUBCLIENT, BOARD, RAW]
    if js_available():
        names.append(JS)
    else:
        print("JS client skipped: tests/interop/node_modules has no @microsoft/signalr")
    squares = fan_out_orders(len(names))
    orders_of = [[names[i] for i in squares[k % len(squares)]] for k in range(rounds)]
    per_round_lat: list[dict[str, list[float]]] = []
    burst_figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kds-bench-") as tmp:
        # Latency rounds: each one a fresh kds-server (empty board, new connections) and fresh
        # client processes, joined in that round's order; all clients measured at once.
        for k, order in enumerate(orders_of):
            workdir = Path(tmp) / f"round-{k + 1}"
            workdir.mkdir()
            publish_log = workdir / "publish.log"
            proc, url = start_server(workdir, publish_log)
            rest = RestClient(url, TokenStore(url, STAFF, backend=fail.Keyring()))  # type: ignore[no-untyped-call]
            try:
                rest.login(STAFF, PASSWORD)
                token = rest.access_token()
                lat = latency_round(
                    url, token, publish_log, workdir, order, per_round, args.warmup, args.rate
                )
                per_round_lat.append(lat)
                line = "  ".join(
                    f"{SHORT[n]} {percentile(lat[n], 0.99) if lat[n] else math.nan:.2f}"
                    for n in order
                )
                print(f"round {k + 1}/{rounds}: p99 ms {line}", flush=True)
                if k == rounds - 1:
                    # Sustained phase on the last round's server: HubClient alone (in this
                    # process), back-to-back re-broadcasts of the events stored so far.
                    chunk = min(per_round + args.warmup, 500)
                    burst_figures = sustained_burst(url, rest, publish_log, burst, chunk)
            finally:
                rest.close()
                proc.terminate()
                proc.wait(10)

    rates = args.ladder or (
        [1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 12000, 16000, 24000, 32000]
    )
    seconds = 1.0 if args.quick else 3.0
    ladder = capacity_ladder(rates, seconds, "hubclient")
    raw_ladder = capacity_ladder(rates, seconds, "raw")

    figures = report_rounds(per_round_lat, orders_of, per_round, args.warmup, args.rate)
    received, sent = burst_figures["received"], burst_figures["sent"]
    sustained, backlog_ms = burst_figures["sustained"], burst_figures["backlog_ms"]
    server_rate = burst_figures["server_rate"]
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

"""Client session: cold start to a live board with 300 open orders, and recovery from a restart.

Runs the real kds-server as a subprocess (demo seed, default 250 ms outbox) and the real
``kds.app.session.Session`` on a QCoreApplication in this process. Measured, from ``login()``:
the 300 ticket headers on the board, then all 300 details; the same details fetched the naive
way (one GET after another, over one keep-alive connection) in the same run — both again with
20 ms added to every detail GET (the server's ``faults/rest`` delay, standing in for a WAN round
trip: on loopback the 2-core box is CPU-bound and concurrency cannot show); and after a SIGKILL
+ restart with orders changed right after it came back: the time from "server listening" to a
board equal to the server's open orders again, and how much of that was the hub's scheduled
reconnect delay. Prints a table and writes ``bench/results/session.json``.

    .venv/bin/python bench/session.py            # 5 cold starts, 5 restarts
    .venv/bin/python bench/session.py --quick    # 2 and 2
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, now_iso, results_path  # noqa: E402
from _qt_loop import spin_until  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

from kds.app.memory_keyring import MemoryKeyring  # noqa: E402
from kds.app.session import Session  # noqa: E402
from kds.app.settings import SessionSettings, StateFile  # noqa: E402
from kds.core.changes import Change, OrderAdded, OrderUpdated  # noqa: E402
from kds.core.decode import parse_timestamp  # noqa: E402
from kds.core.ticket import Ticket  # noqa: E402
from kds.net.hub import HubClient  # noqa: E402
from kds.net.rest import RestClient  # noqa: E402
from kds.net.retry import HubRetryPolicy  # noqa: E402
from kds.net.tokens import TokenStore  # noqa: E402
from tests.integration.app.traffic import Kitchen, dev, seed  # noqa: E402
from tests.support.helpers import PHO_HANOI, open_orders, place_order, staff  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

RESULTS = results_path("session")
ORDERS = 300
RTT_MS = 20
STAFF, PASSWORD = staff("pho-hanoi")


class RecordingPolicy(HubRetryPolicy):
    """The default reconnect policy, remembering when each delay was scheduled."""

    def __init__(self) -> None:
        super().__init__()
        self.scheduled: list[tuple[float, float]] = []  # (monotonic when asked, delay)

    def next_delay_s(
        self, attempt: int, elapsed_s: float, error: BaseException | None
    ) -> float | None:
        delay = super().next_delay_s(attempt, elapsed_s, error)
        self.scheduled.append((time.monotonic(), delay or 0.0))
        return delay


class DetailsTracker:
    """Records, from the board's own signals, when N headers and then all details were there.

    O(1) per signal on the Qt thread, so measuring costs the session nothing.
    """

    def __init__(self, session: Session, expected: int) -> None:
        self._board = session.board
        self._expected = expected
        self._pending: set[str] = set()
        self.headers_at: float | None = None
        self.details_at: float | None = None
        self._board.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if isinstance(change, OrderAdded | OrderUpdated):
            self._on_ticket(change.order)

    def _on_ticket(self, ticket: Ticket) -> None:
        if ticket.detail_pending:
            self._pending.add(ticket.order_id)
        else:
            self._pending.discard(ticket.order_id)
        if self.headers_at is None and len(self._board) >= self._expected:
            self.headers_at = time.monotonic()
        if self.headers_at is not None and self.details_at is None and not self._pending:
            self.details_at = time.monotonic()


def make_session(server: ServerProcess, tmp: str, policy: HubRetryPolicy | None = None) -> Session:
    settings = SessionSettings(server.url, state_path=Path(tmp) / "state.json")
    backend = MemoryKeyring()

    def hub(url: str, provider: Any, **kwargs: Any) -> HubClient:
        return HubClient(url, provider, retry_policy=policy or HubRetryPolicy(), **kwargs)

    return Session(
        settings,
        hub_factory=hub,
        token_store_factory=lambda user: TokenStore(settings.base_url, user, backend=backend),
        state=StateFile(settings.state_path),
    )


def cold_start(server: ServerProcess, tmp: str) -> tuple[float, float]:
    session = make_session(server, tmp)
    tracker = DetailsTracker(session, ORDERS)
    try:
        started = time.monotonic()
        session.login(STAFF, PASSWORD)
        spin_until(lambda: tracker.details_at is not None, 60)
        assert tracker.headers_at is not None
        assert tracker.details_at is not None
        assert len(session.board) == ORDERS
        assert not any(t.detail_pending for t in session.board.tickets())
        return tracker.headers_at - started, tracker.details_at - started
    finally:
        session.shutdown()


def naive(server: ServerProcess) -> float:
    """Login, every page, then every detail one after another (what a simple client does)."""
    started = time.monotonic()
    rest = RestClient(server.url, TokenStore(server.url, STAFF, backend=MemoryKeyring()))
    try:
        rest.login(STAFF, PASSWORD)
        rows = rest.all_orders(PHO_HANOI, "new") + rest.all_orders(PHO_HANOI, "active")
        ids = list(dict.fromkeys(r.order_id for r in rows))
        for order_id in ids:
            rest.order_detail(PHO_HANOI, order_id)
        assert len(ids) == ORDERS
        return time.monotonic() - started
    finally:
        rest.close()


def converged(session: Session, server: ServerProcess) -> bool:
    if not session.live.live:
        return False
    truth = [
        (o["orderId"], o["status"], parse_timestamp(o["lastUpdateTimestamp"], "t"))
        for o in open_orders(server.url, PHO_HANOI)
    ]
    mine = [(t.order_id, t.status.value, t.last_update_timestamp) for t in session.board.tickets()]
    return mine == truth


def restart(server: ServerProcess, tmp: str) -> tuple[float, float]:
    """SIGKILL + restart, change orders at once; (listen → converged, of which retry delay)."""
    policy = RecordingPolicy()
    session = make_session(server, tmp, policy)
    try:
        session.login(STAFF, PASSWORD)
        spin_until(lambda: converged(session, server), 60)
        kitchen = Kitchen(server, "pho-hanoi", PHO_HANOI)
        server.kill()
        spin_until(lambda: not session.live.live, 30)
        server.start(port=server.port)
        listening = time.monotonic()
        fresh = place_order(server.url, PHO_HANOI)["orderId"]  # the terminal must pick these up
        kitchen.advance(fresh, "Placed")
        done = spin_until(lambda: converged(session, server), 60)
        waits = [at + delay for at, delay in policy.scheduled if at + delay > listening]
        retry_after_listen = max(0.0, min(waits) - listening) if waits else 0.0
        return done - listening, retry_after_listen
    finally:
        session.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs of each instead of 5")
    parser.add_argument("--runs", type=int, help="runs of each (overrides --quick)")
    args = parser.parse_args()
    runs = args.runs or (2 if args.quick else 5)
    _app = QCoreApplication.instance() or QCoreApplication(["bench-session"])  # for the loops
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(["--dev", "--seed", "demo", "--log-level", "warning"], log_dir=tmp)
        server.start()
        try:
            seed(server, PHO_HANOI, ORDERS)
            headers, details, naive_s = [], [], []
            for _ in range(runs):
                h, d = cold_start(server, tmp)
                headers.append(h)
                details.append(d)
                naive_s.append(naive(server))
            fault = {"pathPattern": "/orders/[0-9a-f-]{36}$", "delayMs": RTT_MS, "count": 10**6}
            dev(server, "faults/rest", fault)
            details_rtt, naive_rtt = [], []
            for _ in range(runs):
                details_rtt.append(cold_start(server, tmp)[1])
                naive_rtt.append(naive(server))
            dev(server, "faults/clear", {})
            restarts, retry = [], []
            for _ in range(runs):
                total, delay = restart(server, tmp)
                restarts.append(total)
                retry.append(delay)
        finally:
            server.close()
    results: dict[str, Any] = {
        "cold_start_headers_s_300": round(statistics.median(headers), 3),
        "cold_start_details_s_300": round(statistics.median(details), 3),
        "naive_details_s_300": round(statistics.median(naive_s), 3),
        "details_speedup_ratio": round(statistics.median(naive_s) / statistics.median(details), 2),
        f"cold_start_details_rtt{RTT_MS}ms_300_s": round(statistics.median(details_rtt), 3),
        f"naive_details_rtt{RTT_MS}ms_300_s": round(statistics.median(naive_rtt), 3),
        "restart_converged_s": round(statistics.median(restarts), 3),
        "restart_retry_delay_s": round(statistics.median(retry), 3),
        "restart_converged_after_retry_s": round(
            statistics.median(t - d for t, d in zip(restarts, retry, strict=True)), 3
        ),
    }
    print(f"{'figure (median of ' + str(runs) + ')':<36} {'value':>10}")
    for key, value in results.items():
        print(f"{key:<36} {value:>10}")
    results["machine"] = machine()
    results["at"] = now_iso()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

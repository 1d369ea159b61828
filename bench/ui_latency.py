"""Hub event → ticket painted, with 0, 100 and 300 tickets already on the board (offscreen).

The real stack end to end: a kds-server subprocess (dev seed, 10 ms outbox), the real `Session`
(REST + SignalR hub) and the real `BoardPage` at 1920×1080, styled and text-scaled as `kds`
renders it there. The board is preloaded with N open
orders moved on from New, all older than the samples, then orders are placed one at a time and
each is timed until the board is painted with it counted — its ticket's first paint when it is
on the page shown (N = 0), else the foot bar's first paint after it joined (its off-screen
count: the newest order goes to the end of the oldest-first flow, a later page):

- ``paint``: the model's ``changed`` signal carrying ``OrderAdded`` → that paint's end (the
  UI's own cost: building the view, planning the flow, placing, painting). Goal p99 ≤ 16 ms.
- ``paint_cpu``: the same span in the Qt thread's own CPU time (``time.thread_time``): the
  UI's cost without the time the OS gave the CPU to other processes (the bench machine is
  shared, and a wall-clock p99 over 100 samples is mostly its scheduling noise).
- ``hub_to_paint``: the order's first hub event reaching the client (socket thread) → the end
  of the paint: the client's whole share of "hub event → ticket painted".
- ``event_to_paint``: the order's server-side ``lastUpdateTimestamp`` (stamped when the server
  placed it, before its outbox published the event) → the end of the paint: the whole path a
  cook waits for, including the outbox poll and hub delivery.

Also the 1 Hz timer tick over N tickets (``tick``). Each sample order is rejected afterwards so
the board does not grow.

Then a shift soak (in process, no server: the same views fed through a real `BoardModel`):
thousands of orders through their whole lifecycle with ~100 open at any time (spread over
the three lanes), timing "apply the new order and its detail, then one pass of the event loop
(layout, paint, deferred deletes)" for the first and the last tenth of the steady state (after
a ramp-up of a quarter of the orders), and the process's resident memory growth over it: the
views must not slow down or grow as the shift goes on. Last, 300 tickets all in the New lane
(a rush nobody accepts) and more orders joining it: ``big_lane_place``.
Prints tables and writes ``bench/results/ui_latency.json``.

    .venv/bin/python bench/ui_latency.py            # 100 samples per board size, 3,000-order shift
    .venv/bin/python bench/ui_latency.py --quick    # 20 samples per board size, 600-order shift
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from _common import machine, now_iso, results_path  # noqa: E402
from _live_board import RESTAURANT, LiveBoard, PaintProbe, start_server, wait  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtGui import QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import kds.ui.board_view as board_view_module  # noqa: E402
from kds.app.board_model import BoardModel  # noqa: E402
from kds.app.memory_keyring import MemoryKeyring  # noqa: E402
from kds.core.changes import OrderAdded  # noqa: E402
from kds.core.orders import OrderDetail, OrderStatus  # noqa: E402
from kds.ui.board_view import BoardView  # noqa: E402
from kds.ui.main import scale_for_size  # noqa: E402
from kds.ui.theme import DARK  # noqa: E402
from kds.ui.ticket_view import TicketView  # noqa: E402
from tests.support.sample_orders import place, sample_order, set_status  # noqa: E402

RESULTS = results_path("ui_latency")
ITEMS = [
    {"name": "Pho Bo (beef noodle soup)", "quantity": 2, "unitPrice": 11.5,
     "customizations": [{"groupName": "Size", "choiceName": "Large"}]},
    {"name": "Goi Cuon fresh spring rolls", "quantity": 1, "unitPrice": 7.5},
    {"name": "Iced coffee", "quantity": 3, "unitPrice": 4.0,
     "customizations": [{"groupName": "Sugar", "choiceName": "Less"}]},
]  # fmt: skip
NOTE = "no peanuts - allergy"


class TimedTicketView(TicketView):
    """A TicketView that records when its first paint ended (perf_counter, thread CPU time)."""

    painted_at: ClassVar[dict[str, tuple[float, float]]] = {}

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted_at.setdefault(self.order_id, (time.perf_counter(), time.thread_time()))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class Bench(LiveBoard):
    """The live board at 1920×1080, timing when each new order reached the model."""

    def __init__(self, app: QApplication, url: str, tmp: str) -> None:
        super().__init__(app, url, tmp, (1920, 1080))
        self.added_at: dict[str, tuple[float, float]] = {}
        self.session.board.changed.connect(
            lambda c: (
                isinstance(c, OrderAdded)
                and self.added_at.setdefault(
                    c.order.order_id, (time.perf_counter(), time.thread_time())
                )
            )
        )

        self.foot = PaintProbe(self.page.board_view.offscreen_indicator)

    def place(self, items: list[dict[str, Any]] = ITEMS, note: str = NOTE) -> str:
        return super().place(items, note)

    def painted(self, oid: str) -> tuple[float, float] | None:
        """The board painted with `oid` counted: its ticket's first paint when it is on the
        page shown, else the foot bar's first paint after the order joined the board."""
        if oid in TimedTicketView.painted_at:
            return TimedTicketView.painted_at[oid]
        added = self.added_at.get(oid)
        if added is None or oid in self.page.board_view.page_ids():
            return None  # on screen: wait for the ticket itself
        return self.foot.first_after_with_cpu(added[0])

    def preload(self, total: int) -> None:
        """Bring the board to `total` open orders, all moved on from New (older than any
        sample, so a sample lands at the end of the flow: off screen once the page is full)."""
        eta = datetime.fromtimestamp(time.time() + 3600, UTC)
        eta_text = eta.isoformat().replace("+00:00", "Z")
        while len(self.session.board) < total:
            oid = self.place()
            self.command(oid, "accept", estimatedDeliveryTime=eta_text)
            if len(self.session.board) % 3:
                self.command(oid, "preparing")
            if len(self.session.board) % 3 == 2:
                self.command(oid, "ready")
            wait(self.app, lambda o=oid: self.session.board.get(o) is not None)
        wait(self.app, lambda: all(t.detail is not None for t in self.session.board.tickets()))

    def sample(self) -> tuple[float, float, float, float]:
        oid = self.place()
        wait(self.app, lambda: self.painted(oid) is not None)
        painted, painted_cpu = self.painted(oid) or (0.0, 0.0)
        added, added_cpu = self.added_at[oid]
        ticket = self.session.board.get(oid)
        assert ticket is not None
        # The server stamps a new order's lastUpdateTimestamp when it places it; a ticket first
        # learned from a resync snapshot row has only its placement time (the same instant).
        published = ticket.last_update_timestamp or ticket.placed_at
        # perf_counter → wall clock for the end-to-end figure (same machine as the server)
        wall_painted = time.time() - (time.perf_counter() - painted)
        e2e_ms = (wall_painted - published.timestamp()) * 1000
        paint_ms = (painted - added) * 1000
        paint_cpu_ms = (painted_cpu - added_cpu) * 1000
        hub_ms = (painted - self.received_at.pop(oid)) * 1000
        self.command(oid, "reject", reason="benchmark")
        wait(self.app, lambda: self.session.board.get(oid) is None)
        return paint_ms, paint_cpu_ms, e2e_ms, hub_ms

    def tick_ms(self) -> float:
        start = time.perf_counter()
        self.page.board_view.tick()
        return (time.perf_counter() - start) * 1000


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_loop_once(app: QApplication) -> None:
    """What one pass of the real event loop does, including `deleteLater` (processEvents
    alone never runs deferred deletes, which would look like a leak)."""
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def soak(app: QApplication, orders: int) -> dict[str, float]:
    """A whole shift through the views; see the module docstring."""
    clock = [datetime.now(UTC)]
    model = BoardModel()
    board = model.reset(RESTAURANT, clock=lambda: clock[0])
    assert board is not None
    theme = DARK.scaled(scale_for_size(1920, 1080))
    app.setStyleSheet(theme.style_sheet())
    view = BoardView(model, theme=theme, clock=lambda: clock[0], tick_ms=3_600_000)
    view.resize(1920, 1080)
    view.show()
    rng = random.Random(8)
    open_orders: list[OrderDetail] = []
    placed_ms: list[float] = []
    rss_start = 0.0
    ramp = orders // 4
    steps = [OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY_FOR_DELIVERY,
             OrderStatus.DELIVERED]  # fmt: skip
    for n in range(orders):
        clock[0] += timedelta(seconds=1)
        detail = sample_order(rng, RESTAURANT, clock[0])
        start = time.perf_counter()
        place(board, detail)
        run_loop_once(app)
        placed_ms.append((time.perf_counter() - start) * 1000)
        open_orders.append(detail)
        while len(open_orders) > 100 or (open_orders and rng.random() < 0.5):
            i = rng.randrange(len(open_orders))
            current = open_orders[i]
            clock[0] += timedelta(seconds=1)
            if current.status is OrderStatus.PLACED and rng.random() < 0.05:
                set_status(board, current, OrderStatus.CANCELLED, clock[0])
                del open_orders[i]
                continue
            nxt = steps[steps.index(current.status) + 1] if current.status in steps else steps[0]
            updated = set_status(board, current, nxt, clock[0])
            if nxt is OrderStatus.DELIVERED:
                del open_orders[i]
            else:
                open_orders[i] = updated
            run_loop_once(app)
        if n % 50 == 0:
            view.tick()
        if n == ramp:
            rss_start = rss_mb()
    # Only the steady state counts: the board has ~100 open tickets from `ramp` on.
    placed_ms = placed_ms[ramp:]
    tenth = max(len(placed_ms) // 10, 1)
    result = {
        "soak_orders": float(orders),
        "soak_place_p99_first_tenth_ms": round(pct(placed_ms[:tenth], 99), 2),
        "soak_place_p99_last_tenth_ms": round(pct(placed_ms[-tenth:], 99), 2),
        "soak_place_p50_first_tenth_ms": round(pct(placed_ms[:tenth], 50), 2),
        "soak_place_p50_last_tenth_ms": round(pct(placed_ms[-tenth:], 50), 2),
        "soak_rss_growth_mb": round(rss_mb() - rss_start, 1),
        "soak_open_at_end": float(len(model)),
        "soak_views_at_end": float(len(view.views)),
    }
    view.close()
    view.deleteLater()
    model.reset(None)
    run_loop_once(app)
    return result


def big_lane(app: QApplication, size: int, samples: int) -> dict[str, float]:
    """`size` tickets all in the New lane (a rush nobody accepts), then new orders join it."""
    clock = [datetime.now(UTC)]
    model = BoardModel()
    board = model.reset(RESTAURANT, clock=lambda: clock[0])
    assert board is not None
    theme = DARK.scaled(scale_for_size(1920, 1080))
    app.setStyleSheet(theme.style_sheet())
    view = BoardView(model, theme=theme, clock=lambda: clock[0], tick_ms=3_600_000)
    view.resize(1920, 1080)
    view.show()
    rng = random.Random(9)
    timings: list[float] = []
    for n in range(size + samples):
        clock[0] += timedelta(seconds=1)
        detail = sample_order(rng, RESTAURANT, clock[0])
        start = time.perf_counter()
        place(board, detail)
        run_loop_once(app)
        if n >= size:
            timings.append((time.perf_counter() - start) * 1000)
    view.close()
    view.deleteLater()
    model.reset(None)
    run_loop_once(app)
    return {
        f"big_lane_{size}_place_p50_ms": round(pct(timings, 50), 2),
        f"big_lane_{size}_place_p99_ms": round(pct(timings, 99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 samples per size, not 100")
    args = parser.parse_args()
    samples = 20 if args.quick else 100
    keyring.set_keyring(MemoryKeyring())
    board_view_module.TicketView = TimedTicketView  # type: ignore[misc]
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    results: dict[str, Any] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="kds-bench-ui-") as tmp:
        proc, url = start_server(tmp)
        bench = None
        try:
            bench = Bench(app, url, tmp)
            for size in (0, 100, 300):
                bench.preload(size)
                for _ in range(3):  # warm-up
                    bench.sample()
                taken = [bench.sample() for _ in range(samples)]
                paint, cpu, e2e, hub = zip(*taken, strict=True)
                ticks = [bench.tick_ms() for _ in range(20)]
                results[f"paint_p50_{size}_ms"] = round(pct(list(paint), 50), 2)
                # the issue names this key (unit before the board size)
                results[f"paint_p99_ms_{size}"] = round(pct(list(paint), 99), 2)
                results[f"paint_cpu_p50_{size}_ms"] = round(pct(list(cpu), 50), 2)
                results[f"paint_cpu_p99_{size}_ms"] = round(pct(list(cpu), 99), 2)
                results[f"event_to_paint_p50_{size}_ms"] = round(pct(list(e2e), 50), 2)
                results[f"event_to_paint_p99_{size}_ms"] = round(pct(list(e2e), 99), 2)
                results[f"hub_to_paint_p50_{size}_ms"] = round(pct(list(hub), 50), 2)
                results[f"hub_to_paint_p99_{size}_ms"] = round(pct(list(hub), 99), 2)
                results[f"tick_mean_{size}_ms"] = round(statistics.fmean(ticks), 3)
                rows.append((size, paint, cpu, e2e, hub, ticks))
        finally:
            if bench is not None:
                bench.close()
            proc.terminate()
            proc.wait(10)
    shift = soak(app, 600 if args.quick else 3000)
    shift.update(big_lane(app, 300, samples))
    results.update({k: v for k, v in shift.items() if k.endswith(("_ms", "_mb"))})
    results["machine"] = machine()
    results["at"] = now_iso()
    print(
        f"ui_latency: {samples} placed orders per board size ({'quick' if args.quick else 'full'})"
    )
    print(
        f"  {'tickets':>8} {'paint p50':>10} {'paint p99':>10} {'cpu p50':>8} {'cpu p99':>8}",
        end="",
    )
    print(f" {'e2e p50':>8} {'e2e p99':>8} {'hub p50':>8} {'hub p99':>8} {'tick':>7}  (ms)")
    for size, paint, cpu, e2e, hub, ticks in rows:
        print(
            f"  {size:>8} {pct(list(paint), 50):>10.2f} {pct(list(paint), 99):>10.2f}"
            f" {pct(list(cpu), 50):>8.2f} {pct(list(cpu), 99):>8.2f}"
            f" {pct(list(e2e), 50):>8.1f} {pct(list(e2e), 99):>8.1f}"
            f" {pct(list(hub), 50):>8.1f} {pct(list(hub), 99):>8.1f}"
            f" {statistics.fmean(ticks):>7.3f}"
        )
    print("  goal: paint p99 <= 16 ms; load average while measuring:", os.getloadavg())
    print(f"shift soak: {int(shift['soak_orders']):,} orders through their whole lifecycle")
    for key, value in shift.items():
        print(f"  {key:<36} {value:>10}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"  wrote {RESULTS}")


if __name__ == "__main__":
    main()

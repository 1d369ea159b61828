"""Shift soak: an 8-hour service compressed into minutes, through the real server and real GUI.

A kds-server subprocess and, in this process, a real ``Session`` behind the real ``BoardPage``
(offscreen Qt, 1920×1080, styled as ``kds`` shows it). Orders are placed one after another and
walked through accept → preparing → ready → delivered by REST, with ~40 open at a time like a
busy kitchen; every 20 orders the server re-broadcasts its last events (``faults/redeliver``:
duplicate deliveries the board must absorb) so each order accounts for 20 hub events —
100,000 events over 5,000 orders in the full run.

Sampled over time: RSS, board size, and for each new order hub event → ticket painted (the
order's first hub event reaching the client → end of its ticket's first paint) and server
publish → painted (the order's server timestamp, same wall clock). Warm-up is the
first 10 % of the orders (Qt caches, glyphs, SQLite pages, interned strings settle); RSS growth
is measured from the end of warm-up to the end of the run. Paint p99 drift is the ratio of the
last 10 % of the run to the first 10 %. Plotted to ``bench/results/shift_soak.png``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/shift_soak.py           # 5,000 orders
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/shift_soak.py --quick   # 40 orders
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from _common import percentile, results_dir, write_results  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_latency import (  # noqa: E402
    Bench,
    TimedTicketView,
    rss_mb,
    run_loop_once,
    start_server,
    wait,
)

import kds.ui.board_view as board_view_module  # noqa: E402
from kds.app.memory_keyring import MemoryKeyring  # noqa: E402

EVENTS_PER_ORDER = 20  # 5 lifecycle events + 15 redelivered duplicates
# How many placements after its own an order takes each step: the previous order is accepted
# as the next one arrives (a kitchen accepts within a minute); ~OPEN_SPAN orders are open at
# once, so the order being timed lands at the end of the flow, on a later page once the first
# is full: "painted" is then the foot bar's paint that counts it (`ui_latency.Bench.painted`).
STEP_AFTER = {"accept": 1, "preparing": 10, "ready": 20, "delivered": 40}
OPEN_SPAN = max(STEP_AFTER.values())
REDELIVER_EVERY = 20


def paint_ms(bench: Bench, oid: str) -> tuple[float, float]:
    """(hub event received → painted, server publish → painted) for a new order, in ms.

    The first is the client's whole share (socket thread → Qt thread → board → view → paint);
    the second adds the server's outbox poll and the hub hop (same machine, same wall clock).
    """
    wait(bench.app, lambda: bench.painted(oid) is not None, 60)
    painted, _ = bench.painted(oid) or (0.0, 0.0)  # its ticket, or the foot counting it
    TimedTicketView.painted_at.pop(oid, None)
    bench.added_at.pop(oid, None)
    received = bench.received_at.pop(oid)
    ticket = bench.session.board.get(oid)
    assert ticket is not None
    published = ticket.last_update_timestamp or ticket.placed_at
    wall_painted = time.time() - (time.perf_counter() - painted)
    return (painted - received) * 1000, (wall_painted - published.timestamp()) * 1000


def advance(bench: Bench, oid: str, action: str) -> None:
    if action == "accept":
        eta = datetime.fromtimestamp(time.time() + 3600, UTC).isoformat().replace("+00:00", "Z")
        bench.command(oid, action, estimatedDeliveryTime=eta)
    else:
        bench.command(oid, action)


def shift(bench: Bench, orders: int) -> dict[str, list[float]]:
    """Run the shift; returns the time series (one sample per order)."""
    series: dict[str, list[float]] = {
        "t_s": [], "rss_mb": [], "paint_ms": [], "publish_to_paint_ms": [], "board": []
    }  # fmt: skip
    placed: deque[str] = deque(maxlen=OPEN_SPAN)
    started = time.monotonic()
    for n in range(orders):
        for action, after in STEP_AFTER.items():
            if len(placed) >= after:
                advance(bench, placed[-after], action)
        oid = bench.place()
        placed.append(oid)
        from_hub, from_publish = paint_ms(bench, oid)
        series["paint_ms"].append(from_hub)
        series["publish_to_paint_ms"].append(from_publish)
        if n % REDELIVER_EVERY == REDELIVER_EVERY - 1:
            dup = (EVENTS_PER_ORDER - 1 - len(STEP_AFTER)) * REDELIVER_EVERY
            bench.http.post("/api/v1/dev/faults/redeliver", json={"count": dup})
        run_loop_once(bench.app)
        series["t_s"].append(time.monotonic() - started)
        series["rss_mb"].append(rss_mb())
        series["board"].append(float(len(bench.session.board)))
    return series


def figures(series: dict[str, list[float]], events: int) -> dict[str, Any]:
    n = len(series["paint_ms"])
    tenth = max(n // 10, 1)
    first, last = series["paint_ms"][:tenth], series["paint_ms"][-tenth:]
    baseline = series["rss_mb"][tenth - 1]  # end of warm-up
    p99_first, p99_last = percentile(first, 0.99), percentile(last, 0.99)
    return {
        "orders": n,
        "events": events,
        "duration_s": round(series["t_s"][-1], 1),
        "events_per_s": round(events / series["t_s"][-1], 1),
        "paint_p50_ms": round(percentile(series["paint_ms"], 0.5), 2),
        "paint_p99_ms": round(percentile(series["paint_ms"], 0.99), 2),
        "publish_to_paint_p50_ms": round(percentile(series["publish_to_paint_ms"], 0.5), 2),
        "publish_to_paint_p99_ms": round(percentile(series["publish_to_paint_ms"], 0.99), 2),
        "paint_p99_first_tenth_ms": round(p99_first, 2),
        "paint_p99_last_tenth_ms": round(p99_last, 2),
        "paint_p99_drift_ratio": round(p99_last / p99_first, 3),
        "rss_warm_mb": round(baseline, 1),
        "rss_end_mb": round(series["rss_mb"][-1], 1),
        "rss_growth_mb": round(series["rss_mb"][-1] - baseline, 1),
        "rss_peak_growth_mb": round(max(series["rss_mb"][tenth - 1 :]) - baseline, 1),
        "board_max_orders": max(series["board"]),
    }


def plot(series: dict[str, list[float]], path: Path) -> None:
    """Three panels over run time: RSS, paint latency, board size (matplotlib, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = series["t_s"]
    fig, axes = plt.subplots(3, 1, figsize=(10, 8), sharex=True)
    axes[0].plot(t, series["rss_mb"], color="tab:blue")
    axes[0].axhline(series["rss_mb"][max(len(t) // 10, 1) - 1] + 10, ls="--", color="tab:red")
    axes[0].set_ylabel("RSS (MB)")
    axes[0].set_title("kds shift soak (dashed: warm-up RSS + 10 MB budget)")
    axes[1].plot(t, series["paint_ms"], ".", ms=2, color="tab:orange")
    axes[1].axhline(1000 / 60, ls="--", color="tab:red")
    axes[1].set_ylabel("hub event → painted (ms)")
    axes[2].plot(t, series["board"], color="tab:green")
    axes[2].set_ylabel("open orders")
    axes[2].set_xlabel("run time (s)")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 orders (smoke), not 5,000")
    parser.add_argument("--orders", type=int, help="orders in the shift (overrides --quick)")
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args(argv)
    orders = args.orders or (40 if args.quick else 5000)
    keyring.set_keyring(MemoryKeyring())
    board_view_module.TicketView = TimedTicketView  # type: ignore[misc]
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="kds-bench-shift-") as tmp:
        proc, url = start_server(tmp)
        bench = None
        try:
            bench = Bench(app, url, tmp)
            gc.collect()
            series = shift(bench, orders)
        finally:
            if bench is not None:
                bench.close()
            proc.terminate()
            proc.wait(10)
    result = figures(series, orders * EVENTS_PER_ORDER)
    print(f"shift soak: {orders:,} orders, {orders * EVENTS_PER_ORDER:,} hub events")
    for key, value in result.items():
        print(f"  {key:<28} {value:>12}")
    print("  goals: rss_growth_mb <= 10, paint_p99_drift_ratio ~ 1, paint p99 <= 16 ms")
    path = write_results("shift_soak", result)
    print(f"  wrote {path}")
    if not args.no_plot:
        png = results_dir() / "shift_soak.png"
        plot(series, png)
        print(f"  plotted {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Board throughput and memory: how fast the core applies hub events, and that it stays bounded.

A generator plays a busy restaurant (about 100 open orders at any time): new cash orders
(`ReceiveOrderPlaced`), online ones (`ReceiveOrderPaymentSucceeded` then `ReceiveOrderPlaced`),
every transition up to Delivered, some cancellations, ~10 % at-least-once duplicates and ~3 %
delayed (reordered, so stale) events. Events are built ahead in chunks so only
`Board.apply` is timed; one no-op listener is subscribed, as the Qt adapter would be.
Then the same number of events (orders completing all the time) run under tracemalloc to
show the board, its eventId window and its closed-order memory stay bounded.
Prints a table and writes ``bench/results/board_apply.json``.

    .venv/bin/python bench/board_apply.py            # 1,000,000 events for both figures
    .venv/bin/python bench/board_apply.py --quick    # 100,000 events (CI)
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine, now_iso, results_path  # noqa: E402

from kds.core.board import Board  # noqa: E402
from kds.core.changes import Change  # noqa: E402
from kds.core.orders import (  # noqa: E402
    EVENT_ORDER_PAYMENT_SUCCEEDED,
    EVENT_ORDER_PLACED,
    EVENT_ORDER_STATUS_CHANGED,
    OrderEvent,
    OrderStatus,
)

RESULTS = results_path("board_apply")
RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
CHUNK = 50_000
OPEN_TARGET = 100
NEXT = {
    OrderStatus.PLACED: OrderStatus.ACCEPTED,
    OrderStatus.ACCEPTED: OrderStatus.PREPARING,
    OrderStatus.PREPARING: OrderStatus.READY_FOR_DELIVERY,
    OrderStatus.READY_FOR_DELIVERY: OrderStatus.DELIVERED,
}


class Restaurant:
    """Produces a realistic, endless stream of restaurant-hub events."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = datetime(2026, 1, 1, 11, 0, tzinfo=UTC)
        self.open: dict[str, tuple[str, OrderStatus, datetime | None]] = {}
        self.recent: list[OrderEvent] = []
        self.n_orders = 0
        self.n_events = 0

    def _event(
        self, order_id: str, number: str, status: OrderStatus, name: str, eta: datetime | None
    ) -> OrderEvent:
        self.n_events += 1
        ev = OrderEvent(
            name=name,
            order_id=order_id,
            order_number=number,
            status=status,
            restaurant_id=RESTAURANT,
            last_update_timestamp=self.now,
            estimated_delivery_time=eta,
            actual_delivery_time=self.now if status is OrderStatus.DELIVERED else None,
            delivered_at=self.now if status is OrderStatus.DELIVERED else None,
            occurred_on_utc=self.now,
            event_id=f"{self.n_events:08x}-0000-4000-8000-{self.n_orders:012x}",
        )
        self.recent.append(ev)
        if len(self.recent) > 200:
            del self.recent[:100]
        return ev

    def events(self) -> Iterator[OrderEvent]:
        rng = self.rng
        held_back: list[OrderEvent] = []
        while True:
            self.now += timedelta(milliseconds=rng.randint(50, 2000))
            roll = rng.random()
            if roll < 0.10 and self.recent:  # at-least-once duplicate, same eventId
                yield rng.choice(self.recent)
                continue
            if roll < 0.13:  # delay one event: it arrives after a later one (stale)
                if held_back:
                    yield held_back.pop()
                continue
            if len(self.open) < OPEN_TARGET * rng.uniform(0.8, 1.2) or not self.open:
                self.n_orders += 1
                order_id = f"00000000-0000-4000-8000-{self.n_orders:012x}"
                number = f"ORD-20260101-110000-000-{self.n_orders % 9000 + 1000}"
                self.open[order_id] = (number, OrderStatus.PLACED, None)
                if rng.random() < 0.4:  # online payment: two events for one state
                    yield self._event(
                        order_id, number, OrderStatus.PLACED, EVENT_ORDER_PAYMENT_SUCCEEDED, None
                    )
                yield self._event(order_id, number, OrderStatus.PLACED, EVENT_ORDER_PLACED, None)
                continue
            order_id = rng.choice(list(self.open)) if len(self.open) < 8 else self._pick()
            number, status, eta = self.open[order_id]
            nxt = OrderStatus.CANCELLED if rng.random() < 0.03 else NEXT[status]
            if nxt is OrderStatus.ACCEPTED:
                eta = self.now + timedelta(minutes=35)
            ev = self._event(order_id, number, nxt, EVENT_ORDER_STATUS_CHANGED, eta)
            if nxt in (OrderStatus.DELIVERED, OrderStatus.CANCELLED):
                del self.open[order_id]
            else:
                self.open[order_id] = (number, nxt, eta)
            if rng.random() < 0.03:
                held_back.append(ev)
                continue
            yield ev

    def _pick(self) -> str:
        # Sampling a few keys is enough for a random open order and keeps generation cheap.
        keys = list(self.open)
        return keys[self.rng.randrange(len(keys))]


def chunks(total: int, seed: int) -> Iterator[list[OrderEvent]]:
    stream = Restaurant(seed).events()
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        yield [next(stream) for _ in range(size)]
        done += size


def new_board() -> Board:
    board = Board(RESTAURANT)

    def listener(change: Change) -> None:
        pass

    board.subscribe(listener)
    return board


def throughput(total: int) -> tuple[float, float, Board]:
    """Events/s by wall clock and by this process's CPU time (steadier on a shared machine)."""
    board = new_board()
    apply = board.apply
    wall = cpu = 0.0
    for chunk in chunks(total, seed=1):
        gc.collect()
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        for ev in chunk:
            apply(ev)
        wall += time.perf_counter() - wall_start
        cpu += time.process_time() - cpu_start
    return total / wall, total / cpu, board


def memory_growth(total: int) -> tuple[float, float, int]:
    """tracemalloc growth from the empty board to the end, and over the second half alone.

    The first figure includes filling the bounded eventId and closed-order windows; the second
    (steady state) shows nothing keeps growing once they are full.
    """
    tracemalloc.start()
    board = new_board()
    apply = board.apply
    gc.collect()
    start = tracemalloc.get_traced_memory()[0]
    middle = start
    done = 0
    for chunk in chunks(total, seed=2):
        for ev in chunk:
            apply(ev)
        done += len(chunk)
        del chunk
        if done == total // 2 // CHUNK * CHUNK:
            gc.collect()
            middle = tracemalloc.get_traced_memory()[0]
    gc.collect()
    end = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (end - start) / 1e6, (end - middle) / 1e6, len(board)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 events instead of 1M")
    parser.add_argument("--events", type=int, help="events to apply (overrides --quick)")
    args = parser.parse_args()
    total = args.events or (100_000 if args.quick else 1_000_000)

    rate, cpu_rate, board = throughput(total)
    counts = {k.value: v for k, v in board.stats.counts.items() if v}
    growth_mb, steady_mb, open_orders = memory_growth(total)

    label = "1m" if total == 1_000_000 else f"{total // 1000}k"
    results = {
        "events_per_s": round(rate),
        "cpu_events_per_s": round(cpu_rate),
        "apply_mean_ms": round(1000 / rate, 5),
        f"memory_growth_mb_{label}_events": round(growth_mb, 2),
        f"memory_growth_second_half_mb_{label}_events": round(steady_mb, 2),
        "machine": machine(),
        "at": now_iso(),
    }
    print(f"board_apply: {total:,} events ({'quick' if total < 1_000_000 else 'full'})")
    print(f"  {'events applied per second (wall clock)':<44} {rate:>12,.0f}   (target >= 200,000)")
    print(f"  {'events applied per CPU second':<44} {cpu_rate:>12,.0f}")
    print(f"  {'mean time per event (µs)':<44} {1e6 / rate:>12.2f}")
    print(f"  {'tracemalloc growth from empty board (MB)':<44} {growth_mb:>12.2f}   (target <= 20)")
    print(f"  {'growth over the second half (MB)':<44} {steady_mb:>12.2f}")
    print(f"  {'open orders at the end':<44} {open_orders:>12,}")
    print(f"  outcomes: {counts}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"  wrote {RESULTS}")


if __name__ == "__main__":
    main()

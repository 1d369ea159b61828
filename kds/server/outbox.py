"""The outbox publisher (contract section 9): due rows → hub groups, at least once, with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from typing import Any

from kds.server import dto
from kds.server.broadcast import Broadcaster
from kds.server.clock import now_us
from kds.server.records import OutboxEvent
from kds.server.store import Store

log = logging.getLogger("kds.server.outbox")

RESTAURANT_HUB = "/hubs/restaurant-orders"
CUSTOMER_HUB = "/hubs/customer-orders"
BATCH = 50
MAX_BACKOFF_US = 5 * 60 * 1_000_000
IDLE_MAX_S = 2.0


@dataclass(frozen=True)
class Route:
    target: str
    restaurant: bool
    customer: bool


# Contract 8.5, the routing at HEAD.
ROUTES: dict[str, Route] = {
    "OrderPlaced": Route("ReceiveOrderPlaced", True, False),
    "OrderPaymentSucceeded": Route("ReceiveOrderPaymentSucceeded", True, True),
    "OrderPaymentFailed": Route("ReceiveOrderPaymentFailed", False, True),
    "OrderAccepted": Route("ReceiveOrderStatusChanged", True, True),
    "OrderRejected": Route("ReceiveOrderStatusChanged", True, True),
    "OrderPreparing": Route("ReceiveOrderStatusChanged", True, True),
    "OrderReadyForDelivery": Route("ReceiveOrderStatusChanged", True, True),
    "OrderDelivered": Route("ReceiveOrderStatusChanged", True, True),
    "OrderCancelled": Route("ReceiveOrderStatusChanged", True, False),
}


def backoff_us(attempt: int, rng: random.Random) -> int:
    """min(2^attempt × 100 ms + jitter 0–99 ms, 5 min), as OutboxProcessor computes it."""
    return int(min((2**attempt) * 100_000 + rng.randint(0, 99) * 1000, MAX_BACKOFF_US))


class Outbox:
    """Polls the outbox table every `interval_ms` and publishes through a Broadcaster.

    Idle polls back off (doubling) up to min(2 s, 8 × interval), as the real poller does with
    its 250 ms/2 s defaults; `wake()` (called after each committed event) resets the backoff.
    Fault hooks: `pause`/`resume(shuffle)`, `redeliver(n)`.
    """

    def __init__(self, store: Store, broadcaster: Broadcaster, interval_ms: int) -> None:
        self.store = store
        self.broadcaster = broadcaster
        self.interval_s = max(interval_ms, 1) / 1000
        self.idle_max_s = max(self.interval_s, min(IDLE_MAX_S, 8 * self.interval_s))
        self.paused = False
        self._shuffle_next = False
        self._rng = random.Random()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.published = 0
        self.failures = 0

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._task is None:
            self._wake = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        self._wake.set()

    # ------------------------------------------------------------ faults
    def pause(self) -> None:
        self.paused = True

    def resume(self, shuffle: bool = False) -> None:
        self.paused = False
        self._shuffle_next = shuffle
        self.wake()

    async def redeliver(self, count: int) -> int:
        """Broadcast the last `count` published events again, original eventIds, in order."""
        rows = self.store.last_published(max(count, 0))
        sent = 0
        for row in rows:
            if await self._publish(row):
                sent += 1
        return sent

    def state(self) -> dict[str, Any]:
        pending, max_attempt = self.store.outbox_backlog()
        return {
            "paused": self.paused,
            "pending": pending,
            "maxAttempt": max_attempt,
            "published": self.published,
            "failures": self.failures,
        }

    # ------------------------------------------------------------ the loop
    async def _run(self) -> None:
        delay = self.interval_s
        while True:
            if delay > 0:
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=delay)
                    self._wake.clear()
                    await asyncio.sleep(self.interval_s)  # a poll tick, never an instant push
                except TimeoutError:
                    pass
            else:
                await asyncio.sleep(0)  # a full batch: drain on, but let requests run
            if self.paused:
                delay = self.interval_s
                continue
            try:
                handled = await self.run_once()
            except Exception:  # never let one bad row kill the publisher
                log.exception("outbox pass failed")
                handled = 0
            if handled >= BATCH:
                delay = 0.0
            elif handled:
                delay = self.interval_s
            else:
                delay = min(max(delay, self.interval_s) * 2, self.idle_max_s)

    async def run_once(self) -> int:
        """Publish every due row of one batch; returns how many rows it handled."""
        rows = self.store.due_events(now_us(), BATCH)
        if self._shuffle_next:
            self._shuffle_next = False
            self._rng.shuffle(rows)
        for row in rows:
            if self.paused:
                break
            if await self._publish(row):
                self.published += 1
                self.store.mark_published(row["seq"], now_us())
            else:
                self.failures += 1
                attempt = row["attempt"] + 1
                self.store.schedule_retry(
                    row["seq"], attempt, now_us() + backoff_us(attempt, self._rng)
                )
        return len(rows)

    async def _publish(self, event: OutboxEvent) -> bool:
        """Send one event; False when the restaurant hub send failed (to be retried).

        Customer-hub failures are logged and swallowed, as SignalROrderRealtimeNotifier does."""
        route = ROUTES.get(event["type"])
        order = self.store.order(event["order_id"])
        if route is None or order is None:
            return True
        payload = dto.broadcast(order, event)
        if route.restaurant:
            group = f"restaurant:{order.restaurant_id}"
            try:
                await self.broadcaster.send_to_group(RESTAURANT_HUB, group, route.target, [payload])
            except Exception as exc:
                log.warning("restaurant hub send failed for %s: %r", event["event_id"], exc)
                return False
        if route.customer:
            group = f"order:{order.id}"
            try:
                await self.broadcaster.send_to_group(CUSTOMER_HUB, group, route.target, [payload])
            except Exception as exc:
                log.warning(
                    "customer hub send failed for %s (swallowed): %r", event["event_id"], exc
                )
        return True

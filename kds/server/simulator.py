"""The dev simulator: scripted order flows (section 11) and a Poisson stream of orders (B1).

Every step goes through the same domain code as the REST commands (`domain.transition`), in a
write transaction that also writes its outbox event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from kds.server import seed
from kds.server.clock import now_us
from kds.server.domain import IllegalTransition, create_order, load, settle_payment, transition
from kds.server.ordergen import random_order
from kds.server.status import OrderStatus
from kds.server.store import Queries, Store

log = logging.getLogger("kds.server.simulator")

DELAY_KEYS = (
    "placedToAcceptedMs",
    "acceptedToPreparingMs",
    "preparingToReadyMs",
    "readyToDeliveredMs",
    "placedToRejectedMs",
    "acceptedToCancelledMs",
)
DEFAULT_DELAYS_MS = dict.fromkeys(DELAY_KEYS, 3000)
FAST_DELAYS_MS = dict.fromkeys(DELAY_KEYS, 300)
SCENARIOS = ("happyPath", "fastHappyPath", "rejected", "cancelledByRestaurant")


def plan(scenario: str, delays: dict[str, int]) -> list[tuple[str, int]]:
    """The (action, delay before it in ms) steps of a flow scenario."""
    if scenario in ("happyPath", "fastHappyPath"):
        return [
            ("accept", delays["placedToAcceptedMs"]),
            ("preparing", delays["acceptedToPreparingMs"]),
            ("ready", delays["preparingToReadyMs"]),
            ("delivered", delays["readyToDeliveredMs"]),
        ]
    if scenario == "rejected":
        return [("reject", delays["placedToRejectedMs"])]
    if scenario == "cancelledByRestaurant":
        return [
            ("accept", delays["placedToAcceptedMs"]),
            ("cancel", delays["acceptedToCancelledMs"]),
        ]
    raise ValueError(scenario)


class Simulator:
    """Owns every background task of the dev surface; `stop()` cancels them all."""

    def __init__(
        self,
        store: Store,
        write: Callable[[], AbstractContextManager[Queries]],
        rng: random.Random | None = None,
    ) -> None:
        """`write` opens a write transaction that wakes the outbox on commit (ServerState's)."""
        self.store = store
        self.write = write
        self.rng = rng or random.Random()
        self.flows: dict[str, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------ tasks
    def spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def stop(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    # ------------------------------------------------------------ orders
    def customer_id(self) -> str:
        user_id = self.store.user_id_by_name(seed.CUSTOMER_USER)
        return user_id if user_id is not None else seed.customer_id()

    def place_random(self, restaurant_id: str, **options: Any) -> dict[str, Any]:
        with self.write() as tx:
            restaurant = tx.restaurant(restaurant_id)
            if restaurant is not None:  # the order is in the restaurant's currency (VND, …)
                options.setdefault("currency", restaurant.currency)
            menu = tx.menu_items(restaurant_id)
            order = random_order(restaurant_id, menu, self.customer_id(), self.rng, **options)
            created = create_order(tx, order, self.rng)
        return {
            "orderId": created.id,
            "orderNumber": created.order_number,
            "status": created.status,
        }

    # ------------------------------------------------------------ flows
    def flow_running(self, order_id: str) -> bool:
        task = self.flows.get(order_id)
        return task is not None and not task.done()

    def start_flow(
        self, order_id: str, steps: list[tuple[str, int]], eta_minutes: int = 30
    ) -> None:
        task = self.spawn(self._flow(order_id, steps, eta_minutes), f"flow-{order_id}")
        self.flows[order_id] = task
        task.add_done_callback(lambda _t: self.flows.pop(order_id, None))

    async def _flow(self, order_id: str, steps: list[tuple[str, int]], eta_minutes: int) -> None:
        for action, delay_ms in steps:
            await asyncio.sleep(max(delay_ms, 0) / 1000)
            with self.write() as tx:
                order = load(tx, order_id)
                if order is None:
                    return
                eta = now_us() + eta_minutes * 60_000_000 if action == "accept" else None
                try:
                    transition(tx, order, action, eta_us=eta)
                except IllegalTransition:
                    # Someone (staff on a terminal) moved the order meanwhile: stop quietly.
                    log.debug(
                        "flow for %s stopped at %s (status %s)", order_id, action, order.status
                    )
                    return

    # ------------------------------------------------------------ the Poisson stream
    def start_stream(self, orders_per_min: float) -> None:
        if orders_per_min > 0:
            self.spawn(self._stream(orders_per_min), "simulator")

    async def _stream(self, orders_per_min: float) -> None:
        rate_per_s = orders_per_min / 60
        while True:
            await asyncio.sleep(self.rng.expovariate(rate_per_s))
            try:
                self._one_simulated_order()
            except Exception:
                log.exception("simulated order failed")

    def _one_simulated_order(self) -> None:
        # A restaurant that stopped accepting orders gets none.
        ids = self.store.accepting_restaurant_ids()
        if not ids:
            return
        placed = self.place_random(self.rng.choice(ids), online_share=0.25)
        oid = placed["orderId"]
        if placed["status"] == OrderStatus.AWAITING_PAYMENT:
            succeeded = self.rng.random() < 0.9  # an occasional failed online payment
            self.spawn(self._settle_later(oid, succeeded), f"payment-{oid}")
            if not succeeded:
                return
        roll = self.rng.random()
        if roll < 0.35:  # some orders move on by themselves (another terminal, say)
            delays = {k: self.rng.randint(4000, 20000) for k in DELAY_KEYS}
            delays["placedToAcceptedMs"] += 5000  # leave time for a payment to settle
            self.start_flow(oid, plan("happyPath", delays))
        elif roll < 0.40:  # an occasional cancellation by the restaurant
            delays = {k: self.rng.randint(5000, 15000) for k in DELAY_KEYS}
            self.start_flow(oid, plan("cancelledByRestaurant", delays))

    async def _settle_later(self, order_id: str, succeeded: bool) -> None:
        await asyncio.sleep(self.rng.uniform(1.0, 4.0))
        with self.write() as tx:
            order = load(tx, order_id)
            if order is not None and order.status == OrderStatus.AWAITING_PAYMENT:
                settle_payment(tx, order, succeeded)

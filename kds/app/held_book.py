"""`HeldBook`: the steps a terminal holds for the open restaurant, order by order.

The in-memory side of the step queue, on the Qt thread: what the screen shows (`held`,
`projected_status`, `count`) and what the sender works through (each order's first step, one in
flight at a time). The durable side is `kds.app.step_store`; this book is rebuilt from it at
every restaurant start. Pure Python: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kds.app.step_store import StoredStep
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep, QueuedStep, StepState

__all__ = ["Held", "HeldBook"]


@dataclass(slots=True, eq=False)
class Held:
    """A step this terminal holds, with where it is on its way (identity, not value: two taps
    of the same step are two entries)."""

    step: QueuedStep
    state: StepState
    in_flight: bool = False
    quiet: bool = False
    """Sent the moment it was taken, with the server answering: not shown as held (the
    ticket's busy step says it is on its way) unless the send finds no server."""

    @property
    def cancellable(self) -> bool:
        """Still the cook's to take back: queued and not on its way."""
        return self.state is StepState.QUEUED and not self.in_flight

    def shown(self) -> HeldStep:
        return HeldStep(self.step, self.state)


class HeldBook:
    """Order id → its held steps, in tap order."""

    def __init__(self) -> None:
        self._orders: dict[str, list[Held]] = {}

    def __len__(self) -> int:
        return sum(len(steps) for steps in self._orders.values())

    def __iter__(self) -> Iterator[str]:
        """The orders with held steps (a copy: safe to change the book while iterating)."""
        return iter(list(self._orders))

    def steps(self, order_id: str) -> list[Held]:
        return list(self._orders.get(order_id, ()))

    def first(self, order_id: str) -> Held | None:
        steps = self._orders.get(order_id)
        return steps[0] if steps else None

    def last(self, order_id: str) -> Held | None:
        steps = self._orders.get(order_id)
        return steps[-1] if steps else None

    def projected_status(self, order_id: str) -> OrderStatus | None:
        """Where the order's held steps leave it (the last one's target)."""
        last = self.last(order_id)
        return None if last is None else last.step.action.target

    def every(self) -> list[Held]:
        """Every held step, in tap time order."""
        every = [h for steps in self._orders.values() for h in steps]
        every.sort(key=lambda h: h.step.tapped_at)
        return every

    def add(self, held: Held) -> None:
        self._orders.setdefault(held.step.order_id, []).append(held)

    def remove(self, held: Held) -> bool:
        """Forget ``held``; False if it was not here (settled already)."""
        steps = self._orders.get(held.step.order_id)
        if steps is None or held not in steps:
            return False
        steps.remove(held)
        if not steps:
            del self._orders[held.step.order_id]
        return True

    def clear(self) -> list[str]:
        """Forget everything; returns the orders that had held steps."""
        orders = list(self._orders)
        self._orders.clear()
        return orders

    def load(self, kept: Iterable[StoredStep]) -> list[str]:
        """Hold steps read from disk (a step held already is skipped); returns the orders
        touched, in first-seen order."""
        known = {h.step.id for steps in self._orders.values() for h in steps}
        touched: dict[str, None] = {}
        for stored in kept:
            if stored.step.id in known:
                continue
            state = StepState.SENDING if stored.sending else StepState.QUEUED
            self.add(Held(stored.step, state))
            touched[stored.step.order_id] = None
        return list(touched)

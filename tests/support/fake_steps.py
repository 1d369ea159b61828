"""`FakeSteps`: a `StepsApi` (the session's kept steps) for widget tests, and `held_step`.

It keeps held steps per order in memory, emits `changed`/`count_changed` the way the real
sender is documented to, and records what the screen asked of it (cancels, adoptions,
discards), so a test drives the screen through the same signals and reads its answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep, QueuedStep, StepState
from tests.support.ui_fakes import RESTAURANT

__all__ = ["TAPPED_AT", "FakeSteps", "held_step", "queued_step"]

TAPPED_AT = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)

_FROM: dict[Action, OrderStatus] = {
    Action.ACCEPT: OrderStatus.PLACED,
    Action.REJECT: OrderStatus.PLACED,
    Action.START: OrderStatus.ACCEPTED,
    Action.READY: OrderStatus.PREPARING,
    Action.HAND_OVER: OrderStatus.READY_FOR_DELIVERY,
    Action.CANCEL: OrderStatus.ACCEPTED,
}


def queued_step(
    order_id: str,
    action: Action,
    *,
    label: str = "#1234",
    user: str = "cook@example.com",
    tapped_at: datetime = TAPPED_AT,
    step_id: str | None = None,
) -> QueuedStep:
    """A kept step of `order_id`, tapped in the status its action starts from."""
    return QueuedStep(
        id=step_id or f"{order_id}-{action.value}",
        user=user,
        restaurant_id=RESTAURANT,
        order_id=order_id,
        label=label,
        action=action,
        eta_min=20 if action is Action.ACCEPT else None,
        reason=None,
        tapped_at=tapped_at,
        from_status=_FROM[action],
    )


def held_step(
    order_id: str,
    action: Action,
    state: StepState = StepState.QUEUED,
    *,
    label: str = "#1234",
    user: str = "cook@example.com",
) -> HeldStep:
    return HeldStep(queued_step(order_id, action, label=label, user=user), state)


class FakeSteps(QObject):
    """The session's kept steps, in memory.

    Attributes:
        by_order: order id → its held steps in tap order (`put` changes them and signals).
        cancelled / adopted / discarded: what the screen asked, in order.
        cancel_answers: `cancel_latest`'s answer (True: the latest QUEUED step is removed).
    """

    changed = Signal(str)
    count_changed = Signal(int)
    foreign_found = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.by_order: dict[str, tuple[HeldStep, ...]] = {}
        self.cancelled: list[str] = []
        self.adopted: list[tuple[QueuedStep, ...]] = []
        self.discarded: list[tuple[QueuedStep, ...]] = []

    def put(self, order_id: str, *held: HeldStep) -> None:
        """Make `held` the order's held steps (none: it has none) and say so."""
        if held:
            self.by_order[order_id] = tuple(held)
        else:
            self.by_order.pop(order_id, None)
        self.changed.emit(order_id)
        self.count_changed.emit(self.count())

    # ------------------------------------------------------------------ StepsApi

    def held(self, order_id: str) -> tuple[HeldStep, ...]:
        return self.by_order.get(order_id, ())

    def projected_status(self, order_id: str) -> OrderStatus | None:
        held = self.held(order_id)
        return held[-1].step.action.target if held else None

    def count(self) -> int:
        return sum(len(held) for held in self.by_order.values())

    def all_held(self) -> tuple[HeldStep, ...]:
        return tuple(h for held in self.by_order.values() for h in held)

    def cancel_latest(self, order_id: str) -> bool:
        self.cancelled.append(order_id)
        held = self.held(order_id)
        if not held or held[-1].state is not StepState.QUEUED:
            return False
        self.put(order_id, *held[:-1])
        return True

    def adopt(self, steps: Sequence[QueuedStep]) -> None:
        self.adopted.append(tuple(steps))

    def discard(self, steps: Sequence[QueuedStep]) -> None:
        self.discarded.append(tuple(steps))
        gone = {step.id for step in steps}
        for order_id, held in list(self.by_order.items()):
            kept = tuple(h for h in held if h.step.id not in gone)
            if kept != held:
                self.put(order_id, *kept)

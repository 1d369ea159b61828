"""The lifecycle actions a kitchen takes on an order, beside the transition graph they follow.

One ``Action`` type for every layer: the screen offers them, the session runs them, the
``action_*`` signals name them. Each action is the backend command that moves an order to one
target status (contract §4.2), so which actions an order offers follows from
``ALLOWED_TRANSITIONS``; button texts and dialogs are the screen's business, not this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from kds.core.orders import ALLOWED_TRANSITIONS, OrderStatus

__all__ = [
    "ACTIONS_FOR_STATUS",
    "ETA_DEFAULT_MIN",
    "ETA_MAX_MIN",
    "ETA_MIN_MIN",
    "REASON_MAX_CHARS",
    "Action",
    "ActionRequest",
    "next_step",
]


class Action(StrEnum):
    """A lifecycle command; the value names it in signals, logs and widget names."""

    ACCEPT = "accept"
    REJECT = "reject"
    START = "start_preparing"
    READY = "mark_ready"
    HAND_OVER = "hand_over"
    CANCEL = "cancel"

    @property
    def target(self) -> OrderStatus:
        """The status the backend moves the order to when this command succeeds."""
        return _TARGET[self]

    @property
    def needs_eta(self) -> bool:
        """Accept carries the estimated delivery time (contract §4.2)."""
        return self is Action.ACCEPT

    @property
    def takes_reason(self) -> bool:
        """Reject and cancel carry an optional reason and are confirmed first."""
        return self in (Action.REJECT, Action.CANCEL)

    @property
    def acknowledges(self) -> bool:
        """Deciding on a new order (accept, reject) answers its alert."""
        return self in (Action.ACCEPT, Action.REJECT)


_TARGET: Mapping[Action, OrderStatus] = MappingProxyType(
    {
        Action.ACCEPT: OrderStatus.ACCEPTED,
        Action.REJECT: OrderStatus.REJECTED,
        Action.START: OrderStatus.PREPARING,
        Action.READY: OrderStatus.READY_FOR_DELIVERY,
        Action.HAND_OVER: OrderStatus.DELIVERED,  # the backend has no separate pick-up step
        Action.CANCEL: OrderStatus.CANCELLED,
    }
)

ETA_MIN_MIN = 6
"""The backend wants the ETA strictly later than now + 5 min: 6 leaves room for the round trip."""
ETA_MAX_MIN = 12 * 60 - 1
"""…and strictly earlier than now + 12 h."""
ETA_DEFAULT_MIN = 20
"""The ETA the accept dialog offers first, and auto-accept's unless configured otherwise."""
REASON_MAX_CHARS = 500


def _actions_for(status: OrderStatus) -> tuple[Action, ...]:
    """The kitchen's actions out of ``status``, main step first, Cancel last.

    AwaitingPayment → Placed and → Cancelled are the payment's and the customer's moves, not
    the kitchen's: an unpaid order offers nothing.
    """
    if status is OrderStatus.AWAITING_PAYMENT:
        return ()
    reachable = ALLOWED_TRANSITIONS[status]
    return tuple(a for a in _ORDER if a.target in reachable)


_ORDER = (Action.ACCEPT, Action.START, Action.READY, Action.HAND_OVER, Action.REJECT, Action.CANCEL)

ACTIONS_FOR_STATUS: Mapping[OrderStatus, tuple[Action, ...]] = MappingProxyType(
    {status: actions for status in OrderStatus if (actions := _actions_for(status))}
)
"""What a ticket offers, main step first; Cancel from every open status (contract §4.2)."""


def next_step(status: OrderStatus) -> Action | None:
    """The main step out of ``status`` (what a bump runs), or ``None`` for a closed order."""
    actions = ACTIONS_FOR_STATUS.get(status)
    return actions[0] if actions else None


@dataclass(frozen=True)
class ActionRequest:
    """One tap, ready to send: the order, the action and what the action carries.

    ``eta_min`` (minutes from when it is sent) is required for Accept and refused for
    everything else; ``reason`` only for Reject and Cancel (``None``: no reason given).
    Checked here, so a wrong request fails where it is built rather than as a backend 400.

    ``delivered_at``: only for Handed over, when the hand-over happened earlier than the send
    (a step queued offline carries its tap time as ``deliveredAtUtc``); ``None``: now.

    ``automatic``: the terminal sent it on its own (auto-accept), nobody tapped. Why the
    request says so: a refusal because the order had already moved on (another terminal
    accepted it first) is then no error for anyone to read, while a cook's tap that fails the
    same way must still say so on the ticket.
    """

    order_id: str
    action: Action
    eta_min: int | None = None
    reason: str | None = None
    automatic: bool = False
    delivered_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.action.needs_eta != (self.eta_min is not None):
            need = "needs" if self.action.needs_eta else "takes no"
            raise ValueError(f"{self.action.value} {need} ETA")
        if self.reason is not None and not self.action.takes_reason:
            raise ValueError(f"{self.action.value} takes no reason")
        if self.delivered_at is not None:
            if self.action is not Action.HAND_OVER:
                raise ValueError(f"{self.action.value} takes no delivery time")
            if self.delivered_at.utcoffset() is None:
                raise ValueError("delivered_at must be timezone-aware")

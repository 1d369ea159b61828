"""The one-tap ticket actions: their names, button texts and each status's next step."""

from __future__ import annotations

from enum import StrEnum

from kds.core.orders import OrderStatus

__all__ = [
    "ACTIONS_FOR_STATUS",
    "CANCEL_REASONS",
    "ETA_MAX_MIN",
    "ETA_MIN_MIN",
    "ETA_PRESETS_MIN",
    "REASON_MAX_CHARS",
    "REJECT_REASONS",
    "Action",
    "next_step",
]


class Action(StrEnum):
    """A lifecycle command; the value is the `Session` method that runs it."""

    ACCEPT = "accept"
    REJECT = "reject"
    START = "start_preparing"
    READY = "mark_ready"
    HAND_OVER = "hand_over"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def busy_label(self) -> str:
        """What the button says while the call runs."""
        return _BUSY[self]

    @property
    def needs_dialog(self) -> bool:
        """Accept asks for an ETA; reject and cancel ask for a reason and a confirmation."""
        return self in (Action.ACCEPT, Action.REJECT, Action.CANCEL)


_LABELS = {
    Action.ACCEPT: "Accept",
    Action.REJECT: "Reject",
    Action.START: "Start",
    Action.READY: "Ready",
    Action.HAND_OVER: "Handed over",
    Action.CANCEL: "Cancel",
}
_BUSY = {
    Action.ACCEPT: "Accepting…",
    Action.REJECT: "Rejecting…",
    Action.START: "Starting…",
    Action.READY: "Marking…",
    Action.HAND_OVER: "Handing…",
    Action.CANCEL: "Cancelling…",
}

ACTIONS_FOR_STATUS: dict[OrderStatus, tuple[Action, ...]] = {
    OrderStatus.PLACED: (Action.ACCEPT, Action.REJECT, Action.CANCEL),
    OrderStatus.ACCEPTED: (Action.START, Action.CANCEL),
    OrderStatus.PREPARING: (Action.READY, Action.CANCEL),
    OrderStatus.READY_FOR_DELIVERY: (Action.HAND_OVER, Action.CANCEL),
}
"""The buttons a ticket shows, main step first; Cancel from every open status (contract §4.2)."""


def next_step(status: OrderStatus) -> Action | None:
    """The action Enter / a bump-bar 'bump' runs: the status's main step."""
    actions = ACTIONS_FOR_STATUS.get(status)
    return actions[0] if actions else None


ETA_PRESETS_MIN = (10, 15, 20, 30, 45, 60)
ETA_MIN_MIN = 6
"""The backend wants the ETA strictly later than now + 5 min: 6 leaves room for the round trip."""
ETA_MAX_MIN = 12 * 60 - 1
"""…and strictly earlier than now + 12 h."""
REASON_MAX_CHARS = 500

REJECT_REASONS = (
    "Kitchen too busy",
    "Item unavailable",
    "Closing soon",
    "Cannot meet allergy request",
    "Delivery area not served",
)
CANCEL_REASONS = (
    "Customer asked to cancel",
    "Item ran out",
    "Kitchen problem",
    "Duplicate order",
    "Courier unavailable",
)

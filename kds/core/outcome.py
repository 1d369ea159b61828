"""What happened to one input the board was given, and the running counts of each."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["ApplyOutcome", "BoardStats"]


class ApplyOutcome(Enum):
    """The board's verdict on one event, detail, action result or raw payload."""

    APPLIED = "applied"
    """The board changed (status, timestamps, ETA, detail, or the ticket left the board)."""
    UNCHANGED = "unchanged"
    """Same state as held: the echo of our own action, or an equal timestamp and status."""
    DUPLICATE = "duplicate"
    """The eventId was already seen (at-least-once delivery)."""
    STALE = "stale"
    """Older than what the board holds; applying it would move a status backwards."""
    BUFFERED = "buffered"
    """Held until the resync snapshot is in (rule 3)."""
    NEEDS_DETAIL = "needs_detail"
    """A new ticket was added from a header; the app must fetch its detail (rule 5)."""
    IGNORED_TERMINAL_UNKNOWN = "ignored_terminal_unknown"
    """A terminal status for an order never on the board, e.g. a failed online payment."""
    IGNORED_NOT_OPEN = "ignored_not_open"
    """A status the board does not show (AwaitingPayment) for an order it does not hold."""
    IGNORED_OTHER_RESTAURANT = "ignored_other_restaurant"
    """The payload belongs to another restaurant than this board's."""
    REJECTED = "rejected"
    """The payload broke the contract (ProtocolError); nothing changed."""

    # Members are singletons compared by identity; the C-level identity hash keeps counting
    # an outcome cheap (Enum's own __hash__ is Python code run on every event).
    __hash__ = object.__hash__


@dataclass(slots=True)
class BoardStats:
    """How many inputs ended in each outcome; for the status bar, logs and tests."""

    counts: dict[ApplyOutcome, int] = field(default_factory=lambda: dict.fromkeys(ApplyOutcome, 0))
    snapshots: int = 0

    @property
    def rejected(self) -> int:
        """Payloads refused as bad input (ProtocolError, including unknown statuses)."""
        return self.counts[ApplyOutcome.REJECTED]

    @property
    def duplicates(self) -> int:
        return self.counts[ApplyOutcome.DUPLICATE]

    @property
    def stale(self) -> int:
        return self.counts[ApplyOutcome.STALE]

    @property
    def applied(self) -> int:
        return self.counts[ApplyOutcome.APPLIED] + self.counts[ApplyOutcome.NEEDS_DETAIL]

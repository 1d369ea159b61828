"""Ticket clocks: age since placement, ETA countdown, and how urgent a ticket looks.

Defaults (all configurable through `TimerThresholds`), chosen for a delivery kitchen:

- New (Placed, not yet accepted): WARNING after 5 min, CRITICAL after 8 min of age. An
  unaccepted order is the one the customer is still waiting to hear about.
- In progress (Accepted, Preparing), relative to the ETA promised at accept: WARNING when less
  than 5 min remain, CRITICAL once the ETA has passed. Without a known ETA (detail not yet in):
  WARNING after 15 min and CRITICAL after 25 min of age.
- Ready (waiting for the courier): WARNING after 5 min and CRITICAL after 10 min since it was
  marked ready (its last update); OK while that time is unknown.

Every level carries a text label and an icon as well as a colour role, so urgency never
depends on colour alone. `now` is passed in: the app may correct it for server clock skew.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from kds.core.lanes import Lane, lane_of
from kds.core.ticket import Ticket
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_THRESHOLDS",
    "TicketTimer",
    "TimerLevel",
    "TimerThresholds",
    "eta_remaining",
    "format_mmss",
    "ticket_age",
    "ticket_timer",
    "timer_level",
]


class TimerLevel(Enum):
    """How urgent a ticket is; ordered OK < WARNING < CRITICAL."""

    OK = 0
    WARNING = 1
    CRITICAL = 2

    @property
    def label(self) -> str:
        """Short text shown on the ticket next to the timer."""
        return _LABELS[self]

    @property
    def icon(self) -> str:
        """A glyph whose shape differs per level (readable without colour)."""
        return _ICONS[self]


# English; shown through ``translate("TimerLevel", level.label)`` (`kds.ui.ticket_clock`).
_LABELS = {
    TimerLevel.OK: QT_TRANSLATE_NOOP("TimerLevel", "On time"),
    TimerLevel.WARNING: QT_TRANSLATE_NOOP("TimerLevel", "Due soon"),
    TimerLevel.CRITICAL: QT_TRANSLATE_NOOP("TimerLevel", "Late"),
}
_ICONS = {TimerLevel.OK: "●", TimerLevel.WARNING: "▲", TimerLevel.CRITICAL: "■"}


@dataclass(frozen=True, slots=True)
class TimerThresholds:
    """When a ticket turns WARNING or CRITICAL; see the module docstring for the defaults."""

    new_warning_s: float = 5 * 60
    new_critical_s: float = 8 * 60
    eta_warning_remaining_s: float = 5 * 60
    eta_critical_remaining_s: float = 0
    no_eta_warning_s: float = 15 * 60
    no_eta_critical_s: float = 25 * 60
    ready_warning_s: float = 5 * 60
    ready_critical_s: float = 10 * 60

    def __post_init__(self) -> None:
        pairs = [
            ("new", self.new_warning_s, self.new_critical_s),
            ("no_eta", self.no_eta_warning_s, self.no_eta_critical_s),
            ("ready", self.ready_warning_s, self.ready_critical_s),
        ]
        for name, warning, critical in pairs:
            if not 0 <= warning <= critical:
                raise ValueError(f"{name}: need 0 <= warning ({warning}) <= critical ({critical})")
        if self.eta_warning_remaining_s < self.eta_critical_remaining_s:
            raise ValueError("eta: the warning must come before (or with) the critical level")


DEFAULT_THRESHOLDS = TimerThresholds()


@dataclass(frozen=True, slots=True)
class TicketTimer:
    """Everything a ticket view shows about time, computed once per tick."""

    age: timedelta
    age_text: str
    eta_remaining: timedelta | None
    eta_text: str | None
    level: TimerLevel


def format_mmss(delta: timedelta) -> str:
    """`m:ss` style with at least two minute digits: ``05:07``, ``75:03``, ``-02:10``.

    Seconds are truncated toward zero so a countdown shows ``-00:00`` never before the ETA.
    """
    total = int(delta.total_seconds())
    sign = "-" if total < 0 or (total == 0 and delta < timedelta(0)) else ""
    minutes, seconds = divmod(abs(total), 60)
    return f"{sign}{minutes:02d}:{seconds:02d}"


def ticket_age(ticket: Ticket, now: datetime) -> timedelta:
    """Time since placement (best known), never negative even if clocks disagree."""
    return max(now - ticket.placed_at, timedelta(0))


def eta_remaining(ticket: Ticket, now: datetime) -> timedelta | None:
    """Time left until the promised delivery; negative when late; None without an ETA."""
    eta = ticket.estimated_delivery_time
    return None if eta is None else eta - now


def _by_age(seconds: float, warning_s: float, critical_s: float) -> TimerLevel:
    if seconds >= critical_s:
        return TimerLevel.CRITICAL
    if seconds >= warning_s:
        return TimerLevel.WARNING
    return TimerLevel.OK


def timer_level(
    ticket: Ticket, now: datetime, thresholds: TimerThresholds = DEFAULT_THRESHOLDS
) -> TimerLevel:
    """The urgency of `ticket` at `now` under `thresholds` (rules in the module docstring)."""
    lane = lane_of(ticket.status)
    if lane is Lane.NEW:
        age_s = ticket_age(ticket, now).total_seconds()
        return _by_age(age_s, thresholds.new_warning_s, thresholds.new_critical_s)
    if lane is Lane.IN_PROGRESS:
        remaining = eta_remaining(ticket, now)
        if remaining is None:
            age_s = ticket_age(ticket, now).total_seconds()
            return _by_age(age_s, thresholds.no_eta_warning_s, thresholds.no_eta_critical_s)
        left_s = remaining.total_seconds()
        if left_s <= thresholds.eta_critical_remaining_s:
            return TimerLevel.CRITICAL
        if left_s < thresholds.eta_warning_remaining_s:
            return TimerLevel.WARNING
        return TimerLevel.OK
    if lane is Lane.READY and ticket.last_update_timestamp is not None:
        waited_s = max((now - ticket.last_update_timestamp).total_seconds(), 0.0)
        return _by_age(waited_s, thresholds.ready_warning_s, thresholds.ready_critical_s)
    return TimerLevel.OK


def ticket_timer(
    ticket: Ticket, now: datetime, thresholds: TimerThresholds = DEFAULT_THRESHOLDS
) -> TicketTimer:
    """Age, ETA countdown and level of one ticket, with their display texts."""
    age = ticket_age(ticket, now)
    remaining = eta_remaining(ticket, now)
    return TicketTimer(
        age=age,
        age_text=format_mmss(age),
        eta_remaining=remaining,
        eta_text=None if remaining is None else format_mmss(remaining),
        level=timer_level(ticket, now, thresholds),
    )

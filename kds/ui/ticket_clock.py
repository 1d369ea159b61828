"""The once-a-second part of a ticket: its age timer and ETA texts, and their fixed-size labels.

Kept apart from `TicketView` because this is the hot path of an idle board: every ticket is
asked for these texts each second, so they are built as plain strings the view compares with
what it shows, and the labels that show them never make the lane re-lay itself out.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.timers import TimerLevel, TimerThresholds, ticket_timer
from kds.ui.theme import Theme

__all__ = ["ClockHeights", "ClockTexts", "clock_texts", "fix_clock_label_sizes"]


class ClockTexts(NamedTuple):
    """What the timer corner shows at one instant."""

    level: TimerLevel
    timer_html: str  # icon, age and level in words, in the level's colour
    eta_html: str  # "ETA in …" / "⚠ LATE by …", or "" when there is no ETA to show


def clock_texts(
    ticket: Ticket, now: datetime, theme: Theme, thresholds: TimerThresholds
) -> ClockTexts:
    """The timer and ETA texts of `ticket` at `now` (a new order has no ETA yet)."""
    timer = ticket_timer(ticket, now, thresholds)
    level = timer.level
    colour = theme.level_colour(level)
    text = f'<span style="color:{colour}">{level.icon} {timer.age_text}</span>'
    eta = ""
    if timer.eta_text is not None and ticket.status is not OrderStatus.PLACED:
        late = timer.eta_remaining is not None and timer.eta_remaining.total_seconds() < 0
        value = timer.eta_text.removeprefix("-")
        words = f"⚠ LATE by {value}" if late else f"ETA in {value}"
        # a missed promise is red whatever the age level says ("On time" is the age's word)
        eta = f'<span style="color:{theme.critical if late else colour}">{words}</span>'
    else:  # no ETA to say how it stands: the level in words under the age
        text += f'<br><span style="color:{colour}; font-size:{theme.px(14)}px">{level.label}</span>'
    return ClockTexts(level, text, eta)


def fix_clock_label_sizes(timer_label: QLabel, eta_label: QLabel, theme: Theme) -> ClockHeights:
    """Give the labels rewritten every second a fixed size, fitting their widest text.

    A fixed-size widget does not ask its parent layouts for new geometry when its text
    changes (Qt skips the propagation), so the 1 Hz tick repaints two small labels instead
    of re-laying-out the card. The timer is one line (age) over the ETA, or two lines (age,
    level in words) when there is no ETA: `ClockHeights` gives both, for `TicketView.tick`.
    """
    for label in (timer_label, eta_label):
        label.ensurePolished()
    big = QFontMetrics(timer_label.font())
    small_font = QFont(timer_label.font())
    small_font.setPixelSize(theme.px(14))
    small = QFontMetrics(small_font)
    eta = QFontMetrics(eta_label.font())
    width = max(
        max(big.horizontalAdvance(f"{level.icon} 999:59") for level in TimerLevel),
        max(small.horizontalAdvance(level.label) for level in TimerLevel),
        eta.horizontalAdvance("⚠ LATE by 99:59"),
    )
    heights = ClockHeights(big.height() + 2, big.height() + small.height() + 2)
    timer_label.setFixedSize(width + 4, heights.two_lines)
    eta_label.setFixedSize(width + 4, eta.height() + 2)
    return heights


class ClockHeights(NamedTuple):
    one_line: int  # the age alone (an ETA line under it)
    two_lines: int  # the age over the level in words

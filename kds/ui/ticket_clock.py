"""The once-a-second part of a ticket: its age timer and ETA texts, and their fixed-size labels.

Kept apart from `TicketView` because this is the hot path of an idle board: every ticket is
asked for these texts each second, so they are built as plain strings the view compares with
what it shows, and the labels that show them never make the lane re-lay itself out.

The words are translated as they are made (context ``TicketClock``; the level's word,
``TimerLevel``); the age and the ETA stay digits (``12:05``) in every language.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kds.app.i18n import translate
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.timers import TimerLevel, TimerThresholds, ticket_timer
from kds.ui.theme import Theme
from kds.ui.widgets import display_label

__all__ = [
    "ClockHeights",
    "ClockLabels",
    "ClockTexts",
    "clock_texts",
    "fix_clock_label_sizes",
    "level_word",
]


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
        words = (
            translate("TicketClock", "⚠ LATE by {value}")
            if late
            else translate("TicketClock", "ETA in {value}")
        ).format(value=value)
        # a missed promise is red whatever the age level says ("On time" is the age's word)
        eta = f'<span style="color:{theme.critical if late else colour}">{words}</span>'
    else:  # no ETA to say how it stands: the level in words under the age
        word = level_word(level)
        text += f'<br><span style="color:{colour}; font-size:{theme.px(14)}px">{word}</span>'
    return ClockTexts(level, text, eta)


def level_word(level: TimerLevel) -> str:
    """The level in words in the screen's language ("On time", "Due soon", "Late")."""
    return translate("TimerLevel", level.label)


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
        max(small.horizontalAdvance(level_word(level)) for level in TimerLevel),
        eta.horizontalAdvance(translate("TicketClock", "⚠ LATE by {value}").format(value="99:59")),
        eta.horizontalAdvance(translate("TicketClock", "ETA in {value}").format(value="99:59")),
    )
    heights = ClockHeights(big.height() + 2, big.height() + small.height() + 2)
    timer_label.setFixedSize(width + 4, heights.two_lines)
    eta_label.setFixedSize(width + 4, eta.height() + 2)
    return heights


class ClockHeights(NamedTuple):
    one_line: int  # the age alone (an ETA line under it)
    two_lines: int  # the age over the level in words


class ClockLabels:
    """The age label over the ETA label, in a column of their own (`column`), kept current by
    `show`: only a changed text is set, and the labels' size changes only when the ETA line
    comes or goes (then `show` says so, for the card to be measured again)."""

    def __init__(self, theme: Theme, thresholds: TimerThresholds) -> None:
        self._theme = theme
        self._thresholds = thresholds
        self.timer = display_label("ticketTimer", rich=True)
        self.eta = display_label("ticketEta", rich=True)
        for label in (self.timer, self.eta):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.eta.hide()
        self.column = QVBoxLayout()
        self.column.setSpacing(0)
        self.column.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignRight)
        self.column.addWidget(self.eta, 0, Qt.AlignmentFlag.AlignRight)
        self._heights: ClockHeights | None = None
        self._texts = ("", "")

    def fix_sizes(self) -> None:
        """Once the labels are polished (their fonts known): their fixed sizes."""
        self._heights = fix_clock_label_sizes(self.timer, self.eta, self._theme)

    def show(self, ticket: Ticket, now: datetime) -> tuple[TimerLevel, bool, bool]:
        """(level, any text changed, the ETA line came or went) at `now`."""
        level, text, eta = clock_texts(ticket, now, self._theme, self._thresholds)
        old_text, old_eta = self._texts
        self._texts = (text, eta)
        resized = bool(eta) != bool(old_eta)
        if resized and self._heights is not None:
            self.timer.setFixedHeight(self._heights.one_line if eta else self._heights.two_lines)
            self.eta.setVisible(bool(eta))
        if text != old_text:
            self.timer.setText(text)
        if eta != old_eta:
            self.eta.setText(eta)
        return level, (text, eta) != (old_text, old_eta), resized

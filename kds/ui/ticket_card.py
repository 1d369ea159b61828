"""How a ticket's card is painted: background, level-coloured border and stripe, selection.

The card is painted rather than styled so that a flash phase or a selection change is a cheap
`update()` of one widget, not a style-sheet re-polish of the card and all its labels.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kds.core.timers import TimerLevel
from kds.ui.theme import Theme

__all__ = ["paint_card"]


def paint_card(
    widget: QWidget, theme: Theme, level: TimerLevel, *, selected: bool, flash_on: bool
) -> None:
    """Paint the card behind `widget`'s labels (call from its `paintEvent`)."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if flash_on:
        background = theme.flash
    elif selected:
        background = theme.ticket_selected
    else:
        background = theme.ticket
    border = theme.level_colour(level)
    width = 8 if selected else 4
    rect = QRectF(widget.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
    painter.setPen(QPen(QColor(theme.accent if selected else border), width))
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(rect, 10, 10)
    # a level stripe on the left: the colour cue, repeated by the icon + words in the timer
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(border))
    painter.drawRoundedRect(QRectF(width, width, 8, rect.height() - width), 3, 3)
    painter.end()

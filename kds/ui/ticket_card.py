"""What every card of a ticket shares: its painted frame, its line labels, its continuation.

A ticket on the rush board is one card (`TicketView`) or, when it is taller than a column,
that card plus continuation cards (`TicketContinuation`) in the next columns. Both paint the
same frame (background, timer-level border and stripe, flash, selection) and build their item
lines the same way, so a continued ticket reads as one ticket across columns.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kds.app.i18n import translate
from kds.core.timers import TimerLevel
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.line_text import Unit
from kds.ui.styled_text import StyledText
from kds.ui.theme import Theme
from kds.ui.widgets import display_label

__all__ = [
    "BAND",
    "CardState",
    "TicketContinuation",
    "band_height",
    "paint_card",
    "relabel_units",
    "unit_labels",
]

BAND = 22
"""The status band's height at the top of every card (unscaled px)."""


STRIPE = 10
"""The level stripe on a card's left, and the space beside it."""


def inner_width(width: int, margin: int) -> int:
    """The width a card of `width` px gives its text: what it is measured and laid out at."""
    return max(40, width - margin * 2 - STRIPE)


def band_height(theme: Theme) -> int:
    """The band's height: `BAND` px, or more when larger text needs it."""
    return max(BAND, theme.px(14) + 8)


CUT_MARK = QT_TRANSLATE_NOOP("TicketCard", "✂ too long for one column")
"""Painted at the foot of a card cut short (English source, translated when painted)."""


class CardState:
    """The look a card's frame takes from its ticket's state (shared by all its cards)."""

    __slots__ = ("band", "band_bottom", "flash_on", "flashing", "level", "selected")

    def __init__(self) -> None:
        self.band = ""  # the status colour of the header band
        self.band_bottom = 0  # where the band ends, from the card's top
        self.level = TimerLevel.OK
        self.selected = False
        self.flashing = False
        self.flash_on = False


def paint_card(widget: QWidget, theme: Theme, state: CardState, *, clipped: bool) -> None:
    """The frame behind a card's labels, painted rather than styled (a flash phase or a
    selection change is then a cheap `update()` of one widget, not a style-sheet re-polish)."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if state.flashing and state.flash_on:
        background = theme.flash
    elif state.selected:
        background = theme.ticket_selected
    else:
        background = theme.ticket
    border = theme.level_colour(state.level)
    width = 8 if state.selected else 4
    rect = QRectF(widget.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(rect, 10, 10)
    if state.band and state.band_bottom:  # the status band: colour behind an icon and a word
        painter.save()
        painter.setClipRect(QRectF(0, 0, widget.width(), state.band_bottom))
        painter.setBrush(QColor(state.band))
        painter.drawRoundedRect(rect, 10, 10)
        painter.restore()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(theme.accent if state.selected else border), width))
    painter.drawRoundedRect(rect, 10, 10)
    # a level stripe on the left: the colour cue, repeated by the icon + words in the timer
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(border))
    top = max(width, state.band_bottom)
    painter.drawRoundedRect(QRectF(width, top, 6, rect.height() - top), 3, 3)
    if clipped:  # never cut silently: say so at the foot of the card
        foot = QRectF(width + 8, rect.bottom() - theme.px(26), rect.width() - 16, theme.px(24))
        painter.setBrush(QColor(theme.panel))
        painter.drawRect(foot)
        painter.setPen(QColor(theme.critical))
        painter.drawText(foot, Qt.AlignmentFlag.AlignCenter, translate("TicketCard", CUT_MARK))
    painter.end()


def unit_labels(units: list[Unit], theme: Theme, parent: QWidget) -> list[StyledText]:
    labels = []
    for unit in units:
        label = StyledText(unit, theme, parent)
        # polished now, not when first shown: the board measures it before it is ever shown,
        # and an unpolished widget measures in the default font (a card cut at its foot)
        label.ensurePolished()
        labels.append(label)
    return labels


def relabel_units(
    labels: list[StyledText], units: list[Unit], theme: Theme, parent: QWidget
) -> list[StyledText]:
    """Labels showing `units`: `labels` themselves, given the new words, when they show the
    same parts (names, in order); else new labels, the old ones hidden and deleted later."""
    if [label.unit.name for label in labels] == [unit.name for unit in units]:
        for label, unit in zip(labels, units, strict=True):
            label.set_unit(unit)
        return labels
    for label in labels:
        label.hide()
        label.deleteLater()
    return unit_labels(units, theme, parent)


def place_units(
    labels: list[StyledText], heights: list[int], top: int, left: int, width: int, spacing: int
) -> int:
    """Stack `labels` from `top`, each as tall as its wrapped text; returns the y below them.

    `heights` are what the ticket measured them at (`TicketView.measure`), so a re-plan of
    the board never lays a line's text out again.
    """
    y = top
    for i, label in enumerate(labels):
        label.setGeometry(left, y, width, heights[i])
        y += heights[i] + spacing
    return y


class StatusBand:
    """The card's top band: the bump-bar position, the status (icon + word) and the payment.

    The band itself is painted by `paint_card` in the status colour; these are its labels,
    children of the card, placed by `place` on one line (the payment wraps if it must).
    """

    def __init__(self, card: QWidget, minimum: int) -> None:
        self._minimum = minimum
        self.position = display_label("ticketPosition")  # the bump bar's number for it
        self.status = display_label("statusChip")
        self.meta = display_label("ticketMeta", wrap=True)  # plain: order data, never markup
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.meta.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.position, self.status, self.meta):
            label.setParent(card)

    def show_position(self, position: int | None) -> None:
        """Show the ticket's number on the page (digits on a bump bar pick it), or none."""
        text = "" if position is None else str(position)
        if text != self.position.text():
            self.position.setText(text)
            self.position.setVisible(bool(text))

    def _position_width(self) -> int:
        return self.position.fontMetrics().horizontalAdvance("88") + 10

    def height(self, inner: int) -> int:
        """The band's height at `inner` px: one line, or the payment's wrapped height."""
        chip = self._position_width() + 6 + self.status.sizeHint().width()
        room = max(40, inner - chip - 8)
        meta = self.meta.heightForWidth(room) if self.meta.text() else 0
        return max(self._minimum, meta)

    def place(self, left: int, top: int, inner: int, band: int) -> None:
        position = self._position_width()
        self.position.setGeometry(left, top + 2, position, band - 4)
        chip_left = left + position + 6
        chip = self.status.sizeHint().width()
        self.status.setGeometry(chip_left, top, chip, band)
        meta_left = chip_left + chip + 8
        self.meta.setGeometry(meta_left, top, left + inner - meta_left, band)


class TicketContinuation(QWidget):
    """The rest of a ticket too tall for one column: "#1234 cont." and its next lines.

    Signals:
        tapped(order_id): the card was tapped (selects the ticket, as its first card does).

    Attributes:
        order_id: whose continuation this is.
        header: the "cont." label (counts as the ticket's number for readability checks).
        units: the line and note labels shown here.
        start, stop: which of the ticket's units they are.
        version: the ticket's `units_version` they were taken from.
    """

    tapped = Signal(str)

    def __init__(
        self,
        order_id: str,
        number: str,
        units: list[Unit],
        theme: Theme,
        state: CardState,
        margin: int,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.order_id = order_id
        self._theme = theme
        self.state = state
        self._margin = margin
        self.header = display_label("ticketCont")
        self.header.setParent(self)
        self.header.setText(
            translate("TicketContinuation", "#{number} cont.").format(number=number)
        )
        self.units = unit_labels(units, theme, self)
        self.clipped = False
        self.start, self.stop = 0, len(units)
        self.version = 0  # the ticket's units_version these units were taken from
        self._placed = (0, 0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit(self.order_id)
        super().mousePressEvent(event)

    def place(
        self, width: int, height: int, band: int, unit_spacing: int, heights: list[int]
    ) -> None:
        """Be `width` × `height`: "#1234 cont." on a `band` px status band, then the units at
        the `heights` its ticket measured them at (the plan was made from those)."""
        self.setFixedSize(width, height)
        left, inner = self._margin + STRIPE, inner_width(width, self._margin)
        self.header.setGeometry(left, self._margin, inner, band)
        if (width, height) != self._placed:  # the same place: nothing to re-wrap or repaint
            top = self._margin + band + unit_spacing
            place_units(self.units, heights, top, left, inner, unit_spacing)
            self._placed = (width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_card(self, self._theme, self.state, clipped=self.clipped)

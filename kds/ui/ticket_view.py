"""`TicketView`: one order on the board, readable from two metres, with its one-tap buttons.

The view paints its own card (background, level-coloured border, flash, selection, in
`paintEvent`) so that a flash or a selection change is a cheap `update()` of one widget, not a
style-sheet re-polish. `set_ticket` touches only the labels whose content changed; `tick`
rewrites the timer text (`ticket_clock`) only when the displayed second or level changes. The
wording lives in `text`, the step buttons in `ticket_buttons`; this module wires them to the
labels and keeps the card exactly as tall as its content.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kds.core.actions import Action, ActionRequest
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerLevel, TimerThresholds
from kds.ui.text import items_html, meta_html, note_html, short_number
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_buttons import TicketButtons
from kds.ui.ticket_clock import clock_texts, fix_clock_label_sizes
from kds.ui.widgets import display_label

__all__ = ["TicketView"]


class TicketView(QWidget):
    """Renders one `Ticket`.

    Signals:
        step_requested(ActionRequest): a step that needs no input was tapped (Start, Ready,
            Handed over): it goes straight to the session.
        action_requested(order_id, action): a step that needs input was tapped (`Action`
            value: Accept's ETA, a reason): the page opens its dialog.
        tapped(order_id): the card itself was tapped (select, acknowledge the alert).

    Attributes:
        ticket: the ticket shown.
        level: the timer level at the last tick.
        busy_action: the action in flight, or None.
    """

    step_requested = Signal(object)
    action_requested = Signal(str, str)
    tapped = Signal(str)

    def __init__(
        self,
        ticket: Ticket,
        now: datetime,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._thresholds = thresholds
        self.level = TimerLevel.OK
        self.busy_action: Action | None = None
        self.selected = False
        self.flashing = False
        self._flash_on = False
        self._timer_text = ""
        self._eta_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The card's content lives in `_body`, laid out by the card itself (see `_fit_height`).
        self._body = QWidget(self)
        self._body.setObjectName("ticketBody")

        self.number_label = display_label("ticketNumber")
        self.timer_label = display_label("ticketTimer", rich=True)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.eta_label = display_label("ticketEta", rich=True)
        self.eta_label.hide()
        fix_clock_label_sizes(self.timer_label, self.eta_label, theme)
        self.meta_label = display_label("ticketMeta", wrap=True, rich=True)
        self.items_label = display_label("ticketItems", wrap=True, rich=True)
        self.note_label = display_label("ticketNote", wrap=True, rich=True)
        self.error_label = display_label("ticketError", wrap=True)
        self.note_label.hide()
        self.error_label.hide()

        top = QHBoxLayout()
        top.addWidget(self.number_label)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        button_grid = QGridLayout()
        button_grid.setSpacing(8)
        self._buttons = TicketButtons(button_grid, self._on_button_clicked)
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(16, 6, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.eta_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.items_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addLayout(button_grid)

        self._body_layout = layout
        self.ticket = ticket
        self._render_all(ticket)
        self.tick(now)
        self._fit_height(layout.totalSizeHint().width())

    # ------------------------------------------------------------------ geometry

    def content_height(self, width: int) -> int:
        """The height the card needs at `width`: its text wrapped, nothing cut."""
        layout = self._body_layout
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def _fit_height(self, width: int | None = None) -> None:
        """Make the card exactly as tall as its wrapped content at its width.

        Why not let the lane's layout ask each card for its height-for-width: Qt then
        re-wraps the text of *every* card in the lane on each change, so one new order cost
        ~100 ms with 150 tickets in a lane. With a fixed height per card the lane's layout
        pass is ~0.5 ms whatever the lane's length; only the changed card re-wraps.
        """
        width = self.width() if width is None else width
        height = self.content_height(width)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)
        self._body.setGeometry(0, 0, width, height)

    def sizeHint(self) -> QSize:
        return QSize(self._body_layout.totalSizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._body_layout.totalMinimumSize().width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()
        else:
            self._body.setGeometry(0, 0, self.width(), self.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the content changed size
            self._fit_height()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ model → view

    @property
    def order_id(self) -> str:
        return self.ticket.order_id

    def set_ticket(self, ticket: Ticket, now: datetime) -> None:
        """Show a newer version of the ticket; only changed parts are re-rendered."""
        old, self.ticket = self.ticket, ticket
        if ticket.status is not old.status:
            self.busy_action = None  # our action (or someone else's) has landed
            self.set_error(None)
            self._render_buttons(ticket)
        if ticket.detail is not old.detail:
            self._render_items(ticket)
            self._render_note(ticket)
        if ticket.order_number != old.order_number:
            self._render_number(ticket)
        self._render_meta(ticket)
        self.tick(now)

    def tick(self, now: datetime) -> bool:
        """Refresh the age/ETA text and level; returns True if anything visible changed."""
        level, text, eta = clock_texts(self.ticket, now, self._theme, self._thresholds)
        changed = False
        if text != self._timer_text:
            self._timer_text = text
            self.timer_label.setText(text)
            changed = True
        if eta != self._eta_text:
            self._eta_text = eta
            self.eta_label.setText(eta)
            self.eta_label.setVisible(bool(eta))
            changed = True
        if level is not self.level:
            self.level = level
            self.update()
            changed = True
        return changed

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on its button and block every button (no double-fire)."""
        self.busy_action = action
        self._buttons.set_busy(action)

    def set_error(self, text: str | None) -> None:
        """Show the server's text for a failed action on the ticket (None hides it)."""
        if text:
            self.error_label.setText(f"⚠ {text}")
            self.error_label.show()
        else:
            self.error_label.hide()
            self.error_label.clear()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def set_flashing(self, flashing: bool) -> None:
        if flashing != self.flashing:
            self.flashing = flashing
            self._flash_on = flashing
            self.update()

    def set_flash_phase(self, on: bool) -> None:
        """Called by the board's flash clock; repaints only a flashing ticket."""
        if self.flashing and on != self._flash_on:
            self._flash_on = on
            self.update()

    def button(self, action: Action) -> QPushButton | None:
        """The button for `action` if the ticket currently shows it (tests, keyboard)."""
        return self._buttons.button(action)

    # ------------------------------------------------------------------ rendering

    def _render_all(self, ticket: Ticket) -> None:
        self._render_number(ticket)
        self._render_meta(ticket)
        self._render_items(ticket)
        self._render_note(ticket)
        self._render_buttons(ticket)

    def _render_number(self, ticket: Ticket) -> None:
        self.number_label.setText(f"#{short_number(ticket.order_number)}")
        self.number_label.setToolTip(ticket.order_number)

    def _render_meta(self, ticket: Ticket) -> None:
        text = meta_html(ticket, self._theme.badge_bg, self._theme.muted_text)
        if text != self.meta_label.text():
            self.meta_label.setText(text)

    def _render_items(self, ticket: Ticket) -> None:
        self.items_label.setText(items_html(ticket, self._theme.muted_text))

    def _render_note(self, ticket: Ticket) -> None:
        note = note_html(ticket.note, self._theme.allergy)
        if note:
            self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _render_buttons(self, ticket: Ticket) -> None:
        self._buttons.show_for(ticket.status, enabled=self.busy_action is None)

    # ------------------------------------------------------------------ events

    def _on_button_clicked(self) -> None:
        button = self.sender()
        value = button.property("action") if button is not None else None
        if self.busy_action is not None or not value:  # a disabled button cannot click, but…
            return
        action = Action(value)
        if action.needs_eta or action.takes_reason:
            self.action_requested.emit(self.order_id, action.value)
        else:
            self.step_requested.emit(ActionRequest(self.order_id, action))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit(self.order_id)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The card behind the labels: background, level-coloured border and stripe, selection.

        Painted rather than styled, so a flash phase or a selection change is a cheap
        `update()` of one widget, not a style-sheet re-polish of the card and all its labels.
        """
        theme, selected = self._theme, self.selected
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.flashing and self._flash_on:
            background = theme.flash
        elif selected:
            background = theme.ticket_selected
        else:
            background = theme.ticket
        border = theme.level_colour(self.level)
        width = 8 if selected else 4
        rect = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.setPen(QPen(QColor(theme.accent if selected else border), width))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 10, 10)
        # a level stripe on the left: the colour cue, repeated by the icon + words in the timer
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(border))
        painter.drawRoundedRect(QRectF(width, width, 8, rect.height() - width), 3, 3)
        painter.end()

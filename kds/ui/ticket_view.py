"""`TicketView`: one order on the rush board, readable from two metres, one tap to move it on.

The card has a head — short number, status (icon + word on its colour), age timer, payment,
the step button and "more" — and under it the order's lines and note as separate labels
("units"), so a ticket taller than a column can show its first units here and hand the rest
to `TicketContinuation` cards. The board measures a card (`measure`) and tells it how many
units to show and how tall to be (`place`); the card positions its children itself rather
than through a layout, so moving or resizing one card never re-wraps another. What is under
the status band down to the lines — number, clock, step row, held steps — is one widget,
`TicketHead`, which also decides the step the button offers and what a tap asks for.

`set_ticket` touches only the labels whose content changed; `tick` rewrites the timer text
(`ticket_clock`) only when the displayed second or level changes.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QPushButton, QWidget

from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep
from kds.core.ticket import Ticket
from kds.core.timers import DEFAULT_THRESHOLDS, TimerLevel, TimerThresholds
from kds.ui.density import Density
from kds.ui.flow import Block
from kds.ui.line_text import EXPO_PLACEMENT, ITEMS, NOTE, Placement, Unit, ticket_units
from kds.ui.styled_text import StyledText
from kds.ui.text import band_meta_text, long_number_text, status_chip
from kds.ui.theme import DARK, Theme
from kds.ui.ticket_card import (
    STRIPE,
    CardState,
    StatusBand,
    band_height,
    inner_width,
    paint_card,
    place_units,
    relabel_units,
)
from kds.ui.ticket_head import TicketHead
from kds.ui.ticket_requests import TicketRequests

__all__ = ["UNIT_SPACING", "TicketView"]

UNIT_SPACING = 3


class TicketView(TicketRequests):
    """Renders one `Ticket` as the first (or only) card of its flow.

    Signals:
        the requests of its buttons (`TicketRequests`: step, action, more, eta, undo, done,
            cancel held), and
        tapped(order_id): the card itself was tapped (select, acknowledge the alert).

    Attributes:
        ticket: the ticket shown.
        level: the timer level at the last tick.
        busy_action: the action in flight, or None.
        state: the frame's look, shared with the ticket's continuation cards.
        band: the status band's labels (position, status, payment).
        head: the number, clock, step row and held steps (`TicketHead`, the step's logic).
        units: the line and note labels (those past `shown` are in continuations).
    """

    tapped = Signal(str)

    def __init__(
        self,
        ticket: Ticket,
        now: datetime,
        theme: Theme = DARK,
        thresholds: TimerThresholds = DEFAULT_THRESHOLDS,
        density: Density = Density.COMFORTABLE,
        parent: QWidget | None = None,
        placement: Placement = EXPO_PLACEMENT,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self.placement = placement
        self._thresholds = thresholds
        metrics = density.metrics
        self._margin = metrics.margin
        self._long_number = metrics.long_number
        self.state = CardState()
        self._measured: tuple[int, int, Block] | None = None
        self._band = 0  # the status band's height at the measured width
        self.shown = 0
        self.digits = 4
        self.clipped = False

        # The status band (painted in the status colour): icon + word left, payment right.
        self.band = StatusBand(self, band_height(theme))
        self.position_label, self.status_chip = self.band.position, self.band.status
        self.meta_label = self.band.meta
        # Under it: the number, the age over the ETA, the step row and the held steps.
        self.head = TicketHead(self, ticket.order_id, ticket.status, theme, thresholds, density)
        self.number_label, self.error_label = self.head.number, self.head.error
        self.clock, self._buttons = self.head.clock, self.head.buttons
        self.timer_label, self.eta_label = self.clock.timer, self.clock.eta
        self.held_strip = self.head.held_strip
        self._buttons.set_station_mode(placement.station is not None)
        self.ensurePolished()
        self.clock.fix_sizes()
        self.units: list[StyledText] = []
        self.units_version = 0

        self.ticket = ticket
        self._render_all(ticket)
        self.tick(now)

    # ------------------------------------------------------------------ geometry

    def _inner(self, width: int) -> int:
        return inner_width(width, self._margin)

    def min_width(self) -> int:
        """The narrowest card whose number, timer and step row are not squeezed."""
        return self.head.min_width() + self._margin * 2 + STRIPE

    def measure(self, width: int) -> Block:
        """The card's head and unit heights at column `width`, measured once per width and
        content (`_content_changed` forgets them): the board asks every card on each change.

        Why cached: asking a rich-text label its height lays its text out again and repaints
        it, and even the head's layout costs ~20 µs a card, 6 ms a change on a board of 300
        (`TicketHead.height_for` says why it lays the head out afresh).
        """
        if self._measured is None or self._measured[0] != width:
            inner = self._inner(width)
            head_h = self.head.height_for(inner)
            band = self.band.height(inner)
            units = tuple(label.heightForWidth(inner) + UNIT_SPACING for label in self.units)
            block = Block(self.order_id, self._margin + band + 4 + head_h + UNIT_SPACING, units)
            self._measured = (width, band, block)
        _, self._band, block = self._measured
        return block

    @property
    def padding(self) -> int:
        """The card's bottom margin (the planner adds it once per card)."""
        return self._margin

    def place(self, width: int, height: int, shown: int, clipped: bool = False) -> None:
        """Be `width` × `height` and show the head and the first `shown` units."""
        block = self.measure(width)
        inner = self._inner(width)
        if self.width() != width or self.height() != height:
            self.setFixedSize(width, height)
        left, top = self._margin + STRIPE, self._margin
        band = self._band
        self.band.place(left, top, inner, band)
        self.state.band_bottom = top + band + 2
        head_top = top + band + 4
        self.head.setGeometry(left, head_top, inner, block.head - head_top - UNIT_SPACING)
        for i, label in enumerate(self.units):
            label.setVisible(i < shown)
        heights = [h - UNIT_SPACING for h in block.units[:shown]]
        place_units(self.units[:shown], heights, block.head, left, inner, UNIT_SPACING)
        self.shown = shown
        if clipped != self.clipped:
            self.clipped = clipped
            self.update()

    def _content_changed(self) -> None:
        self._measured = None

    @property
    def needs_measure(self) -> bool:
        """Its size may have changed since the board last planned it (an ETA line came)."""
        return self._measured is None

    # ------------------------------------------------------------------ model → view

    @property
    def order_id(self) -> str:
        return self.ticket.order_id

    @property
    def level(self) -> TimerLevel:
        return self.state.level

    @property
    def selected(self) -> bool:
        return self.state.selected

    @property
    def flashing(self) -> bool:
        return self.state.flashing

    def set_ticket(self, ticket: Ticket, now: datetime) -> None:
        """Show a newer version of the ticket; only changed parts are re-rendered."""
        old, self.ticket = self.ticket, ticket
        if ticket.status is not old.status:
            self.head.busy_action = None  # our action (or someone else's) has landed
            self.set_error(None)
            self._render_status(ticket)
        if ticket.detail is not old.detail:
            self._render_units(ticket)
        if ticket.order_number != old.order_number:
            self._render_number(ticket)
        self._render_meta(ticket)
        self.tick(now)

    def set_placement(self, placement: Placement) -> bool:
        """Place the lines by another menu, sold-out set or station; True if the lines shown
        changed (the board must measure and plan again)."""
        if placement == self.placement:
            return False
        station_changed = placement.station != self.placement.station
        self.placement = placement
        if station_changed:
            self._buttons.set_station_mode(placement.station is not None)
            self._render_status(self.ticket)
        return self._render_units(self.ticket)

    def set_position(self, position: int | None) -> None:
        """Show the ticket's number on the page (digits on a bump bar pick it)."""
        self.band.show_position(position)

    def set_pending(self, seconds: int | None) -> None:
        """Show the step waiting out its undo window (`seconds` left), or the step again."""
        self._buttons.set_pending(seconds)

    def set_held(self, held: tuple[HeldStep, ...], offline: bool) -> None:
        """Show the order's steps kept for the server (empty: none), and offer the step after
        the last of them; `offline` words the wait ("sends when back online")."""
        if self.head.show_held(held, offline):
            self._content_changed()  # the strip's text and button take height: never clip

    @property
    def working_status(self) -> OrderStatus:
        """Where the cook works the order from: after its held steps, else its own status."""
        return self.head.working_status

    @property
    def busy_action(self) -> Action | None:
        """The action in flight, or None."""
        return self.head.busy_action

    @property
    def step_action(self) -> Action | None:
        """The step the step button offers now (a bump key takes the same one)."""
        return self._buttons.action

    @property
    def undo_button(self) -> QPushButton:
        return self._buttons.undo

    def set_digits(self, digits: int) -> None:
        """Show `digits` digits of the order number (more when two open orders share four)."""
        if digits != self.digits:
            self.digits = digits
            self._render_number(self.ticket)

    def tick(self, now: datetime) -> bool:
        """Refresh the age/ETA text and level; returns True if anything visible changed."""
        level, changed, resized = self.clock.show(self.ticket, now)
        if resized:  # the ETA line came or went: measure again
            self._content_changed()
        if level is not self.state.level:
            self.state.level = level
            self.update()
            changed = True
        return changed

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on its button and block every button (no double-fire)."""
        self.head.set_busy(action)

    def set_error(self, text: str | None) -> None:
        """Show the server's text for a failed action on the ticket (None hides it)."""
        if self.head.show_error(text):
            self._content_changed()

    def set_selected(self, selected: bool) -> None:
        if selected != self.state.selected:
            self.state.selected = selected
            self.update()

    def set_flashing(self, flashing: bool) -> None:
        if flashing != self.state.flashing:
            self.state.flashing = flashing
            self.state.flash_on = flashing
            self.update()

    def set_flash_phase(self, on: bool) -> bool:
        """Called by the board's flash clock; True if this card must repaint."""
        if self.state.flashing and on != self.state.flash_on:
            self.state.flash_on = on
            self.update()
            return True
        return False

    def button(self, action: Action) -> QPushButton | None:
        """The step button if `action` is the ticket's step now (tests, keyboard)."""
        return self._buttons.button(action)

    @property
    def primary_button(self) -> QPushButton | None:
        """The big button the ticket shows (its step, or "Done here" on a station)."""
        return self._buttons.primary

    @property
    def more_button(self) -> QPushButton:
        return self._buttons.more

    @property
    def other_actions(self) -> tuple[Action, ...]:
        """What "more" offers besides the step (Reject, Cancel)."""
        return self._buttons.others

    @property
    def line_labels(self) -> list[StyledText]:
        """The item-line labels (not the note), in the order shown."""
        return [label for label in self.units if label.objectName() == ITEMS]

    @property
    def note_label(self) -> StyledText | None:
        return next((u for u in self.units if u.objectName() == NOTE), None)

    # ------------------------------------------------------------------ rendering

    def _render_all(self, ticket: Ticket) -> None:
        self._render_number(ticket)
        self._render_status(ticket)
        self._render_meta(ticket)
        self._render_units(ticket)

    def _render_number(self, ticket: Ticket) -> None:
        self.head.show_number(ticket.order_number, self.digits)
        self._content_changed()

    def _render_status(self, ticket: Ticket) -> None:
        self.status_chip.setText(status_chip(ticket.status))
        self.state.band = self._theme.status_colour(ticket.status)
        self._content_changed()
        self.update()
        self.head.show_status(ticket.status)

    def _render_meta(self, ticket: Ticket) -> None:
        text = band_meta_text(ticket)
        if self._long_number:  # secondary: after the payment
            text = f"{text}  {long_number_text(ticket.order_number)}".strip()
        if text != self.meta_label.text():
            self.meta_label.setText(text)
            self._content_changed()

    def _render_units(self, ticket: Ticket) -> bool:
        """Show the ticket's lines and note; False (nothing touched) if they say the same."""
        units = ticket_units(ticket, self.placement)
        if [label.unit for label in self.units] == units:
            return False
        self.units = relabel_units(self.units, units, self._theme, self)
        self.units_version += 1  # continuation cards showing the old units must be rebuilt
        self.shown = 0
        self._content_changed()
        return True

    def units_from(self, start: int) -> list[Unit]:
        """The units from `start` on, for a continuation card."""
        return [label.unit for label in self.units[start:]]

    # ------------------------------------------------------------------ events

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit(self.order_id)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_card(self, self._theme, self.state, clipped=self.clipped)

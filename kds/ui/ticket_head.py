"""`TicketHead`: a ticket card's head under its status band — number, clock, step, held steps.

Everything on a card that a cook taps is here: the step button (or "Done here" on a station),
"⋯", Undo while a step waits out its window, and "✕ Cancel …" on steps kept for the server.
So is the step's logic — which step the button offers (the one after the held steps, so a cook
can queue Start, then Ready), blocking it while a call is in flight, and which request a tap
makes — next to the buttons it drives (`TicketButtons`) rather than among the card's labels
and geometry. The card (`TicketView`) lays the head out as one widget and measures it here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kds.core.actions import Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep
from kds.core.timers import TimerThresholds
from kds.ui.density import Density
from kds.ui.held_steps import HeldStepsStrip
from kds.ui.text import long_number_text, short_number
from kds.ui.theme import Theme
from kds.ui.ticket_buttons import TicketButtons
from kds.ui.ticket_clock import ClockLabels
from kds.ui.ticket_requests import TicketRequests
from kds.ui.widgets import display_label, invalidate_tree

__all__ = ["TicketHead"]


class TicketHead(QWidget):
    """The number, and the age (with its level word) over the ETA; then the step row and the
    held steps. Its requests are emitted as `card`'s signals, for order `order_id`.

    Attributes:
        number: the short number ("#1234").
        clock: the age and ETA labels.
        error: the server's text for a failed action (hidden when none).
        buttons: the step, "⋯" and Undo buttons.
        held_strip: the steps kept for the server, with "✕ Cancel …".
        busy_action: the action in flight, or None.
        status: the ticket's own status (`working_status` may be past it).
    """

    def __init__(
        self,
        card: TicketRequests,
        order_id: str,
        status: OrderStatus,
        theme: Theme,
        thresholds: TimerThresholds,
        density: Density,
    ) -> None:
        super().__init__(card)
        self._card = card
        self._order_id = order_id
        self.status = status
        self.busy_action: Action | None = None
        step_height = theme.touch(density.metrics.step_height)
        self.number = display_label("ticketNumber")
        self.clock = ClockLabels(theme, thresholds)
        self.error = display_label("ticketError", wrap=True)
        self.error.hide()
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addLayout(self.clock.column)
        steps = QHBoxLayout()
        steps.setSpacing(8)
        self.buttons = TicketButtons(
            steps,
            self._on_step_clicked,
            self._on_more_clicked,
            lambda: card.undo_requested.emit(order_id),
            step_height,
            on_long_press=lambda: card.eta_requested.emit(order_id),
        )
        # Steps kept for the server (issue 18): shown under the step row; the step button
        # offers the one after them (`_projected`), so a cook can queue Start, then Ready.
        self.held_strip = HeldStepsStrip(step_height)
        self.held_strip.cancel_requested.connect(lambda: card.cancel_held_requested.emit(order_id))
        self._projected: OrderStatus | None = None
        for widget in (
            self.number,
            self.buttons.step,
            self.buttons.more,
            self.buttons.undo,
            self.held_strip.cancel_button,
        ):
            widget.setProperty("density", density.value)  # the style sheet sizes them
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(steps)
        layout.addWidget(self.held_strip)
        self._layout = layout

    # ------------------------------------------------------------------ size

    def min_width(self) -> int:
        """The narrowest head whose number, timer and step row are not squeezed."""
        return self._layout.totalMinimumSize().width()

    def height_for(self, inner: int) -> int:
        """The head's height at text width `inner`.

        The head's layouts are invalidated first, nested ones too: a card off the page is
        hidden, and Qt does not tell a hidden widget's layouts that a child changed size (an
        ETA line came); a stale one made a card a pixel short and cut its step button.
        """
        layout = self._layout
        invalidate_tree(layout)
        height = layout.totalHeightForWidth(inner) if layout.hasHeightForWidth() else -1
        return max(height, layout.totalSizeHint().height())

    def show_error(self, text: str | None) -> bool:
        """Show the server's text for a failed action (None hides it); True if the line came
        or went (the head's height changed)."""
        resized = bool(text) != self.error.isVisibleTo(self)
        if text:
            self.error.setText(f"⚠ {text}")
            self.error.show()
        else:
            self.error.hide()
            self.error.clear()
        return resized

    def show_number(self, order_number: str, digits: int) -> None:
        self.number.setText(f"#{short_number(order_number, digits)}")
        self.number.setToolTip(long_number_text(order_number))

    # ------------------------------------------------------------------ the step

    @property
    def working_status(self) -> OrderStatus:
        """Where the cook works the order from: after its held steps, else its own status."""
        return self._projected or self.status

    def show_status(self, status: OrderStatus) -> None:
        """The ticket's own status: the step it offers (unless held steps are past it)."""
        self.status = status
        self.show_step()

    def show_held(self, held: tuple[HeldStep, ...], offline: bool) -> bool:
        """Show the order's steps kept for the server (empty: none), and offer the step after
        the last of them; True if the strip's size changed (the card must measure again)."""
        resized = self.held_strip.show_held(held, offline)
        projected = held[-1].step.action.target if held else None
        if projected is not self._projected:
            self._projected = projected
            self.show_step()
        return resized

    def show_step(self) -> None:
        self.buttons.show_for(self.working_status, enabled=self.busy_action is None)

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on its button and block every button (no double-fire)."""
        self.busy_action = action
        self.buttons.set_busy(action)

    def _on_step_clicked(self) -> None:
        """The step: sent after its undo window (the page decides); tapped while it waits,
        sent at once (the same signal: the window knows it waits)."""
        if self.buttons.station:
            self._card.done_requested.emit(self._order_id)
            return
        action = self.buttons.action
        if self.busy_action is not None or action is None:  # a disabled button cannot click…
            return
        if action.needs_eta or action.takes_reason:
            self._card.action_requested.emit(self._order_id, action.value)
        else:
            self._card.step_requested.emit(ActionRequest(self._order_id, action))

    def _on_more_clicked(self) -> None:
        if self.busy_action is None:
            self._card.more_requested.emit(self._order_id)

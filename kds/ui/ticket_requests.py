"""`TicketRequests`: what a cook asks of a ticket, as signals of the widget it was asked on.

A `TicketView` emits them when its buttons are tapped; `BoardView` emits the same ones for
every ticket it shows (it forwards each card's, signal to signal), so the page listens to the
board once rather than to each card. One declaration serves both, so a request a card gains
is on the board too, under the same name and arguments.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

__all__ = ["TicketRequests"]


class TicketRequests(QWidget):
    """A widget on which a ticket's steps are asked for.

    Signals:
        step_requested(ActionRequest): the step was tapped and needs no input (Start, Ready,
            Handed over): it goes straight to the session.
        action_requested(order_id, action): the step was tapped and needs an argument the page
            supplies (Accept: the default ETA).
        more_requested(order_id): "⋯" was tapped (other ETA, reject, cancel).
        eta_requested(order_id): Accept was held: the ETA presets instead of the default.
        undo_requested(order_id): "Undo" was tapped while the step waits out its window.
        done_requested(order_id): "Done here" was tapped on a station screen.
        cancel_held_requested(order_id): "✕ Cancel …" was tapped on its latest held step.
    """

    step_requested = Signal(object)
    action_requested = Signal(str, str)
    more_requested = Signal(str)
    eta_requested = Signal(str)
    undo_requested = Signal(str)
    done_requested = Signal(str)
    cancel_held_requested = Signal(str)

    def forward_requests(self, card: TicketRequests) -> None:
        """Emit every request `card` emits as this widget's own (signal to signal: no code of
        ours runs in between)."""
        card.step_requested.connect(self.step_requested)
        card.action_requested.connect(self.action_requested)
        card.more_requested.connect(self.more_requested)
        card.eta_requested.connect(self.eta_requested)
        card.undo_requested.connect(self.undo_requested)
        card.done_requested.connect(self.done_requested)
        card.cancel_held_requested.connect(self.cancel_held_requested)

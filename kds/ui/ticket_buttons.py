"""A ticket's controls: one big primary step, a small "more" for everything else, and Undo.

The step a cook takes fifty times a shift (Accept, Start, Ready, Handed over) is one large
button in the same place on every card. Reject, Cancel and an ETA other than the default
live behind "⋯" (they open a confirming dialog): never the same size or place as the step,
so a wet finger cannot reject an order while reaching for Accept. While a tapped step waits
out its undo window, Undo takes the place of "more" and the step counts down.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from kds.app.i18n import translate
from kds.app.step_words import step_name
from kds.core.actions import ACTIONS_FOR_STATUS, Action, next_step
from kds.core.orders import OrderStatus
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.actions import busy_text
from kds.ui.fit_button import FitButton
from kds.ui.widgets import touch_button, touch_sized

__all__ = ["DONE_HERE_TEXT", "LONG_PRESS_MS", "MORE_TEXT", "TicketButtons"]

MORE_TEXT = "⋯"
DONE_HERE_TEXT = QT_TRANSLATE_NOOP("TicketButtons", "✓ Done here")
"""A station screen's step: this station's part of the order is made (the order's own steps
stay with the expo view). English source: shown through `translate`."""
UNDO_ICON = "↶"
"""Undo's wording where even its word does not fit beside the step's name."""
LONG_PRESS_MS = 600
"""Holding Accept this long opens the ETA presets (Reject and Cancel stay behind "⋯")."""


class TicketButtons:
    """The step and "more" buttons of one ticket, in `row`.

    The step button carries its `Action` value in the Qt property ``action``; a click goes to
    `on_step`, a slot of the ticket that reads it from the sender. "More" calls `on_more`.
    """

    def __init__(
        self,
        row: QHBoxLayout,
        on_step: Callable[[], None],
        on_more: Callable[[], None],
        on_undo: Callable[[], None],
        height: int,
        on_long_press: Callable[[], None] = lambda: None,
    ) -> None:
        self._row = row
        self.step = touch_sized(FitButton(), name="step", role="primary", height=height)
        self.step.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the board, not the button
        self._on_step = on_step
        self._on_long_press = on_long_press
        self._held: QTimer | None = None  # made on the first press: most tickets never need one
        self._long_pressed = False
        self.step.pressed.connect(self._on_pressed)
        self.step.released.connect(self._on_released)
        self.step.clicked.connect(self._on_clicked)
        self.more = touch_button(MORE_TEXT, name="more", height=height)
        self.more.setFixedWidth(height)
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.setToolTip(
            translate("TicketButtons", "More: other ETA, reject, cancel, an item sold out")
        )
        self.more.clicked.connect(on_more)
        self.undo = touch_sized(FitButton(), name="undo", height=height)
        self.undo.set_texts(translate("TicketButtons", "↶ Undo"), UNDO_ICON)
        self.undo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo.clicked.connect(on_undo)
        self.undo.hide()
        # While a step waits, the row is the step and Undo, three parts to two: the countdown
        # says the step has not gone yet, so it comes before Undo's word — where the row is
        # short, Undo is its arrow alone, then the step its name alone (`FitButton`: never a
        # cut word; Vietnamese runs longer, issue 20).
        row.addWidget(self.step, 3)
        row.addWidget(self.more, 0)
        row.addWidget(self.undo, 2)
        self.waiting: int | None = None
        self.action: Action | None = None
        self.others: tuple[Action, ...] = ()
        self.station = False  # a station screen: "Done here" instead of the order's steps

    def set_station_mode(self, on: bool) -> None:
        self.station = on

    def _on_pressed(self) -> None:
        """Held on Accept: the ETA presets instead of the default ETA (one gesture away)."""
        self._long_pressed = False
        if self.action is Action.ACCEPT and self.waiting is None:
            if self._held is None:
                self._held = QTimer(self.step)
                self._held.setSingleShot(True)
                self._held.setInterval(LONG_PRESS_MS)
                self._held.timeout.connect(self._on_held)
            self._held.start()

    def _on_held(self) -> None:
        self._long_pressed = True
        self._on_long_press()

    def _on_released(self) -> None:
        if self._held is not None:
            self._held.stop()

    def _on_clicked(self) -> None:
        if self._long_pressed:  # the press already asked for the ETA presets
            self._long_pressed = False
            return
        self._on_step()

    def show_for(self, status: OrderStatus, enabled: bool) -> None:
        """Show the step `status` allows; "more" when anything else is allowed. On a station
        screen: "Done here", and "more" for its items' sold-out marks only."""
        if self.station:
            self.action, self.others = None, ()
            self.step.setProperty("action", "done_here")
            self.step.set_texts(translate("TicketButtons", DONE_HERE_TEXT))
            self.step.setEnabled(True)
            self.step.show()
            self.more.show()  # an item's "86" (the order's own steps stay with the expo)
            self.more.setEnabled(True)
            return
        self.action = next_step(status)
        self.others = tuple(a for a in ACTIONS_FOR_STATUS.get(status, ()) if a is not self.action)
        if self.action is None:
            self.step.hide()
        else:
            self.step.setProperty("action", self.action.value)
            self.step.set_texts(step_name(self.action))
            self.step.setEnabled(enabled)
            self.step.show()
        self.more.setEnabled(enabled)
        self._show_waiting()  # a step still in its undo window keeps its countdown and Undo

    def set_pending(self, seconds: int | None) -> None:
        """While the step waits out its undo window: "Ready · 4 s" (tap: send now) and Undo
        beside it, in the place of "more"."""
        if seconds == self.waiting:
            return
        self.waiting = seconds
        self._show_waiting()

    def _show_waiting(self) -> None:
        seconds = self.waiting
        label = step_name(self.action) if self.action is not None else ""
        if self.undo.isHidden() == (seconds is not None):  # Undo comes or goes: lay the row
            self.undo.setVisible(seconds is not None)  # out now, so the wording chosen below
            self.more.setVisible(seconds is None)  # fits the step's new width, not its old one
            self._row.activate()
        if seconds is None:
            self.step.set_texts(label)
        else:  # the countdown where it fits beside Undo, else the step's name alone
            countdown = translate("TicketButtons", "{step} · {seconds} s")
            self.step.set_texts(countdown.format(step=label, seconds=seconds), label)

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on the step and block both buttons (no double-fire)."""
        self.step.setEnabled(action is None)
        self.more.setEnabled(action is None)
        if self.action is not None:
            busy = action is self.action
            self.step.set_texts(busy_text(self.action) if busy else step_name(self.action))

    @property
    def primary(self) -> QPushButton | None:
        """The big button if the ticket shows one (its step, or "Done here")."""
        return self.step if self.station or self.action is not None else None

    def button(self, action: Action) -> QPushButton | None:
        """The step button if `action` is the step the ticket shows now."""
        return self.step if action is not None and action is self.action else None

"""The one-tap step buttons under a ticket: which a status shows, where they sit, busy or not.

Kept out of `TicketView` because it is the one part of a card whose shape follows the order's
status, and the part a denser layout will rearrange. Buttons are made on first need and then
reused (hidden, moved), so a status change never creates or destroys widgets it had before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy

from kds.core.actions import ACTIONS_FOR_STATUS, Action
from kds.core.orders import OrderStatus
from kds.ui.actions import BUSY_LABELS, LABELS
from kds.ui.widgets import touch_button

__all__ = ["TicketButtons"]

_PRIMARY = (Action.ACCEPT, Action.START, Action.READY)
_DANGER = (Action.REJECT, Action.CANCEL)


class TicketButtons:
    """The buttons of one ticket, laid out in `grid`.

    Each button carries its `Action` value in the Qt property ``action``; a click goes to
    `on_clicked`, a slot of the ticket that reads it from the sender.
    """

    def __init__(self, grid: QGridLayout, on_clicked: Callable[[], None]) -> None:
        self._grid = grid
        self._on_clicked = on_clicked
        self._buttons: dict[Action, QPushButton] = {}
        self._shown: tuple[Action, ...] = ()

    def show_for(self, status: OrderStatus, enabled: bool) -> None:
        """Show the steps `status` allows (no-op if they are the ones already shown)."""
        actions = ACTIONS_FOR_STATUS.get(status, ())
        if actions == self._shown:
            return
        for button in self._buttons.values():
            button.hide()
        # Three buttons do not fit a 1024-px-wide screen's lane side by side: the main step
        # then gets a full-width row of its own, the others share the row below.
        positions = (
            [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]
            if len(actions) == 3
            else [(0, i, 1, 1) for i in range(len(actions))]
        )
        for action, (row, col, rows, cols) in zip(actions, positions, strict=True):
            button = self._buttons.get(action) or self._make(action)
            self._grid.removeWidget(button)
            self._grid.addWidget(button, row, col, rows, cols)
            button.setEnabled(enabled)
            button.setText(LABELS[action])
            button.show()
        self._shown = actions

    def set_busy(self, action: Action | None) -> None:
        """Show the call in flight on its button and block every button (no double-fire)."""
        for act, button in self._buttons.items():
            button.setEnabled(action is None)
            button.setText(BUSY_LABELS[act] if act is action else LABELS[act])

    def button(self, action: Action) -> QPushButton | None:
        """The button for `action` if it is currently shown."""
        return self._buttons.get(action) if action in self._shown else None

    def _make(self, action: Action) -> QPushButton:
        role = "primary" if action in _PRIMARY else "danger" if action in _DANGER else ""
        button = touch_button(LABELS[action], name=f"action_{action.value}", role=role)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the board, not the button
        button.setProperty("action", action.value)
        button.clicked.connect(self._on_clicked)
        self._buttons[action] = button
        return button

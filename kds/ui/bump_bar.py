"""`BumpBar`: what a key-map command does on the rush board (a USB bump bar is a keyboard).

Each ticket on the page shows its position number; digits pick it — two digits typed within
`DIGIT_WINDOW_S` make one number, for 10 and up — Enter (the bump) sends its step through the
undo window (bump again: sent at once), a key takes back the latest waiting step, and two keys
turn the page. Every key is in the ``[keys]`` map (`keymap.DEFAULT_KEYS`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from kds.app.step_window import StepWindow
from kds.core.actions import Action
from kds.ui.board_view import BoardView

__all__ = ["DIGIT_WINDOW_S", "BumpBar"]

DIGIT_WINDOW_S = 1.0
_MOVES = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}


class BumpBar:
    """Runs key-map commands against a board view and its step window.

    Args:
        request_step: asks for an action on an order as a tap would (`BoardPage`).
        acknowledge: silences an order's alert.
        extra: other commands by name (recall, all-day, mute), each a callable.
    """

    def __init__(
        self,
        view: BoardView,
        steps: StepWindow,
        request_step: Callable[[str, Action], None],
        acknowledge: Callable[[str], None],
        extra: Mapping[str, Callable[[], object]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._view = view
        self._steps = steps
        self._request_step = request_step
        self._acknowledge = acknowledge
        self._extra = extra
        self._clock = clock
        self._last_digit: tuple[int, float] | None = None

    def run(self, command: str) -> bool:
        """Run a key-map command; False if it does not apply here."""
        view = self._view
        if command in _MOVES:
            view.move_selection(*_MOVES[command])
        elif command.startswith("select_"):
            self._digit(int(command.removeprefix("select_")))
        elif command in ("bump", "bump_alt", "acknowledge", "cancel_order"):
            return self._on_selected(command)
        elif command == "undo":
            return self._steps.undo_latest()
        elif command == "next_page":
            view.next_page()
        elif command == "previous_page":
            view.previous_page()
        elif command in self._extra:
            self._extra[command]()
        else:
            return False
        return True

    def _digit(self, digit: int) -> None:
        """One digit picks that ticket; a second within the window makes a two-digit number."""
        now = self._clock()
        last, self._last_digit = self._last_digit, (digit, now)
        count = len(self._view.page_ids())
        if last is not None and now - last[1] <= DIGIT_WINDOW_S:
            number = last[0] * 10 + digit
            if 10 <= number <= count:
                self._last_digit = None
                self._view.select_number(number)
                return
        self._view.select_number(digit)

    def _on_selected(self, command: str) -> bool:
        order_id = self._view.selected_id
        ticket = self._view.ticket_view(order_id) if order_id else None
        if ticket is None:
            return False
        self._acknowledge(ticket.order_id)
        if command == "acknowledge":
            return True
        if ticket.placement.station is not None:  # a station bumps its part: "done here"
            if command != "cancel_order":
                ticket.done_requested.emit(ticket.order_id)
            return True
        step = Action.CANCEL if command == "cancel_order" else ticket.step_action
        if step is not None:
            self._request_step(ticket.order_id, step)
        return True

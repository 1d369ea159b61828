"""`KeptSteps`: the board page's side of the steps the session keeps for the server (issue 18).

The session (`SessionApi.steps`, a `StepsApi`) keeps each step that left its undo window until
the server applies it, and says when an order's kept ("held") steps change. This controller
turns that into the screen: the order's ticket shows its held steps and offers the step after
them, the header counts them, a ticket's "✕ Cancel …" takes the latest back, and steps another
user left are put to whoever is signed in. It also gives the page's confirming dialogs (another
ETA, Reject, Cancel) the same tap path as the step button (`take`), so they are kept too when
the server cannot be reached.

Why a controller of its own rather than more page code: the page already wires a dozen parts;
this is one concern with one set of signals, and it can be tested without the page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from kds.app.i18n import translate
from kds.app.step_window import StepWindow
from kds.app.step_words import step_name
from kds.core.actions import ActionRequest
from kds.core.step_queue import QueuedStep
from kds.ui.board_view import BoardView
from kds.ui.header import HeaderBar
from kds.ui.kept_step_dialogs import ForeignStepsDialog
from kds.ui.session_api import SessionApi

__all__ = ["KeptSteps"]


class KeptSteps(QObject):
    """Wires `session.steps` to the board, the header and the undo window.

    Args:
        session: the signed-in session (its `steps` and `take_step`).
        board_view: shows each order's held steps (`BoardView.set_held`).
        header: counts them (`HeaderBar.set_held_count`).
        window: the undo window; rechecked when an order's held steps change, since a
            cancelled held step can leave the step waiting there without its start.
        open_dialog: shows a dialog where the page shows its others (one at a time).
        label_of: an order's label as the cook reads it ("#1234").
        clock: the wall clock (UTC): a confirmed dialog's step is tapped now.
        notice: shows a notice (level, text) in the page's notice strip.
        dialog_parent: the dialogs' parent widget.

    Attributes:
        offline: the connection is not "connected" (held steps wait for it).
        foreign_dialog: the open "steps left by another user" question, or None.
    """

    def __init__(
        self,
        session: SessionApi,
        board_view: BoardView,
        header: HeaderBar,
        window: StepWindow,
        open_dialog: Callable[[QDialog], None],
        label_of: Callable[[str], str],
        clock: Callable[[], datetime],
        notice: Callable[[str, str], None],
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._steps = session.steps
        self._board_view = board_view
        self._header = header
        self._window = window
        self._open_dialog = open_dialog
        self._label_of = label_of
        self._clock = clock
        self._notice = notice
        self._dialog_parent = dialog_parent
        self.offline = header.state != "connected"
        self.foreign_dialog: ForeignStepsDialog | None = None
        self._steps.changed.connect(self.refresh)
        self._steps.count_changed.connect(header.set_held_count)
        self._steps.foreign_found.connect(self.ask_about_foreign)
        board_view.cancel_held_requested.connect(self.cancel_latest)
        # Another restaurant's board: its held steps (and none of the last one's) are shown.
        session.restaurant_selected.connect(lambda _rid, _name: self.refresh_all())
        header.set_held_count(self._steps.count())
        self.refresh_all()

    # ------------------------------------------------------------------ session → screen

    def refresh(self, order_id: str) -> None:
        """The order's held steps changed: show them, and recheck the step in its window."""
        self._board_view.set_held(order_id, self._steps.held(order_id), self.offline)
        self._window.recheck(order_id)

    def refresh_all(self) -> None:
        """Show every held step again (the words depend on the connection; shown ones that
        are no longer held are cleared)."""
        ids = self._board_view.held_ids() | {h.step.order_id for h in self._steps.all_held()}
        for order_id in sorted(ids):
            self._board_view.set_held(order_id, self._steps.held(order_id), self.offline)

    def set_connection(self, state: str) -> None:
        """The page's connection state changed: held steps say "sends when back online" while
        it is anything but "connected"."""
        offline = state != "connected"
        if offline != self.offline:
            self.offline = offline
            self.refresh_all()

    def ask_about_foreign(self, steps: object) -> None:
        """`foreign_found`: steps another user left here; the signed-in user decides."""
        listed = steps if isinstance(steps, tuple | list) else ()
        left = tuple(step for step in listed if isinstance(step, QueuedStep))
        if not left:
            return
        dialog = ForeignStepsDialog(left, self._dialog_parent)
        dialog.adopt_chosen.connect(lambda: self._steps.adopt(dialog.steps))
        dialog.discard_chosen.connect(lambda: self._steps.discard(dialog.steps))
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.foreign_dialog = dialog
        self._open_dialog(dialog)

    def _forget_dialog(self, dialog: ForeignStepsDialog) -> None:
        if self.foreign_dialog is dialog:
            self.foreign_dialog = None

    # ------------------------------------------------------------------ screen → session

    def cancel_latest(self, order_id: str) -> None:
        """A ticket's "✕ Cancel …": no confirmation — it is an undo, and the session's notice
        says what was cancelled. A step already sending is not cancelled (the session says
        so by returning False; its answer decides) — the ticket offered the cancel a moment
        before its request went out, so the cook is told why nothing was taken back."""
        held = self._steps.held(order_id)
        if self._steps.cancel_latest(order_id) or not held:
            return
        words = translate("KeptSteps", "{order}: too late to cancel {step}, it is being sent.")
        name = step_name(held[-1].step.action)
        self._notice("warning", words.format(order=self._label_of(order_id), step=name))

    def take(self, request: ActionRequest) -> None:
        """A step confirmed in a dialog (another ETA, Reject, Cancel): the session's one tap
        path, tapped now, so it is kept like any step when the server cannot be reached."""
        self._session.take_step(
            request, label=self._label_of(request.order_id), tapped_at=self._clock()
        )

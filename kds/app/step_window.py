"""`StepWindow`: the five seconds between a cook's tap and the step being sent.

The backend has no backward transitions: an order accepted by mistake cannot be un-accepted.
So a tapped step waits here for `window_s` seconds, visibly, with its own Undo; only when the
window ends is it sent (`run`, the session's one tap path). Tapping the same step again — or
the bump key — sends it at once; a different step for the same order is ignored until then.

The tap acknowledges the order at once (its alert stops then, not five seconds later); an
undone Accept makes it a new order again, alerting. If the order changes under a waiting step
— cancelled by the customer, moved on by another terminal, the board cleared for another
restaurant — the step is dropped, never sent, and `dropped` says so in words for the notice
strip (the ticket may have left the board).

Why in the app layer, not the widgets: the offline step queue (issue 18) takes each step from
here when its window ends (`run` gets the whole `PendingStep`: label, status and tap time go
with it into the queue), so the window must not depend on a ticket being on screen.

With steps kept for the server (offline, or behind an earlier one), an order's status as the
cook works it is where those steps leave it, not the board's: `status_of` says which, so a
cook can tap Start and then Ready before either reaches the server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.app.step_words import step_name
from kds.core.actions import Action, ActionRequest
from kds.core.changes import BoardCleared, Change, OrderRemoved, OrderUpdated
from kds.core.orders import OrderStatus
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["UNDO_WINDOW_S", "PendingStep", "StepWindow"]

UNDO_WINDOW_S = 5.0

# Why a waiting step was dropped, as a sentence with the order's label and the step's name.
_GONE_WORDS = {
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP(
        "StepWindow", "{label} was cancelled; your {step} was not sent."
    ),
    OrderStatus.REJECTED: QT_TRANSLATE_NOOP(
        "StepWindow", "{label} was rejected; your {step} was not sent."
    ),
    OrderStatus.DELIVERED: QT_TRANSLATE_NOOP(
        "StepWindow", "{label} was handed over; your {step} was not sent."
    ),
}
_LEFT = QT_TRANSLATE_NOOP("StepWindow", "{label} left the board; your {step} was not sent.")
_CLEARED = QT_TRANSLATE_NOOP(
    "StepWindow", "{label} the board was cleared; your {step} was not sent."
)
_MOVED_ON = QT_TRANSLATE_NOOP(
    "StepWindow", "{label} was moved on by another screen; your {step} was not sent."
)
_CHANGED = QT_TRANSLATE_NOOP("StepWindow", "{label} changed meanwhile; your {step} was not sent.")


@dataclass(frozen=True, slots=True)
class PendingStep:
    """A tapped step waiting out its undo window.

    Attributes:
        request: what will be sent.
        label: the order's short number as the cook saw it ("#1234"), for notices.
        from_status: the status it was tapped in (as `status_of` told it); a change of it
            drops the step.
        deadline: when it is sent (the window's monotonic clock).
        tapped_at: when the cook tapped it (UTC wall clock): Handed over sends it.
    """

    request: ActionRequest
    label: str
    from_status: OrderStatus
    deadline: float
    tapped_at: datetime


class StepWindow(QObject):
    """Holds each tapped step for its undo window, then sends it.

    Args:
        run: takes a step whose window ended (`Session.take_step` with its request, label and
            tap time).
        status_of: the status a new step of an order starts from (default: the board's);
            `None` for an order not on the board.
        step_names: an action's name as the cook reads it, for notices (default: the
            translated ``"Step"`` word).
        label_of: an order's label as the cook reads it ("#1234"), for notices.

    Signals:
        changed(order_id): a step for the order began waiting, was sent, undone or dropped
            (read `pending(order_id)` for which).
        dropped(order_id, text): a waiting step was not sent because its order changed; the
            text says so to a person ("#1234 was cancelled; your Ready was not sent").
    """

    changed = Signal(str)
    dropped = Signal(str, str)

    def __init__(
        self,
        run: Callable[[PendingStep], object],
        model: BoardModel,
        *,
        status_of: Callable[[str], OrderStatus | None] | None = None,
        window_s: float = UNDO_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        step_names: Callable[[Action], str] = step_name,
        label_of: Callable[[str], str] = lambda order_id: order_id,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._model = model
        self._status_of = status_of or self._board_status
        self._window_s = window_s
        self._clock = clock
        self._wall_clock = wall_clock
        self._names = step_names
        self._label_of = label_of
        self._pending: dict[str, PendingStep] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.send_due)
        model.changed.connect(self._on_change)

    # ------------------------------------------------------------------ reading

    def pending(self, order_id: str) -> PendingStep | None:
        return self._pending.get(order_id)

    def remaining_s(self, order_id: str) -> float:
        """Seconds until the order's waiting step is sent (0 when none waits)."""
        step = self._pending.get(order_id)
        return 0.0 if step is None else max(0.0, step.deadline - self._clock())

    def __len__(self) -> int:
        return len(self._pending)

    def waiting(self) -> list[str]:
        """The orders whose step waits, first to be sent first."""
        return sorted(self._pending, key=lambda o: self._pending[o].deadline)

    # ------------------------------------------------------------------ intents

    def propose(self, request: ActionRequest) -> None:
        """A tap on an order's step: start its window, or send it now if it already waits."""
        order_id = request.order_id
        waiting = self._pending.get(order_id)
        if waiting is not None:
            if waiting.request.action is request.action:
                self.send_now(order_id)  # tapped again: the cook is sure
            return
        status = self._status_of(order_id)
        if status is None:
            return
        deadline = self._clock() + self._window_s
        label = self._label_of(order_id)
        tapped_at = self._wall_clock()
        self._pending[order_id] = PendingStep(request, label, status, deadline, tapped_at)
        board = self._model.board
        if board is not None:
            board.acknowledge(order_id)  # the tap answers the alert at once
        self._arm()
        self.changed.emit(order_id)

    def undo(self, order_id: str) -> bool:
        """Take the waiting step back; an undone Accept alerts again. False if none waits."""
        step = self._pending.pop(order_id, None)
        if step is None:
            return False
        board = self._model.board
        if step.request.action is Action.ACCEPT and board is not None:
            board.unacknowledge(order_id)
        self._arm()
        self.changed.emit(order_id)
        return True

    def undo_latest(self) -> bool:
        """The bump bar's undo: the most recently tapped waiting step."""
        if not self._pending:
            return False
        latest = max(self._pending.values(), key=lambda s: s.deadline)
        return self.undo(latest.request.order_id)

    def send_now(self, order_id: str) -> None:
        step = self._pending.pop(order_id, None)
        if step is not None:
            self._arm()
            self.changed.emit(order_id)
            self._run(step)

    def flush(self) -> None:
        """Send every waiting step now (the board is closing: a tap must not be lost)."""
        for order_id in self.waiting():
            self.send_now(order_id)

    # ------------------------------------------------------------------ the clock

    def _arm(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        first = min(step.deadline for step in self._pending.values())
        self._timer.start(max(0, round((first - self._clock()) * 1000)))

    def send_due(self) -> None:
        """Send every step whose window has ended (the window's timer calls this)."""
        now = self._clock()
        due = [o for o in self.waiting() if self._pending[o].deadline <= now]
        for order_id in due:
            self.send_now(order_id)  # a handler of an earlier send may have moved it: no-op
        self._arm()

    # ------------------------------------------------------------------ the board moved

    def _on_change(self, change: Change) -> None:
        if not self._pending:
            return
        if isinstance(change, BoardCleared):
            for order_id in list(self._pending):
                self._drop(order_id, _CLEARED)
        elif isinstance(change, OrderRemoved) and change.order_id in self._pending:
            final = change.final_status
            words = _GONE_WORDS.get(final, _LEFT) if final else _LEFT
            self._drop(change.order_id, words)
        elif (
            isinstance(change, OrderUpdated)
            and change.order.order_id in self._pending
            and change.old_status is not change.order.status
        ):
            self._recheck(change.order.order_id, _MOVED_ON)

    def recheck(self, order_id: str) -> None:
        """Drop the order's waiting step if the order no longer starts it (moved on by another
        screen, or a kept step before it cancelled): call when `status_of` may have changed."""
        self._recheck(order_id, _CHANGED)

    def _recheck(self, order_id: str, why: str) -> None:
        step = self._pending.get(order_id)
        if step is not None and self._status_of(order_id) is not step.from_status:
            self._drop(order_id, why)

    def _board_status(self, order_id: str) -> OrderStatus | None:
        ticket = self._model.get(order_id)
        return None if ticket is None else ticket.status

    def _drop(self, order_id: str, why: str) -> None:
        """``why``: one of the marked sentences above (English), translated here."""
        step = self._pending.pop(order_id)
        self._arm()
        self.changed.emit(order_id)
        text = translate("StepWindow", why).format(
            label=step.label, step=self._names(step.request.action)
        )
        self.dropped.emit(order_id, text)

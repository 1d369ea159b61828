"""`DirectActions`: a lifecycle action sent at once, with no undo window and nothing on disk.

A cook's tap takes the kept path (`kds.app.step_sender.StepSender`): written to disk first,
held through an outage, decided again against fresh truth. Auto-accept's Accept must not take
it: replayed blind after an outage, it would accept an order nobody looked at for minutes, so it
is sent now or never (`AutoAccept.judge_failure` says what its failure means). Scripts and the
integration tests that drive a session step by step use this path too (`Session.run`).

The answer is applied to the board of the restaurant it was sent for, and only if that is still
the one shown (the live board's restaurant epoch): an answer that comes back after a switch is
about a board that is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.app.messages import action_text
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.core.actions import ActionRequest
from kds.core.epoch import Epoch
from kds.core.orders import LifecycleResult
from kds.core.outcome import ApplyOutcome
from kds.net.errors import AuthExpired, ends_session
from kds.net.rest import RestClient

__all__ = ["DirectActions"]

log = logging.getLogger(__name__)

Judge = Callable[[ActionRequest, BaseException], str | None]


class DirectActions(Reporter):
    """Sends actions at once on the calls worker and applies their answers (rule 6).

    Args:
        model: the board the answers are applied to.
        calls: the session's worker for REST calls.
        epoch: the live board's restaurant epoch (an answer for another restaurant is dropped).
        fetch_details: asks the live board for the details of an order it did not hold.
        judge: what an automatic action's failure means (`AutoAccept.judge_failure`): None
            when the order had moved on (no error), else the notice to show.
        clock: UTC now (Accept's ETA counts from the send).

    Signals:
        started(str order_id, str action) / finished(...) / failed(..., str text): as
            `Session`'s ``action_*`` signals. ``finished`` also when an automatic request
            found the order moved on: nothing went wrong.
        notice(str level, str message), auth_expired(): as every `Reporter`.
    """

    started = Signal(str, str)
    finished = Signal(str, str)
    failed = Signal(str, str, str)

    def __init__(
        self,
        model: BoardModel,
        calls: Worker,
        epoch: Epoch,
        *,
        fetch_details: Callable[[], None],
        judge: Judge,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._calls = calls
        self._epoch = epoch
        self._fetch_details = fetch_details
        self._judge = judge
        self._clock = clock

    def run(self, rest: RestClient | None, rid: str | None, request: ActionRequest) -> None:
        """Send ``request`` for restaurant ``rid``: ``started``, then ``finished`` or ``failed``.
        Accept and reject answer the order's alert at once."""
        order_id, action = request.order_id, request.action
        if action.acknowledges and (board := self._model.board) is not None:
            board.acknowledge(order_id)
        if rest is None or rid is None:
            text = translate("DirectActions", "Not signed in to a restaurant.")
            self.failed.emit(order_id, action.value, text)
            return
        stamp = self._epoch.stamp()
        self.started.emit(order_id, action.value)
        now = self._clock()

        def done(result: LifecycleResult) -> None:
            board = self._model.board if self._epoch.current(stamp) else None
            if board is not None and board.apply(result) is ApplyOutcome.NEEDS_DETAIL:
                self._fetch_details()  # rule 6: applied at once; an unknown order's items
            self.finished.emit(order_id, action.value)

        def failed(exc: BaseException) -> None:
            notice = self._judge(request, exc) if request.automatic else ""
            if notice is None:  # an automatic accept found the order moved on: no error
                self.finished.emit(order_id, action.value)
                return
            self.failed.emit(order_id, action.value, action_text(exc))
            if notice:
                self.notice.emit("error", notice)
            if ends_session(exc):
                self.auth_expired.emit()
            elif isinstance(exc, AuthExpired):
                # The refresh token still works (see AccessRefusedAfterRefresh): stay signed in.
                log.warning("a freshly refreshed access token was refused; staying signed in")

        self._calls.run(lambda: rest.perform(rid, request, now), done, failed)

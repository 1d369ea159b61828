"""`StepSender`: every cook's step kept on disk until the server's answer is applied.

A step leaves its undo window (`kds.app.step_window`) or a confirming dialog and comes here
(`take`). It is written to the durable queue (`kds.app.step_store`, on the one disk thread) and
then sent — at once when the last word from the server was good, else *held* until fresh truth
arrives. Its answer is applied to the board and only then is it removed from disk: a power cut
at any point leaves it either kept (and decided again after the restart) or applied.

**Fresh truth** is a snapshot applied (`LiveBoard.synced`): after every (re)subscribe, after the
retry a failed send asks for, and at a restaurant's start. On it, every held step is decided
(`kds.core.step_queue.decide`) against its order as the snapshot left it — the board, the
board's recall for an order that just closed, or the order's detail for one that left the
board unseen — and sent, counted as applied, or dropped with a notice a person sees. One step
of an order is in flight at a time, in tap order; the next one is decided against the real
answer of the one before.

A send that cannot reach the server (no connection, a timeout, a 5xx) holds the step and stops
sending for the restaurant until the next fresh truth (the resync retries by itself, and this
object asks for one, with backoff, in case the hub is up and only the POST failed). A step whose
request may have reached the server stays SENDING — the cook can no longer cancel it; the resync
tells whether it landed (APPLIED) or not (sent again: the backend answers a repeat of a done
step with an idempotent 200). A refusal (400, 403, 404, 409) is the server's answer: the step
is removed and the failure shown on the ticket, as for any tap.

Steps belong to the user who tapped them and the restaurant they were tapped for: only those
of the signed-in user for the open restaurant are sent. Which those are, what the screen reads
of them and what a person decides about them is the book this class extends
(`kds.app.step_ledger.StepLedger`).

Threads: Qt thread for all state; the disk worker (one thread: the queue's writes stay in
order) for the store; the session's calls worker for the requests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.board_model import BoardModel
from kds.app.held_book import Held
from kds.app.i18n import translate
from kds.app.messages import action_text
from kds.app.order_truth import OrderTruth
from kds.app.qt_thread import Worker
from kds.app.step_ledger import StepLedger
from kds.app.step_store import StepStore
from kds.app.step_words import replay_words, step_name
from kds.core.actions import Action, ActionRequest
from kds.core.errors import ProtocolError
from kds.core.orders import LifecycleResult
from kds.core.outcome import ApplyOutcome
from kds.core.step_queue import (
    Outcome,
    QueuedStep,
    StepFate,
    StepState,
    Truth,
    plan_replay,
    request_at_send,
)
from kds.net.errors import (
    AccessRefusedAfterRefresh,
    ConnectionLost,
    NetError,
    ServerUnavailable,
    ends_session,
)
from kds.net.rest import RestClient

__all__ = ["RETRY_DELAYS_S", "StepSender", "transient"]

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (1.0, 2.0, 5.0, 10.0, 20.0, 30.0)
"""After a send found no server: when to ask for fresh truth again (the resync keeps its own
backoff too; this covers a hub that stayed up while the REST call failed)."""


def transient(exc: BaseException) -> bool:
    """The server could not answer (no connection, timeout, 5xx, a refusal right after a token
    refresh): the step is held, not failed."""
    return isinstance(exc, ServerUnavailable | ConnectionLost | AccessRefusedAfterRefresh)


class StepSender(StepLedger):
    """The signed-in user's steps for the open restaurant, kept and sent.

    Args:
        model: the board the steps act on (answers are applied to it).
        calls: the session's worker for REST calls.
        disk: a one-thread worker for the store (writes in order, never on the Qt thread).
        open_store: makes the `StepStore` (called once, on the disk thread).
        resync: asks the live board for a fresh snapshot (`LiveBoard.resync`).
        fetch_details: asks the live board for the details it lacks (an answer for an order
            the board did not hold).
        clock: UTC now (the moment a step is sent: Accept's ETA counts from it).
        names: an action's name as the cook reads it, for notices (the translated ``"Step"``
            word by default).

    Signals (and those of `StepLedger`):
        started(str order_id, str action) / finished(...) / failed(..., str text): a send went
            out / was applied / was refused (the server's words), as `Session.run`'s.
        held_back(str order_id, str action): a send found no server; the step is held.
    """

    started = Signal(str, str)
    finished = Signal(str, str)
    failed = Signal(str, str, str)
    held_back = Signal(str, str)

    def __init__(
        self,
        model: BoardModel,
        calls: Worker,
        disk: Worker,
        open_store: Callable[[], StepStore],
        *,
        resync: Callable[[], None],
        fetch_details: Callable[[], None],
        clock: Callable[[], datetime],
        names: Callable[[Action], str] = step_name,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(model, disk, open_store, names=names, parent=parent)
        self._calls = calls
        self._resync = resync
        self._fetch_details = fetch_details
        self._clock = clock
        self._rest: RestClient | None = None
        self._fresh = False  # the last word from the server was good: send at once
        self._truth = OrderTruth(model, calls, self._on_learnt, self._on_look_up_failed)
        self._failures = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._ask_for_truth)

    @property
    def fresh(self) -> bool:
        """Steps are sent at once (False: held until the next snapshot)."""
        return self._fresh

    # ------------------------------------------------------------------ the session's calls

    def reset(self, rest: RestClient | None, user: str | None, restaurant_id: str | None) -> None:
        """Work for ``user`` at ``restaurant_id`` from now on (None: signed out). The held steps
        of the previous one stay on disk; this one's are read from it."""
        self._retry.stop()
        self._failures = 0
        self._fresh = False
        self._truth.reset()
        self._rest = rest
        self._open(user, restaurant_id)

    def take(self, request: ActionRequest, *, label: str, tapped_at: datetime) -> str | None:
        """A cook's step: keep it, then send it (now, or when the server answers again).
        Accept and reject answer the order's alert at once. Returns the kept step's id; None
        when it was refused at once (``failed`` says why)."""
        order_id = request.order_id
        if request.action.acknowledges and (board := self._model.board) is not None:
            board.acknowledge(order_id)
        user, rid = self._user, self._rid
        ticket = self._model.get(order_id)
        if user is None or rid is None:
            text = translate("StepSender", "Not signed in to a restaurant.")
            self.failed.emit(order_id, request.action.value, text)
            return None
        if ticket is None:
            text = translate("StepSender", "That order left the board.")
            self.failed.emit(order_id, request.action.value, text)
            return None
        from_status = self.projected_status(order_id) or ticket.status
        try:
            step = QueuedStep.of(
                request, user=user, restaurant_id=rid, label=label,
                from_status=from_status, tapped_at=tapped_at,
            )  # fmt: skip
        except ValueError as exc:  # the step does not start where the order is: never sent
            log.warning("step %s on %s not kept: %s", request.action.value, order_id, exc)
            text = translate("StepSender", "That step no longer applies.")
            self.failed.emit(order_id, request.action.value, text)
            return None
        first = self._held.first(order_id) is None
        held = Held(step, StepState.QUEUED)
        self._held.add(held)
        if first and self._fresh:
            # Sent straight after the write, no cancel in between; not shown as held unless
            # the send finds no server (a healthy tap must not flash a strip on its ticket).
            held.in_flight, held.quiet, held.state = True, True, StepState.SENDING
            # One that could not be written (StepStore logs it) is sent all the same.
            stamp = self._epoch.stamp()
            self._disk.run(
                lambda store: store.add(step, sending=True), lambda _: self._send(stamp, held)
            )
        else:
            self._announce(order_id)
            self._disk.run(lambda store: store.add(step, sending=False))
            if not self._fresh:
                self._hold_back()  # ask for fresh truth soon: maybe only the hub is down
        return step.id

    def connection_changed(self, state: str) -> None:
        """The hub's state: while it is down, new steps are held at once (the cook may still
        cancel them) rather than sent into a probable timeout."""
        if state != "connected":
            self._fresh = False

    def synced(self) -> None:
        """A snapshot was applied: fresh truth. Decide and send every held step."""
        self._fresh = True
        self._retry.stop()
        for order_id in list(self._held):
            self._advance(order_id)

    # ------------------------------------------------------------------ deciding

    def _advance(self, order_id: str, truth: Truth | None = None) -> None:
        """Decide the order's held steps in tap order (`plan_replay`, each against what the
        ones before it leave) up to the first one sent or waiting."""
        steps = self._held.steps(order_id)
        if not self._fresh or not steps or steps[0].in_flight:
            return
        current = self._truth.of(order_id, self._rest, self._rid) if truth is None else truth
        plan = plan_replay(
            [h.step for h in steps], lambda _order: current, name=self._names, words=replay_words
        )
        for held, (_step, decision) in zip(steps, plan, strict=True):
            if decision.outcome is Outcome.WAIT:
                return
            if decision.outcome is Outcome.SEND:  # its answer decides the ones after it
                self._start_send(held)
                return
            if decision.outcome is Outcome.DROP:
                log.info("step %s dropped at replay: %s", held.step.id, decision.notice)
                self.notice.emit("warning", decision.notice)
                self._settle(held, StepFate.DROPPED)
            else:
                self._settle(held, StepFate.APPLIED)

    def _on_learnt(self, order_id: str, truth: Truth) -> None:
        self._advance(order_id, truth)

    def _on_look_up_failed(self, _order_id: str, exc: BaseException) -> None:
        if ends_session(exc):
            self.auth_expired.emit()
        else:  # no answer: decided at the next fresh truth
            self._hold_back()

    # ------------------------------------------------------------------ sending

    def _start_send(self, held: Held) -> None:
        held.in_flight = True
        held.state = StepState.SENDING
        self.changed.emit(held.step.order_id)
        step_id, stamp = held.step.id, self._epoch.stamp()
        self._disk.run(
            lambda store: store.mark_sending(step_id),
            lambda kept: self._send(stamp, held) if kept else self._lost(stamp, held),
        )

    def _send(self, stamp: int, held: Held) -> None:
        rest, rid = self._rest, self._rid
        if not self._epoch.current(stamp) or rest is None or rid is None:
            return  # another restaurant or user now: kept on disk, decided when it is back
        step = held.step
        order_id, action = step.order_id, step.action
        now = self._clock()
        request = request_at_send(step, now)
        self.started.emit(order_id, action.value)

        def done(result: LifecycleResult) -> None:
            if self._epoch.current(stamp):
                self._on_answer(held, result)  # settled: forgotten here and on disk
            else:  # another restaurant or user now: it landed all the same
                self._disk.forget(step.id)
                self.settled.emit(step.id, StepFate.SENT.value)

        def refused(exc: BaseException) -> None:
            if transient(exc):
                if isinstance(exc, ServerUnavailable) and exc.unsent:
                    self._disk.run(lambda store: store.mark_queued(step.id))
                if self._epoch.current(stamp):
                    self._on_unanswered(held, exc)
                return
            if ends_session(exc):  # kept on disk for the next sign-in
                if self._epoch.current(stamp):
                    held.in_flight = False
                    self.auth_expired.emit()
                return
            if self._epoch.current(stamp):
                self._on_refused(held, exc)  # settled: forgotten here and on disk
                return
            self._disk.forget(step.id)  # the server's answer
            text = translate(
                "StepSender", "{label}: your {step} was refused by the server: {reason}"
            )
            name = self._names(step.action)
            self.notice.emit(
                "error", text.format(label=step.label, step=name, reason=action_text(exc))
            )
            self.settled.emit(step.id, StepFate.REFUSED.value)

        self._calls.run(lambda: rest.perform(rid, request, now), done, refused)

    def _on_answer(self, held: Held, result: LifecycleResult) -> None:
        self._failures = 0
        board = self._model.board
        if board is not None and board.apply(result) is ApplyOutcome.NEEDS_DETAIL:
            self._fetch_details()
        order_id = held.step.order_id
        self._settle(held, StepFate.SENT)
        self.finished.emit(order_id, held.step.action.value)
        self._advance(order_id, result.status)

    def _on_unanswered(self, held: Held, exc: BaseException) -> None:
        """No server: hold the step (cancellable again if the request never left)."""
        held.in_flight = held.quiet = False
        if isinstance(exc, ServerUnavailable) and exc.unsent:
            held.state = StepState.QUEUED
        order_id = held.step.order_id
        log.info("step %s held: %s", held.step.id, exc)
        self._announce(order_id)
        self.held_back.emit(order_id, held.step.action.value)
        self._hold_back()

    def _on_refused(self, held: Held, exc: BaseException) -> None:
        if not isinstance(exc, ProtocolError | NetError):
            log.error("sending a step failed unexpectedly", exc_info=exc)
        order_id, action = held.step.order_id, held.step.action
        self.failed.emit(order_id, action.value, action_text(exc))
        self._settle(held, StepFate.REFUSED)
        for later in self._held.steps(order_id):
            if later.in_flight:
                continue
            text = translate(
                "StepSender",
                "{label}: your {step} was not sent, because the {first} before it was refused.",
            )
            name, first = self._names(later.step.action), self._names(action)
            self.notice.emit("warning", text.format(label=later.step.label, step=name, first=first))
            self._settle(later, StepFate.DROPPED)
        if isinstance(exc, ProtocolError):
            self._resync()  # a 200 this client could not read: the board must learn the truth

    def _lost(self, stamp: int, held: Held) -> None:
        """The step vanished from disk before its send (discarded meanwhile): not sent."""
        if self._epoch.current(stamp):
            self._settle(held, StepFate.DISCARDED)

    def _hold_back(self) -> None:
        """Stop sending until the next fresh truth, and ask for it after a pause."""
        self._fresh = False
        if not self._retry.isActive():
            delay = RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S) - 1)]
            self._failures += 1
            self._retry.start(round(delay * 1000))

    def _ask_for_truth(self) -> None:
        if not self._fresh and len(self._held):
            self._resync()

    def _loaded(self, order_ids: list[str]) -> None:
        if self._fresh:
            for order_id in order_ids:
                self._advance(order_id)

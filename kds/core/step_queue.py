"""The offline step queue's pure model: a queued step, and what to do with it after a reconnect.

A cook's step leaves its undo window (`kds.app.step_window.StepWindow`) and is kept, durably
(`kds.app.step_store`), as a `QueuedStep` until the server's answer is applied. After a reconnect
the session resyncs first and then *replays*: each pending step is decided against the fresh
truth about its order, the steps of one order in tap order, each against the status the ones
before it leave (issue 18, item 2):

- **SEND** — the order is where the step starts (the status it was tapped in): send it, with
  its arguments made true now (`request_at_send`).
- **APPLIED** — the order is already at the step's target, or past it along the kitchen's main
  path: the step (or its twin from another screen) took effect; a send whose answer was lost
  lands here. Nothing is sent; the step is done.
- **DROP** — the order was cancelled, rejected, handed over elsewhere, moved on by another
  screen or is no longer on the board: nothing is sent and a person is told, in words that name
  the order and the step ("#1234 was cancelled while offline; your Ready was not sent.").
- **WAIT** — there is no fresh truth about the order yet (`Unseen.NOT_YET`: the resync has not
  answered, or the order is missing from it and its detail — which tells a closed order's final
  status — has not arrived). Needed because "missing from the open queue" alone cannot tell a
  Handed over whose answer was lost (APPLIED) from an order cancelled meanwhile (DROP); guessing
  either way would either send blind or report a false loss. Later steps of that order wait too:
  tap order is kept.

Strict on purpose: a step is sent only from the exact status it was tapped in, not from any
status its action allows. A Cancel tapped on a new order is not sent once another screen has
started cooking it: the cook decided on what they saw, and what they saw has changed.

Pure Python: no clock, no I/O. Times are passed in (UTC, timezone-aware).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from kds.core.actions import (
    ACTIONS_FOR_STATUS,
    ETA_MAX_MIN,
    ETA_MIN_MIN,
    Action,
    ActionRequest,
)
from kds.core.orders import OrderStatus
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "STEP_NAMES",
    "Decision",
    "HeldStep",
    "Outcome",
    "QueuedStep",
    "StepFate",
    "StepState",
    "Truth",
    "Unseen",
    "decide",
    "foreign",
    "own",
    "plan_replay",
    "request_at_send",
    "source_statuses",
]


STEP_NAMES: Mapping[Action, str] = MappingProxyType(
    {
        Action.ACCEPT: QT_TRANSLATE_NOOP("Step", "Accept"),
        Action.REJECT: QT_TRANSLATE_NOOP("Step", "Reject"),
        Action.START: QT_TRANSLATE_NOOP("Step", "Start"),
        Action.READY: QT_TRANSLATE_NOOP("Step", "Ready"),
        Action.HAND_OVER: QT_TRANSLATE_NOOP("Step", "Handed over"),
        Action.CANCEL: QT_TRANSLATE_NOOP("Step", "Cancel"),
    }
)
"""A step's name as the cook reads it: in notices, and on its button (`kds.ui.actions.LABELS`
is this mapping), so both say the same word. English; the screen shows
``translate("Step", STEP_NAMES[action])`` (`kds.app.step_words.step_name`)."""


def source_statuses(action: Action) -> frozenset[OrderStatus]:
    """The statuses a ticket offers ``action`` in (`ACTIONS_FOR_STATUS`)."""
    return _SOURCES[action]


_SOURCES: Mapping[Action, frozenset[OrderStatus]] = MappingProxyType(
    {
        action: frozenset(s for s, actions in ACTIONS_FOR_STATUS.items() if action in actions)
        for action in Action
    }
)

_MAIN_PATH = (
    OrderStatus.PLACED,
    OrderStatus.ACCEPTED,
    OrderStatus.PREPARING,
    OrderStatus.READY_FOR_DELIVERY,
    OrderStatus.DELIVERED,
)


def _at_or_past(status: OrderStatus, target: OrderStatus) -> bool:
    """``status`` is ``target``, or later on the main path (Cancelled/Rejected are no step past
    Accepted: they are another ending, not further along)."""
    if status is target:
        return True
    if status in _MAIN_PATH and target in _MAIN_PATH:
        return _MAIN_PATH.index(status) > _MAIN_PATH.index(target)
    return False


class Unseen(StrEnum):
    """What the fresh truth says of an order it gives no status for."""

    NOT_YET = "not_yet"
    """No fresh truth yet (resync pending; or missing from it, its detail not fetched): WAIT."""
    GONE = "gone"
    """Not on the board, and its final status cannot be learned (the detail is a 404): DROP."""


Truth = OrderStatus | Unseen
"""The fresh truth about one order: its status now, or why there is none."""


@dataclass(frozen=True, slots=True)
class QueuedStep:
    """One step a cook took, kept until the server's answer is applied.

    Attributes:
        id: a uuid4 string, the step's identity in the store and in logs.
        user: who tapped it (the signed-in user's id); never sent under another.
        restaurant_id: the restaurant it was tapped for; never sent for another.
        order_id: the order.
        label: the order's short number as the cook saw it ("#1234"), for notices.
        action: the step.
        eta_min: Accept's chosen minutes (from the moment it is sent); ``None`` otherwise.
        reason: Reject's and Cancel's reason, or ``None``.
        tapped_at: when the cook tapped it (UTC, timezone-aware); Handed over sends it.
        from_status: the status the step starts from: the one it was tapped in, or — for a step
            tapped after a pending one of the same order — where that one leaves it.
    """

    id: str
    user: str
    restaurant_id: str
    order_id: str
    label: str
    action: Action
    eta_min: int | None
    reason: str | None
    tapped_at: datetime
    from_status: OrderStatus

    def __post_init__(self) -> None:
        ActionRequest(self.order_id, self.action, self.eta_min, self.reason)  # the same checks
        if self.tapped_at.utcoffset() is None:
            raise ValueError("tapped_at must be timezone-aware")
        if self.from_status not in _SOURCES[self.action]:
            raise ValueError(f"{self.action.value} does not start from {self.from_status.value}")

    @classmethod
    def of(
        cls,
        request: ActionRequest,
        *,
        user: str,
        restaurant_id: str,
        label: str,
        from_status: OrderStatus,
        tapped_at: datetime,
        step_id: str | None = None,
    ) -> QueuedStep:
        """The step for a request leaving its undo window (a new uuid4 unless given)."""
        return cls(
            id=step_id or str(uuid.uuid4()),
            user=user,
            restaurant_id=restaurant_id,
            order_id=request.order_id,
            label=label,
            action=request.action,
            eta_min=request.eta_min,
            reason=request.reason,
            tapped_at=tapped_at,
            from_status=from_status,
        )


class StepState(StrEnum):
    """Where a kept step is, as the cook's screen shows it."""

    QUEUED = "queued"
    """Waiting for the server (offline, or behind an earlier step): the cook may cancel it."""
    SENDING = "sending"
    """Its request is out, or went out and its answer was lost: it is no longer the cook's to
    cancel; its answer — or the next resync — decides."""


class StepFate(StrEnum):
    """How a kept step ended: every step ends in exactly one, and only the first two mean its
    change reached the server; the others were told to a person (or chosen by one)."""

    SENT = "sent"
    """Its request was answered 200 and the answer applied."""
    APPLIED = "applied"
    """Replay found the order already there (a lost answer, or another screen's twin)."""
    DROPPED = "dropped"
    """Not sent: the order moved on, closed, or a step before it was refused (a notice)."""
    REFUSED = "refused"
    """The server refused it (4xx): its words on the ticket."""
    CANCELLED = "cancelled"
    """The cook took it back before it was sent."""
    DISCARDED = "discarded"
    """A person chose to discard it (another user's, or at sign-out)."""


@dataclass(frozen=True, slots=True)
class HeldStep:
    """A kept step and its state, for the screen (`kds.app.step_sender.StepSender.held`)."""

    step: QueuedStep
    state: StepState


class Outcome(StrEnum):
    SEND = "send"
    APPLIED = "applied"
    DROP = "drop"
    WAIT = "wait"


@dataclass(frozen=True, slots=True)
class Decision:
    """What replay does with one step.

    Attributes:
        outcome: SEND, APPLIED, DROP or WAIT.
        leaves: the truth the next step of the same order is decided against (SEND: the
            step's target, assuming its answer applies — decide the next one against the real
            answer when it comes; WAIT: ``NOT_YET``, so later steps wait too).
        notice: for DROP, the words a person sees; empty otherwise.
    """

    outcome: Outcome
    leaves: Truth
    notice: str = ""


_GONE_WORDS: Mapping[OrderStatus, str] = MappingProxyType(
    {
        OrderStatus.CANCELLED: QT_TRANSLATE_NOOP(
            "StepQueue", "{label} was cancelled while offline; your {step} was not sent."
        ),
        OrderStatus.REJECTED: QT_TRANSLATE_NOOP(
            "StepQueue", "{label} was rejected while offline; your {step} was not sent."
        ),
        OrderStatus.DELIVERED: QT_TRANSLATE_NOOP(
            "StepQueue",
            "{label} was handed over elsewhere while offline; your {step} was not sent.",
        ),
    }
)
_NOT_ON_BOARD = QT_TRANSLATE_NOOP(
    "StepQueue", "{label} is no longer on the board; your {step} was not sent."
)
_MOVED_ON = QT_TRANSLATE_NOOP(
    "StepQueue", "{label} was moved on by another screen while offline; your {step} was not sent."
)
_NOT_WHERE = QT_TRANSLATE_NOOP(
    "StepQueue", "{label} is not where your step starts any more; your {step} was not sent."
)
_AN_ORDER = QT_TRANSLATE_NOOP("StepQueue", "An order")


def _as_written(text: str) -> str:
    return text


def decide(
    step: QueuedStep,
    truth: Truth,
    *,
    name: Callable[[Action], str] = STEP_NAMES.__getitem__,
    words: Callable[[str], str] = _as_written,
) -> Decision:
    """Decide one step against the truth its order is in now (after the steps before it).

    ``name`` words the action in a DROP's notice (the UI passes its button labels); ``words``
    turns the notice's English sentence (marked ``"StepQueue"``) into the screen's language
    (`kds.app.step_words.replay_words`; English as written by default).
    """
    if isinstance(truth, Unseen):
        if truth is Unseen.NOT_YET:
            return Decision(Outcome.WAIT, Unseen.NOT_YET)
        return _drop(step, truth, _NOT_ON_BOARD, name, words)
    status = truth
    if _at_or_past(status, step.action.target):
        return Decision(Outcome.APPLIED, status)
    if status is step.from_status:
        return Decision(Outcome.SEND, step.action.target)
    if status in _GONE_WORDS:
        return _drop(step, status, _GONE_WORDS[status], name, words)
    if status in _MAIN_PATH and _MAIN_PATH.index(status) > _MAIN_PATH.index(step.from_status):
        return _drop(step, status, _MOVED_ON, name, words)
    return _drop(step, status, _NOT_WHERE, name, words)


def _drop(
    step: QueuedStep,
    truth: Truth,
    sentence: str,
    name: Callable[[Action], str],
    words: Callable[[str], str],
) -> Decision:
    label = step.label or words(_AN_ORDER)
    notice = words(sentence).format(label=label, step=name(step.action))
    return Decision(Outcome.DROP, truth, notice)


def plan_replay(
    steps: Iterable[QueuedStep],
    truth: Mapping[str, Truth] | Callable[[str], Truth],
    *,
    name: Callable[[Action], str] = STEP_NAMES.__getitem__,
    words: Callable[[str], str] = _as_written,
) -> list[tuple[QueuedStep, Decision]]:
    """Decide every step, in the order given (tap order), each order's steps threaded through
    the truth the ones before them leave. ``truth``: an order's fresh truth (a mapping's missing
    order is ``Unseen.NOT_YET``). ``name`` and ``words``: as `decide`'s.

    A plan assumes each SEND's answer applies. The session should send one step of an order
    at a time and decide that order's next step against the real answer (`decide` with the
    answer's status), so a refused send drops what follows it with a notice too.
    """
    if callable(truth):
        look = truth
    else:
        table = truth

        def look(order_id: str) -> Truth:
            return table.get(order_id, Unseen.NOT_YET)

    now: dict[str, Truth] = {}
    plan: list[tuple[QueuedStep, Decision]] = []
    for step in steps:
        current = now[step.order_id] if step.order_id in now else look(step.order_id)
        decision = decide(step, current, name=name, words=words)
        now[step.order_id] = decision.leaves
        plan.append((step, decision))
    return plan


def request_at_send(step: QueuedStep, now: datetime) -> ActionRequest:
    """The request to send for ``step`` at ``now``, its arguments made true at the send.

    Accept: the chosen minutes, counted by `RestClient.perform` from the moment it is sent
    (pass the same ``now``), never fewer than the backend's minimum ahead (`ETA_MIN_MIN`) nor
    more than its maximum. Handed over: the tap time as ``deliveredAtUtc``, never later than
    ``now`` (the backend refuses a time more than 5 minutes ahead; a clock set back since the
    tap must not make it so).
    """
    eta = step.eta_min
    if eta is not None:
        eta = min(max(eta, ETA_MIN_MIN), ETA_MAX_MIN)
    delivered_at = min(step.tapped_at, now) if step.action is Action.HAND_OVER else None
    return ActionRequest(
        step.order_id, step.action, eta_min=eta, reason=step.reason, delivered_at=delivered_at
    )


def foreign(steps: Iterable[QueuedStep], user: str, restaurant_id: str) -> list[QueuedStep]:
    """The steps left by another user or for another restaurant, in the order given: never sent
    under the current sign-in (listed to whoever signs in for their restaurant, to send or
    discard)."""
    return [s for s in steps if s.user != user or s.restaurant_id != restaurant_id]


def own(steps: Iterable[QueuedStep], user: str, restaurant_id: str) -> list[QueuedStep]:
    """The steps the current user tapped for the current restaurant: the ones replay sends."""
    return [s for s in steps if s.user == user and s.restaurant_id == restaurant_id]

"""The undo window: a tapped step waits, can be undone or hurried, and is dropped if the order
moves under it — with a notice a person reads."""

from __future__ import annotations

import random
from datetime import timedelta

from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.step_window import StepWindow
from kds.core.actions import Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.ui.actions import LABELS
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

LABEL: dict[str, str] = {}


class Ticking:
    """The window's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def window(model: BoardModel, sent: list[ActionRequest], clock: Ticking) -> StepWindow:
    return StepWindow(
        sent.append,
        model,
        window_s=5.0,
        clock=clock,
        step_names=LABELS.__getitem__,
        label_of=lambda order_id: LABEL.get(order_id, "#?"),
    )


def test_a_tap_waits_out_its_window_then_is_sent_once(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    sent: list[ActionRequest] = []
    ticking = Ticking()
    steps = window(model, sent, ticking)
    request = ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20)
    with qtbot.waitSignal(steps.changed):
        steps.propose(request)
    assert steps.pending(detail.order_id) is not None
    assert model.alerts() == []  # the tap answered the alert at once
    ticking.now += 4.9
    steps.send_due()
    assert sent == []  # still inside the window: nothing went out
    assert steps.remaining_s(detail.order_id) > 0
    ticking.now += 0.2
    steps.send_due()
    assert sent == [request]
    assert steps.pending(detail.order_id) is None
    steps.send_due()
    assert sent == [request]  # once


def test_undo_sends_nothing_and_an_undone_accept_alerts_again(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    sent: list[ActionRequest] = []
    ticking = Ticking()
    steps = window(model, sent, ticking)
    steps.propose(ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20))
    assert steps.undo(detail.order_id)
    ticking.now += 60
    steps.send_due()
    assert sent == []
    assert [a.order_id for a in model.alerts()] == [detail.order_id]
    assert not steps.undo(detail.order_id)  # nothing left to undo


def test_tapping_the_waiting_step_again_sends_it_at_once_and_another_step_is_ignored(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    detail = set_status(board_of(model), detail, OrderStatus.ACCEPTED, clock.now)
    sent: list[ActionRequest] = []
    steps = window(model, sent, Ticking())
    start = ActionRequest(detail.order_id, Action.START)
    steps.propose(start)
    steps.propose(ActionRequest(detail.order_id, Action.CANCEL))
    assert sent == []
    steps.propose(start)
    assert sent == [start]


def test_the_bump_bars_undo_takes_back_the_latest_tap(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    a, b = (sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=i)) for i in (2, 1))
    for d in (a, b):
        place(board_of(model), d)
    sent: list[ActionRequest] = []
    ticking = Ticking()
    steps = window(model, sent, ticking)
    steps.propose(ActionRequest(a.order_id, Action.ACCEPT, eta_min=20))
    ticking.now += 1
    steps.propose(ActionRequest(b.order_id, Action.ACCEPT, eta_min=20))
    assert steps.undo_latest()
    assert steps.pending(b.order_id) is None
    assert steps.pending(a.order_id) is not None


def test_an_order_that_moves_under_a_waiting_step_drops_it_with_a_notice(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    a, b = (sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=i)) for i in (2, 1))
    for d in (a, b):
        place(board_of(model), d)
    a = set_status(board_of(model), a, OrderStatus.ACCEPTED, clock.now)
    LABEL.update({a.order_id: "#1111", b.order_id: "#2222"})
    sent: list[ActionRequest] = []
    ticking = Ticking()
    steps = window(model, sent, ticking)
    steps.propose(ActionRequest(a.order_id, Action.START))
    steps.propose(ActionRequest(b.order_id, Action.ACCEPT, eta_min=20))
    notices: list[tuple[str, str]] = []
    steps.dropped.connect(lambda o, text: notices.append((o, text)))
    clock.advance(1)
    set_status(board_of(model), a, OrderStatus.PREPARING, clock.now)  # another screen
    clock.advance(1)
    set_status(board_of(model), b, OrderStatus.CANCELLED, clock.now)  # the customer
    ticking.now += 10
    steps.send_due()
    assert sent == []
    assert notices == [
        (a.order_id, "#1111 was moved on by another screen; your Start was not sent."),
        (b.order_id, "#2222 was cancelled; your Accept was not sent."),
    ]


def test_closing_sends_what_waits_rather_than_lose_a_tap(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    sent: list[ActionRequest] = []
    steps = window(model, sent, Ticking())
    request = ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20)
    steps.propose(request)
    steps.flush()
    assert sent == [request]
    assert len(steps) == 0


def test_the_window_timer_sends_by_itself(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    sent: list[ActionRequest] = []
    steps = StepWindow(sent.append, model, window_s=0.05)  # the real monotonic clock
    steps.propose(ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20))
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=5_000)

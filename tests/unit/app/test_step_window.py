"""The undo window: a tapped step waits, can be undone or hurried, and is dropped if the order
moves under it — with a notice a person reads."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.step_window import PendingStep, StepWindow
from kds.core.actions import Action, ActionRequest
from kds.core.orders import OrderDetail, OrderStatus
from kds.ui.actions import LABELS
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of


class Rig:
    """`count` new orders on the board, a window over them on a hand-moved clock, and what it
    sent; the orders are labelled "#1", "#2", … in notices."""

    def __init__(
        self,
        model: BoardModel,
        clock: FakeClock,
        rng: random.Random,
        count: int = 1,
        status_of: Callable[[str], OrderStatus | None] | None = None,
    ) -> None:
        self.orders: list[OrderDetail] = []
        for i in range(count):
            detail = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=count - i))
            place(board_of(model), detail)
            self.orders.append(detail)
        labels = {d.order_id: f"#{i + 1}" for i, d in enumerate(self.orders)}
        self.taken: list[PendingStep] = []
        self.now = 100.0
        self.steps = StepWindow(
            self.taken.append,
            model,
            status_of=status_of,
            window_s=5.0,
            clock=lambda: self.now,
            wall_clock=clock,
            step_names=LABELS.__getitem__,
            label_of=labels.__getitem__,
        )

    @property
    def sent(self) -> list[ActionRequest]:
        return [step.request for step in self.taken]

    def accept(self, i: int = 0) -> ActionRequest:
        request = ActionRequest(self.orders[i].order_id, Action.ACCEPT, eta_min=20)
        self.steps.propose(request)
        return request

    def later(self, seconds: float) -> None:
        self.now += seconds
        self.steps.send_due()


def test_a_tap_waits_out_its_window_then_is_sent_once(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng)
    order_id = rig.orders[0].order_id
    with qtbot.waitSignal(rig.steps.changed):
        request = rig.accept()
    assert rig.steps.pending(order_id) is not None
    assert model.alerts() == []  # the tap answered the alert at once
    rig.later(4.9)
    assert rig.sent == []  # still inside the window: nothing went out
    assert rig.steps.remaining_s(order_id) > 0
    rig.later(0.2)
    assert rig.sent == [request]
    assert rig.steps.pending(order_id) is None
    rig.later(10)
    assert rig.sent == [request]  # once


def test_undo_sends_nothing_and_an_undone_accept_alerts_again(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng)
    order_id = rig.orders[0].order_id
    rig.accept()
    assert rig.steps.undo(order_id)
    rig.later(60)
    assert rig.sent == []
    assert [a.order_id for a in model.alerts()] == [order_id]
    assert not rig.steps.undo(order_id)  # nothing left to undo


def test_tapping_the_waiting_step_again_sends_it_at_once_and_another_step_is_ignored(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng)
    detail = set_status(board_of(model), rig.orders[0], OrderStatus.ACCEPTED, clock.now)
    start = ActionRequest(detail.order_id, Action.START)
    rig.steps.propose(start)
    rig.steps.propose(ActionRequest(detail.order_id, Action.CANCEL))
    assert rig.sent == []
    rig.steps.propose(start)
    assert rig.sent == [start]


def test_the_bump_bars_undo_takes_back_the_latest_tap(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng, count=2)
    first, second = (d.order_id for d in rig.orders)
    rig.accept(0)
    rig.now += 1
    rig.accept(1)
    assert rig.steps.undo_latest()
    assert rig.steps.pending(second) is None
    assert rig.steps.pending(first) is not None


def test_an_order_that_moves_under_a_waiting_step_drops_it_with_a_notice(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng, count=2)
    a = set_status(board_of(model), rig.orders[0], OrderStatus.ACCEPTED, clock.now)
    b = rig.orders[1]
    rig.steps.propose(ActionRequest(a.order_id, Action.START))
    rig.accept(1)
    notices: list[tuple[str, str]] = []
    rig.steps.dropped.connect(lambda o, text: notices.append((o, text)))
    clock.advance(1)
    set_status(board_of(model), a, OrderStatus.PREPARING, clock.now)  # another screen
    clock.advance(1)
    set_status(board_of(model), b, OrderStatus.CANCELLED, clock.now)  # the customer
    rig.later(10)
    assert rig.sent == []
    assert notices == [
        (a.order_id, "#1 was moved on by another screen; your Start was not sent."),
        (b.order_id, "#2 was cancelled; your Accept was not sent."),
    ]


def test_closing_sends_what_waits_rather_than_lose_a_tap(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng)
    request = rig.accept()
    rig.steps.flush()
    assert rig.sent == [request]
    assert len(rig.steps) == 0


def test_the_window_timer_sends_by_itself(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    sent: list[ActionRequest] = []
    steps = StepWindow(sent.append, model, window_s=0.05)  # the real monotonic clock
    steps.propose(ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20))
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=5_000)


def test_a_sent_step_carries_its_label_status_and_the_wall_clock_time_of_the_tap(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    rig = Rig(model, clock, rng)
    tapped = clock.now
    rig.accept()
    clock.advance(30)  # the wall clock moves on before the window ends
    rig.later(5.1)
    (step,) = rig.taken
    assert (step.label, step.from_status, step.tapped_at) == ("#1", OrderStatus.PLACED, tapped)


def test_a_step_starts_where_the_kept_steps_leave_the_order_and_is_dropped_when_they_go(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    """Offline, Accept is kept (not yet on the board): Start may be tapped from Accepted. The
    kept Accept cancelled, the waiting Start no longer applies and is dropped, in words."""
    working: dict[str, OrderStatus] = {}
    rig = Rig(model, clock, rng, status_of=lambda oid: working.get(oid, OrderStatus.PLACED))
    order_id = rig.orders[0].order_id
    working[order_id] = OrderStatus.ACCEPTED
    rig.steps.propose(ActionRequest(order_id, Action.START))
    step = rig.steps.pending(order_id)
    assert step is not None
    assert step.from_status is OrderStatus.ACCEPTED
    del working[order_id]  # the kept Accept was cancelled by the cook
    with qtbot.waitSignal(rig.steps.dropped) as dropped:
        rig.steps.recheck(order_id)
    assert dropped.args == [order_id, "#1 changed meanwhile; your Start was not sent."]
    rig.later(6)
    assert rig.taken == []


def test_a_dropped_step_is_told_in_vietnamese_with_the_translated_step_name(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random, vietnamese: None
) -> None:
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    now = [100.0]
    steps = StepWindow(  # the default step names: the translated "Step" words
        lambda _step: None, model, clock=lambda: now[0], label_of=lambda _order: "#7"
    )
    steps.propose(ActionRequest(detail.order_id, Action.ACCEPT, eta_min=20))
    with qtbot.waitSignal(steps.dropped) as dropped:
        set_status(board_of(model), detail, OrderStatus.CANCELLED, clock.now)
    assert dropped.args == [detail.order_id, "#7 đã bị hủy; thao tác Nhận đơn chưa được gửi."]

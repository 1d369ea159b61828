"""BoardView with a real BoardModel: the flow, ordering, per-ticket updates, timers, selection."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.actions import Action, ActionRequest
from kds.core.lanes import Lane
from kds.core.orders import OrderStatus
from kds.core.timers import TimerLevel
from kds.ui.board_view import BoardView
from kds.ui.line_text import Role, Span
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_view(qtbot: QtBot, model: BoardModel, clock: FakeClock) -> BoardView:
    view = BoardView(model, clock=clock, tick_ms=60_000)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()  # the flow is planned for the canvas's real size, known once shown
    qtbot.waitExposed(view)
    return view


def test_tickets_flow_oldest_first_and_the_pager_counts_each_status(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    newer = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=1))
    older = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=3))
    place(board, newer)
    place(board, older)
    assert view.lane_ids(Lane.NEW) == [older.order_id, newer.order_id]
    set_status(board, older, OrderStatus.ACCEPTED, clock.now)
    assert view.lane_ids(Lane.NEW) == [newer.order_id]
    assert view.lane_ids(Lane.IN_PROGRESS) == [older.order_id]
    assert view.order_ids() == [older.order_id, newer.order_id]  # one flow, oldest first
    assert "★ 1 new" in view.pager.counts.text()
    assert "▶ 1 in progress" in view.pager.counts.text()
    assert view.views[older.order_id].status_chip.text() == "✓ ACCEPTED"  # icon + word


def test_ticket_shows_short_number_lines_customizations_note_and_payment(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    detail = sample_order(rng, RESTAURANT, clock.now, note="no peanuts - allergy", online=False)
    place(board_of(model), detail)
    ticket = view.ticket_view(detail.order_id)
    assert ticket is not None
    assert ticket.number_label.text() == "#" + detail.order_number[-4:]
    items = "".join(label.text() for label in ticket.line_labels)
    assert len(ticket.line_labels) == len(detail.items)  # one label a line: a ticket can split
    for line in detail.items:
        assert f"{line.quantity} × {line.name}" in items
        for c in line.customizations:
            assert f"{c.group_name}: {c.choice_name}" in items
    quantities = [s for label in ticket.line_labels for p in label.unit.paras for s in p.spans]
    assert all(s.role is Role.QUANTITY for s in quantities if s.text.endswith(" × "))
    note = ticket.note_label
    assert note is not None
    spans = note.unit.paras[0].spans
    assert spans[0] == Span("⚠ ALLERGY — NOTE: ", Role.ALLERGY_HEAD)
    assert {s.text.lower() for s in spans if s.role is Role.ALLERGY_WORD} == {"peanuts", "allergy"}
    assert note.isVisibleTo(ticket)
    assert "CASH" in ticket.meta_label.text()
    # long names wrap, never elide: each label is as tall as its text at the card's width
    assert all(label.hasHeightForWidth() for label in ticket.line_labels)


def test_an_event_touches_only_the_affected_ticket_view(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    details = [sample_order(rng, RESTAURANT, clock.now - timedelta(seconds=i)) for i in range(20)]
    for d in details:
        place(board, d)
    before = {oid: v for oid, v in view.views.items()}
    set_status(board, details[5], OrderStatus.ACCEPTED, clock.now)
    assert view.views == before  # no view rebuilt: same objects for every ticket
    assert view.views[details[5].order_id].ticket.status is OrderStatus.ACCEPTED


def test_timer_tick_changes_text_level_and_only_what_changed(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    ticket = view.views[detail.order_id]
    assert "00:00" in ticket.timer_label.text()
    assert "On time" in ticket.timer_label.text()
    assert view.tick() == 0  # same second: nothing repainted
    clock.advance(5 * 60 + 1)
    assert view.tick() == 1
    assert ticket.level is TimerLevel.WARNING
    assert "05:01" in ticket.timer_label.text()
    assert "Due soon" in ticket.timer_label.text()
    clock.advance(3 * 60)
    view.tick()
    assert ticket.level is TimerLevel.CRITICAL
    assert "Late" in ticket.timer_label.text()


def test_eta_countdown_once_accepted(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board, detail)
    clock.advance(1)
    set_status(board, detail, OrderStatus.ACCEPTED, clock.now, clock.now + timedelta(minutes=20))
    ticket = view.views[detail.order_id]
    assert "ETA in 20:00" in ticket.eta_label.text()
    clock.advance(21 * 60)
    view.tick()
    assert "LATE by 01:00" in ticket.eta_label.text()
    assert ticket.level is TimerLevel.CRITICAL


def test_buttons_follow_the_status_and_busy_blocks_double_fire(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board, detail)
    ticket = view.views[detail.order_id]
    accept = ticket.button(Action.ACCEPT)
    assert accept is not None
    # Reject and Cancel wait behind "more": never the step's size or place
    assert ticket.button(Action.CANCEL) is None
    assert ticket.button(Action.REJECT) is None
    assert ticket.other_actions == (Action.REJECT, Action.CANCEL)
    more = ticket.more_button
    assert more.isVisibleTo(ticket)
    assert more.width() < accept.width() / 2
    assert accept.minimumHeight() >= 64
    with qtbot.waitSignal(view.more_requested) as asked:
        more.click()
    assert asked.args == [detail.order_id]
    with qtbot.waitSignal(view.action_requested) as blocker:
        accept.click()
    assert blocker.args == [detail.order_id, "accept"]
    view.set_busy(detail.order_id, Action.ACCEPT)
    assert accept.text() == "Accepting…"
    assert not accept.isEnabled()
    requested: list[object] = []
    view.action_requested.connect(lambda *a: requested.append(a))
    accept.click()
    assert requested == []
    view.set_busy(detail.order_id, None)
    view.set_error(
        detail.order_id, "Order cannot be accepted because it is not in 'Placed' status."
    )
    assert "not in 'Placed'" in ticket.error_label.text()
    clock.advance(1)
    set_status(board, detail, OrderStatus.ACCEPTED, clock.now)
    assert ticket.button(Action.START) is not None
    assert ticket.button(Action.ACCEPT) is None
    assert ticket.error_label.isHidden()
    # A step that needs no input goes out as the request itself, for the session to run.
    start = ticket.button(Action.START)
    assert start is not None
    with qtbot.waitSignal(view.step_requested) as step:
        start.click()
    assert step.args == [ActionRequest(detail.order_id, Action.START)]
    assert requested == []  # no dialog is asked for


def test_removed_tickets_leave_and_board_clear_empties(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    a, b = (sample_order(rng, RESTAURANT, clock.now) for _ in range(2))
    place(board, a)
    place(board, b)
    view.select(a.order_id)
    clock.advance(1)
    set_status(board, a, OrderStatus.CANCELLED, clock.now)
    assert a.order_id not in view.views
    assert view.selected_id is None
    model.reset(RESTAURANT, clock=clock)
    assert view.views == {}
    assert view.order_ids() == []
    assert view.plan.segments == ()


def test_keyboard_selection_moves_along_the_flow_and_across_columns(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    board = board_of(model)
    d = [sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=30 - i)) for i in range(12)]
    for x in d:
        place(board, x)
    set_status(board, d[2], OrderStatus.ACCEPTED, clock.now)
    firsts = [s for s in view.plan.segments if s.first]
    column_of = {s.key: (s.page, s.column) for s in firsts}
    view.move_selection(0, 1)
    assert view.selected_id == d[0].order_id  # nothing selected: the oldest on the page
    view.move_selection(0, 1)
    assert view.selected_id == d[1].order_id  # down = the next one in the flow
    view.move_selection(0, -1)
    assert view.selected_id == d[0].order_id
    view.move_selection(1, 0)  # right = the first ticket of the next column
    right = next(s.key for s in firsts if (s.page, s.column) == (0, 1))
    assert view.selected_id == right
    assert column_of[right] == (0, 1)
    view.move_selection(-1, 0)
    assert view.selected_id == d[0].order_id
    view.select_number(2)  # the position number on the page shown
    assert view.selected_id == view.page_ids()[1]
    assert view.views[view.page_ids()[1]].selected


def test_holding_accept_asks_for_another_eta_and_does_not_accept(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = make_view(qtbot, model, clock)
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    ticket = view.views[detail.order_id]
    accept = ticket.button(Action.ACCEPT)
    assert accept is not None
    asked: list[object] = []
    view.action_requested.connect(lambda *a: asked.append(("step", *a)))
    view.eta_requested.connect(lambda order_id: asked.append(("eta", order_id)))
    qtbot.mousePress(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: asked == [("eta", detail.order_id)], timeout=3_000)
    qtbot.mouseRelease(accept, Qt.MouseButton.LeftButton)  # the release is no tap
    assert asked == [("eta", detail.order_id)]
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)  # a plain tap: the default ETA
    assert asked[-1] == ("step", detail.order_id, "accept")

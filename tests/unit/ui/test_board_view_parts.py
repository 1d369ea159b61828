"""`BoardView.parts_of`: the widgets showing a ticket, which the density bench measures."""

from __future__ import annotations

import random
from datetime import timedelta

from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.ui.actions import LABELS
from kds.ui.board_view import BoardView
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of


def test_parts_are_the_number_the_lines_and_the_primary_step_of_the_status(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = BoardView(model, clock=clock, tick_ms=60_000)
    qtbot.addWidget(view)
    board = board_of(model)
    new = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=2))
    moved = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=5))
    place(board, new)
    place(board, moved)
    moved = set_status(board, moved, OrderStatus.ACCEPTED, clock.now)

    parts = view.parts_of(new.order_id)
    ticket = view.ticket_view(new.order_id)
    assert parts is not None
    assert ticket is not None
    assert parts.number[0] is ticket.number_label  # then any "cont." headers
    # one label a line, each line once, wherever it is shown (its card or a continuation)
    assert [u.unit for u in parts.lines] == [u.unit for u in ticket.line_labels]
    assert parts.step is ticket.button(Action.ACCEPT)
    assert parts.step is not None
    assert parts.step.text() == LABELS[Action.ACCEPT]

    moved_parts = view.parts_of(moved.order_id)
    assert moved_parts is not None
    assert moved_parts.step is not None
    assert moved_parts.step.text() == LABELS[Action.START]
    set_status(board, moved, OrderStatus.PREPARING, clock.now)
    preparing = view.parts_of(moved.order_id)
    assert preparing is not None
    assert preparing.step is not None
    assert preparing.step.text() == LABELS[Action.READY]  # follows the status as it changes


def test_no_parts_for_an_order_not_on_the_board_and_the_foot_counts_the_rest(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    view = BoardView(model, clock=clock, tick_ms=60_000)
    qtbot.addWidget(view)
    detail = sample_order(rng, RESTAURANT, clock.now)
    place(board_of(model), detail)
    set_status(board_of(model), detail, OrderStatus.CANCELLED, clock.now)
    assert view.parts_of(detail.order_id) is None
    assert view.parts_of("not-an-order") is None
    assert view.offscreen_indicator is view.pager.summary  # the foot counts what is off screen

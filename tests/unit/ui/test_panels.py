"""Recall and All-day panels: plain text from widgets, following the board, station-aware."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import OrderStatus
from kds.core.stations import Station
from kds.ui.line_text import Placement
from kds.ui.panels import AllDayPanel, RecallPanel
from kds.ui.styled_text import StyledText
from tests.support.rush_scene import build_rush_scene, rush_menu
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_recall_and_all_day_panels_follow_the_board(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    board = board_of(model)
    first = sample_order(rng, RESTAURANT, clock.now - timedelta(minutes=3), lines=2)
    second = sample_order(rng, RESTAURANT, clock.now, lines=1)
    place(board, first)
    place(board, second)
    all_day = AllDayPanel(model)
    qtbot.addWidget(all_day)
    all_day.show()
    for line in first.items + second.items:
        assert line.name in all_day.text()
    assert "Counted over 2 tickets" in all_day.text()
    recall = RecallPanel(model)
    qtbot.addWidget(recall)
    recall.show()
    assert "No order has left the board yet" in recall.text()
    clock.advance(1)
    set_status(board, first, OrderStatus.CANCELLED, clock.now)
    assert "Cancelled" in recall.text()
    assert first.order_number[-4:] in recall.text()
    assert "Counted over 1 tickets" in all_day.text()


def test_all_day_counts_the_real_order_and_cuts_a_hostile_name_as_a_card_does(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    board = board_of(model)
    order = sample_order(rng, RESTAURANT, clock.now, lines=1)
    line = replace(order.items[0], name="B" * 100_000, quantity=1)
    place(board, replace(order, items=(line,) * 60))
    all_day = AllDayPanel(model)
    qtbot.addWidget(all_day)
    all_day.show()
    assert f"60 × {'B' * 500}… (+99,500 more characters not shown)" in all_day.text()
    assert len(all_day.text()) < 2_000


def test_a_note_with_markup_is_shown_as_typed(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    board = board_of(model)
    order = sample_order(rng, RESTAURANT, clock.now, note="<b>big</b> <img src=x> & co")
    place(board, order)
    set_status(board, order, OrderStatus.CANCELLED, clock.now)
    recall = RecallPanel(model)
    qtbot.addWidget(recall)
    recall.show()
    assert "<b>big</b> <img src=x> & co" in recall.text()
    labels = recall.body.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert recall.body.findChildren(StyledText)  # the lines and note: spans, never markup


def test_a_station_counts_its_lines_and_recalls_what_it_marked_done(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    ids = build_rush_scene(board_of(model), clock.now)
    menu = rush_menu()
    model.set_menu(menu)
    bar = Station("bar", ("Đồ uống",), show_new=True)
    placement = Placement(menu, station=bar)
    all_day = AllDayPanel(model, placement=lambda: placement)
    qtbot.addWidget(all_day)
    all_day.show()
    drinks = {i.name for i in menu.items if i.category_id == menu.categories[-1].id}
    counted = {
        line.split(" × ", 1)[1]
        for line in all_day.text().splitlines()
        if " × " in line and not line.startswith(" ")
    }
    assert counted
    assert counted <= drinks
    assert "for station bar" in all_day.text()

    done = {ids[0]}
    back: list[str] = []

    def bring_back(order_id: str) -> None:
        back.append(order_id)
        done.discard(order_id)

    recall = RecallPanel(
        model,
        placement=lambda: placement,
        done_here=lambda: frozenset(done),
        bring_back=bring_back,
    )
    qtbot.addWidget(recall)
    recall.show()
    assert "Done here (1)" in recall.text()
    (bring,) = [b for b in recall.body.findChildren(QPushButton) if b.text() == "↶ Bring back"]
    qtbot.mouseClick(bring, Qt.MouseButton.LeftButton)
    assert back == [ids[0]]
    assert "Done here" not in recall.text()

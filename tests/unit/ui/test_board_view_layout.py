"""Legibility: from 1024×600 to 1920×1080 every ticket fits its lane and shows all its text."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.core.orders import OrderStatus
from kds.ui.board_view import BoardView
from kds.ui.theme import DARK, LIGHT, Theme
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def fill(model: BoardModel, clock: FakeClock, rng: random.Random) -> None:
    board = board_of(model)
    for i in range(9):
        detail = sample_order(
            rng, RESTAURANT, clock.now - timedelta(minutes=20 - i), lines=5, team_cart=i == 2,
            note="No peanuts, severe allergy; ring the bell twice please" if i % 3 == 0 else "",
        )  # fmt: skip
        place(board, detail)
        at: datetime = clock.now - timedelta(minutes=10 - i)
        if i % 3 >= 1:
            detail = set_status(board, detail, OrderStatus.ACCEPTED, at)
        if i % 3 == 2:
            detail = set_status(board, detail, OrderStatus.PREPARING, at + timedelta(seconds=1))
            set_status(board, detail, OrderStatus.READY_FOR_DELIVERY, at + timedelta(seconds=2))


CASES = [
    ((1024, 600), DARK),
    ((1280, 800), DARK),
    ((1920, 1080), DARK),
    ((1024, 600), LIGHT),
    # Larger text needs a wider screen: at 120 % the number and timer row needs ~1200 px.
    ((1280, 800), LIGHT.scaled(1.2)),
    ((1920, 1080), LIGHT.scaled(1.5)),
]


@pytest.mark.parametrize(
    ("size", "theme"), CASES, ids=[f"{w}x{h}-{t.name}-{t.font_scale}" for (w, h), t in CASES]
)
def test_tickets_fit_their_lane_and_nothing_is_squeezed(
    qtbot: QtBot,
    qapp: QApplication,
    model: BoardModel,
    clock: FakeClock,
    rng: random.Random,
    size: tuple[int, int],
    theme: Theme,
) -> None:
    qapp.setStyleSheet(theme.style_sheet())
    fill(model, clock, rng)
    view = BoardView(model, theme=theme, clock=clock)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(5):
        qapp.processEvents()
    if theme is DARK and size == (1024, 600):  # the narrowest case must really be narrow
        assert all(lane.width() < 360 for lane in view.lanes.values())
    for lane in view.lanes.values():
        content = lane.scroll_area.widget()
        assert content is not None
        assert content.width() <= lane.scroll_area.viewport().width()  # no sideways clipping
        for ticket in lane.views:
            assert ticket.width() >= ticket.minimumSizeHint().width()
            assert ticket.height() >= ticket.content_height(ticket.width())  # wrapped, not cut
            label = ticket.items_label
            assert label.wordWrap()
            assert label.height() >= label.heightForWidth(label.width())

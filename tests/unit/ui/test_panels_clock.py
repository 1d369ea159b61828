"""The recall panel says when an order left the board the screen's way (24-hour in
Vietnamese)."""

from __future__ import annotations

import random
import re

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app import i18n
from kds.app.board_model import BoardModel
from kds.app.local_formats import clock_time
from kds.core.orders import OrderStatus
from kds.ui.panels import RecallPanel
from tests.support.sample_orders import place, sample_order, set_status
from tests.support.ui_fakes import RESTAURANT, FakeClock, board_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _recalled(qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random) -> str:
    board = board_of(model)
    order = sample_order(rng, RESTAURANT, clock.now, lines=1)
    place(board, order)
    clock.advance(65)
    set_status(board, order, OrderStatus.CANCELLED, clock.now)
    recall = RecallPanel(model)
    qtbot.addWidget(recall)
    recall.show()
    return recall.text()


def test_when_it_left_in_vietnamese(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, rng: random.Random, vietnamese: None
) -> None:
    text = _recalled(qtbot, model, clock, rng)
    left = clock_time(clock.now, seconds=True)
    assert re.fullmatch(r"\d\d:\d\d:\d\d", left)
    assert f" {left} · " in text


def test_when_it_left_in_english(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock, rng: random.Random
) -> None:
    i18n.install("en")
    text = _recalled(qtbot, model, clock, rng)
    assert f"Cancelled at {clock_time(clock.now, seconds=True)} · " in text

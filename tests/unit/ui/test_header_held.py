"""The header's count of steps not yet at the server (issue 18): words, visibility, room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.ui.header import HeaderBar, held_count_text
from kds.ui.theme import DARK
from tests.support.fake_session import FakeRestaurant, FakeSession
from tests.support.ui_fakes import FakeClock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_count_reads_in_words_with_the_right_plural() -> None:
    assert held_count_text(1) == "◷ 1 step to send"
    assert held_count_text(3) == "◷ 3 steps to send"


def test_the_count_shows_only_while_steps_wait(
    qtbot: QtBot, model: BoardModel, clock: FakeClock
) -> None:
    header = HeaderBar(FakeSession(model), clock)  # type: ignore[arg-type]
    qtbot.addWidget(header)
    header.show()
    assert header.held_label.isHidden()
    header.set_held_count(2)
    assert header.held_label.isVisible()
    assert header.held_label.text() == "◷ 2 steps to send"
    assert header.held_label.textFormat() is Qt.TextFormat.PlainText
    header.set_held_count(0)
    assert header.held_label.isHidden()
    header.stop()


def test_the_count_takes_no_width_from_the_header_buttons(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock
) -> None:
    """However many buttons an owner's header shows, the count never makes it wider: it sits
    under the connection, where the health figures give way to it."""
    qapp.setStyleSheet(DARK.style_sheet())
    session = FakeSession(model)
    session.restaurant_list = [
        FakeRestaurant(role="RestaurantOwner"),
        FakeRestaurant(restaurant_id="other", name="Other"),
    ]
    header = HeaderBar(session, clock, DARK)  # type: ignore[arg-type]
    qtbot.addWidget(header)
    header.show()
    without = header.minimumSizeHint().width()
    header.set_held_count(12)
    assert header.minimumSizeHint().width() == without
    header.stop()


def test_the_count_is_whole_at_1024_px_beside_every_button(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock
) -> None:
    qapp.setStyleSheet(DARK.style_sheet())
    header = HeaderBar(FakeSession(model), clock, DARK, compact=True)  # type: ignore[arg-type]
    qtbot.addWidget(header)
    header.restaurant_label.setText("Pho Hanoi")
    header.set_held_count(12)
    header.resize(1024, header.sizeHint().height())
    header.show()
    qtbot.waitExposed(header)
    assert header.width() == 1024
    for button in (
        header.recall_button,
        header.all_day_button,
        header.mute_button,
        header.settings_button,
    ):
        assert button.isVisible()
        assert header.rect().contains(button.geometry())
        assert button.width() >= button.minimumSizeHint().width()
    label = header.held_label
    assert label.width() >= label.sizeHint().width()  # "◷ 12 steps to send", not cut off
    header.stop()

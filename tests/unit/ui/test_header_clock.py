"""The header's wall clock and "synced" time are written the screen's way (24-hour in
Vietnamese, the English locale's own in English)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app import i18n
from kds.app.board_model import BoardModel
from kds.app.local_formats import clock_time
from kds.ui.header import HeaderBar
from tests.support.fake_session import FakeSession
from tests.support.ui_fakes import FakeClock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _header(qtbot: QtBot, model: BoardModel, clock: FakeClock) -> HeaderBar:
    header = HeaderBar(FakeSession(model), clock)  # type: ignore[arg-type]
    qtbot.addWidget(header)
    header.last_sync = clock.now - timedelta(minutes=3)
    header.refresh()
    return header


def test_the_clock_and_sync_time_in_vietnamese(
    qtbot: QtBot, model: BoardModel, clock: FakeClock, vietnamese: None
) -> None:
    header = _header(qtbot, model, clock)
    assert re.fullmatch(r"\d\d:\d\d", header.clock_label.text())
    assert header.clock_label.text() == clock_time(clock.now)
    synced = clock_time(clock.now - timedelta(minutes=3))
    assert re.fullmatch(r"\d\d:\d\d", synced)
    assert f"đồng bộ lúc {synced}" in header.health_label.text()
    header.stop()


def test_the_clock_and_sync_time_in_english(
    qtbot: QtBot, qapp: QApplication, model: BoardModel, clock: FakeClock
) -> None:
    i18n.install("en")
    header = _header(qtbot, model, clock)
    assert header.clock_label.text() == clock_time(clock.now)
    assert header.clock_label.text().endswith(("AM", "PM"))  # en_US: a 12-hour clock
    assert f"synced {clock_time(clock.now - timedelta(minutes=3))}" in header.health_label.text()
    header.stop()

"""Kiosk mode on the real screen against the real kds-server: a bump-bar key goes to the board
before anyone touches the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.core.lanes import Lane
from kds.ui.kiosk import Kiosk
from tests.support.gui_fixtures import WindowFactory, live_page
from tests.support.helpers import place_order
from tests.support.server import ServerProcess

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

STAFF = "staff.pho-hanoi@kds.example"


class AwakeAnyway:
    """The X server's blanking is not this test's business (tests/unit/ui covers it)."""

    def start(self) -> bool:
        return True

    def stop(self) -> None:
        return None


def test_a_bump_bar_key_reaches_the_board_without_a_touch(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    kiosk = Kiosk(window, AwakeAnyway())
    kiosk.start()
    try:
        page = live_page(qtbot, window, STAFF, dev_server.url)
        oid = place_order(dev_server.url)["orderId"]
        qtbot.waitUntil(lambda: oid in page.board_view.lane_ids(Lane.NEW), timeout=10_000)
        qtbot.waitUntil(window.isActiveWindow)
        assert QApplication.focusWidget() is page
        handle = window.windowHandle()
        assert handle is not None
        # Sent to the window, as the X server's key would be, not to the page: Qt routes it.
        QTest.keyClick(handle, Qt.Key.Key_1)
        assert page.board_view.selected_id == oid
    finally:
        kiosk.stop()

"""Kiosk mode offscreen: the window covers its screen frameless, stays there, is active with the
keyboard on its focus widget, hides the cursor, and keeps the screen awake until `stop`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kds.app.settings import Settings
from kds.ui import kiosk as kiosk_module
from kds.ui.kiosk import Kiosk, keep_awake_for
from kds.ui.main_window import MainWindow
from kds.ui.screen_keepawake import ScreenKeepAwake
from kds.ui.session_api import SessionApi
from tests.support.ui_fakes import FakePlayer

# The offscreen platform says these of a shown window, and the kiosk raises its window.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


class FakeKeepAwake:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def start(self) -> bool:
        self.calls.append("start")
        return True

    def stop(self) -> None:
        self.calls.append("stop")


def no_session(server_url: str) -> SessionApi:
    raise AssertionError("no session may be created in this test")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The real main window on its login page (no server: the board has its own live test)."""
    settings = Settings.load(state_path=tmp_path / "state.json", paths=[], env={})
    main = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(main)
    yield main
    main.shutdown()


@pytest.fixture
def kiosk(window: MainWindow) -> Iterator[Kiosk]:
    mode = Kiosk(window, FakeKeepAwake())
    yield mode
    mode.stop()  # the override cursor is application-wide: never leak it into other tests


def test_the_window_covers_its_whole_screen_without_a_frame(
    qtbot: QtBot, window: MainWindow, kiosk: Kiosk
) -> None:
    kiosk.start()
    qtbot.waitExposed(window)
    screen = window.screen()
    assert kiosk.screen is screen
    assert window.geometry() == screen.geometry()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()


def test_the_window_goes_back_over_the_screen_when_the_screen_changes(
    qtbot: QtBot, window: MainWindow, kiosk: Kiosk
) -> None:
    kiosk.start()
    qtbot.waitExposed(window)
    screen = window.screen()
    window.setGeometry(QRect(0, 0, 640, 300))  # where a resolution change would leave it
    screen.geometryChanged.emit(screen.geometry())
    assert window.geometry() == screen.geometry()
    window.setGeometry(QRect(0, 0, 640, 300))
    handle = window.windowHandle()
    assert handle is not None
    handle.screenChanged.emit(screen)  # moved to another screen (here: the only one)
    assert window.geometry() == screen.geometry()


def test_the_cursor_is_hidden_in_kiosk_mode_only(window: MainWindow, kiosk: Kiosk) -> None:
    assert QApplication.overrideCursor() is None  # a normal window shows the pointer
    kiosk.start()
    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor
    kiosk.stop()
    assert QApplication.overrideCursor() is None


def test_the_window_is_active_and_keys_reach_its_focus_widget_untouched(
    qtbot: QtBot, window: MainWindow, kiosk: Kiosk
) -> None:
    kiosk.start()
    qtbot.waitUntil(window.isActiveWindow)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit)
    assert focused.window() is window
    before = focused.text()
    # To the window, not to a widget: Qt routes it to the focus widget as it would a key
    # from the X server (the board's own routing is in the live kiosk test).
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_X)
    assert focused.text() == before + "x"


def test_the_screen_is_kept_awake_until_stop(window: MainWindow) -> None:
    keep = FakeKeepAwake()
    mode = Kiosk(window, keep)
    mode.start()
    assert keep.calls == ["start"]
    mode.stop()
    assert keep.calls == ["start", "stop"]


def test_only_x11_blanking_is_switched_and_other_platforms_say_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert isinstance(keep_awake_for("xcb"), ScreenKeepAwake)
    other = keep_awake_for("wayland")
    with caplog.at_level(logging.WARNING, logger=kiosk_module.__name__):
        assert not other.start()
        other.stop()
    assert len(caplog.records) == 1
    assert "left to the system on the 'wayland' platform" in caplog.text

"""`run_gui` switches language at once: the window in the old words goes (its session shut down),
a new one is built in the new words, signs in silently again and runs (issue 20)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kds.app import i18n
from kds.app.board_model import BoardModel
from kds.app.settings import SessionSettings, Settings, StateFile
from kds.ui.kiosk import Kiosk
from kds.ui.main import run_gui
from kds.ui.main_window import MainWindow
from tests.support.fake_session import FakeSession

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.mark.parametrize("kiosk", [False, True], ids=["window", "kiosk"])
def test_choosing_vietnamese_rebuilds_the_window_in_vietnamese(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_leaks: None,
    kiosk: bool,
) -> None:
    for name in [n for n in os.environ if n.startswith("KDS_")]:
        monkeypatch.delenv(name)
    state = tmp_path / "state.json"
    StateFile(state).save_choices({"server_url": "https://kds.example", "user": "cook"})
    sessions: list[FakeSession] = []
    windows: list[MainWindow] = []
    seen: dict[str, str] = {}
    calls: list[tuple[int, str]] = []  # (which session, what), in the order made

    def make_session(settings: SessionSettings) -> FakeSession:
        session = FakeSession(BoardModel(), settings.base_url)
        number = len(sessions)
        session.resume = lambda: calls.append((number, "resume"))  # type: ignore[method-assign]
        session.shutdown = lambda: calls.append((number, "shutdown"))  # type: ignore[method-assign]
        sessions.append(session)
        return session

    def choose_vietnamese(window: MainWindow) -> None:
        window.open_settings()
        assert window.settings_dialog is not None
        window.settings_dialog.language_buttons["vi"].click()

    def look_and_close(window: MainWindow) -> None:
        assert window.board_page is not None
        seen["recall"] = window.board_page.header.recall_button.text()
        seen["title"] = window.windowTitle()
        seen["kiosk"] = str(window.findChild(Kiosk) is not None)
        window.close()

    def on_window(window: MainWindow) -> None:
        windows.append(window)
        step = choose_vietnamese if len(windows) == 1 else look_and_close
        QTimer.singleShot(0, lambda: step(window))

    # Never hang the suite — and stopped after, or it would end a later test's event loop.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(20_000)
    try:
        args = ["--state", str(state), "--no-sound", *(["--kiosk"] if kiosk else [])]
        code = run_gui(args, make_session, on_window=on_window)
        qapp.processEvents()
        assert code == 0
        assert len(windows) == 2
        assert seen["recall"] == "Gọi lại"
        assert seen["title"] == "Màn hình bếp"
        assert seen["kiosk"] == str(kiosk)  # kiosk mode holds for the new window
        assert not shiboken6.isValid(windows[0])  # the old window is deleted
        # the old session stops before the new one signs in silently again
        assert calls == [(0, "resume"), (0, "shutdown"), (1, "resume"), (1, "shutdown")]
        assert Settings.load(state_path=state, paths=[], env={}).language == "vi"
        assert i18n.current_language() == "vi"
    finally:
        guard.stop()
        i18n.install("en")

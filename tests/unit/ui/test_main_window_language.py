"""The language switch in the settings dialog: saved as the cook's choice, the window asks to be
rebuilt in it; a language fixed by a flag is shown and not offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kds.app.settings import Settings, StateFile
from kds.ui.main_window import MainWindow
from kds.ui.session_api import SessionApi
from kds.ui.settings_dialog import SettingsDialog
from tests.support.ui_fakes import FakePlayer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def no_session(server_url: str) -> SessionApi:
    raise AssertionError("no session may be created in this test")


def open_dialog(qtbot: QtBot, settings: Settings) -> tuple[MainWindow, SettingsDialog]:
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    window.open_settings()
    assert window.settings_dialog is not None
    return window, window.settings_dialog


def test_each_language_is_named_in_its_own_language(qtbot: QtBot, tmp_path: Path) -> None:
    window, dialog = open_dialog(qtbot, Settings.load(state_path=tmp_path / "s", paths=[], env={}))
    texts = {name: button.text() for name, button in dialog.language_buttons.items()}
    assert texts == {"vi": "Tiếng Việt", "en": "English", "auto": "Auto (system)"}
    assert dialog.language_buttons["auto"].isChecked()
    window.shutdown()


def test_choosing_vietnamese_is_remembered_and_asks_for_the_window_in_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    window, dialog = open_dialog(qtbot, Settings.load(state_path=state, paths=[], env={}))
    with qtbot.waitSignal(window.rebuild_requested, timeout=1000):
        dialog.language_buttons["vi"].click()
    assert dialog.language_buttons["vi"].isChecked()
    assert not dialog.language_buttons["auto"].isChecked()
    again = Settings.load(state_path=state, paths=[], env={})
    assert again.language == "vi"
    assert again.config.sources["language"].startswith("on-screen")
    assert StateFile(state).choices()["language"][0] == "vi"
    window.shutdown()


def test_choosing_the_language_already_shown_rebuilds_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    window, dialog = open_dialog(qtbot, Settings.load(state_path=tmp_path / "s", paths=[], env={}))
    rebuilds: list[bool] = []
    window.rebuild_requested.connect(lambda: rebuilds.append(True))
    dialog.language_buttons["en"].click()  # the tests speak English
    assert rebuilds == []
    assert window.settings.language == "en"
    window.shutdown()


def test_a_language_pinned_by_a_flag_is_shown_and_not_offered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.load(
        state_path=tmp_path / "state.json", paths=[], env={}, cli={"language": "en"}
    )
    window, dialog = open_dialog(qtbot, settings)
    assert dialog.language_buttons["en"].isChecked()
    assert not any(button.isEnabled() for button in dialog.language_buttons.values())
    assert dialog.pinned_label.text() == "Language is set by --language for this terminal."
    assert dialog.dark_button.isEnabled()  # only the pinned setting is held
    window.shutdown()

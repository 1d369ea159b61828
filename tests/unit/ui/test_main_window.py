"""Window plumbing without a server: settings (theme, text size) persist; panels show the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app.settings import Settings, StateFile
from kds.ui.login_view import LoginView
from kds.ui.main_window import MainWindow
from kds.ui.session_api import SessionApi
from kds.ui.theme import LIGHT
from tests.support.ui_fakes import FakePlayer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def no_session(server_url: str) -> SessionApi:
    raise AssertionError("no session may be created in this test")


def settings_at(path: Path, **choices: object) -> Settings:
    """The settings of a terminal with no config files and no KDS_* variables, whose cook
    chose `choices` on screen (saved in the state file at `path`)."""
    if choices:
        StateFile(path).save_choices(choices)
    return Settings.load(state_path=path, paths=[], env={})


def test_settings_change_theme_and_text_size_and_are_remembered(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    prefs = settings_at(tmp_path / "state.json")
    window = MainWindow(no_session, FakePlayer(), prefs, resume=False)
    qtbot.addWidget(window)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.light_button.click()
    assert LIGHT.window in qapp.styleSheet()
    dialog.larger_button.click()
    dialog.larger_button.click()
    assert "font-size: 22px" in qapp.styleSheet()  # 18 px × 1.2
    again = settings_at(tmp_path / "state.json")
    assert again.theme == "light"
    assert again.font_scale == pytest.approx(1.2)
    window.shutdown()


def test_prefs_prefill_the_login_and_never_hold_a_password(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = settings_at(tmp_path / "p", server_url="https://kds.example", user="staff@kds.example")
    window = MainWindow(no_session, FakePlayer(), prefs, resume=False)
    qtbot.addWidget(window)
    assert window.login.server_edit.text() == "https://kds.example"
    assert window.login.user_edit.text() == "staff@kds.example"
    assert window.login.password_edit.echoMode() == window.login.password_edit.EchoMode.Password
    prefs.choose(server_url=window.login.server_edit.text(), user=window.login.user_edit.text())
    assert "password" not in (tmp_path / "p").read_text().lower()
    window.shutdown()


def test_broken_prefs_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "ui.json"
    path.write_text("{not json")
    prefs = settings_at(path)
    assert (prefs.theme, prefs.font_scale, prefs.server_url) == ("dark", 1.0, "")


def test_a_theme_pinned_by_a_variable_is_shown_and_not_offered(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """The dialog shows the effective theme; the variable that fixes it is named, and the
    text size (not pinned) still changes and is saved."""
    toml = tmp_path / "config.toml"
    toml.write_text('theme = "dark"\n')
    settings = Settings.load(
        state_path=tmp_path / "state.json", paths=[toml], env={"KDS_THEME": "light"}
    )
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    assert LIGHT.window in qapp.styleSheet()
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.light_button.isChecked()
    assert not dialog.light_button.isEnabled()
    assert not dialog.dark_button.isEnabled()
    assert dialog.larger_button.isEnabled()
    assert dialog.pinned_label.text() == "Theme is set by env KDS_THEME for this terminal."
    dialog.larger_button.click()
    assert settings_at(tmp_path / "state.json").font_scale == pytest.approx(1.1)
    window.shutdown()


def test_the_cooks_theme_wins_over_the_config_file(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    toml = tmp_path / "config.toml"
    toml.write_text('theme = "dark"\n')
    StateFile(tmp_path / "state.json").save_choices({"theme": "light"})
    settings = Settings.load(state_path=tmp_path / "state.json", paths=[toml], env={})
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    assert LIGHT.window in qapp.styleSheet()
    window.open_settings()
    assert window.settings_dialog is not None
    assert window.settings_dialog.dark_button.isEnabled()
    assert window.settings_dialog.pinned_label.isHidden()
    window.shutdown()


class SwitchRecorder:
    """Stands in for the running session: records what the settings dialog switched."""

    def __init__(self) -> None:
        self.auto_accept: list[bool] = []
        self.restaurant_id: str | None = None

    def set_auto_accept(self, enabled: bool) -> None:
        self.auto_accept.append(enabled)

    def shutdown(self) -> None:
        pass

    def deleteLater(self) -> None:
        pass


def test_the_auto_accept_switch_is_remembered_and_reaches_the_running_session_at_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    toml = tmp_path / "config.toml"
    toml.write_text("accept_eta_minutes = 20\n")
    settings = Settings.load(state_path=tmp_path / "state.json", paths=[toml], env={})
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    session = SwitchRecorder()
    window.session = session  # type: ignore[assignment]
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    button = dialog.auto_accept_button
    assert not button.isChecked()  # off unless this terminal says otherwise
    assert button.text() == "Auto-accept new orders (20 min): off"
    button.click()
    assert button.text() == "Auto-accept new orders (20 min): ON"
    assert session.auto_accept == [True]
    assert Settings.load(state_path=tmp_path / "state.json", paths=[toml], env={}).auto_accept
    button.click()
    assert session.auto_accept == [True, False]
    window.shutdown()


def test_auto_accept_pinned_by_a_variable_is_shown_and_not_offered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.load(
        state_path=tmp_path / "state.json", paths=[], env={"KDS_AUTO_ACCEPT": "yes"}
    )
    window = MainWindow(no_session, FakePlayer(), settings, resume=False)
    qtbot.addWidget(window)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.auto_accept_button.isChecked()
    assert not dialog.auto_accept_button.isEnabled()
    assert dialog.pinned_label.text() == (
        "Auto-accept is set by env KDS_AUTO_ACCEPT for this terminal."
    )
    window.shutdown()


def test_login_requires_every_field(qtbot: QtBot) -> None:
    login = LoginView()
    qtbot.addWidget(login)
    requested: list[tuple[str, str, str]] = []
    login.login_requested.connect(lambda *a: requested.append(a))
    login.user_edit.setText("staff")
    login.sign_in_button.click()
    assert requested == []
    assert "Enter the server address" in login.error_label.text()


def test_text_grows_with_the_screen() -> None:
    from kds.ui.main import scale_for_size

    assert scale_for_size(1024, 600) == 1.0
    assert scale_for_size(1280, 800) == 1.0
    assert scale_for_size(1920, 1080) == pytest.approx(1.35)
    assert scale_for_size(3840, 2160) == 1.5


def test_screen_scale_multiplies_the_users_text_size(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    prefs = settings_at(tmp_path / "state.json", font_scale=1.2)
    window = MainWindow(no_session, FakePlayer(), prefs, resume=False, screen_scale=1.25)
    qtbot.addWidget(window)
    assert window.theme.font_scale == pytest.approx(1.5)
    assert "font-size: 27px" in qapp.styleSheet()  # 18 px × 1.5
    window.shutdown()


def test_the_real_session_has_everything_the_screen_uses() -> None:
    from kds.app.session import Session

    wanted = [
        name
        for name in vars(SessionApi)
        if not name.startswith("_")
        and name not in ("board", "settings", "restaurant_id", "steps")  # set in __init__
    ]
    assert "run" in wanted  # the one action path
    assert "action_failed" in wanted
    missing = [name for name in wanted if not hasattr(Session, name)]
    assert missing == []


def test_an_https_only_terminal_does_not_sign_in_silently_over_plain_http(
    qtbot: QtBot, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    StateFile(state).save_choices({"server_url": "http://kitchen-server:8080", "user": "cook"})
    prefs = Settings.load(state_path=state, paths=[], env={"KDS_ALLOW_HTTP": "false"})
    window = MainWindow(no_session, FakePlayer(), prefs, resume=True)  # a session would raise
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.login
    assert "https:// only" in window.login.error_label.text()
    window.shutdown()

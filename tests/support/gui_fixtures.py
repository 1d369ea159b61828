"""The real GUI against the real kds-server: a MainWindow whose sessions use test settings;
every Qt test directory also resets the application style sheet after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kds.app.memory_keyring import MemoryKeyring
from kds.app.session import Session
from kds.app.settings import SessionSettings, Settings, StateFile
from kds.net.hub import HubClient
from kds.net.retry import HubRetryPolicy
from kds.ui.alert_player import AlertPlayer
from kds.ui.board_page import BoardPage
from kds.ui.main_window import MainWindow
from tests.support import http
from tests.support.helpers import PASSWORD, login
from tests.support.ui_fakes import FakePlayer


def fast_hub(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    """Reconnect delays short enough for tests."""
    policy = HubRetryPolicy(delays_s=(0.0, 0.2, 0.5), steady_s=0.5)
    return HubClient(url, token_provider, retry_policy=policy, **kwargs)


WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _reset_style_sheet(qapp: QApplication) -> Iterator[None]:
    """A MainWindow styles the whole application; the next test starts unstyled."""
    yield
    qapp.setStyleSheet("")


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, no_leaks: None
) -> Iterator[WindowFactory]:
    """``make(player=None, env={}, terminal=None, **window_kwargs) -> MainWindow`` (not signed
    in; `env`: KDS_* variables for its settings), shut down after."""
    made: list[MainWindow] = []

    def make(player: AlertPlayer | None = None, **kwargs: Any) -> MainWindow:
        # ``terminal``: a name shared by windows that stand for one terminal restarted (its
        # state file, saved board and step queue); each window is a terminal of its own else.
        state = tmp_path / f"{kwargs.pop('terminal', f'state{len(made)}')}.json"

        def session_for(server_url: str) -> Session:
            settings = SessionSettings(server_url, state_path=state)
            return Session(settings, hub_factory=fast_hub, state=StateFile(state))

        kwargs.setdefault("repeat_s", 0.3)
        kwargs.setdefault("escalate_s", 60.0)
        kwargs.setdefault("resume", False)
        kwargs.setdefault("undo_s", 0.2)  # the undo window's own tests choose a longer one
        env = kwargs.pop("env", {})  # KDS_* variables for this window's settings
        window = MainWindow(
            session_for,
            player or FakePlayer(),
            Settings.load(state_path=tmp_path / "screen.json", paths=[], env=env),
            **kwargs,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def sign_in(qtbot: QtBot, window: MainWindow, url: str, user: str) -> None:
    """Type into the login page like a cook would and tap Sign in."""
    window.login.server_edit.setText(url)
    window.login.user_edit.setText(user)
    window.login.password_edit.setText(PASSWORD)
    window.login.sign_in_button.click()


def live_page(qtbot: QtBot, window: MainWindow, user: str, url: str) -> BoardPage:
    """Sign in as a one-restaurant user and wait until the board is live and synced."""
    sign_in(qtbot, window, url, user)
    qtbot.waitUntil(
        lambda: (
            window.session is not None
            and window.session.live.live  # type: ignore[attr-defined]
            and window.stack.currentWidget() is window.board_page
        ),
        timeout=15_000,
    )
    assert window.board_page is not None
    return window.board_page


def owner_token(url: str, slug: str = "pho-hanoi") -> str:
    return login(url, f"owner.{slug}@kds.example", PASSWORD)


def restaurant_accepting(url: str, rid: str, token: str) -> bool:
    response = http.get(
        f"{url}/api/v1/restaurants/{rid}/info", headers={"Authorization": f"Bearer {token}"}
    )
    response.raise_for_status()
    return bool(response.json()["isAcceptingOrders"])

"""MenuLoader with a scripted menu endpoint: load, ETag/304, one fetch at a time, failures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.menu_loader import FIRST_RETRY_S, MenuLoader
from kds.app.qt_thread import QtThread, Worker
from kds.app.settings import SessionSettings
from kds.core.changes import MenuChanged
from kds.core.epoch import Epoch
from kds.core.menu import decode_menu
from kds.net.errors import ServerUnavailable
from kds.net.menu_fetch import MenuFetch
from kds.server.seed import RESTAURANT_IDS
from tests.support.menus import menu_document

PHO, BELLA = RESTAURANT_IDS["pho-hanoi"], RESTAURANT_IDS["bella-napoli"]
SLUGS = {PHO: "pho-hanoi", BELLA: "bella-napoli"}
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


class FakeMenus:
    """``RestClient.menu`` as the loader calls it: decodes on the calling thread, answers 304
    to the current ETag; a test can hold a restaurant's next fetch or make fetches fail."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.threads: list[str] = []
        self.hold: dict[str, threading.Event] = {}
        self.fail: dict[str, BaseException] = {}
        self.serve: dict[str, str] = {}  # restaurant id → slug whose document it serves
        self.raw: dict[str, object] = {}  # restaurant id → a document served as is
        self.lock = threading.Lock()

    def menu(self, restaurant_id: str, etag: str | None = None) -> MenuFetch:
        with self.lock:
            self.calls.append((restaurant_id, etag))
            self.threads.append(threading.current_thread().name)
            hold = self.hold.pop(restaurant_id, None)
        if hold is not None:
            assert hold.wait(10)
        failure = self.fail.get(restaurant_id)
        if failure is not None:
            raise failure
        if restaurant_id in self.raw:
            return MenuFetch(decode_menu(self.raw[restaurant_id]), '"raw"')
        current = f'"{restaurant_id}-v1"'
        if etag == current:
            return MenuFetch(None, current)
        slug = self.serve.get(restaurant_id, SLUGS[restaurant_id])
        return MenuFetch(decode_menu(menu_document(slug)), current)


class Rig:
    def __init__(self, refresh_s: float = 60.0) -> None:
        self.rest = FakeMenus()
        self.qt = QtThread()
        self.calls = Worker(self.qt, 4, "kds-call")
        self.model = BoardModel()
        self.epoch = Epoch()
        settings = SessionSettings("http://kds.test", menu_refresh_s=refresh_s)
        self.loader = MenuLoader(settings, self.model, self.calls, lambda: NOW, self.epoch)
        self.changes: list[MenuChanged] = []
        self.model.changed.connect(
            lambda c: self.changes.append(c) if isinstance(c, MenuChanged) else None
        )
        self.notices: list[tuple[str, str]] = []
        self.loader.notice.connect(lambda lvl, msg: self.notices.append((lvl, msg)))
        self.answers = 0  # answers (either kind) that reached the Qt thread, stale or not
        on_answer, on_failed = self.loader._on_answer, self.loader._on_failed

        def counted(fn: Any) -> Any:
            def call(*args: Any) -> None:
                self.answers += 1
                fn(*args)

            return call

        self.loader._on_answer = counted(on_answer)  # type: ignore[method-assign]
        self.loader._on_failed = counted(on_failed)  # type: ignore[method-assign]

    def open(self, rid: str) -> None:
        """What ``LiveBoard.start`` does: new epoch, new board, then the loader."""
        self.epoch.advance()
        self.model.reset(rid)
        self.loader.start(self.rest, rid)  # type: ignore[arg-type]

    def close(self) -> None:
        self.loader.stop()
        self.qt.closed = True
        self.calls.shutdown()


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    made = Rig()
    yield made
    made.close()


@pytest.fixture
def fast_rig(qtbot: QtBot) -> Iterator[Rig]:
    made = Rig(refresh_s=0.05)
    yield made
    made.close()


def test_menu_is_fetched_on_a_worker_and_set_on_the_model(qtbot: QtBot, rig: Rig) -> None:
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.model.menu is not None)
    menu = rig.model.menu
    assert menu is not None
    assert menu.restaurant_id == PHO
    assert rig.changes == [MenuChanged(menu)]
    assert rig.loader.menu is menu
    assert rig.loader.last_loaded_at == NOW
    assert not rig.loader.failing
    assert rig.loader.error is None
    assert rig.rest.calls == [(PHO, None)]
    assert rig.rest.threads[0].startswith("kds-call")
    assert rig.notices == []


def test_refresh_sends_the_etag_and_a_304_keeps_the_same_menu(qtbot: QtBot, rig: Rig) -> None:
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.loader.loaded == 1)
    first = rig.model.menu
    rig.loader.refresh()
    qtbot.waitUntil(lambda: rig.loader.not_modified == 1)
    assert rig.rest.calls == [(PHO, None), (PHO, f'"{PHO}-v1"')]
    assert rig.model.menu is first
    assert len(rig.changes) == 1


def test_a_refresh_asked_during_a_fetch_runs_once_after_it(qtbot: QtBot, rig: Rig) -> None:
    gate = rig.rest.hold[PHO] = threading.Event()
    rig.open(PHO)
    for _ in range(3):
        rig.loader.refresh()
    assert rig.rest.calls in ([], [(PHO, None)])  # one fetch at most in flight
    gate.set()
    qtbot.waitUntil(lambda: rig.answers == 2)
    assert rig.rest.calls == [(PHO, None), (PHO, f'"{PHO}-v1"')]
    assert (rig.loader.loaded, rig.loader.not_modified) == (1, 1)


def test_a_late_answer_for_the_previous_restaurant_is_dropped(qtbot: QtBot, rig: Rig) -> None:
    gate = rig.rest.hold[PHO] = threading.Event()
    rig.open(PHO)
    rig.open(BELLA)
    qtbot.waitUntil(lambda: rig.model.menu is not None)
    bella = rig.model.menu
    assert bella is not None
    assert bella.restaurant_id == BELLA
    gate.set()
    qtbot.waitUntil(lambda: rig.answers == 2)  # pho's answer came back, and was dropped
    assert rig.model.menu is bella
    assert rig.loader.menu is bella
    assert rig.changes == [MenuChanged(bella)]
    assert rig.loader.loaded == 1


def test_a_reopened_restaurant_shows_its_cached_menu_at_once(qtbot: QtBot, rig: Rig) -> None:
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.loader.loaded == 1)
    pho = rig.model.menu
    rig.open(BELLA)
    qtbot.waitUntil(lambda: rig.loader.loaded == 2)
    gate = rig.rest.hold[PHO] = threading.Event()
    rig.open(PHO)
    assert rig.model.menu is pho  # before the fetch answers
    gate.set()
    qtbot.waitUntil(lambda: rig.loader.not_modified == 1)
    assert rig.rest.calls[-1] == (PHO, f'"{PHO}-v1"')
    assert rig.model.menu is pho


def test_a_failure_streak_gives_one_notice_and_the_retry_loads_it(
    qtbot: QtBot, fast_rig: Rig
) -> None:
    rig = fast_rig
    rig.rest.fail[PHO] = ServerUnavailable("down", status=503)
    rig.open(PHO)
    qtbot.waitUntil(lambda: len(rig.rest.calls) >= 3)  # retried (capped at the 50 ms refresh)
    assert rig.loader.failing
    assert rig.loader.error == "server error 503"
    assert rig.model.menu is None
    assert rig.loader.last_loaded_at is None
    [(level, text)] = rig.notices
    assert level == "warning"
    assert text.startswith("Menu could not be loaded (server error 503): lines show without")
    del rig.rest.fail[PHO]
    qtbot.waitUntil(lambda: rig.model.menu is not None)
    assert not rig.loader.failing
    assert rig.notices[1:] == [("info", "Menu loaded.")]


def test_a_failure_keeps_the_previous_menu(qtbot: QtBot, fast_rig: Rig) -> None:
    rig = fast_rig
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.loader.loaded == 1)
    menu = rig.model.menu
    rig.rest.fail[PHO] = ServerUnavailable("unreachable")
    qtbot.waitUntil(lambda: rig.loader.failing)
    assert rig.model.menu is menu
    assert rig.loader.menu is menu
    [(level, text)] = rig.notices
    assert level == "warning"
    assert "server unreachable" in text
    assert "loaded before" in text


def test_another_restaurants_document_is_a_failure(qtbot: QtBot, rig: Rig) -> None:
    rig.rest.serve[PHO] = "bella-napoli"
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.loader.failing)
    assert rig.model.menu is None
    assert rig.loader.menu is None
    assert rig.loader.error == "the server sent another restaurant's menu"
    assert len(rig.notices) == 1


def test_a_malformed_document_is_a_failure(qtbot: QtBot, rig: Rig) -> None:
    rig.rest.raw[PHO] = {**menu_document(), "items": []}
    rig.open(PHO)
    qtbot.waitUntil(lambda: rig.loader.failing)
    assert rig.loader.error == "the server's menu could not be read"
    assert rig.model.menu is None
    [(level, _text)] = rig.notices
    assert level == "warning"


def test_retries_double_from_five_seconds_capped_at_the_refresh(qtbot: QtBot, rig: Rig) -> None:
    rig.rest.fail[PHO] = ServerUnavailable("down")
    rig.open(PHO)
    delays = []
    for n in range(1, 6):
        qtbot.waitUntil(lambda n=n: rig.answers == n)
        delays.append(rig.loader._timer.interval() / 1000)
        rig.loader._timer.stop()
        rig.loader.refresh()  # as the timer would, without waiting for it
    assert delays == [FIRST_RETRY_S, 10.0, 20.0, 40.0, 60.0]
    assert len(rig.notices) == 1


def test_no_refresh_timer_when_disabled(qtbot: QtBot) -> None:
    rig = Rig(refresh_s=0)
    try:
        rig.open(PHO)
        qtbot.waitUntil(lambda: rig.loader.loaded == 1)
        assert not rig.loader._timer.isActive()
    finally:
        rig.close()

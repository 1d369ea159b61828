"""SoldOutController without a server: signals, a missing Date, stale menus and answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from pytestqt.qtbot import QtBot

from kds.app.qt_thread import QtThread, Worker
from kds.app.sold_out import SoldOutController, failure_text
from kds.core.menu import Menu, MenuItem
from kds.core.sold_out import SoldOut
from kds.net.errors import AuthExpired, NotFound, ServerUnavailable, ValidationFailed
from kds.net.rest import RestClient

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
ITEM = "0b7e1c7e-1111-4222-8333-944455556666"
T0 = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


class FakeRest:
    def __init__(self) -> None:
        self.answer: Any = T0
        self.sent: list[tuple[str, str, bool]] = []

    def set_item_availability(self, rid: str, item: str, available: bool) -> datetime | None:
        self.sent.append((rid, item, available))
        if isinstance(self.answer, BaseException):
            raise self.answer
        return cast("datetime | None", self.answer)


def menu(rebuilt: datetime, available: bool, rid: str = RID) -> Menu:
    return Menu(rid, rebuilt, (), (MenuItem(ITEM, "Chè", "c", available),))


@pytest.fixture
def rig(qapp: Any) -> Iterator[tuple[SoldOutController, FakeRest, list[SoldOut], list[int]]]:
    calls = Worker(QtThread(), 1, "kds-test-call")
    refreshes: list[int] = []
    controller = SoldOutController(calls, lambda: refreshes.append(1), clock=lambda: T0)
    rest = FakeRest()
    states: list[SoldOut] = []
    controller.changed.connect(states.append)
    controller.reset(cast(RestClient, rest), RID)
    yield controller, rest, states, refreshes
    calls.shutdown()


def test_nothing_is_sent_without_a_restaurant(qapp: Any) -> None:
    calls = Worker(QtThread(), 1, "kds-test-call")
    try:
        assert not SoldOutController(calls, lambda: None).mark(ITEM, "Chè", False)
    finally:
        calls.shutdown()


def test_changed_only_when_the_set_changes(qtbot: QtBot, rig: Any) -> None:
    controller, rest, states, refreshes = rig
    controller.menu_changed(menu(T0 - timedelta(minutes=1), True))
    assert states == []  # nothing sold out before, nothing now
    with qtbot.waitSignal(controller.changed):
        assert controller.mark(ITEM.upper(), "Chè", False)
    assert rest.sent == [(RID, ITEM, False)]
    assert refreshes == [1]
    assert ITEM in controller.state
    controller.menu_changed(menu(T0 - timedelta(minutes=1), True))  # stale: no change
    controller.menu_changed(menu(T0 + timedelta(minutes=5), False, rid=OTHER))  # ignored
    assert len(states) == 1
    controller.menu_changed(menu(T0 + timedelta(seconds=5), False))  # caught up
    assert controller.marks() == []
    assert len(states) == 2  # the same item, no longer pending
    assert not states[-1].get(ITEM).pending


def test_without_a_date_a_later_agreeing_menu_reconciles(qtbot: QtBot, rig: Any) -> None:
    controller, rest, _, _ = rig
    rest.answer = None
    controller.menu_changed(menu(T0, True))
    with qtbot.waitSignal(controller.changed):
        controller.mark(ITEM, "Chè", False)
    [mark] = controller.marks()
    assert (mark.server_date, mark.seen_rebuilt_at) == (None, T0)
    controller.menu_changed(menu(T0, False))  # not rebuilt since the 204 was seen
    assert controller.marks() == [mark]
    controller.menu_changed(menu(T0 + timedelta(minutes=5), False))
    assert controller.marks() == []
    assert ITEM in controller.state


def test_a_refused_session_is_reported_as_such(qtbot: QtBot, rig: Any) -> None:
    controller, rest, _, _ = rig
    rest.answer = AuthExpired("gone", status=401)
    with qtbot.waitSignal(controller.auth_expired):
        controller.mark(ITEM, "Chè", False)
    assert not controller.busy(ITEM)


def test_failure_words() -> None:
    assert failure_text(NotFound("x"), "Chè", False) == "Chè is no longer on the menu."
    assert failure_text(ServerUnavailable("x"), "Chè", True) == (
        "No connection — Chè was not marked back on. Try again when the board is live."
    )
    assert failure_text(ValidationFailed("x"), "Chè", False) == (
        "The server refused — Chè was not marked sold out. Try again."
    )


def test_failure_words_in_vietnamese_keep_the_items_name(vietnamese: None) -> None:
    assert failure_text(NotFound("x"), "Chè", False) == "Chè không còn trong thực đơn."
    assert failure_text(ServerUnavailable("x"), "Trà đá", False) == (
        "Mất kết nối — Trà đá chưa được báo hết món. Thử lại khi bảng đơn trực tuyến."
    )
    assert failure_text(ValidationFailed("x"), "Chè", True) == (
        "Máy chủ từ chối — Chè chưa được báo còn món. Hãy thử lại."
    )

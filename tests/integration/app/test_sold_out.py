"""86 an item against the real kds-server (issue 17, item 5): marked sold out at once, the mark
kept over the lagging menu and settled when the menu's rebuild passes the 204's Date, the
simulator stops ordering it, back on again; failures in a cook's words."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.app.qt_thread import QtThread, Worker
from kds.app.sold_out import SoldOutController
from kds.core.menu import Menu
from kds.core.sold_out import SoldOut
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore
from tests.support import http
from tests.support.fixtures import DEV_ARGS, _factory
from tests.support.helpers import PHO_HANOI, staff
from tests.support.server import ServerProcess

CACHE_S = "0.5"  # the menu read model's lag, short (the real backend's is 300 s)
MISSING = "0b7e1c7e-1111-4222-8333-944455556666"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    make, started = _factory(tmp_path_factory.mktemp("kds-server"))
    try:
        yield make([*DEV_ARGS, "--menu-cache-s", CACHE_S])
    finally:
        for process in started:
            process.close()


class Rig:
    """A controller on a real worker, a staff REST client, and a menu loader stand-in."""

    def __init__(self, url: str, user: tuple[str, str]) -> None:
        self.qt = QtThread()
        self.calls = Worker(self.qt, 2, "kds-test-call")
        self.rest = RestClient(url)
        self.rest.login(*user)
        self.refreshes = 0
        self.controller = SoldOutController(self.calls, self.refresh)
        self.states: list[SoldOut] = []
        self.failures: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []
        self.controller.changed.connect(self.states.append)
        self.controller.failed.connect(lambda i, m: self.failures.append((i, m)))
        self.controller.notice.connect(lambda lv, m: self.notices.append((lv, m)))

    def refresh(self) -> None:
        self.refreshes += 1

    def menu(self) -> Menu:
        fetched = self.rest.menu(PHO_HANOI).menu
        assert fetched is not None
        return fetched

    def close(self) -> None:
        self.calls.shutdown()
        self.rest.close()


@pytest.fixture
def rig(server: ServerProcess) -> Iterator[Rig]:
    made = Rig(server.url, staff("pho-hanoi"))
    made.controller.reset(made.rest, PHO_HANOI)
    yield made
    made.close()


def _item_id(menu: Menu, name: str) -> str:
    return next(i.id for i in menu.items if i.name == name)


def _simulated_item_ids(url: str, count: int = 12) -> set[str]:
    """Item ids on `count` orders the dev simulator places now for Pho Hanoi (big orders)."""
    body = {"restaurantId": PHO_HANOI, "count": count, "maxItemsPerOrder": 50}
    placed = http.post(f"{url}/api/v1/dev/order-simulator/start", json=body)
    assert placed.status_code == 202
    ids: set[str] = set()
    for order in placed.json()["orders"]:
        detail: Any = http.get(f"{url}/api/v1/dev/orders/{order['orderId']}").json()
        ids.update(line["menuItemId"] for line in detail["items"])
    return ids


def test_86_end_to_end(qtbot: QtBot, rig: Rig, server: ServerProcess) -> None:
    """Mark sold out → shown at once over a stale menu → the simulator stops ordering it → the
    menu catches up and the mark is reconciled away → back on → ordered again."""
    controller = rig.controller
    stale = rig.menu()
    controller.menu_changed(stale)
    item = _item_id(stale, "Bún chả Hà Nội")
    assert stale.item(item).is_available  # type: ignore[union-attr]
    assert item not in controller.state

    assert controller.mark(item, "Bún chả Hà Nội", available=False)
    assert controller.busy(item)
    assert not controller.mark(item, "Bún chả Hà Nội", available=False)  # a second tap
    qtbot.waitUntil(lambda: item in controller.state, timeout=WAIT_MS)
    assert not controller.busy(item)
    assert rig.refreshes == 1
    shown = controller.state.get(item)
    assert shown is not None
    assert shown.pending
    [mark] = controller.marks()
    assert mark.server_date is not None  # the 204's Date
    assert rig.rest.item_availability(PHO_HANOI, item) is False  # live at once…

    # …while the menu may still say available: the mark survives every stale menu.
    controller.menu_changed(stale)
    assert item in controller.state
    assert controller.marks() == [mark]

    # The simulator no longer orders it.
    assert item not in _simulated_item_ids(server.url)

    # Each menu the loader delivers: sold out all along; the mark goes once the rebuild is past.
    def settled() -> bool:
        menu = rig.menu()
        controller.menu_changed(menu)
        assert item in controller.state  # never flipped back by a stale menu
        if controller.marks():
            return False
        assert menu.last_rebuilt_at >= mark.server_date  # type: ignore[operator]
        assert not menu.item(item).is_available  # type: ignore[union-attr]
        return True

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    after = controller.state.get(item)
    assert after is not None
    assert not after.pending
    assert after.as_of == shown.as_of  # the cook's moment, not the rebuild's

    # Back on: shown at once over the menu that still says sold out, then settled.
    old = rig.menu()
    assert controller.mark(item, "Bún chả Hà Nội", available=True)
    qtbot.waitUntil(lambda: item not in controller.state, timeout=WAIT_MS)
    controller.menu_changed(old)
    assert item not in controller.state

    def back() -> bool:
        menu = rig.menu()
        controller.menu_changed(menu)
        assert item not in controller.state
        return not controller.marks()

    qtbot.waitUntil(back, timeout=WAIT_MS)
    assert rig.menu().item(item).is_available  # type: ignore[union-attr]
    assert item in _simulated_item_ids(server.url)
    assert rig.failures == []


def test_staff_of_another_restaurant_is_refused(qtbot: QtBot, server: ServerProcess) -> None:
    other = Rig(server.url, staff("bella-napoli"))
    try:
        other.controller.reset(other.rest, PHO_HANOI)
        item = _item_id(other.menu(), "Trà đá")
        with qtbot.waitSignal(other.controller.failed, timeout=WAIT_MS) as failed:
            assert other.controller.mark(item, "Trà đá", available=False)
        assert failed.args == [item, "Only staff of this restaurant can mark items sold out."]
        assert other.notices == [("error", failed.args[1])]
        assert item not in other.controller.state
        assert other.controller.marks() == []
        assert not other.controller.busy(item)
    finally:
        other.close()


def test_an_unknown_item_is_no_longer_on_the_menu(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.controller.failed, timeout=WAIT_MS) as failed:
        assert rig.controller.mark(MISSING.upper(), "Bánh xèo", available=False)
    assert failed.args == [MISSING, "Bánh xèo is no longer on the menu."]
    assert rig.controller.state == SoldOut()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_offline_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    qt = QtThread()
    calls = Worker(qt, 1, "kds-test-call")
    tokens = TokenStore(url, "staff.pho-hanoi@kds.example")
    tokens.save("acc-9f8e7d6c", "ref-9f8e7d6c", 3600)
    rest = RestClient(url, tokens, timeout_s=2)
    controller = SoldOutController(calls, lambda: None)
    try:
        controller.reset(rest, PHO_HANOI)
        with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as failed:
            assert controller.mark(MISSING, "Trà đá", available=False)
        assert failed.args == [
            MISSING,
            "No connection — Trà đá was not marked sold out. Try again when the board is live.",
        ]
        assert controller.marks() == []
    finally:
        calls.shutdown()
        rest.close()


def test_a_late_answer_for_the_previous_restaurant_is_dropped(qtbot: QtBot, rig: Rig) -> None:
    menu = rig.menu()
    item = _item_id(menu, "Phở gà")
    assert rig.controller.mark(item, "Phở gà", available=False)
    rig.controller.reset(rig.rest, PHO_HANOI)  # reopened before the answer came
    assert not rig.controller.busy(item)
    rig.calls.shutdown()  # wait for the call: its answer is posted to the Qt thread
    qtbot.wait(50)
    assert rig.controller.marks() == []
    assert item not in rig.controller.state
    http_rest = RestClient(rig.rest.base_url, rig.rest.tokens)
    try:
        http_rest.set_item_availability(PHO_HANOI, item, True)  # leave the seed as it was
    finally:
        http_rest.close()

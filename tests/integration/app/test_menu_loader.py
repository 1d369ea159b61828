"""The menu loader against the real kds-server: load, ETag/304, restaurant switch, failures."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kds.core.changes import BoardCleared, Change, MenuChanged
from kds.core.menu import Menu
from kds.server.seed import menu_items
from tests.integration.app.conftest import SessionFactory, go_live, sign_in
from tests.integration.app.traffic import dev
from tests.support import http
from tests.support.fixtures import DEV_ARGS, ServerFactory
from tests.support.helpers import (
    BELLA_NAPOLI,
    MANAGER,
    PHO_HANOI,
    auth,
    login,
    place_order,
    staff,
)
from tests.support.menus import seed_menu
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


def menu_changes(changes: list[Change]) -> list[Menu | None]:
    return [c.menu for c in changes if isinstance(c, MenuChanged)]


def same_menu(menu: Menu | None, slug: str) -> bool:
    """The seed's menu (the server's ``lastRebuiltAt`` is its own)."""
    seed = seed_menu(slug)
    return (
        menu is not None
        and menu.restaurant_id == seed.restaurant_id
        and (menu.categories, menu.items) == (seed.categories, seed.items)
    )


def test_menu_loaded_on_start_and_refreshed_with_a_304(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = make_session(dev_server, menu_refresh_s=0.2)
    changes: list[Change] = []
    session.board.changed.connect(changes.append)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    loader = session.live.menu_loader
    qtbot.waitUntil(lambda: session.board.menu is not None, timeout=10_000)
    first = session.board.menu
    assert same_menu(first, "pho-hanoi")
    assert menu_changes(changes) == [first]
    assert loader.last_loaded_at is not None
    assert not loader.failing
    # The timer refreshes with the ETag; the server answers 304 and the menu object stays.
    qtbot.waitUntil(lambda: loader.not_modified >= 2, timeout=10_000)
    session.live.refresh_menu()
    qtbot.waitUntil(lambda: loader.not_modified >= 3, timeout=10_000)
    assert loader.loaded == 1
    assert session.board.menu is first
    assert menu_changes(changes) == [first]
    assert not [n for n in rec.notices if "Menu" in n[1]]


def test_restaurant_switch_drops_the_old_menu_and_loads_the_new(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, _rec = make_session(dev_server, auto_select=False)
    changes: list[Change] = []
    session.board.changed.connect(changes.append)
    sign_in(qtbot, session, *MANAGER)
    session.select_restaurant(PHO_HANOI)
    qtbot.waitUntil(lambda: same_menu(session.board.menu, "pho-hanoi"), timeout=10_000)
    pho = session.board.menu
    del changes[:]
    session.select_restaurant(BELLA_NAPOLI)
    assert session.board.menu is None  # gone with the board
    qtbot.waitUntil(lambda: same_menu(session.board.menu, "bella-napoli"), timeout=10_000)
    assert isinstance(changes[0], BoardCleared)
    assert menu_changes(changes) == [session.board.menu]
    # Back to pho-hanoi: its cached menu is set at once, then confirmed by a 304.
    loader = session.live.menu_loader
    answered = loader.not_modified
    session.select_restaurant(PHO_HANOI)
    assert session.board.menu is pho
    qtbot.waitUntil(lambda: loader.not_modified > answered, timeout=10_000)
    assert session.board.menu is pho


def test_a_failing_menu_endpoint_never_blocks_the_board(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    order = place_order(dev_server.url, PHO_HANOI)
    dev(dev_server, "faults/rest", {"pathPattern": "/menu$", "status": 503, "count": 1_000_000})
    session, rec = make_session(dev_server, menu_refresh_s=0.2)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    assert session.board.get(order["orderId"]) is not None
    loader = session.live.menu_loader
    qtbot.waitUntil(lambda: loader.failing, timeout=10_000)
    assert session.board.menu is None
    assert loader.error == "server error 503"
    menu_notices = [n for n in rec.notices if "Menu" in n[1]]
    assert len(menu_notices) == 1
    level, text = menu_notices[0]
    assert level == "warning"
    assert text.startswith("Menu could not be loaded (server error 503)")
    dev(dev_server, "faults/clear")
    qtbot.waitUntil(lambda: same_menu(session.board.menu, "pho-hanoi"), timeout=10_000)
    assert not loader.failing
    assert [n for n in rec.notices if "Menu" in n[1]] == [*menu_notices, ("info", "Menu loaded.")]
    assert session.live.live
    assert session.board.get(order["orderId"]) is not None


def test_refresh_menu_shows_a_sold_out_mark_after_the_rebuild(
    qtbot: QtBot, server_factory: ServerFactory, make_session: SessionFactory
) -> None:
    server = server_factory([*DEV_ARGS, "--menu-cache-s", "0"])
    session, rec = make_session(server, menu_refresh_s=0)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    qtbot.waitUntil(lambda: session.board.menu is not None, timeout=10_000)
    item = menu_items("pho-hanoi")[0]
    token = login(server.url, STAFF, "Password123!")
    url = f"{server.url}/api/v1/restaurants/{PHO_HANOI}/menu-items/{item.id}/availability"
    http.put(url, json={"isAvailable": False}, headers=auth(token)).raise_for_status()
    session.live.refresh_menu()  # what the UI does after this terminal's own change

    def sold_out() -> bool:
        menu = session.board.menu
        found = None if menu is None else menu.item(item.id)
        return found is not None and not found.is_available

    qtbot.waitUntil(sold_out, timeout=10_000)
    assert session.live.menu_loader.loaded == 2

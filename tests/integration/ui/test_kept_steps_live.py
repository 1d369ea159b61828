"""The kitchen screen against the real kds-server with the server away: taps are kept and
shown on their tickets, sent when it is back; a restart shows the last board, offline."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kds.core.actions import Action
from kds.ui.board_page import BoardPage
from tests.integration.ui.test_main_window_live import STAFF, tap
from tests.support import http
from tests.support.gui_fixtures import WindowFactory, live_page
from tests.support.helpers import PHO_HANOI, place_order
from tests.support.server import ServerProcess

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def status_at_server(server: ServerProcess, order_id: str) -> str:
    return str(http.get(f"{server.url}/api/v1/dev/orders/{order_id}").json()["status"])


def on_page(qtbot: QtBot, page: BoardPage, order_id: str) -> None:
    qtbot.waitUntil(lambda: page.board_view.ticket_view(order_id) is not None, timeout=10_000)


def test_taps_while_the_server_is_away_show_on_the_ticket_and_go_when_it_is_back(
    qtbot: QtBot, dev_server: ServerProcess, make_window: WindowFactory
) -> None:
    window = make_window()
    page = live_page(qtbot, window, STAFF, dev_server.url)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_page(qtbot, page, order_id)
    dev_server.stop()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10_000)

    tap(page, order_id, Action.ACCEPT)  # the undo window (0.2 s here), then kept
    view = page.board_view.ticket_view(order_id)
    assert view is not None
    qtbot.waitUntil(lambda: view.held_strip.isVisible(), timeout=5_000)
    assert "sends when back online" in view.held_strip.label.text()
    assert page.header.held_label.text() == "◷ 1 step to send"
    tap(page, order_id, Action.START)  # offered after the kept Accept
    qtbot.waitUntil(lambda: page.header.held_label.text() == "◷ 2 steps to send")
    assert "Accept → Start" in view.held_strip.label.text()
    view.held_strip.cancel_button.click()  # the cook takes Start back
    qtbot.waitUntil(lambda: page.header.held_label.text() == "◷ 1 step to send")
    assert "Start" in page.notice_label.text()

    dev_server.restart()
    qtbot.waitUntil(lambda: not page.header.held_label.isVisible(), timeout=30_000)
    assert status_at_server(dev_server, order_id) == "Accepted"
    live = page.board_view.ticket_view(order_id)
    assert live is not None
    qtbot.waitUntil(lambda: not live.held_strip.isVisible())


def test_a_restart_with_the_server_away_shows_the_last_board_marked_offline(
    qtbot: QtBot, dev_server: ServerProcess, make_window: WindowFactory
) -> None:
    first = make_window(terminal="kitchen")
    page = live_page(qtbot, first, STAFF, dev_server.url)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_page(qtbot, page, order_id)
    session = first.session
    assert session is not None
    session.acknowledge(order_id)

    def saved_acknowledged() -> bool:
        snapshot = session.keeper.load(STAFF, PHO_HANOI).snapshot  # type: ignore[attr-defined]
        return snapshot is not None and order_id in snapshot.acknowledged

    qtbot.waitUntil(saved_acknowledged, timeout=10_000)
    first.shutdown()
    dev_server.stop()

    second = make_window(terminal="kitchen", resume=True)
    qtbot.waitUntil(
        lambda: (
            second.board_page is not None
            and second.stack.currentWidget() is second.board_page
            and second.board_page.board_view.ticket_view(order_id) is not None
        ),
        timeout=15_000,
    )
    board = second.board_page
    assert board is not None
    assert "offline since" in board.banner.text()
    assert "last synced" in board.banner.text()
    assert order_id not in board.alerts.alerting  # acknowledged before the restart

    dev_server.restart()
    assert second.session is not None
    qtbot.waitUntil(lambda: second.session.live.live, timeout=30_000)  # type: ignore[union-attr]
    assert second.stack.currentWidget() is board  # no detour through the picker
    assert board.board_view.ticket_view(order_id) is not None
    assert order_id not in board.alerts.alerting

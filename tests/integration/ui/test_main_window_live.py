"""The whole screen against the real kds-server: login, every action, pause, switch, banner."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kds.core.actions import Action
from kds.core.lanes import Lane
from kds.server.seed import menu_items
from kds.ui.board_page import OFFLINE_ALARM_TEXT, BoardPage
from kds.ui.dialogs import (
    ITEM_PREFIX,
    OTHER_ETA,
    AcceptDialog,
    ConfirmDialog,
    MoreDialog,
    ReasonDialog,
)
from kds.ui.line_text import Role
from kds.ui.main_window import MainWindow
from kds.ui.panels import AllDayPanel
from tests.support import http
from tests.support.gui_fixtures import (
    WindowFactory,
    live_page,
    owner_token,
    restaurant_accepting,
    sign_in,
)
from tests.support.helpers import BELLA_NAPOLI, PHO_HANOI, open_orders, place_order
from tests.support.server import ServerProcess

# The offscreen platform says this once per shown top-level window; harmless (deps-notes §2).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OWNER = "owner.pho-hanoi@kds.example"
STAFF = "staff.pho-hanoi@kds.example"


def server_status(server: ServerProcess, order_id: str, rid: str = PHO_HANOI) -> str | None:
    for order in open_orders(server.url, rid):
        if order["orderId"] == order_id:
            return str(order["status"])
    return None


def wait_ticket(qtbot: QtBot, page: BoardPage, order_id: str, lane: Lane) -> None:
    qtbot.waitUntil(lambda: order_id in page.board_view.lane_ids(lane), timeout=10_000)


def tap(page: BoardPage, order_id: str, action: Action) -> None:
    """Tap the ticket's step, or for Reject / Cancel: "⋯", then the action (a dialog follows)."""
    view = page.board_view.ticket_view(order_id)
    assert view is not None
    if action in view.other_actions:
        view.more_button.click()
        more = page.dialog
        assert isinstance(more, MoreDialog)
        more.buttons[action.value].click()
        return
    button = view.button(action)
    assert button is not None, f"{action} not offered on {view.ticket.status}"
    assert button.isEnabled()
    button.click()


def accept_with_eta(page: BoardPage, order_id: str) -> AcceptDialog:
    """ "⋯" → "Accept with another ETA…": the preset dialog."""
    view = page.board_view.ticket_view(order_id)
    assert view is not None
    view.more_button.click()
    more = page.dialog
    assert isinstance(more, MoreDialog)
    more.buttons[OTHER_ETA].click()
    dialog = page.dialog
    assert isinstance(dialog, AcceptDialog)
    return dialog


def test_login_failures_are_told_in_words(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    window.login.server_edit.setText(dev_server.url)
    window.login.user_edit.setText(OWNER)
    window.login.password_edit.setText("wrong password")
    window.login.sign_in_button.click()
    assert window.login.password_edit.text() == ""  # handed over, never kept on screen
    qtbot.waitUntil(lambda: "Wrong user name or password" in window.login.error_label.text())
    for _ in range(5):  # Identity locks the account after 5 failures
        window.login.password_edit.setText("wrong password")
        window.login.sign_in_button.click()
        qtbot.waitUntil(window.login.sign_in_button.isEnabled, timeout=10_000)
    assert "locked for 5 minutes" in window.login.error_label.text()


def test_unreachable_server_is_told_in_words(
    qtbot: QtBot, make_window: WindowFactory, server_factory: object
) -> None:
    window = make_window()
    sign_in(qtbot, window, "http://127.0.0.1:9", OWNER)  # discard port: nothing listens
    qtbot.waitUntil(lambda: "cannot be reached" in window.login.error_label.text(), timeout=15_000)
    assert window.stack.currentWidget() is window.login


def test_order_lifecycle_from_the_screen(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    player = page.alerts._player  # the FakePlayer handed to the window
    order = place_order(dev_server.url, note="no peanuts - allergy")
    oid = order["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    qtbot.waitUntil(lambda: oid in page.alerts.alerting)
    assert player.played  # type: ignore[attr-defined]
    view = page.board_view.ticket_view(oid)
    assert view is not None
    qtbot.waitUntil(
        lambda: (
            view.note_label is not None
            and view.note_label.unit.allergen  # headed ALLERGY, the words in the allergy style
            and "peanuts" in view.note_label.text()
        ),
        timeout=10_000,
    )

    tap(page, oid, Action.ACCEPT)  # one tap: the default ETA, sent after the undo window
    assert oid not in page.alerts.alerting  # the tap acknowledges at once
    wait_ticket(qtbot, page, oid, Lane.IN_PROGRESS)
    assert server_status(dev_server, oid) == "Accepted"
    qtbot.waitUntil(lambda: any(f"ETA in {t}" in view.eta_label.text() for t in ("19:", "20:00")))

    tap(page, oid, Action.START)
    qtbot.waitUntil(lambda: view.ticket.status.value == "Preparing")
    assert server_status(dev_server, oid) == "Preparing"
    tap(page, oid, Action.READY)
    wait_ticket(qtbot, page, oid, Lane.READY)
    assert server_status(dev_server, oid) == "ReadyForDelivery"
    tap(page, oid, Action.HAND_OVER)
    qtbot.waitUntil(lambda: page.board_view.ticket_view(oid) is None)
    assert server_status(dev_server, oid) is None
    recalled = window.session.board.recall()  # type: ignore[union-attr]
    assert recalled[0].ticket.order_id == oid
    assert recalled[0].final_status is not None
    assert recalled[0].final_status.value == "Delivered"


def test_reject_with_a_reason_and_cancel_in_progress(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, STAFF, dev_server.url)
    player = page.alerts._player
    first = place_order(dev_server.url)["orderId"]
    second = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, first, Lane.NEW)
    wait_ticket(qtbot, page, second, Lane.NEW)

    tap(page, first, Action.REJECT)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.preset_buttons[1].click()
    assert dialog.reason() == "Item unavailable"
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: page.board_view.ticket_view(first) is None)
    assert window.session.board.recall()[0].final_status.value == "Rejected"  # type: ignore[union-attr]

    accept = accept_with_eta(page, second)
    accept.custom.setValue(50)
    accept.custom_button.click()
    wait_ticket(qtbot, page, second, Lane.IN_PROGRESS)
    tap(page, second, Action.CANCEL)
    cancel = page.dialog
    assert isinstance(cancel, ReasonDialog)
    cancel.back_button.click()  # changing one's mind costs nothing
    assert server_status(dev_server, second) == "Accepted"
    tap(page, second, Action.CANCEL)
    cancel = page.dialog
    assert isinstance(cancel, ReasonDialog)
    cancel.text.setPlainText("Kitchen fire alarm")
    cancel.confirm_button.click()
    qtbot.waitUntil(lambda: page.board_view.ticket_view(second) is None)
    assert server_status(dev_server, second) is None
    # an order on the board was cancelled: the distinct sound played
    assert "cancelled" in [s.value for s in player.played]  # type: ignore[attr-defined]


def test_failed_action_shows_the_server_text_on_the_ticket(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    # Someone else cancels it while this screen does not hear about it yet.
    http.post(f"{dev_server.url}/api/v1/dev/faults/outbox", json={"paused": True})
    token = owner_token(dev_server.url)
    response = http.post(
        f"{dev_server.url}/api/v1/orders/{oid}/cancel",
        json={"restaurantId": PHO_HANOI, "reason": None},
        headers={"Authorization": f"Bearer {token}"},
    )
    response.raise_for_status()
    tap(page, oid, Action.ACCEPT)
    view = page.board_view.ticket_view(oid)
    assert view is not None
    qtbot.waitUntil(lambda: "not in 'Placed' status" in view.error_label.text(), timeout=10_000)
    assert view.busy_action is None
    assert view.button(Action.ACCEPT) is not None
    http.post(f"{dev_server.url}/api/v1/dev/faults/clear", json={})
    qtbot.waitUntil(lambda: page.board_view.ticket_view(oid) is None, timeout=10_000)


def test_owner_pauses_and_resumes_incoming_orders(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    switch = page.header.accepting_button
    assert switch.isVisible()
    token = owner_token(dev_server.url)
    switch.click()
    qtbot.waitUntil(lambda: "PAUSED" in switch.text() and switch.isEnabled())
    assert restaurant_accepting(dev_server.url, PHO_HANOI, token) is False
    switch.click()
    qtbot.waitUntil(lambda: "Taking orders" in switch.text() and switch.isEnabled())
    assert restaurant_accepting(dev_server.url, PHO_HANOI, token) is True


def test_pause_switch_shows_a_pause_made_on_another_terminal(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    token = owner_token(dev_server.url)
    paused = http.put(
        f"{dev_server.url}/api/v1/restaurants/{PHO_HANOI}/accepting-orders",
        json={"isAccepting": False},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert paused.status_code < 300
    page = live_page(qtbot, make_window(), OWNER, dev_server.url)
    switch = page.header.accepting_button
    qtbot.waitUntil(lambda: "PAUSED" in switch.text(), timeout=10_000)
    assert not switch.isChecked()


def test_staff_sees_no_pause_switch(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    page = live_page(qtbot, make_window(), STAFF, dev_server.url)
    assert not page.header.accepting_button.isVisible()


def test_manager_switches_restaurant_from_the_header(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    sign_in(qtbot, window, dev_server.url, "manager@kds.example")
    qtbot.waitUntil(lambda: len(window.picker.buttons) == 2, timeout=15_000)
    assert window.stack.currentWidget() is window.picker
    window.picker.buttons[PHO_HANOI].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.board_page, timeout=10_000)
    page = window.board_page
    assert page is not None
    assert page.header.restaurant_label.text() == "Pho Hanoi"
    page.header.restaurant_button.click()
    assert window.stack.currentWidget() is window.picker
    window.picker.buttons[BELLA_NAPOLI].click()
    qtbot.waitUntil(lambda: page.header.restaurant_label.text() == "Bella Napoli", timeout=10_000)
    qtbot.waitUntil(lambda: window.session.live.live, timeout=15_000)  # type: ignore[union-attr]
    oid = place_order(dev_server.url, BELLA_NAPOLI)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)


def test_reconnecting_banner_after_a_hub_drop(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    assert page.banner.isHidden()
    seen: list[tuple[str, bool, str, str]] = []  # what the screen showed at each change
    header_label = page.header.connection_label
    window.session.connection_changed.connect(  # type: ignore[union-attr]
        lambda state, _d: seen.append(
            (state, page.banner.isVisible(), page.banner.text(), header_label.text())
        )
    )
    http.post(f"{dev_server.url}/api/v1/dev/faults/hub-drop", json={})
    qtbot.waitUntil(lambda: any(x[0] == "reconnecting" for x in seen), timeout=10_000)
    _state, visible, text, header = next(x for x in seen if x[0] == "reconnecting")
    assert visible
    assert "RECONNECTING" in text
    assert "Reconnecting" in header
    qtbot.waitUntil(
        lambda: page.banner.isHidden() and page.header.state == "connected", timeout=15_000
    )
    assert "Live" in page.header.connection_label.text()


def test_order_placed_during_an_outage_alerts_after_the_resync(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    http.post(f"{dev_server.url}/api/v1/dev/faults/outbox", json={"paused": True})
    oid = place_order(dev_server.url)["orderId"]  # its event is held back: only a resync finds it
    http.post(f"{dev_server.url}/api/v1/dev/faults/hub-drop", json={})
    qtbot.waitUntil(lambda: oid in page.alerts.alerting, timeout=15_000)
    assert page.board_view.ticket_view(oid) is not None
    http.post(f"{dev_server.url}/api/v1/dev/faults/clear", json={})


def test_alert_repeats_escalates_and_stops_when_the_ticket_is_tapped(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window(repeat_s=0.2, escalate_s=0.6)
    page = live_page(qtbot, window, OWNER, dev_server.url)
    player = page.alerts._player
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    view = page.board_view.ticket_view(oid)
    assert view is not None
    assert view.flashing
    qtbot.waitUntil(lambda: len(player.played) >= 3, timeout=5_000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.flash.active, timeout=5_000)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: oid not in page.alerts.alerting)
    assert not view.flashing
    assert not page.flash.active
    assert not page.alerts._repeat.isActive()
    assert page.board_view.selected_id == oid


def test_no_sound_device_means_visual_alerts_and_one_notice(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess, tmp_path: object
) -> None:
    from pathlib import Path

    from kds.ui.alert_player import SimpleAudioPlayer

    player = SimpleAudioPlayer(asset_dir=Path(str(tmp_path)) / "no-such-dir")
    window = make_window(player=player)
    page = live_page(qtbot, window, OWNER, dev_server.url)
    notices: list[str] = []
    page.alerts.sound_unavailable.connect(notices.append)
    first = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, first, Lane.NEW)
    qtbot.waitUntil(lambda: "visual only" in page.notice_label.text())
    second = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, second, Lane.NEW)
    qtbot.waitUntil(lambda: second in page.alerts.alerting)
    assert page.board_view.ticket_view(second).flashing  # type: ignore[union-attr]
    assert notices == ["No sound device: new-order alerts are visual only."]
    assert player.error is not None


def test_bump_keys_drive_the_board(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window: MainWindow = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert page.board_view.selected_id == oid
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.dialog is None  # Accept with the default ETA: no dialog
    assert page.steps.pending(oid) is not None  # it waits out its undo window
    assert oid not in page.alerts.alerting  # the bump acknowledged the alert
    qtbot.keyClick(page, Qt.Key.Key_Return)  # bumped again: sent at once
    assert page.steps.pending(oid) is None
    wait_ticket(qtbot, page, oid, Lane.IN_PROGRESS)
    qtbot.keyClick(page, Qt.Key.Key_Return)  # next step: Start preparing, no dialog
    view = page.board_view.ticket_view(oid)
    assert view is not None
    qtbot.waitUntil(lambda: view.ticket.status.value == "Preparing")
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert page.alerts.muted
    qtbot.keyClick(page, Qt.Key.Key_A)
    assert page.dialog is not None
    assert page.dialog.windowTitle() == "All day"


def test_tls_failure_is_told_in_words(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    https_url = dev_server.url.replace("http://", "https://")  # a TLS handshake with plain HTTP
    sign_in(qtbot, window, https_url, OWNER)
    qtbot.waitUntil(lambda: window.login.sign_in_button.isEnabled(), timeout=15_000)
    assert "secure connection" in window.login.error_label.text()
    assert "Password123" not in window.login.error_label.text()


def test_the_password_is_never_logged(
    qtbot: QtBot,
    make_window: WindowFactory,
    dev_server: ServerProcess,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    window = make_window()
    secret = "s3cret-Kitchen-Pa55"
    window.login.server_edit.setText(dev_server.url)
    window.login.user_edit.setText(OWNER)
    window.login.password_edit.setText(secret)
    window.login.sign_in_button.click()
    qtbot.waitUntil(lambda: "Wrong user name" in window.login.error_label.text(), timeout=10_000)
    page = live_page(qtbot, window, OWNER, dev_server.url)
    assert page.isVisible()
    assert caplog.records  # the client did log at DEBUG: the check below means something
    assert secret not in caplog.text
    assert "Password123!" not in caplog.text


def test_an_open_dialog_closes_when_its_order_leaves_the_board(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, OWNER, dev_server.url)
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    accept_with_eta(page, oid)
    response = http.post(  # the customer cancels meanwhile (another client)
        f"{dev_server.url}/api/v1/orders/{oid}/cancel",
        json={"restaurantId": PHO_HANOI, "reason": "changed my mind"},
        headers={"Authorization": f"Bearer {owner_token(dev_server.url)}"},
    )
    response.raise_for_status()
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10_000)
    assert "left the board (Cancelled)" in page.notice_label.text()


def test_undo_inside_the_window_sends_nothing_and_the_step_goes_once_after(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window(undo_s=1.0)
    page = live_page(qtbot, window, OWNER, dev_server.url)
    session = window.session
    assert session is not None
    started: list[str] = []
    session.action_started.connect(lambda order_id, action: started.append(action))
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    qtbot.waitUntil(lambda: oid in page.alerts.alerting)
    view = page.board_view.ticket_view(oid)
    assert view is not None
    tap(page, oid, Action.ACCEPT)
    assert oid not in page.alerts.alerting  # the tap silences it at once
    assert view.undo_button.isVisibleTo(view)
    step = view.button(Action.ACCEPT)
    assert step is not None
    assert step.text().startswith("Accept · ")  # counting down; tap again: send now
    view.undo_button.click()
    assert oid in page.alerts.alerting  # an undone Accept alerts again
    assert not view.undo_button.isVisibleTo(view)
    qtbot.wait(1_500)  # past the window: proving nothing is sent takes the window's time
    assert started == []
    assert server_status(dev_server, oid) == "Placed"  # the real server saw nothing
    tap(page, oid, Action.ACCEPT)
    wait_ticket(qtbot, page, oid, Lane.IN_PROGRESS)
    assert server_status(dev_server, oid) == "Accepted"
    qtbot.wait(300)
    assert started == ["accept"]  # once


def test_a_step_whose_order_moves_meanwhile_is_dropped_with_a_notice(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window(undo_s=30.0)
    page = live_page(qtbot, window, OWNER, dev_server.url)
    oid = place_order(dev_server.url)["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    tap(page, oid, Action.ACCEPT)
    response = http.post(  # the customer cancels meanwhile (another client)
        f"{dev_server.url}/api/v1/orders/{oid}/cancel",
        json={"restaurantId": PHO_HANOI, "reason": "changed my mind"},
        headers={"Authorization": f"Bearer {owner_token(dev_server.url)}"},
    )
    response.raise_for_status()
    qtbot.waitUntil(lambda: page.board_view.ticket_view(oid) is None, timeout=10_000)
    assert page.steps.pending(oid) is None
    assert "was cancelled; your Accept was not sent." in page.notice_label.text()
    assert page.notice_label.isVisible()


def availability(server: ServerProcess, item_id: str) -> bool:
    path = f"/api/v1/restaurants/{PHO_HANOI}/menu-items/{item_id}/availability"
    response = http.get(server.url + path, timeout=10)
    response.raise_for_status()
    return bool(response.json()["isAvailable"])


def test_86_an_item_from_a_ticket_and_back_from_the_all_day_panel(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window()
    page = live_page(qtbot, window, STAFF, dev_server.url)
    item = next(i for i in menu_items("pho-hanoi") if i.is_available)
    order = place_order(dev_server.url, items=[{"name": item.name, "quantity": 2, "unitPrice": 1}])
    oid = order["orderId"]
    wait_ticket(qtbot, page, oid, Lane.NEW)
    qtbot.waitUntil(lambda: page.board_view.placement.menu is not None, timeout=10_000)
    view = page.board_view.ticket_view(oid)
    assert view is not None
    qtbot.waitUntil(lambda: view.ticket.detail is not None, timeout=10_000)

    def flagged() -> bool:
        return any(
            s.role is Role.SOLD_OUT
            for label in view.line_labels
            for p in label.unit.paras
            for s in p.spans
        )

    assert not flagged()
    view.more_button.click()
    more = page.dialog
    assert isinstance(more, MoreDialog)
    more.buttons[ITEM_PREFIX + item.id].click()  # "⊘ <name> sold out (86)…"
    confirm = page.dialog
    assert isinstance(confirm, ConfirmDialog)
    assert item.name in confirm.windowTitle() + confirm.confirm_button.text()
    confirm.confirm_button.click()
    qtbot.waitUntil(flagged, timeout=10_000)  # at once after the 204, the menu still lags
    assert availability(dev_server, item.id) is False

    page.open_all_day()
    panel = page.dialog
    assert isinstance(panel, AllDayPanel)
    qtbot.waitUntil(lambda: "Sold out now (1)" in panel.text())
    assert f"⊘ {item.name} — sold out as of " in panel.text()
    (back,) = [b for b in panel.findChildren(QPushButton) if b.objectName() == "itemBack"]
    back.click()
    (again,) = panel.findChildren(ConfirmDialog)
    again.confirm_button.click()
    qtbot.waitUntil(lambda: not flagged(), timeout=10_000)
    assert availability(dev_server, item.id) is True
    qtbot.waitUntil(lambda: "Sold out now" not in panel.text())


def test_a_board_offline_too_long_sounds_and_flashes_until_a_tap_silences_it(
    qtbot: QtBot, make_window: WindowFactory, dev_server: ServerProcess
) -> None:
    window = make_window(env={"KDS_OFFLINE_ALARM_S": "1"})
    page = live_page(qtbot, window, OWNER, dev_server.url)
    player = page.alerts._player
    assert not page.offline.alarming
    rang = len(player.played)  # type: ignore[attr-defined]
    dev_server.close()  # the server is gone: the hub reconnects in vain
    qtbot.waitUntil(lambda: page.offline.alarming, timeout=15_000)
    assert page.flash.active  # the whole screen flashes, as for a missed order
    assert page.banner.text().startswith(OFFLINE_ALARM_TEXT)
    assert len(player.played) > rang  # type: ignore[attr-defined]
    qtbot.mouseClick(page.banner, Qt.MouseButton.LeftButton)  # a tap: quiet for 5 minutes
    assert not page.offline.alarming
    assert not page.flash.active
    assert "silenced for 5 minutes" in page.banner.text()

"""A terminal restarted while the server is down shows its last good board, offline, takes
steps, and goes live over it when the server is back — no acknowledged order alerts again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kds.app.board_keeper import BoardKeeper
from kds.core.actions import Action, ActionRequest
from tests.integration.app.conftest import SessionFactory, go_live, sign_in
from tests.support import http
from tests.support.helpers import PHO_HANOI, place_order, staff
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


def saved_ids(keeper: BoardKeeper) -> set[str]:
    loaded = keeper.load(STAFF, PHO_HANOI)
    return set() if loaded.snapshot is None else {t.order_id for t in loaded.snapshot.tickets}


def test_a_restart_while_the_server_is_down_shows_the_saved_board_then_goes_live_over_it(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    state = tmp_path / "terminal.json"
    first, _ = make_session(dev_server, state_path=state)
    sign_in(qtbot, first, STAFF)
    go_live(qtbot, first, _, PHO_HANOI)
    seen = place_order(dev_server.url, PHO_HANOI)["orderId"]
    waiting = place_order(dev_server.url, PHO_HANOI)["orderId"]
    qtbot.waitUntil(lambda: {seen, waiting} <= {t.order_id for t in first.board.tickets()})
    first.acknowledge(seen)  # the cook tapped it; `waiting` still alerts
    qtbot.waitUntil(lambda: saved_ids(first.keeper) == {seen, waiting}, timeout=10_000)
    first.shutdown()
    dev_server.stop()

    second, rec = make_session(dev_server, state_path=state)
    details: list[str] = []
    second.connection_changed.connect(lambda _state, detail: details.append(detail))
    second.resume()
    qtbot.waitUntil(lambda: second.restaurant_id == PHO_HANOI, timeout=10_000)
    assert {t.order_id for t in second.board.tickets()} == {seen, waiting}
    assert rec.alerts == [waiting]  # alerting when saved: alerts again; `seen` does not
    assert any(d.startswith("offline since ") and "last synced" in d for d in details)
    assert rec.login_failed == []
    assert rec.signed_out == 0
    ticket = second.board.get(waiting)
    assert ticket is not None
    assert ticket.detail is not None  # its lines are readable offline
    second.take_step(
        ActionRequest(waiting, Action.ACCEPT, eta_min=20), label="#w", tapped_at=datetime.now(UTC)
    )
    qtbot.waitUntil(lambda: second.steps.count() == 1)

    dev_server.restart()
    late = place_order(dev_server.url, PHO_HANOI)["orderId"]  # placed while the terminal is off
    qtbot.waitUntil(lambda: second.live.live, timeout=30_000)
    qtbot.waitUntil(lambda: second.steps.count() == 0, timeout=15_000)
    response = http.get(f"{dev_server.url}/api/v1/dev/orders/{waiting}")
    assert response.json()["status"] == "Accepted"
    qtbot.waitUntil(lambda: late in rec.alerts, timeout=10_000)
    assert sorted(rec.alerts) == sorted([waiting, late])  # nothing alerted twice
    assert rec.failures == []


def test_with_nothing_saved_the_login_screen_says_unreachable_and_the_sign_in_retries(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    """A terminal switched on during an outage, with no board saved, comes up by itself when
    the server is back: nobody has to type a password."""
    state = tmp_path / "terminal.json"
    first, rec1 = make_session(dev_server, state_path=state)
    sign_in(qtbot, first, STAFF)
    go_live(qtbot, first, rec1, PHO_HANOI)
    first.shutdown()
    first.keeper.store_for(STAFF, PHO_HANOI).discard()  # as if it never synced
    dev_server.stop()
    second, rec = make_session(dev_server, state_path=state)
    with qtbot.waitSignal(second.login_failed, timeout=10_000):
        second.resume()
    assert rec.login_failed[0][0] == "unreachable"
    assert rec.login_failed[0][1].endswith("Trying again by itself.")
    assert second.restaurant_id is None
    dev_server.restart()
    qtbot.waitUntil(lambda: second.restaurant_id == PHO_HANOI, timeout=20_000)
    qtbot.waitUntil(lambda: second.live.live, timeout=20_000)
    assert len(rec.login_failed) == 1  # one message, not one per attempt

"""Session under faults: hub drops, reordered and duplicated events, crashes, 5xx, expired tokens.

In each: the final board equals the server's open orders, and every order first seen as Placed
alerted exactly once.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kds.app.session import Session
from kds.core.actions import Action, ActionRequest
from kds.core.outcome import ApplyOutcome
from tests.integration.app.conftest import (
    Recorder,
    SessionFactory,
    assert_alerts_once,
    go_live,
    sign_in,
    wait_converged,
)
from tests.integration.app.traffic import Kitchen, dev
from tests.support.changes import listen
from tests.support.helpers import PHO_HANOI, place_order, staff
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


def live_session(
    qtbot: QtBot, server: ServerProcess, make_session: SessionFactory
) -> tuple[Session, Recorder]:
    session, rec = make_session(server)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    return session, rec


def traffic(server: ServerProcess, kitchen: Kitchen, placed: list[str], n: int) -> None:
    """Place ``n`` orders and move every other one along (a busy kitchen).

    ``placed`` collects the orders left in Placed (they must all alert).
    """
    new = [place_order(server.url, PHO_HANOI)["orderId"] for _ in range(n)]
    for i, oid in enumerate(new):
        if i % 2 == 0:
            kitchen.move_to(oid, ("Accepted", "Preparing", "ReadyForDelivery", "Delivered")[i % 4])
        else:
            placed.append(oid)


def test_hub_drop_during_traffic(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live_session(qtbot, dev_server, make_session)
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    placed: list[str] = []
    traffic(dev_server, kitchen, placed, 6)
    snapshots = session.live.snapshot_count
    dev(dev_server, "faults/hub-drop", {"hub": "/hubs/restaurant-orders"})
    traffic(dev_server, kitchen, placed, 6)  # while the hub is down or reconnecting
    qtbot.waitUntil(lambda: session.live.snapshot_count > snapshots, timeout=10_000)
    assert "reconnecting" in rec.states
    traffic(dev_server, kitchen, placed, 4)
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    assert rec.states[-1] == "connected"
    assert_alerts_once(rec, set(placed))


def test_outbox_paused_then_shuffled(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live_session(qtbot, dev_server, make_session)
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    placed: list[str] = []
    dev(dev_server, "faults/outbox", {"paused": True, "shuffle": True})
    traffic(dev_server, kitchen, placed, 12)
    dev(dev_server, "faults/outbox", {"paused": False, "shuffle": True})
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    assert_alerts_once(rec, set(placed))
    board = session.board.board
    assert board is not None
    assert board.stats.stale + board.stats.counts[ApplyOutcome.UNCHANGED] > 0


def test_redelivered_events_are_duplicates(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live_session(qtbot, dev_server, make_session)
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    placed: list[str] = []
    traffic(dev_server, kitchen, placed, 8)
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    board = session.board.board
    assert board is not None
    qtbot.waitUntil(lambda: not any(t.detail_pending for t in session.board.tickets()))
    before = board.stats.duplicates
    changed: list[str] = []
    listen(session.board, updated=lambda t, _old: changed.append(t.order_id))
    dev(dev_server, "faults/redeliver", {"count": 10})
    qtbot.waitUntil(lambda: board.stats.duplicates >= before + 10, timeout=10_000)
    assert changed == []
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    assert_alerts_once(rec, set(placed))


@pytest.mark.slow
def test_sigkill_and_restart_mid_traffic(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live_session(qtbot, dev_server, make_session)
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    placed: list[str] = []
    traffic(dev_server, kitchen, placed, 6)
    dev_server.restart(kill=True)
    assert dev_server.url == session.settings.base_url
    traffic(dev_server, kitchen, placed, 6)  # orders the terminal never saw live
    qtbot.waitUntil(lambda: rec.states[-1] == "connected" and "reconnecting" in rec.states)
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    assert_alerts_once(rec, set(placed))


def test_rest_5xx_during_the_snapshot(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    placed = [place_order(dev_server.url, PHO_HANOI)["orderId"] for _ in range(5)]
    # More failures than the REST client's own retries: the first snapshot fails for good.
    dev(
        dev_server,
        "faults/rest",
        {"pathPattern": "/orders/(new|active)$", "status": 503, "count": 4},
    )
    session, rec = make_session(dev_server, snapshot_retry_s=0.2)
    sign_in(qtbot, session, STAFF)
    qtbot.waitUntil(lambda: any(lvl == "warning" for lvl, _ in rec.notices), timeout=10_000)
    assert "Server unreachable" in rec.notices[0][1]
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    traffic(dev_server, Kitchen(dev_server, "pho-hanoi", PHO_HANOI), placed, 4)
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    assert_alerts_once(rec, set(placed))


def test_token_expiry_mid_session(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live_session(qtbot, dev_server, make_session)
    placed = [place_order(dev_server.url, PHO_HANOI)["orderId"] for _ in range(3)]
    accepted = placed.pop(0)
    qtbot.waitUntil(lambda: {accepted, *placed} <= rec.shown)
    dev(dev_server, "tokens/expire", {"userName": STAFF})
    with qtbot.waitSignal(session.action_finished, timeout=10_000):
        session.run(ActionRequest(accepted, Action.ACCEPT, eta_min=15))
    dev(dev_server, "tokens/expire", {"userName": STAFF})
    dev(dev_server, "faults/hub-drop", {})  # the reconnect needs a fresh token too
    placed.append(place_order(dev_server.url, PHO_HANOI)["orderId"])
    wait_converged(qtbot, session, dev_server, PHO_HANOI)
    qtbot.waitUntil(lambda: rec.states[-1] == "connected")
    assert rec.signed_out == 0
    assert_alerts_once(rec, set(placed))

    # Revoked for good: back to the login screen, with a notice.
    dev(dev_server, "tokens/revoke", {"userName": STAFF})
    with qtbot.waitSignal(session.signed_out, timeout=10_000):
        session.run(ActionRequest(accepted, Action.START))
    assert session.board.board is None
    assert any("Signed out" in msg for _, msg in rec.notices)

"""Session against the real server: cold start, live placement, every transition, own echo."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kds.core.actions import Action, ActionRequest
from kds.core.outcome import ApplyOutcome
from tests.integration.app.conftest import (
    SessionFactory,
    assert_alerts_once,
    go_live,
    sign_in,
    wait_converged,
)
from tests.integration.app.traffic import Kitchen, seed
from tests.support.fixtures import ServerFactory
from tests.support.helpers import PHO_HANOI, open_orders, pay, place_order, staff
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


@pytest.mark.slow
def test_cold_start_with_300_open_orders_equals_the_server(
    qtbot: QtBot, server_factory: ServerFactory, make_session: SessionFactory
) -> None:
    server = server_factory()
    ids = seed(server, PHO_HANOI, 300)
    kitchen = Kitchen(server, "pho-hanoi", PHO_HANOI)
    for i, oid in enumerate(ids[:120]):  # every open status is represented
        kitchen.move_to(oid, ("Accepted", "Preparing", "ReadyForDelivery")[i % 3])
    placed = {o["orderId"] for o in open_orders(server.url, PHO_HANOI) if o["status"] == "Placed"}

    session, rec = make_session(server)
    sign_in(qtbot, session, STAFF)
    assert session.restaurant_id == PHO_HANOI  # the only restaurant: selected automatically
    go_live(qtbot, session, rec, PHO_HANOI)
    wait_converged(qtbot, session, server, PHO_HANOI)
    qtbot.waitUntil(lambda: not any(t.detail_pending for t in session.board.tickets()))
    assert len(session.board.tickets()) == len(open_orders(server.url, PHO_HANOI))
    assert_alerts_once(rec, placed)  # orders that arrived while the terminal was off alert too
    assert not rec.notices


def test_live_placement_every_transition_and_own_echo(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    server = dev_server
    session, rec = make_session(server)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    assert session.board.tickets() == []

    ours = place_order(server.url, PHO_HANOI, note="no peanuts")["orderId"]
    theirs = place_order(server.url, PHO_HANOI)["orderId"]
    online = place_order(server.url, PHO_HANOI, payment_method="CreditCard")["orderId"]
    failed = place_order(server.url, PHO_HANOI, payment_method="CreditCard")["orderId"]
    pay(server.url, online, True)  # PaymentSucceeded, then Placed: one alert
    pay(server.url, failed, False)  # Cancelled for an order never seen: ignored
    qtbot.waitUntil(lambda: {ours, theirs, online} <= {t.order_id for t in session.board.tickets()})
    qtbot.waitUntil(lambda: (t := session.board.get(ours)) is not None and t.note == "no peanuts")
    assert failed not in rec.shown

    # Our own actions: applied at once from the 200; the echo that follows is a no-op.
    board = session.board.board
    assert board is not None
    for action, status in (
        (lambda: session.run(ActionRequest(ours, Action.ACCEPT, eta_min=20)), "Accepted"),
        (lambda: session.run(ActionRequest(ours, Action.START)), "Preparing"),
        (lambda: session.run(ActionRequest(ours, Action.READY)), "ReadyForDelivery"),
    ):
        unchanged = board.stats.counts[ApplyOutcome.UNCHANGED]
        with qtbot.waitSignal(session.action_finished, timeout=10_000):
            action()
        ticket = session.board.get(ours)
        assert ticket is not None
        assert ticket.status.value == status  # before any hub event could have arrived
        qtbot.waitUntil(lambda u=unchanged: board.stats.counts[ApplyOutcome.UNCHANGED] > u)
        assert session.board.get(ours) == ticket  # the echo changed nothing
    with qtbot.waitSignal(session.action_finished, timeout=10_000):
        session.run(ActionRequest(ours, Action.HAND_OVER))
    assert session.board.get(ours) is None
    assert session.board.recall()[0].ticket.order_id == ours

    # Another terminal moves the other order through every transition; then cancel and reject.
    kitchen = Kitchen(server, "pho-hanoi", PHO_HANOI)
    status = "Placed"
    while status != "Delivered":
        status = kitchen.advance(theirs, status)
        if status != "Delivered":
            qtbot.waitUntil(
                lambda s=status: (
                    (t := session.board.get(theirs)) is not None and t.status.value == s
                )
            )
    qtbot.waitUntil(lambda: session.board.get(theirs) is None)
    with qtbot.waitSignal(session.action_finished, timeout=10_000):
        session.run(ActionRequest(online, Action.CANCEL, reason="out of stock"))
    rejected = place_order(server.url, PHO_HANOI)["orderId"]
    qtbot.waitUntil(lambda: session.board.get(rejected) is not None)
    with qtbot.waitSignal(session.action_finished, timeout=10_000):
        session.run(ActionRequest(rejected, Action.REJECT, reason="closing soon"))

    # A refused transition reports the server's words and changes nothing.
    late = place_order(server.url, PHO_HANOI)["orderId"]
    qtbot.waitUntil(lambda: session.board.get(late) is not None)
    with qtbot.waitSignal(session.action_failed, timeout=10_000) as failed_sig:
        session.run(ActionRequest(late, Action.READY))
    assert failed_sig.args == [
        late,
        Action.READY,
        "Order cannot be marked as ready for delivery from its current status.",
    ]
    wait_converged(qtbot, session, server, PHO_HANOI)
    assert_alerts_once(rec, {ours, theirs, online, rejected, late})

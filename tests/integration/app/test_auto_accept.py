"""Auto-accept against the real kds-server: two terminals racing, a paused restaurant, a
terminal without the setting, and an accept that finds the order moved on (issue 16, item 5).

Each terminal here is a real ``Session`` with an ``AlertController`` on its board and a
recording player, so "one alert" is counted where the chime is played.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kds.app.session import Session
from kds.app.settings import SessionSettings, StateFile
from kds.core.actions import Action, ActionRequest
from kds.net.hub import HubClient
from kds.ui.alert_player import AlertSound
from kds.ui.alerts import AlertController
from tests.integration.app.conftest import (
    Recorder,
    SessionFactory,
    assert_alerts_once,
    go_live,
    sign_in,
    wait_converged,
)
from tests.integration.app.traffic import dev
from tests.support.changes import listen
from tests.support.fake_hub import FakeHub
from tests.support.helpers import PHO_HANOI, open_orders, owner, pay, place_order, staff
from tests.support.server import ServerProcess
from tests.support.ui_fakes import FakePlayer

ETA_MIN = 20


class Terminal:
    """One kitchen screen: its session, what it said, what it chimed, what it sent."""

    def __init__(self, session: Session, rec: Recorder) -> None:
        self.session = session
        self.rec = rec
        self.player = FakePlayer()
        # A repeat after one second: an alert left sounding would chime again within the test.
        self.alerts = AlertController(session.board, self.player, repeat_s=1.0)
        self.added: list[str] = []  # every OrderAdded, to see an order shown twice
        self.started: list[tuple[str, str]] = []
        listen(session.board, added=lambda t: self.added.append(t.order_id))
        session.action_started.connect(lambda oid, action: self.started.append((oid, action)))

    def chimes(self) -> int:
        return self.player.played.count(AlertSound.NEW_ORDER)

    def problems(self) -> list[Any]:
        """Everything that would show a cook an error: failed actions, warning/error notices."""
        notices = [n for n in self.rec.notices if n[0] in ("warning", "error")]
        return [*self.rec.failures, *notices]


def terminal(
    qtbot: QtBot, server: ServerProcess, make: SessionFactory, user: tuple[str, str], **kw: Any
) -> Terminal:
    session, rec = make(server, **kw)
    sign_in(qtbot, session, *user)
    go_live(qtbot, session, rec, PHO_HANOI)
    qtbot.waitUntil(lambda: session.accepting_orders is not None, timeout=10_000)
    return Terminal(session, rec)


def server_status(server: ServerProcess) -> dict[str, str]:
    return {o["orderId"]: o["status"] for o in open_orders(server.url, PHO_HANOI)}


def one_more_round_trip(qtbot: QtBot, t: Terminal) -> None:
    """A full resync: whatever this terminal was going to do about what it had seen by now
    has reached the Qt thread (its queued changes run before the snapshot's answer)."""
    with qtbot.waitSignal(t.session.synced, timeout=10_000):
        t.session.live.resync()


def test_two_terminals_auto_accept_each_order_once_one_alert_no_error(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    server = dev_server
    auto = {"auto_accept": True, "auto_accept_eta_min": ETA_MIN}
    a = terminal(qtbot, server, make_session, staff("pho-hanoi"), **auto)
    b = terminal(qtbot, server, make_session, owner("pho-hanoi"), **auto)
    assert a.session.accepting_orders is b.session.accepting_orders is True

    orders = {place_order(server.url, PHO_HANOI)["orderId"] for _ in range(6)}
    # Both terminals see each order at the same moment and accept it at once: a race per order.
    qtbot.waitUntil(
        lambda: server_status(server) == dict.fromkeys(orders, "Accepted"), timeout=15_000
    )
    for t in (a, b):
        wait_converged(qtbot, t.session, server, PHO_HANOI)
        one_more_round_trip(qtbot, t)  # late answers and echoes included

    truth = {o["orderId"]: o for o in open_orders(server.url, PHO_HANOI)}
    for t in (a, b):
        tickets = t.session.board.tickets()
        assert sorted(x.order_id for x in tickets) == sorted(orders)  # each order shown once
        assert sorted(t.added) == sorted(orders)  # and added once, never removed and re-added
        assert all(x.status.value == "Accepted" for x in tickets)
        assert all(x.estimated_delivery_time is not None for x in tickets)
        assert_alerts_once(t.rec, set())  # raised once per order…
        assert t.chimes() == len(orders)  # …chimed once per order…
        assert t.alerts.alerting == {}  # …and nothing left sounding to repeat
        assert t.problems() == []  # no failed action, no error on any ticket, no notice
        # This terminal sent at most one accept per order (none when the other's event came
        # first), and each one it sent ended well: the 200, or the race lost quietly.
        accepts = [oid for oid, action in t.started if action == Action.ACCEPT.value]
        assert len(accepts) == len(set(accepts))
        assert set(accepts) <= orders
        finished = {oid for oid, action in t.rec.finished if action == Action.ACCEPT.value}
        assert finished == set(accepts)
    assert set(truth) == orders
    sent = [oid for t in (a, b) for oid, _ in t.started]
    assert set(sent) == orders  # every order was accepted by one terminal or both


def test_a_paused_restaurant_is_not_auto_accepted_until_it_resumes(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    server = dev_server
    t = terminal(qtbot, server, make_session, owner("pho-hanoi"), auto_accept=True)
    # An online order placed before the pause, paid during it: it becomes Placed while paused.
    oid = place_order(server.url, PHO_HANOI, payment_method="CreditCard")["orderId"]
    t.session.set_accepting_orders(False)
    qtbot.waitUntil(lambda: t.session.accepting_orders is False, timeout=10_000)
    pay(server.url, oid)
    qtbot.waitUntil(lambda: t.session.board.get(oid) is not None, timeout=10_000)
    one_more_round_trip(qtbot, t)
    assert t.started == []
    assert server_status(server) == {oid: "Placed"}
    assert [a.order_id for a in t.session.board.alerts()] == [oid]  # it alerts meanwhile

    t.session.set_accepting_orders(True)  # resuming takes the order that waited
    qtbot.waitUntil(lambda: server_status(server) == {oid: "Accepted"}, timeout=10_000)
    qtbot.waitUntil(lambda: (oid, Action.ACCEPT.value) in t.rec.finished, timeout=10_000)
    assert t.started == [(oid, Action.ACCEPT.value)]
    assert t.chimes() == 1
    assert t.problems() == []


def test_a_terminal_without_the_setting_never_auto_accepts(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    server = dev_server
    t = terminal(qtbot, server, make_session, staff("pho-hanoi"))
    assert t.session.auto_accept.enabled is False
    oid = place_order(server.url, PHO_HANOI)["orderId"]
    qtbot.waitUntil(lambda: t.session.board.get(oid) is not None, timeout=10_000)
    one_more_round_trip(qtbot, t)
    assert t.started == []
    assert server_status(server) == {oid: "Placed"}
    assert [a.order_id for a in t.session.board.alerts()] == [oid]  # it alerts until answered


def test_an_auto_accept_that_really_fails_is_shown_and_not_retried(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    """Not a lost race: the order is still Placed and nobody accepted it. Its alert was
    answered when the accept went out, so the failure is on the ticket and in a notice."""
    server = dev_server
    t = terminal(qtbot, server, make_session, staff("pho-hanoi"), auto_accept=True)
    dev(server, "faults/rest", {"pathPattern": "/accept$", "status": 503, "count": 10})
    oid = place_order(server.url, PHO_HANOI)["orderId"]
    qtbot.waitUntil(lambda: bool(t.rec.failures), timeout=10_000)
    assert [f[:2] for f in t.rec.failures] == [(oid, Action.ACCEPT.value)]
    ticket = t.session.board.get(oid)
    assert ticket is not None
    assert [n for n in t.rec.notices if n[0] == "error"] == [
        (
            "error",
            f"Auto-accept of order {ticket.order_number} failed: {t.rec.failures[0][2]}. "
            "Please handle it by hand.",
        )
    ]
    one_more_round_trip(qtbot, t)
    assert t.started == [(oid, Action.ACCEPT.value)]  # once: no retry loop against the server
    assert server_status(server) == {oid: "Placed"}


def deaf_hub(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    """A hub that never connects: the board keeps its first snapshot and hears nothing more."""
    fake = FakeHub(hold_starts=True)
    return HubClient(url, token_provider, transport_factory=fake.factory, **kwargs)


def test_an_auto_accept_that_finds_the_order_moved_on_is_no_error(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    """The lost race the reference server can produce: this terminal still shows the order
    Placed while another has accepted and started it; the backend answers 400
    ``Order.InvalidOrderStatusForAccept``, which for an automatic accept is no error."""
    server = dev_server
    oid = place_order(server.url, PHO_HANOI)["orderId"]
    settings = SessionSettings(server.url, state_path=tmp_path / "deaf.json")
    late = Session(settings, hub_factory=deaf_hub, state=StateFile(settings.state_path))
    try:
        rec = Recorder(late)
        started: list[tuple[str, str]] = []
        late.action_started.connect(lambda o, action: started.append((o, action)))
        sign_in(qtbot, late, *owner("pho-hanoi"))
        if late.restaurant_id != PHO_HANOI:
            late.select_restaurant(PHO_HANOI)
        qtbot.waitUntil(lambda: late.board.get(oid) is not None, timeout=10_000)
        qtbot.waitUntil(lambda: late.accepting_orders is True, timeout=10_000)

        cook = terminal(qtbot, server, make_session, staff("pho-hanoi"))
        for action in (Action.ACCEPT, Action.START):
            with qtbot.waitSignal(cook.session.action_finished, timeout=10_000):
                eta = ETA_MIN if action.needs_eta else None
                cook.session.run(ActionRequest(oid, action, eta_min=eta))
        assert server_status(server) == {oid: "Preparing"}
        ticket = late.board.get(oid)
        assert ticket is not None
        assert ticket.status.value == "Placed"  # it never heard

        late.set_auto_accept(True)
        qtbot.waitUntil(lambda: (oid, Action.ACCEPT.value) in rec.finished, timeout=10_000)
        assert started == [(oid, Action.ACCEPT.value)]
        assert rec.failures == []
        assert [n for n in rec.notices if n[0] in ("warning", "error")] == []
        assert server_status(server) == {oid: "Preparing"}
    finally:
        late.shutdown()

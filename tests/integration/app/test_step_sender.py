"""A cook's steps against the real kds-server: kept on disk, sent in tap order, held while the
server is away and decided against fresh truth when it is back — never twice, never silently
dropped, never for another user."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from pytestqt.qtbot import QtBot

from kds.app.session import Session
from kds.app.step_store import StepStore, step_store_path
from kds.core.actions import Action, ActionRequest
from kds.core.orders import OrderStatus
from kds.core.step_queue import QueuedStep, StepState
from tests.integration.app.conftest import Recorder, SessionFactory, go_live, sign_in
from tests.integration.app.traffic import Kitchen, dev
from tests.support import http
from tests.support.helpers import PHO_HANOI, place_order, staff
from tests.support.proxy import TcpProxy
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


def server_status(server: ServerProcess, order_id: str) -> str:
    response = http.get(f"{server.url}/api/v1/dev/orders/{order_id}")
    response.raise_for_status()
    return str(response.json()["status"])


def kept_on_disk(session: Session) -> list[tuple[str, bool]]:
    """What the queue file holds now (read through a second connection, as after a restart)."""
    assert session.settings.state_path is not None
    store = StepStore(step_store_path(session.settings.state_path))
    try:
        return [(k.step.action.value, k.sending) for k in store.pending()]
    finally:
        store.close()


def take(session: Session, order_id: str, action: Action, **kwargs: object) -> None:
    request = ActionRequest(order_id, action, **kwargs)  # type: ignore[arg-type]
    session.take_step(request, label="#" + order_id[:4], tapped_at=datetime.now(UTC))


def live(
    qtbot: QtBot, server: ServerProcess, make_session: SessionFactory, **settings: object
) -> tuple[Session, Recorder]:
    session, rec = make_session(server, **settings)
    sign_in(qtbot, session, STAFF)
    go_live(qtbot, session, rec, PHO_HANOI)
    return session, rec


def on_board(qtbot: QtBot, session: Session, order_id: str) -> None:
    qtbot.waitUntil(lambda: session.board.get(order_id) is not None, timeout=10_000)


def test_a_step_is_sent_at_once_and_forgotten_on_disk_once_applied(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live(qtbot, dev_server, make_session)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, session, order_id)
    counts: list[int] = []
    session.steps.count_changed.connect(counts.append)
    with qtbot.waitSignal(session.action_finished, timeout=10_000):
        take(session, order_id, Action.ACCEPT, eta_min=20)
    assert not any(counts)  # never shown as held: its ticket's busy step says it is going
    assert server_status(dev_server, order_id) == "Accepted"
    ticket = session.board.get(order_id)
    assert ticket is not None
    assert ticket.status is OrderStatus.ACCEPTED
    qtbot.waitUntil(lambda: kept_on_disk(session) == [])
    assert session.steps.count() == 0
    assert rec.failures == []


def test_steps_tapped_while_the_server_is_down_wait_and_go_in_tap_order_when_it_returns(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live(qtbot, dev_server, make_session)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, session, order_id)
    dev_server.stop()
    qtbot.waitUntil(lambda: rec.states[-1] != "connected", timeout=10_000)

    take(session, order_id, Action.ACCEPT, eta_min=20)
    take(session, order_id, Action.START)  # from Accepted: where the kept Accept leaves it
    take(session, order_id, Action.READY)
    assert session.steps.projected_status(order_id) is OrderStatus.READY_FOR_DELIVERY
    assert [h.state for h in session.steps.held(order_id)] == [StepState.QUEUED] * 3
    assert session.steps.cancel_latest(order_id)  # the cook takes Ready back
    assert any("Ready" in msg and "cancelled" in msg for _, msg in rec.notices)
    qtbot.waitUntil(
        lambda: kept_on_disk(session) == [("accept", False), ("start_preparing", False)]
    )

    dev_server.restart()  # same port: the hub reconnects, resyncs, and the steps replay
    qtbot.waitUntil(lambda: session.steps.count() == 0, timeout=20_000)
    assert server_status(dev_server, order_id) == "Preparing"
    assert [a for o, a in rec.finished if o == order_id] == ["accept", "start_preparing"]
    assert rec.failures == []
    qtbot.waitUntil(lambda: kept_on_disk(session) == [])


def test_a_step_for_an_order_cancelled_meanwhile_is_dropped_with_a_notice(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    """The terminal is cut off (its proxy leads nowhere) while the server lives on: the order
    is cancelled there; back online, the kept Start is not sent and a person is told why."""
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    with TcpProxy(dev_server.port) as proxy:
        session, rec = make_session(SimpleNamespace(url=proxy.url))  # type: ignore[arg-type]
        sign_in(qtbot, session, STAFF)
        go_live(qtbot, session, rec, PHO_HANOI)
        order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
        kitchen.move_to(order_id, "Accepted")
        qtbot.waitUntil(
            lambda: (
                (t := session.board.get(order_id)) is not None and t.status is OrderStatus.ACCEPTED
            ),
            timeout=10_000,
        )
        proxy.retarget(1)  # nothing listens on port 1: every new connection fails
        proxy.reset()
        qtbot.waitUntil(lambda: rec.states[-1] != "connected", timeout=10_000)
        take(session, order_id, Action.START)
        qtbot.waitUntil(lambda: session.steps.count() == 1)
        kitchen.post(order_id, "cancel", reason="customer left")
        proxy.retarget(dev_server.port)
        qtbot.waitUntil(lambda: session.steps.count() == 0, timeout=20_000)
        assert server_status(dev_server, order_id) == "Cancelled"
        assert any(
            "was cancelled while offline; your Start was not sent." in msg for _, msg in rec.notices
        ), rec.notices
        assert kept_on_disk(session) == []


def test_a_send_with_no_answer_is_held_and_counts_as_applied_when_the_resync_shows_it(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    """The POST fails with 503s (no answer a client can trust): the step stays kept as being
    sent; the next resync finds the order still Placed and sends it again, once."""
    session, rec = live(qtbot, dev_server, make_session)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, session, order_id)
    dev(dev_server, "faults/rest", {"pathPattern": "/accept$", "status": 503, "count": 1})
    with qtbot.waitSignal(session.action_held, timeout=10_000):
        take(session, order_id, Action.ACCEPT, eta_min=20)
    assert [h.state for h in session.steps.held(order_id)] == [StepState.SENDING]
    assert not session.steps.cancel_latest(order_id)  # it may have reached the server
    assert kept_on_disk(session) == [("accept", True)]
    qtbot.waitUntil(lambda: session.steps.count() == 0, timeout=20_000)
    assert server_status(dev_server, order_id) == "Accepted"
    assert rec.failures == []


def test_another_users_steps_are_offered_not_sent_and_can_be_adopted(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    state = tmp_path / "terminal.json"
    first, _ = live(qtbot, dev_server, make_session, state_path=state)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, first, order_id)
    dev_server.stop()
    qtbot.waitUntil(lambda: not first.live.live, timeout=10_000)
    take(first, order_id, Action.ACCEPT, eta_min=20)
    qtbot.waitUntil(lambda: kept_on_disk(first) == [("accept", False)])
    first.shutdown()  # the terminal is switched off with the step kept
    dev_server.restart()

    other_user = staff("pho-hanoi")[0].replace("staff.", "owner.")
    second, rec = make_session(dev_server, state_path=state)
    with qtbot.waitSignal(second.steps.foreign_found, timeout=15_000) as found:
        sign_in(qtbot, second, other_user)
        go_live(qtbot, second, rec, PHO_HANOI)
    (step,) = found.args[0]
    assert (step.order_id, step.user) == (order_id, STAFF)
    assert second.steps.count() == 0
    assert server_status(dev_server, order_id) == "Placed"  # never sent under another user
    second.steps.adopt(found.args[0])
    qtbot.waitUntil(lambda: server_status(dev_server, order_id) == "Accepted", timeout=15_000)
    qtbot.waitUntil(lambda: kept_on_disk(second) == [])


def test_a_step_the_server_refuses_is_shown_as_failed_and_forgotten(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live(qtbot, dev_server, make_session)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, session, order_id)
    dev(dev_server, "faults/rest", {"pathPattern": "/accept$", "status": 409, "count": 1})
    with qtbot.waitSignal(session.action_failed, timeout=10_000):
        take(session, order_id, Action.ACCEPT, eta_min=20)
    assert rec.failures[-1][:2] == (order_id, "accept")
    assert session.steps.count() == 0
    qtbot.waitUntil(lambda: kept_on_disk(session) == [])
    assert server_status(dev_server, order_id) == "Placed"


def test_a_step_that_does_not_start_where_the_order_is_is_refused_before_it_is_kept(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = live(qtbot, dev_server, make_session)
    order_id = place_order(dev_server.url, PHO_HANOI)["orderId"]
    on_board(qtbot, session, order_id)
    with qtbot.waitSignal(session.action_failed, timeout=10_000):
        take(session, order_id, Action.START)  # Start from Placed: no such step
    assert rec.failures[-1][0] == order_id
    assert session.steps.count() == 0
    assert kept_on_disk(session) == []
    assert server_status(dev_server, order_id) == "Placed"


def test_steps_found_on_disk_at_start_are_decided_against_fresh_truth(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory, tmp_path: Path
) -> None:
    """A terminal died mid-send: its Accept (answer lost) already landed, its Start never did.
    At the next start the Accept counts as applied (nothing sent), the Start is sent once."""
    kitchen = Kitchen(dev_server, "pho-hanoi", PHO_HANOI)
    landed = place_order(dev_server.url, PHO_HANOI)["orderId"]
    kitchen.move_to(landed, "Accepted")
    waiting = place_order(dev_server.url, PHO_HANOI)["orderId"]
    kitchen.move_to(waiting, "Accepted")
    state = tmp_path / "terminal.json"
    store = StepStore(step_store_path(state))
    now = datetime.now(UTC)
    for order_id, action, from_status in (
        (landed, Action.ACCEPT, OrderStatus.PLACED),
        (waiting, Action.START, OrderStatus.ACCEPTED),
    ):
        eta = 20 if action is Action.ACCEPT else None
        step = QueuedStep.of(
            ActionRequest(order_id, action, eta_min=eta),
            user=STAFF, restaurant_id=PHO_HANOI, label="#" + order_id[:4],
            from_status=from_status, tapped_at=now,
        )  # fmt: skip
        assert store.add(step, sending=True)
    store.close()

    session, rec = live(qtbot, dev_server, make_session, state_path=state)
    qtbot.waitUntil(lambda: kept_on_disk(session) == [], timeout=15_000)
    assert server_status(dev_server, waiting) == "Preparing"
    assert server_status(dev_server, landed) == "Accepted"
    assert [o for o, _ in rec.finished] == [waiting]  # the Accept was not sent again
    assert rec.failures == []
    assert not [n for n in rec.notices if "not sent" in n[1]]

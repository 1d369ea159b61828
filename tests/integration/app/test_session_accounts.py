"""Accounts and restaurants: manager switching under traffic, resume, login failures, logout."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kds.app.messages import LoginFailure
from kds.core.actions import Action, ActionRequest
from tests.integration.app.conftest import (
    SessionFactory,
    assert_alerts_once,
    go_live,
    sign_in,
    wait_converged,
)
from tests.integration.app.traffic import seed
from tests.support.changes import listen
from tests.support.helpers import (
    ADMIN,
    BELLA_NAPOLI,
    MANAGER,
    PHO_HANOI,
    SUSHI_KO,
    place_order,
    staff,
)
from tests.support.server import ServerProcess


def test_manager_switches_restaurants_under_traffic(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    server = dev_server
    old_ids = set(seed(server, PHO_HANOI, 120))  # details still in flight at the switch
    new_ids = set(seed(server, BELLA_NAPOLI, 5))
    session, rec = make_session(server)
    sign_in(qtbot, session, *MANAGER)
    names = {r.restaurant_id: (r.name, r.role) for r in session.restaurants()}
    assert names == {
        PHO_HANOI: ("Pho Hanoi", "RestaurantOwner"),
        BELLA_NAPOLI: ("Bella Napoli", "RestaurantOwner"),
    }
    assert session.restaurant_id is None  # two restaurants, none remembered: the user picks

    session.select_restaurant(PHO_HANOI)
    qtbot.waitUntil(lambda: len(session.board.tickets()) > 0)
    added_after_switch: list[str] = []
    listen(session.board, added=lambda t: added_after_switch.append(t.order_id))
    with qtbot.waitSignal(session.restaurant_selected, timeout=5_000):
        session.select_restaurant(BELLA_NAPOLI)
    for _ in range(5):  # traffic on both restaurants right after the switch
        old_ids.add(place_order(server.url, PHO_HANOI)["orderId"])
        new_ids.add(place_order(server.url, BELLA_NAPOLI)["orderId"])
    go_live(qtbot, session, rec, BELLA_NAPOLI)
    wait_converged(qtbot, session, server, BELLA_NAPOLI)
    qtbot.waitUntil(lambda: not any(t.detail_pending for t in session.board.tickets()))
    # Let every late result of the old restaurant arrive (its detail fetches were cancelled or
    # dropped): one more full resync round trip, then check nothing of it ever showed.
    with qtbot.waitSignal(session.synced, timeout=10_000):
        session.live.resync()
    assert not set(added_after_switch) & old_ids
    assert set(added_after_switch) == new_ids
    assert {t.order_id for t in session.board.tickets()} == new_ids
    assert all(
        t.detail is None or t.detail.restaurant_id == BELLA_NAPOLI for t in session.board.tickets()
    )
    assert_alerts_once(rec, new_ids)

    # The choice is remembered for this user: a new session selects it by itself.
    other, rec2 = make_session(server, state_path=session.settings.state_path)
    sign_in(qtbot, other, *MANAGER)
    assert other.restaurant_id == BELLA_NAPOLI
    go_live(qtbot, other, rec2, BELLA_NAPOLI)
    wait_converged(qtbot, other, server, BELLA_NAPOLI)
    assert_alerts_once(rec2, new_ids)


def test_resume_uses_the_stored_refresh_token(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    user = staff("sushi-ko")[0]
    first, _ = make_session(dev_server)
    sign_in(qtbot, first, user)
    state_path = first.settings.state_path
    first.shutdown()

    session, rec = make_session(dev_server, state_path=state_path)
    with qtbot.waitSignal(session.login_succeeded, timeout=10_000):
        session.resume()  # no password: the keyring holds the refresh token
    assert session.user == user
    assert session.restaurant_id == SUSHI_KO
    order = place_order(dev_server.url, SUSHI_KO)["orderId"]
    go_live(qtbot, session, rec, SUSHI_KO)
    wait_converged(qtbot, session, dev_server, SUSHI_KO)
    assert_alerts_once(rec, {order})

    with qtbot.waitSignal(session.signed_out, timeout=5_000):
        session.logout()
    assert session.board.board is None
    third, _ = make_session(dev_server, state_path=state_path)
    with qtbot.waitSignal(third.signed_out, timeout=10_000):
        third.resume()  # logout forgot the tokens


def test_login_failures_are_typed(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = make_session(dev_server)
    with qtbot.waitSignal(session.login_failed, timeout=10_000) as sig:
        session.login(staff("pho-hanoi")[0], "wrong")
    assert sig.args[0] == LoginFailure.WRONG_PASSWORD
    victim = staff("bella-napoli")[0]
    for _ in range(5):
        with qtbot.waitSignal(session.login_failed, timeout=10_000):
            session.login(victim, "wrong")
    with qtbot.waitSignal(session.login_failed, timeout=10_000) as sig:
        session.login(victim, "Password123!")
    assert sig.args[0] == LoginFailure.LOCKED_OUT
    assert "5 minutes" in sig.args[1]

    # An administrator has no restaurant: signed in, told so, no board.
    with qtbot.waitSignal(session.login_succeeded, timeout=10_000):
        session.login(*ADMIN)
    assert session.restaurants() == []
    qtbot.waitUntil(lambda: any(lvl == "error" for lvl, _ in rec.notices))

    port = dev_server.port
    dev_server.stop()
    down, _ = make_session(dev_server)
    with qtbot.waitSignal(down.login_failed, timeout=20_000) as sig:
        down.login(staff("pho-hanoi")[0], "Password123!")
    assert sig.args[0] == LoginFailure.UNREACHABLE
    assert f":{port}" in sig.args[1]


def test_forbidden_action_reports_the_server(
    qtbot: QtBot, dev_server: ServerProcess, make_session: SessionFactory
) -> None:
    session, rec = make_session(dev_server)
    sign_in(qtbot, session, staff("pho-hanoi")[0])
    go_live(qtbot, session, rec, PHO_HANOI)
    foreign = place_order(dev_server.url, SUSHI_KO)["orderId"]
    with qtbot.waitSignal(session.action_failed, timeout=10_000) as sig:
        session.run(ActionRequest(foreign, Action.START))
    assert sig.args[1] == "start_preparing"
    assert sig.args[2] == "Not allowed for this account."
    assert session.board.get(foreign) is None
    assert rec.signed_out == 0

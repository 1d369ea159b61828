"""HubClient against the real kds-server: live events, drops, outages, silence, tokens."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import httpx
import pytest

from kds.core.decode import decode_event
from kds.core.orders import OrderStatus
from kds.net.errors import AuthExpired, HubError, HubForbidden
from kds.net.hub import HubClient, HubState
from kds.net.retry import HubRetryPolicy
from tests.integration.net.conftest import HubFactory, SessionFactory
from tests.support.fixtures import ServerFactory
from tests.support.helpers import BELLA_NAPOLI, PHO_HANOI, place_order, staff, wait_until
from tests.support.proxy import TcpProxy
from tests.support.server import ServerProcess

STAFF = staff("pho-hanoi")[0]


class Events:
    """Thread-safe record of what the hub delivered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[str, Any]] = []
        self.states: list[tuple[HubState, BaseException | None]] = []
        self.reconnected = 0

    def on_event(self, name: str, payload: Any) -> None:
        with self.lock:
            self.events.append((name, payload))

    def on_state(self, state: HubState, error: BaseException | None) -> None:
        with self.lock:
            self.states.append((state, error))

    def on_reconnected(self) -> None:
        with self.lock:
            self.reconnected += 1

    def order_ids(self) -> set[str]:
        with self.lock:
            return {p["orderId"] for _, p in self.events if isinstance(p, dict)}

    def kwargs(self) -> dict[str, Any]:
        return {
            "on_event": self.on_event,
            "on_state": self.on_state,
            "on_reconnected": self.on_reconnected,
        }


def dev_post(server: ServerProcess, path: str, body: dict[str, Any]) -> Any:
    response = httpx.post(f"{server.url}/api/v1/dev/{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json() if response.content else None


def connected_hub(
    server: ServerProcess, session: SessionFactory, hubs: HubFactory, rec: Events, **kw: Any
) -> HubClient:
    rest = session(server, STAFF)
    kw.setdefault("retry_policy", HubRetryPolicy(delays_s=(0.0, 0.2, 0.5), steady_s=0.5))
    hub = hubs(server, rest, **rec.kwargs(), **kw)
    hub.start()
    assert hub.wait_for_state(HubState.CONNECTED, 10)
    hub.invoke("SubscribeToRestaurant", [PHO_HANOI])
    return hub


def resubscribe_on_reconnect(hub: HubClient) -> None:
    """What the app layer does: after every reconnect, resubscribe (groups are per connection)."""

    record = hub.on_reconnected

    def again() -> None:
        hub.invoke("SubscribeToRestaurant", [PHO_HANOI])
        if record is not None:
            record()

    hub.on_reconnected = again


def assert_live(server: ServerProcess, rec: Events, timeout_s: float = 5.0) -> None:
    order = place_order(server.url, PHO_HANOI)
    wait_until(lambda: order["orderId"] in rec.order_ids(), timeout_s)


def test_live_events_decode_into_core_events(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    connected_hub(dev_server, session, hubs, rec)
    order = place_order(dev_server.url, PHO_HANOI, note="no peanuts")
    wait_until(lambda: order["orderId"] in rec.order_ids())
    name, payload = next(e for e in rec.events if e[1].get("orderId") == order["orderId"])
    assert name == "ReceiveOrderPlaced"
    event = decode_event(name, payload)
    assert event.status is OrderStatus.PLACED
    assert event.restaurant_id == PHO_HANOI


def test_hub_exception_texts(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    with pytest.raises(HubForbidden) as forbidden:
        hub.invoke("SubscribeToRestaurant", [BELLA_NAPOLI])
    assert forbidden.value.server_text.endswith("HubException: Forbidden")
    with pytest.raises(HubError) as unknown:
        hub.invoke("NoSuchMethod", [])
    assert type(unknown.value) is HubError
    assert "Method does not exist." in unknown.value.server_text
    assert hub.invoke("UnsubscribeFromRestaurant", [BELLA_NAPOLI]) is None
    assert hub.state is HubState.CONNECTED


def test_hub_drop_reconnects_within_first_delay(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    # Production schedule: the first retry is immediate (0 s), so "within the first scheduled
    # delay" means well under the 2 s second step.
    hub = connected_hub(dev_server, session, hubs, rec, retry_policy=HubRetryPolicy())
    resubscribe_on_reconnect(hub)
    dropped_at = time.monotonic()
    assert (
        dev_post(dev_server, "faults/hub-drop", {"hub": "/hubs/restaurant-orders"})["aborted"] >= 1
    )
    wait_until(lambda: rec.reconnected >= 1, 5)
    assert time.monotonic() - dropped_at < 2.0
    assert hub.state is HubState.CONNECTED
    assert_live(dev_server, rec)


@pytest.mark.parametrize("drop", ["server aborts", "network resets"])
def test_a_drop_logs_one_line_each_way_and_its_traceback_only_at_debug(
    drop: str,
    dev_server: ServerProcess,
    session: SessionFactory,
    hubs: HubFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 15 §7: signalrcore logged a reset socket at ERROR with a full traceback ("Receive
    error: [Errno 104] Connection reset by peer" and the stack), so a kiosk's log filled with
    stacks after each Wi-Fi blip although the hub recovered."""
    rec = Events()
    with TcpProxy(dev_server.port) as proxy:
        rest = session(dev_server, STAFF)
        policy = HubRetryPolicy(delays_s=(0.0, 0.2, 0.5), steady_s=0.5)
        hub = HubClient(
            f"{proxy.url}/hubs/restaurant-orders", rest.access_token, retry_policy=policy,
            **rec.kwargs(),
        )  # fmt: skip
        try:
            hub.start()
            assert hub.wait_for_state(HubState.CONNECTED, 10)
            caplog.clear()
            with caplog.at_level(logging.DEBUG):
                if drop == "server aborts":
                    dev_post(dev_server, "faults/hub-drop", {})
                else:
                    proxy.reset()
                wait_until(lambda: rec.reconnected >= 1 and hub.state is HubState.CONNECTED, 10)
        finally:
            hub.stop()
    loud = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert [r.getMessage() for r in loud if r.levelno >= logging.WARNING] == []
    assert [r.getMessage() for r in loud if r.exc_info] == []
    hub_lines = [r.getMessage() for r in loud if r.name == "kds.net.hub"]
    assert len(hub_lines) == 2, hub_lines
    assert hub_lines[0].startswith("hub connection lost (hub connection ")
    assert hub_lines[1].startswith("hub reconnected after ")


def test_twenty_drops_in_a_row_still_connected(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    resubscribe_on_reconnect(hub)
    for n in range(1, 21):
        dev_post(dev_server, "faults/hub-drop", {})
        wait_until(lambda n=n: rec.reconnected >= n and hub.state is HubState.CONNECTED, 10)
    assert hub.connections_made == 21
    assert_live(dev_server, rec)


def test_server_killed_and_restarted_after_5s(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    resubscribe_on_reconnect(hub)
    dev_server.kill()
    wait_until(lambda: hub.state is HubState.RECONNECTING, 5)
    outage = threading.Event()
    outage.wait(5.0)  # the outage under test lasts 5 s; the hub must keep trying meanwhile
    assert hub.state is HubState.RECONNECTING
    failures = [e for s, e in rec.states if s is HubState.RECONNECTING and e is not None]
    assert len(failures) >= 3  # it kept trying through the outage
    dev_server.restart()  # same db (tokens survive) and, normally, the same port
    if f"{dev_server.url}/hubs/restaurant-orders" != hub.url:
        pytest.fail("server came back on another port; cannot test reconnect to the same URL")
    wait_until(lambda: rec.reconnected >= 1 and hub.state is HubState.CONNECTED, 10)
    assert_live(dev_server, rec)


def test_silent_server_trips_the_watchdog(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(
        dev_server, session, hubs, rec, watchdog_timeout_s=3.0, connect_timeout_s=2.0
    )
    resubscribe_on_reconnect(hub)
    dev_server.pause()
    try:
        wait_until(lambda: hub.state is HubState.RECONNECTING, 35)
        lost = [e for s, e in rec.states if s is HubState.RECONNECTING]
        assert "watchdog" in str(lost[0])
    finally:
        dev_server.resume()
    wait_until(lambda: rec.reconnected >= 1 and hub.state is HubState.CONNECTED, 15)
    assert_live(dev_server, rec)


@pytest.mark.slow
def test_silent_server_trips_the_default_30s_watchdog(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec, connect_timeout_s=2.0)
    assert hub.watchdog_timeout_s == 30.0
    paused_at = time.monotonic()
    dev_server.pause()
    try:
        wait_until(lambda: hub.state is HubState.RECONNECTING, 35)
    finally:
        dev_server.resume()
    assert 29.0 <= time.monotonic() - paused_at <= 35.0
    wait_until(lambda: hub.state is HubState.CONNECTED, 15)


def test_client_pings_keep_a_quiet_connection_open(
    server_factory: ServerFactory, session: SessionFactory, hubs: HubFactory
) -> None:
    server = server_factory(
        ["--dev", "--seed", "demo", "--keepalive-s", "0.5", "--client-timeout-s", "1.5"]
    )
    rec = Events()
    hub = connected_hub(server, session, hubs, rec, ping_interval_s=0.3)
    quiet = threading.Event()
    quiet.wait(4.0)  # four client timeouts with no traffic but our pings
    assert hub.state is HubState.CONNECTED
    assert hub.connections_made == 1


def test_expired_token_is_refreshed_on_reconnect(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    resubscribe_on_reconnect(hub)
    dev_post(dev_server, "tokens/expire", {"userName": STAFF})
    dev_post(dev_server, "faults/hub-drop", {})
    wait_until(lambda: rec.reconnected >= 1 and hub.state is HubState.CONNECTED, 10)
    assert_live(dev_server, rec)


def test_revoked_session_stops_with_auth_expired(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    dev_post(dev_server, "tokens/revoke", {"userName": STAFF})
    dev_post(dev_server, "faults/hub-drop", {})
    wait_until(lambda: any(isinstance(e, AuthExpired) for _, e in rec.states), 10)
    assert hub.wait_for_state(HubState.DISCONNECTED, 5)


def test_graceful_restart_close_message_then_reconnect(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    resubscribe_on_reconnect(hub)
    dev_server.restart()  # SIGTERM: the server sends every connection a Close message first
    if f"{dev_server.url}/hubs/restaurant-orders" != hub.url:
        pytest.fail("server came back on another port; cannot test reconnect to the same URL")
    wait_until(lambda: rec.reconnected >= 1 and hub.state is HubState.CONNECTED, 10)
    assert_live(dev_server, rec)


def test_stop_from_an_event_callback_returns_at_once(
    dev_server: ServerProcess, session: SessionFactory, hubs: HubFactory
) -> None:
    rec = Events()
    hub = connected_hub(dev_server, session, hubs, rec)
    took: list[float] = []

    def stop_on_event(name: str, payload: Any) -> None:
        started = time.monotonic()
        hub.stop()
        took.append(time.monotonic() - started)

    hub.on_event = stop_on_event
    place_order(dev_server.url, PHO_HANOI)
    wait_until(lambda: took, 5)
    assert took[0] < 0.5
    assert hub.wait_for_state(HubState.DISCONNECTED, 5)

"""HubClient's state machine on the fake transport: no sockets, short timeouts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kds.net.errors import (
    AuthExpired,
    ConnectionLost,
    HubError,
    HubForbidden,
    HubUnauthorized,
    ServerUnavailable,
)
from kds.net.hub import HubClient, HubState
from kds.net.hub_transport import NegotiateRejected
from tests.support.fake_hub import FakeHub

FORBIDDEN = (
    "An unexpected error occurred invoking 'SubscribeToRestaurant' on the server. "
    "HubException: Forbidden"
)


class FastPolicy:
    """Every delay 10 ms, forever (what is under test here is the state machine)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, BaseException | None]] = []

    def next_delay_s(self, attempt: int, elapsed_s: float, error: BaseException | None) -> float:
        self.calls.append((attempt, error))
        return 0.0 if attempt == 0 else 0.01


def wait_until(predicate: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        threading.Event().wait(0.005)


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.states: list[tuple[HubState, BaseException | None]] = []
        self.reconnected = 0

    def on_event(self, name: str, payload: Any) -> None:
        self.events.append((name, payload))

    def on_state(self, state: HubState, error: BaseException | None) -> None:
        self.states.append((state, error))

    def on_reconnected(self) -> None:
        self.reconnected += 1


@pytest.fixture
def fake() -> FakeHub:
    return FakeHub()


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def make_client(fake: FakeHub, rec: Recorder) -> Iterator[Callable[..., HubClient]]:
    clients: list[HubClient] = []

    def make(**kwargs: Any) -> HubClient:
        tokens = kwargs.pop("tokens", None)
        provider = kwargs.pop("token_provider", None) or (
            lambda rejected: tokens.pop(0) if tokens else "tok"
        )
        kwargs.setdefault("retry_policy", FastPolicy())
        kwargs.setdefault("stop_timeout_s", 1.0)
        kwargs.setdefault("connect_timeout_s", 1.0)
        client = HubClient(
            "http://hub.invalid/hubs/restaurant-orders",
            provider,
            transport_factory=fake.factory,
            on_event=rec.on_event,
            on_state=rec.on_state,
            on_reconnected=rec.on_reconnected,
            **kwargs,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.stop()
        assert client.state is HubState.DISCONNECTED


def test_connects_and_delivers_events(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    client = make_client()
    assert client.state is HubState.DISCONNECTED
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    fake.current.emit("ReceiveOrderPlaced", {"orderId": "x"})
    fake.current.emit("TwoArgs", 1, 2)
    assert rec.events == [("ReceiveOrderPlaced", {"orderId": "x"}), ("TwoArgs", [1, 2])]
    assert [s for s, _ in rec.states] == [HubState.CONNECTING, HubState.CONNECTED]
    assert rec.reconnected == 0


def test_start_only_from_disconnected(make_client: Callable[..., HubClient]) -> None:
    client = make_client()
    client.start()
    with pytest.raises(RuntimeError, match="Disconnected"):
        client.start()


def test_stop_is_idempotent_and_restartable(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    client = make_client()
    client.stop()  # before start: no-op
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    client.stop()
    client.stop()
    assert client.state is HubState.DISCONNECTED
    assert fake.transports[0].stopped
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    assert len(fake.transports) == 2


def test_drop_reconnects_with_fresh_transport_and_token(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    client = make_client(tokens=["t1", "t2", "t3"])
    client.start()
    assert fake.wait_connections(1, 2)
    first = fake.current
    first.drop(ConnectionResetError("wifi"))
    assert fake.wait_connections(2, 2)
    assert client.wait_for_state(HubState.CONNECTED, 2)
    wait_until(lambda: rec.reconnected == 1)
    assert first.stopped
    assert fake.current is not first
    assert fake.tokens == ["t1", "t2"]
    states = [s for s, _ in rec.states]
    assert states == [
        HubState.CONNECTING,
        HubState.CONNECTED,
        HubState.RECONNECTING,
        HubState.CONNECTED,
    ]
    assert isinstance(rec.states[2][1], ConnectionResetError)


def test_twenty_drops_in_a_row_still_connected(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    client = make_client()
    client.start()
    for n in range(1, 21):
        assert fake.wait_connections(n, 2)
        assert client.wait_for_state(HubState.CONNECTED, 2)
        fake.current.drop()
    assert fake.wait_connections(21, 2)
    assert client.wait_for_state(HubState.CONNECTED, 2)
    wait_until(lambda: rec.reconnected == 20)


def test_failed_attempts_follow_the_policy_and_never_give_up(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    policy = FastPolicy()
    for _ in range(7):
        fake.start_failures.append(ServerUnavailable("refused"))
    client = make_client(retry_policy=policy)
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 5)
    assert [a for a, _ in policy.calls] == list(range(8))
    assert all(isinstance(e, ServerUnavailable) for _, e in policy.calls[1:])
    failures = [e for s, e in rec.states if s is HubState.CONNECTING and e is not None]
    assert len(failures) == 7


def test_rejected_token_asks_provider_to_refresh(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    asked: list[bool] = []

    def provider(rejected: bool) -> str:
        asked.append(rejected)
        return "fresh" if rejected else "stale"

    fake.start_failures.append(NegotiateRejected("401 on negotiate"))
    client = make_client(token_provider=provider)
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    assert asked == [False, True]
    assert fake.tokens == ["stale", "fresh"]


def test_auth_expired_from_provider_stops_for_good(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    def provider(rejected: bool) -> str:
        raise AuthExpired("refresh refused", status=401)

    client = make_client(token_provider=provider)
    client.start()
    wait_until(lambda: any(isinstance(e, AuthExpired) for _, e in rec.states))
    assert client.wait_for_state(HubState.DISCONNECTED, 2)
    wait_until(lambda: client._supervisor is None)
    assert fake.transports == []
    client.start()  # a new login may start it again


def test_watchdog_tears_down_a_silent_connection(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    client = make_client(watchdog_timeout_s=0.3, ping_interval_s=0.1)
    client.start()
    assert fake.wait_connections(1, 2)
    silent = fake.current
    assert fake.wait_connections(2, 3)  # nothing received: watchdog rebuilt it
    assert silent.stopped
    lost = [e for s, e in rec.states if s is HubState.RECONNECTING]
    assert lost
    assert "watchdog" in str(lost[0])
    assert silent.pings >= 1  # client pings went out while it was silent


def test_server_pings_keep_the_watchdog_quiet(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    client = make_client(watchdog_timeout_s=0.8, ping_interval_s=0.1)
    client.start()
    assert fake.wait_connections(1, 2)
    transport = fake.current
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        transport.server_ping()
        threading.Event().wait(0.05)
    assert len(fake.transports) == 1
    assert client.state is HubState.CONNECTED
    assert transport.pings >= 5


def test_invoke_result_and_errors(make_client: Callable[..., HubClient], fake: FakeHub) -> None:
    fake.replies["Echo"] = lambda args: (args[0], None)
    fake.replies["SubscribeToRestaurant"] = lambda args: (None, FORBIDDEN)
    fake.replies["Who"] = lambda args: (
        None,
        "An unexpected error occurred invoking 'Who' on the server. HubException: Unauthorized",
    )
    fake.replies["Nope"] = lambda args: (
        None,
        "Failed to invoke 'Nope' due to an error on the server. "
        "HubException: Method does not exist.",
    )
    client = make_client()
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    assert client.invoke("Echo", ["hi"]) == "hi"
    with pytest.raises(HubForbidden) as forbidden:
        client.invoke("SubscribeToRestaurant", ["r"])
    assert forbidden.value.server_text == FORBIDDEN
    with pytest.raises(HubUnauthorized):
        client.invoke("Who", [])
    with pytest.raises(HubError) as other:
        client.invoke("Nope", [])
    assert type(other.value) is HubError
    assert "Method does not exist." in str(other.value)


def test_invoke_times_out(make_client: Callable[..., HubClient]) -> None:
    client = make_client()
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    with pytest.raises(ServerUnavailable, match="no answer"):
        client.invoke("NeverAnswered", [], timeout_s=0.05)


def test_invoke_when_not_connected_raises_connection_lost(
    make_client: Callable[..., HubClient],
) -> None:
    client = make_client()
    with pytest.raises(ConnectionLost):
        client.invoke("Echo", [1])


def test_pending_invocation_fails_with_connection_lost_on_drop(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    client = make_client()
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    transport = fake.current
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            client.invoke("Slow", [], timeout_s=5)
        except BaseException as exc:  # recorded for the assertion below
            outcome.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    wait_until(lambda: len(transport.invocations) == 1)
    transport.drop()
    caller.join(5)
    assert not caller.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], ConnectionLost)


def test_late_completion_from_old_connection_is_ignored(
    make_client: Callable[..., HubClient], fake: FakeHub, rec: Recorder
) -> None:
    client = make_client()
    client.start()
    assert fake.wait_connections(1, 2)
    old = fake.current
    old.drop()
    assert fake.wait_connections(2, 2)
    old.complete("not-a-pending-id", 1)  # must not raise
    old.emit("ReceiveOrderPlaced", {"stale": True})  # from a dead connection: dropped
    assert rec.events == []


def test_raising_callbacks_do_not_kill_the_loop(fake: FakeHub) -> None:
    def boom(*args: Any) -> None:
        raise ValueError("handler bug")

    client = HubClient(
        "http://hub.invalid/h",
        lambda rejected: "tok",
        transport_factory=fake.factory,
        retry_policy=FastPolicy(),
        on_event=boom,
        on_state=boom,
        on_reconnected=boom,
        stop_timeout_s=1.0,
    )
    try:
        client.start()
        assert client.wait_for_state(HubState.CONNECTED, 2)
        fake.current.emit("ReceiveOrderPlaced", {})
        fake.current.drop()
        assert fake.wait_connections(2, 2)
        assert client.wait_for_state(HubState.CONNECTED, 2)
        fake.current.emit("ReceiveOrderPlaced", {})
        assert client.state is HubState.CONNECTED
    finally:
        client.stop()


def test_stop_during_backoff_returns_promptly(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    class SlowPolicy:
        def next_delay_s(
            self, attempt: int, elapsed_s: float, error: BaseException | None
        ) -> float:
            return 0.0 if attempt == 0 else 60.0

    fake.start_failures.append(ServerUnavailable("down"))
    client = make_client(retry_policy=SlowPolicy())
    client.start()
    wait_until(lambda: len(fake.tokens) == 1)
    started = time.monotonic()
    client.stop()
    assert time.monotonic() - started < 2
    assert client.state is HubState.DISCONNECTED


def test_hung_transport_stop_cannot_hang_the_client(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    release = threading.Event()
    client = make_client(stop_timeout_s=0.2)
    client.start()
    assert fake.wait_connections(1, 2)
    transport = fake.current
    transport.stop = lambda: release.wait(10)  # type: ignore[method-assign]
    started = time.monotonic()
    client.stop()
    assert time.monotonic() - started < 2
    assert client.state is HubState.DISCONNECTED
    release.set()


def test_stop_aborts_a_connect_stuck_in_the_handshake(
    make_client: Callable[..., HubClient], fake: FakeHub
) -> None:
    fake.hold_starts = True
    client = make_client(connect_timeout_s=30.0)
    client.start()
    wait_until(lambda: len(fake.tokens) == 1)
    started = time.monotonic()
    client.stop()
    assert time.monotonic() - started < 2
    assert client.state is HubState.DISCONNECTED
    assert fake.transports[0].stopped


def test_last_message_age(make_client: Callable[..., HubClient], fake: FakeHub) -> None:
    client = make_client(watchdog_timeout_s=10.0)
    assert client.last_message_age_s() is None
    client.start()
    assert client.wait_for_state(HubState.CONNECTED, 2)
    wait_until(lambda: (client.last_message_age_s() or 0.0) >= 0.05)
    fake.current.server_ping()
    age = client.last_message_age_s()
    assert age is not None
    assert age < 0.05

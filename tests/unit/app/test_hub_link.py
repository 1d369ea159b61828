"""HubLink's states with the in-memory FakeHub: build, connect, subscribe, switch, refuse, close."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from kds.app.hub_link import HubLink, LinkState
from kds.app.qt_thread import QtThread, Worker
from kds.app.settings import SessionSettings
from kds.core.epoch import Epoch
from kds.net.hub import HubClient
from kds.net.rest import RestClient
from kds.net.retry import HubRetryPolicy
from kds.net.tokens import TokenStore
from tests.support.fake_hub import FakeHub

BASE = "http://kds.test"
PHO = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
BUN = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"


class Rig:
    def __init__(self) -> None:
        tokens = TokenStore(BASE, "staff", backend=fail.Keyring())
        tokens.save("access", "refresh", 3600)
        self.rest = RestClient(
            BASE,
            tokens,
            http=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(500))),
        )
        self.fake = FakeHub()
        self.fake.replies["SubscribeToRestaurant"] = lambda args: (None, None)
        self.fake.replies["UnsubscribeFromRestaurant"] = lambda args: (None, None)
        self.qt = QtThread()
        self.calls = Worker(self.qt, 4, "kds-call")
        self.restaurant = Epoch()
        self.built: list[HubClient] = []
        self.build_gate: threading.Event | None = None

        def hub_factory(url: str, provider: Any, **kwargs: Any) -> HubClient:
            if self.build_gate is not None:
                self.build_gate.wait(5)
            policy = HubRetryPolicy(delays_s=(0.0, 0.05), steady_s=0.05)
            hub = HubClient(
                url, provider, transport_factory=self.fake.factory, retry_policy=policy, **kwargs
            )
            self.built.append(hub)
            return hub

        self.link = HubLink(
            SessionSettings(BASE), self.qt, self.calls, self.restaurant, hub_factory=hub_factory
        )
        self.reported: list[tuple[str, str]] = []
        self.link.connection_changed.connect(lambda s, d: self.reported.append((s, d)))
        self.subscribed = 0
        self.link.subscribed.connect(self._on_subscribed)

    def _on_subscribed(self) -> None:
        self.subscribed += 1

    def subscriptions(self) -> list[tuple[str, list[Any]]]:
        return [(m, a) for t in self.fake.transports for m, a, _ in t.invocations]

    def close(self) -> None:
        self.link.close(wait=True)
        self.qt.closed = True
        self.calls.shutdown()
        self.rest.close()


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    made = Rig()
    yield made
    made.close()


def test_open_builds_connects_and_goes_live(qtbot: QtBot, rig: Rig) -> None:
    assert rig.link.state is LinkState.DOWN
    rig.link.open(rig.rest, PHO)
    assert rig.link.state is LinkState.BUILDING
    qtbot.waitUntil(lambda: rig.link.state is LinkState.LIVE, timeout=5000)
    assert rig.link.is_live
    assert rig.subscribed == 1
    assert rig.subscriptions() == [("SubscribeToRestaurant", [PHO])]
    assert rig.reported[0] == ("connecting", "")
    assert rig.reported[-1] == ("connected", "")


def test_a_switch_leaves_the_old_group_and_joins_the_new(qtbot: QtBot, rig: Rig) -> None:
    rig.link.open(rig.rest, PHO)
    qtbot.waitUntil(lambda: rig.link.is_live, timeout=5000)
    rig.restaurant.advance()  # the controller's new restaurant
    rig.link.open(rig.rest, BUN)
    assert rig.link.state is LinkState.SUBSCRIBING
    assert ("connecting", "subscribing") in rig.reported
    qtbot.waitUntil(lambda: rig.subscribed == 2, timeout=5000)
    assert rig.link.is_live
    assert rig.subscriptions() == [
        ("SubscribeToRestaurant", [PHO]),
        ("UnsubscribeFromRestaurant", [PHO]),
        ("SubscribeToRestaurant", [BUN]),
    ]
    assert len(rig.built) == 1  # the same client, the same connection


def test_a_drop_reconnects_and_subscribes_again(qtbot: QtBot, rig: Rig) -> None:
    rig.link.open(rig.rest, PHO)
    qtbot.waitUntil(lambda: rig.link.is_live, timeout=5000)
    rig.fake.current.drop()
    qtbot.waitUntil(lambda: rig.subscribed == 2, timeout=5000)
    assert rig.link.is_live
    assert ("reconnecting", "") in [(s, "") for s, _ in rig.reported]
    assert [m for m, _ in rig.subscriptions()] == ["SubscribeToRestaurant"] * 2


def test_a_refused_subscription_is_reported_once(qtbot: QtBot, rig: Rig) -> None:
    rig.fake.replies["SubscribeToRestaurant"] = lambda args: (
        None,  # the backend's text for a HubException("Forbidden") (contract §8.4)
        "An unexpected error occurred invoking 'SubscribeToRestaurant' on the server. "
        "HubException: Forbidden",
    )
    notices: list[tuple[str, str]] = []
    rig.link.notice.connect(lambda level, text: notices.append((level, text)))
    rig.link.open(rig.rest, PHO)
    qtbot.waitUntil(lambda: rig.link.state is LinkState.REFUSED, timeout=5000)
    assert rig.reported[-1] == ("disconnected", "forbidden")
    assert notices == [("error", "This account may not receive live orders for this restaurant.")]
    assert rig.subscribed == 0


def test_closed_while_building_the_client_is_never_started(qtbot: QtBot, rig: Rig) -> None:
    rig.build_gate = threading.Event()
    rig.link.open(rig.rest, PHO)
    assert rig.link.state is LinkState.BUILDING
    rig.link.close()
    assert rig.link.state is LinkState.DOWN
    assert rig.reported[-1] == ("disconnected", "")
    rig.build_gate.set()  # the build finishes after the close
    qtbot.waitUntil(lambda: len(rig.built) == 1, timeout=5000)
    qtbot.wait(200)  # its result reaches the Qt thread and is dropped
    assert rig.link.hub is None
    assert rig.link.state is LinkState.DOWN
    assert rig.fake.transports == []  # never started: no connection was ever attempted

"""SignIn with recorded REST clients: only the latest attempt counts, and no client is leaked.

Each attempt gets its own client from the factory; these tests hold an attempt inside its
network call (an event) to make it stale, and check which answers are reported and which
clients end up closed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any, cast

import pytest
from pytestqt.qtbot import QtBot

from kds.app.qt_thread import QtThread, Worker
from kds.app.restaurants import Restaurant
from kds.app.sign_in import SignIn
from kds.net.errors import AuthExpired
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore
from tests.unit.core.factories import RID


class FakeTokens:
    def __init__(self) -> None:
        self.cleared = False

    def clear(self) -> None:
        self.cleared = True


class FakeRest:
    """What a sign-in calls: ``login``/``refresh``, ``me``, ``restaurant_info``, ``close``."""

    def __init__(self, user: str, hold: threading.Event | None, refuse: bool) -> None:
        self.user = user
        self.tokens = FakeTokens()
        self.closed = threading.Event()
        self.entered = threading.Event()  # inside its sign-in call (tracked by SignIn by then)
        self._hold = hold
        self._refuse = refuse

    def _sign(self) -> None:
        self.entered.set()
        if self._hold is not None:
            assert self._hold.wait(10)
        if self._refuse:
            raise AuthExpired("refused", status=401)

    def login(self, user: str, password: str) -> None:
        self._sign()

    def refresh(self) -> None:
        self._sign()

    def me(self) -> Any:
        role = SimpleNamespace(restaurant_id=RID, role="RestaurantStaff")
        return SimpleNamespace(restaurant_roles=lambda: [role])

    def restaurant_info(self, rid: str) -> Any:
        return SimpleNamespace(name="Phở Hà Nội")

    def close(self) -> None:
        self.closed.set()


class Rig:
    def __init__(self) -> None:
        self.calls = Worker(QtThread(), 4, "kds-test-call")
        self.made: list[FakeRest] = []
        self.hold: dict[str, threading.Event] = {}
        self.refuse: set[str] = set()
        self.sign_in = SignIn(self.calls, self.make_rest, lambda user: cast(TokenStore, user))
        self.signed: list[tuple[str, FakeRest, list[Restaurant]]] = []
        self.failed: list[tuple[str, BaseException, bool]] = []
        self.sign_in.signed_in.connect(lambda u, r, rs: self.signed.append((u, r, rs)))
        self.sign_in.failed.connect(lambda u, e, resuming: self.failed.append((u, e, resuming)))

    def make_rest(self, tokens: TokenStore) -> RestClient:
        user = cast(str, tokens)  # the token store factory above hands the user name through
        rest = FakeRest(user, self.hold.get(user), user in self.refuse)
        self.made.append(rest)
        return cast(RestClient, rest)

    def client_of(self, user: str) -> FakeRest:
        return next(r for r in self.made if r.user == user)


@pytest.fixture
def rig(qapp: Any) -> Iterator[Rig]:
    rig = Rig()
    yield rig
    for event in rig.hold.values():
        event.set()
    rig.calls.shutdown()


def test_a_sign_in_reports_the_user_its_client_and_restaurants(qtbot: QtBot, rig: Rig) -> None:
    rig.sign_in.login("anna", "pw")
    qtbot.waitUntil(lambda: bool(rig.signed), timeout=5_000)
    ((user, rest, restaurants),) = rig.signed
    assert user == "anna"
    assert rest is rig.sign_in.rest
    assert restaurants == [Restaurant(RID, "Phở Hà Nội", "RestaurantStaff")]


def test_only_the_latest_attempt_counts_and_an_older_ones_client_is_closed(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.hold["anna"] = threading.Event()
    rig.sign_in.login("anna", "pw")
    qtbot.waitUntil(lambda: len(rig.made) == 1, timeout=5_000)
    rig.sign_in.login("binh", "pw")
    qtbot.waitUntil(lambda: bool(rig.signed), timeout=5_000)
    rig.hold["anna"].set()
    qtbot.waitUntil(rig.client_of("anna").closed.is_set, timeout=5_000)
    assert [user for user, _, _ in rig.signed] == ["binh"]
    assert rig.sign_in.rest is rig.client_of("binh")
    assert not rig.client_of("binh").closed.is_set()


def test_a_refused_resume_is_reported_as_resuming_and_its_client_closed(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.refuse.add("anna")
    rig.sign_in.resume("anna")
    qtbot.waitUntil(lambda: bool(rig.failed), timeout=5_000)
    ((user, exc, resuming),) = rig.failed
    assert (user, type(exc), resuming) == ("anna", AuthExpired, True)
    assert rig.client_of("anna").closed.is_set()
    assert rig.sign_in.rest is None


def test_a_failure_of_a_cancelled_attempt_is_not_reported(qtbot: QtBot, rig: Rig) -> None:
    rig.refuse.add("anna")
    rig.hold["anna"] = threading.Event()
    rig.sign_in.login("anna", "wrong")
    qtbot.waitUntil(lambda: len(rig.made) == 1, timeout=5_000)
    rig.sign_in.cancel()
    rig.hold["anna"].set()
    qtbot.waitUntil(rig.client_of("anna").closed.is_set, timeout=5_000)
    qtbot.wait(50)  # the failure's callback has had its turn on the Qt thread
    assert rig.failed == []


def test_a_replaced_client_is_closed_and_sign_out_forgets_the_tokens(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.sign_in.login("anna", "pw")
    qtbot.waitUntil(lambda: len(rig.signed) == 1, timeout=5_000)
    rig.sign_in.resume("anna")
    qtbot.waitUntil(lambda: len(rig.signed) == 2, timeout=5_000)
    first, second = rig.made
    qtbot.waitUntil(first.closed.is_set, timeout=5_000)
    rig.sign_in.sign_out()
    qtbot.waitUntil(second.closed.is_set, timeout=5_000)
    assert second.tokens.cleared
    assert rig.sign_in.rest is None


def test_close_closes_the_client_and_those_still_signing_in(qtbot: QtBot, rig: Rig) -> None:
    rig.sign_in.login("anna", "pw")
    qtbot.waitUntil(lambda: len(rig.signed) == 1, timeout=5_000)
    rig.hold["binh"] = threading.Event()
    rig.sign_in.login("binh", "pw")
    qtbot.waitUntil(lambda: len(rig.made) == 2, timeout=5_000)
    assert rig.client_of("binh").entered.wait(5)
    rig.sign_in.close()  # at shutdown: binh's attempt is still inside its call
    assert rig.client_of("anna").closed.is_set()
    assert rig.client_of("binh").closed.is_set()
    assert rig.sign_in.rest is None

"""Sign-in: one password check per attempt (unknown users too), lockout counted atomically."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from kds.server.auth import LOCKOUT_FAILURES, Authenticator, LoginFailed
from kds.server.passwords import dummy_hash
from kds.server.records import User
from kds.server.store import SqliteStore

USER_ID = "00000000-0000-0000-0000-0000000000aa"
STORED = "stored-hash-of-the-right-password"


class Verifier:
    """Records every (password, hash) check; only `right` against STORED passes.

    `delay_s` keeps each check busy in its worker thread, so concurrent sign-ins overlap the
    way scrypt makes them overlap on the real server.
    """

    def __init__(self, delay_s: float = 0.0) -> None:
        self.calls: list[tuple[str, str]] = []
        self.delay_s = delay_s
        self._lock = threading.Lock()

    def __call__(self, password: str, stored: str) -> bool:
        with self._lock:
            self.calls.append((password, stored))
        time.sleep(self.delay_s)  # stands in for the hash's CPU time
        return password == "right" and stored == STORED


@pytest.fixture
def store() -> SqliteStore:
    store = SqliteStore(":memory:")
    user = User(USER_ID, "cook@kds.example", "cook@kds.example", "Cook", None, ["User"], None)
    store.insert_user(user, STORED)
    return store


def attempt(authenticator: Authenticator, user: str, password: str) -> str:
    try:
        asyncio.run(authenticator.login(user, password))
    except LoginFailed as failed:
        return str(failed.args[0])
    return "Succeeded"


def test_an_unknown_user_costs_one_check_against_the_dummy_hash(store: SqliteStore) -> None:
    verifier = Verifier()
    authenticator = Authenticator(store, 3600, 3600, verify=verifier)
    assert attempt(authenticator, "nobody@kds.example", "whatever") == "Failed"
    assert verifier.calls == [("whatever", dummy_hash())]


def test_a_known_user_costs_one_check_against_its_own_hash(store: SqliteStore) -> None:
    verifier = Verifier()
    authenticator = Authenticator(store, 3600, 3600, verify=verifier)
    assert attempt(authenticator, "COOK@kds.example", "wrong") == "Failed"
    assert attempt(authenticator, "cook@kds.example", "right") == "Succeeded"
    assert verifier.calls == [("wrong", STORED), ("right", STORED)]


def test_the_dummy_hash_is_a_real_hash_that_no_password_matches() -> None:
    assert dummy_hash().startswith("scrypt$")
    assert dummy_hash() is dummy_hash()  # made once per process


def test_concurrent_wrong_passwords_get_exactly_the_threshold_of_checks(
    store: SqliteStore,
) -> None:
    verifier = Verifier(delay_s=0.01)
    authenticator = Authenticator(store, 3600, 3600, verify=verifier)

    async def storm() -> list[str]:
        async def one() -> str:
            try:
                await authenticator.login("cook@kds.example", "wrong")
            except LoginFailed as failed:
                return str(failed.args[0])
            return "Succeeded"

        return await asyncio.gather(*(one() for _ in range(LOCKOUT_FAILURES + 15)))

    answers = asyncio.run(storm())
    # One check per attempt until the lock; every later attempt is refused unchecked.
    assert len(verifier.calls) == LOCKOUT_FAILURES
    assert answers.count("Failed") == LOCKOUT_FAILURES - 1
    assert answers.count("LockedOut") == 16
    assert attempt(authenticator, "cook@kds.example", "right") == "LockedOut"
    assert len(verifier.calls) == LOCKOUT_FAILURES  # a locked account is not checked at all
    assert authenticator._sign_ins == {}  # no per-user lock outlives its sign-ins


def test_count_failure_locks_at_the_threshold_and_restarts_the_count(
    store: SqliteStore,
) -> None:
    locked = [store.count_failure(USER_ID, 3, 99) for _ in range(4)]
    assert locked == [False, False, True, False]
    credentials = store.credentials("cook@kds.example")
    assert credentials is not None
    assert (credentials.failed_count, credentials.lockout_end_us) == (1, 99)
    assert store.count_failure("no-such-user", 3, 99) is False

"""TokenStore: keyring persistence, the memory fallback and the 80 % refresh point."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from kds.app.memory_keyring import MemoryKeyring
from kds.net.tokens import NO_KEYRING_NOTICE, TokenStore


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_persists_per_server_and_user(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore("http://a:5080/", "staff@x", clock=Clock())
    assert store.persistent
    assert store.take_notice() is None
    store.save("acc", "ref", 3600)
    again = TokenStore("http://a:5080", "staff@x", clock=Clock())
    assert again.access_token() == "acc"
    assert again.refresh_token() == "ref"
    assert TokenStore("http://a:5080", "other@x").get() is None
    assert TokenStore("http://b:5080", "staff@x").get() is None
    again.clear()
    assert TokenStore("http://a:5080", "staff@x").get() is None
    again.clear()  # nothing stored: still fine


def test_refresh_at_80_percent(memory_keyring: MemoryKeyring) -> None:
    clock = Clock()
    store = TokenStore("http://a", "u", clock=clock)
    assert store.needs_refresh()  # no token yet
    store.save("acc", "ref", 3600)
    clock.now += 2879
    assert not store.needs_refresh()
    clock.now += 1
    assert store.needs_refresh()
    assert not store.expired()
    clock.now += 720
    assert store.expired()


def test_repr_never_shows_tokens(memory_keyring: MemoryKeyring) -> None:
    tokens = TokenStore("http://a", "u").save("SECRET-A", "SECRET-R", 60)
    assert "SECRET" not in repr(tokens)


def test_fail_backend_keeps_tokens_in_memory_with_one_notice() -> None:
    store = TokenStore("http://a", "u", backend=fail.Keyring())
    assert not store.persistent
    store.save("acc", "ref", 60)
    assert store.access_token() == "acc"
    assert store.take_notice() == NO_KEYRING_NOTICE
    assert store.take_notice() is None


def test_locked_keyring_falls_back_to_memory(caplog: pytest.LogCaptureFixture) -> None:
    store = TokenStore("http://a", "u", backend=LockedKeyring())
    assert store.persistent
    store.save("acc-secret", "ref-secret", 60)
    assert not store.persistent
    assert store.access_token() == "acc-secret"
    assert store.take_notice() == NO_KEYRING_NOTICE
    assert "secret" not in caplog.text


def test_corrupt_stored_value_is_ignored(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password("kds:http://a", "u", "{not json")
    assert TokenStore("http://a", "u").get() is None


def test_for_user_keeps_backend_and_clock() -> None:
    clock = Clock()
    backend = MemoryKeyring()
    store = TokenStore("http://a", "u1", backend=backend, clock=clock)
    other = store.for_user("u2")
    other.save("acc", "ref", 100)
    assert backend.get_password("kds:http://a", "u2") is not None
    assert other.get() is not None
    assert other.get().issued_at == clock.now  # type: ignore[union-attr]

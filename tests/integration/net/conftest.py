"""Fixtures for the network layer against the real kds-server: keyring, sessions, log audit."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.backend
import keyring.errors
import pytest

from kds.net.hub import HubClient
from kds.net.redact import install_redaction
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore
from tests.support.server import ServerProcess


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict, so tests never touch the machine's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.data.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("missing")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


OBTAINED_TOKENS: set[str] = set()


@pytest.fixture(scope="package", autouse=True)
def token_free_logs() -> Iterator[None]:
    """Capture every log record at DEBUG over the whole package; none may contain a token.

    Every token the tests obtain passes through ``TokenStore.save`` (logins and refreshes) or
    ``remember_token``; each captured line is checked against each of them at teardown.
    """
    install_redaction()
    capture = _Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    original_save = TokenStore.save

    def save(self: TokenStore, access_token: str, refresh_token: str, expires_in_s: float) -> Any:
        OBTAINED_TOKENS.update((access_token, refresh_token))
        return original_save(self, access_token, refresh_token, expires_in_s)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TokenStore, "save", save)
        try:
            yield
        finally:
            root.removeHandler(capture)
            root.setLevel(old_level)
    leaks = [(t[:4], line) for line in capture.lines for t in OBTAINED_TOKENS if t in line]
    assert capture.lines, "the audit captured nothing"
    assert not leaks, f"{len(leaks)} log lines contain a token, e.g. {leaks[0][1][:300]!r}"


HUB_THREADS = ("kds-hub", "Signalrcore")


def leftover_threads(before: set[threading.Thread]) -> list[str]:
    return [
        t.name
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith(HUB_THREADS)
    ]


@pytest.fixture(autouse=True)
def no_leftover_hub_threads() -> Iterator[None]:
    """No hub supervisor, teardown helper or signalrcore reader may outlive its test."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3.0
    while (names := leftover_threads(before)) and time.monotonic() < deadline:
        time.sleep(0.01)  # teardown helpers finish within their own timeouts; poll briefly
    assert not names, f"threads left running after the test: {names}"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


SessionFactory = Callable[..., RestClient]


@pytest.fixture
def session(request: pytest.FixtureRequest) -> Iterator[SessionFactory]:
    """``make(server, user, password="Password123!", **rest_kwargs) -> RestClient`` logged in."""
    made: list[RestClient] = []

    def make(
        server: ServerProcess, user: str, password: str = "Password123!", **kwargs: Any
    ) -> RestClient:
        client = RestClient(server.url, **kwargs)
        client.login(user, password)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


HubFactory = Callable[..., HubClient]


@pytest.fixture
def hubs() -> Iterator[HubFactory]:
    """``make(server, rest, **hub_kwargs) -> HubClient`` (not started); all stopped at teardown."""
    made: list[HubClient] = []

    def make(server: ServerProcess, rest: RestClient, **kwargs: Any) -> HubClient:
        hub = HubClient(f"{server.url}/hubs/restaurant-orders", rest.access_token, **kwargs)
        made.append(hub)
        return hub

    yield make
    for hub in made:
        hub.stop()

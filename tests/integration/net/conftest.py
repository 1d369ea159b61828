"""Fixtures for the network layer against the real kds-server: keyring, sessions, log audit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kds.app.memory_keyring import MemoryKeyring
from kds.net.hub import HubClient
from kds.net.redact import install_redaction
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore
from tests.support.server import ServerProcess


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


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: MemoryKeyring, no_leaks: None) -> None:
    """A memory keyring; no hub supervisor, teardown helper, reader or socket outlives a test."""


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

"""Interop fixtures: the real kds-server (subprocess, port 0) shared per module, tokens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.interop.jsclient import node_ready
from tests.support.helpers import PHO_HANOI, login, staff
from tests.support.server import ServerProcess

SERVER_ARGS = ["--dev", "--seed", "demo", "--outbox-interval-ms", "10", "--log-level", "info"]
RESTAURANT_HUB = "/hubs/restaurant-orders"
RID = PHO_HANOI


def start_server(base: Path, extra: list[str] | None = None) -> ServerProcess:
    return ServerProcess(
        SERVER_ARGS + (extra or []), str(base / "kds.db"), log_dir=str(base)
    ).start()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    srv = start_server(tmp_path_factory.mktemp("interop"))
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def staff_token(server: ServerProcess) -> str:
    return login(server.url, *staff("pho-hanoi"))


@pytest.fixture(scope="session")
def node() -> None:
    """The JS interop tests need node and `npm ci` in tests/interop (scripts/setup does both)."""
    if not node_ready():
        pytest.fail("node or tests/interop/node_modules missing: run scripts/setup")

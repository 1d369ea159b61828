"""Shared pytest fixtures: the real kds-server (function- and module-scoped), a memory keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest

from kds.app.memory_keyring import MemoryKeyring
from tests.support.server import ServerProcess

DEV_ARGS = ["--dev", "--seed", "demo", "--outbox-interval-ms", "10", "--log-level", "warning"]

ServerFactory = Callable[..., ServerProcess]


def _factory(base: Path) -> tuple[ServerFactory, list[ServerProcess]]:
    started: list[ServerProcess] = []

    def make(args: list[str] | None = None, db_path: str | None = None) -> ServerProcess:
        index = len(started)
        log_dir = base / f"server{index}"
        server = ServerProcess(
            DEV_ARGS if args is None else args,
            db_path or str(log_dir / "kds.db"),
            log_dir=str(log_dir),
        )
        started.append(server)
        return server.start()

    return make, started


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[ServerFactory]:
    """`make(args=None, db_path=None) -> ServerProcess`, started; every one stopped at teardown.

    `args=None` means the dev defaults (`--dev --seed demo --outbox-interval-ms 10`)."""
    make, started = _factory(tmp_path)
    try:
        yield make
    finally:
        for server in started:
            server.close()


@pytest.fixture
def dev_server(server_factory: ServerFactory) -> ServerProcess:
    """A fresh dev server (demo seed, 10 ms outbox) with its db under tmp_path."""
    return server_factory()


@pytest.fixture(scope="module")
def module_dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One dev server shared by a module's tests (for tests that do not interfere)."""
    make, started = _factory(tmp_path_factory.mktemp("kds-server"))
    try:
        yield make()
    finally:
        for server in started:
            server.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The shipped in-memory keyring as the process keyring: tests never touch the machine's."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)

"""A standalone hub server (test hub, fake authenticator) in a uvicorn thread, for transport tests.

The real kds-server has no knobs for the 90 s poll timeout or the 15 s handshake timeout, so the
transport mechanics are tested here with small timeouts; the hubs themselves are tested against
the real server in tests/integration/hubs and tests/interop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette

from kds.server.signalr import (
    CallContext,
    ConnectionManager,
    Hub,
    HubException,
    HubMethod,
    HubOptions,
    guid_arg,
    hub_routes,
)
from kds.server.signalr.hub import any_arg

GOOD_TOKEN = "good-token"
HUB = "/hubs/test"


@dataclass(frozen=True)
class User:
    name: str


def fake_authenticate(token: str) -> User | None:
    return User("tester") if token == GOOD_TOKEN else None


def make_hub(manager_ref: list[ConnectionManager]) -> Hub:
    async def echo(ctx: CallContext, value: Any) -> Any:
        return value

    async def add(ctx: CallContext, a: Any, b: Any) -> Any:
        return a + b

    async def fail(ctx: CallContext) -> None:
        raise ValueError("secret detail")

    async def hub_fail(ctx: CallContext, message: Any) -> None:
        raise HubException(str(message))

    async def join(ctx: CallContext, group: Any) -> None:
        ctx.add_to_group(str(group))

    async def leave(ctx: CallContext, group: Any) -> None:
        ctx.remove_from_group(str(group))

    async def broadcast(ctx: CallContext, group: Any, payload: Any) -> None:
        await manager_ref[0].send_to_group(HUB, str(group), "Message", [payload])

    async def connection_id(ctx: CallContext) -> str:
        return ctx.connection_id

    async def guid(ctx: CallContext, value: str) -> str:
        return value

    return Hub(
        HUB,
        [
            HubMethod("Echo", [any_arg], echo),
            HubMethod("Add", [any_arg, any_arg], add),
            HubMethod("Fail", [], fail),
            HubMethod("HubFail", [any_arg], hub_fail),
            HubMethod("Join", [any_arg], join),
            HubMethod("Leave", [any_arg], leave),
            HubMethod("Broadcast", [any_arg, any_arg], broadcast),
            HubMethod("GetConnectionId", [], connection_id),
            HubMethod("Guid", [guid_arg], guid),
        ],
    )


class ThreadedServer:
    """uvicorn serving a Starlette app on 127.0.0.1:0 in a thread; ``stop`` joins it."""

    def __init__(self, options: HubOptions) -> None:
        self.manager = ConnectionManager(options)
        hub = make_hub([self.manager])
        self.loop: asyncio.AbstractEventLoop | None = None

        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            self.loop = asyncio.get_running_loop()
            yield

        self.app = Starlette(
            routes=hub_routes(hub, self.manager, fake_authenticate), lifespan=lifespan
        )
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=0,
            log_config=None,
            access_log=False,
            ws_ping_interval=None,
            ws_ping_timeout=None,
            ws_per_message_deflate=False,  # as kds-server runs it
            lifespan="on",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="hub-test-server")
        self.url = ""

    def start(self) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("test hub server did not start")
            self._thread.join(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def call(self, coro: Coroutine[Any, Any, Any], timeout_s: float = 10.0) -> Any:
        """Run a coroutine on the server's loop (e.g. ``manager.close_all()``) and wait."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout_s)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)


ServerMaker = Callable[..., ThreadedServer]


@pytest.fixture(scope="module")
def hub_server() -> Iterator[ThreadedServer]:
    """Default-ish options but short poll/handshake timeouts, shared per module."""
    server = ThreadedServer(
        HubOptions(long_poll_timeout_s=1.0, handshake_timeout_s=1.0, disconnect_timeout_s=2.0)
    ).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_server() -> Iterator[ServerMaker]:
    servers: list[ThreadedServer] = []

    def make(**options: Any) -> ThreadedServer:
        server = ThreadedServer(HubOptions(**options)).start()
        servers.append(server)
        return server

    try:
        yield make
    finally:
        for server in servers:
            server.stop()

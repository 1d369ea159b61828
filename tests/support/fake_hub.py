"""An in-memory ``HubTransport`` for unit tests of the hub client and of the app layer."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kds.net.hub_transport import TransportHandlers

__all__ = ["FakeHub", "FakeTransport"]

# A reply rule: args → (result, error text or None). Missing rule: the call never completes.
Reply = Callable[[list[Any]], tuple[Any, str | None]]


@dataclass
class FakeHub:
    """The scripted server behind every ``FakeTransport`` its ``factory`` builds.

    Attributes:
        start_failures: exceptions the next ``start()`` calls raise, in order.
        replies: hub method name → reply rule.
        transports: every transport built, oldest first.
        tokens: the token each ``start()`` received, in order.
    """

    start_failures: deque[BaseException] = field(default_factory=deque)
    replies: dict[str, Reply] = field(default_factory=dict)
    transports: list[FakeTransport] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    started: threading.Condition = field(default_factory=threading.Condition)
    hold_starts: bool = False  # start() blocks until stop(), like a frozen server's handshake

    def factory(self) -> FakeTransport:
        transport = FakeTransport(self)
        with self.started:
            self.transports.append(transport)
        return transport

    @property
    def current(self) -> FakeTransport:
        """The newest transport that started successfully and was not stopped."""
        with self.started:
            for transport in reversed(self.transports):
                if transport.handlers is not None and not transport.stopped:
                    return transport
        raise LookupError("no live fake transport")

    def wait_connections(self, count: int, timeout_s: float) -> bool:
        """Block until ``count`` transports have started successfully."""
        with self.started:
            return self.started.wait_for(
                lambda: sum(t.handlers is not None for t in self.transports) >= count, timeout_s
            )


class FakeTransport:
    """One scripted connection. Test code drives the "server" side with ``emit``/``drop``."""

    def __init__(self, hub: FakeHub) -> None:
        self.hub = hub
        self.handlers: TransportHandlers | None = None
        self.url = ""
        self.invocations: list[tuple[str, list[Any], str]] = []
        self.pings = 0
        self.stopped = False
        self._released = threading.Event()

    # -- HubTransport ----------------------------------------------------------------------
    def start(self, url: str, token: str, handlers: TransportHandlers, timeout_s: float) -> None:
        self.url = url
        self.hub.tokens.append(token)
        if self.hub.start_failures:
            raise self.hub.start_failures.popleft()
        if self.hub.hold_starts:
            self._released.wait(timeout_s)
            raise ConnectionError("fake handshake never completed")
        with self.hub.started:
            self.handlers = handlers
            self.hub.started.notify_all()

    def invoke(self, method: str, args: list[Any], invocation_id: str) -> None:
        if self.stopped or self.handlers is None:
            raise ConnectionError("fake transport is not connected")
        self.invocations.append((method, list(args), invocation_id))
        rule = self.hub.replies.get(method)
        if rule is not None:
            result, error = rule(list(args))
            self.complete(invocation_id, result, error)

    def send_ping(self) -> None:
        if self.stopped:
            raise ConnectionError("fake transport is stopped")
        self.pings += 1

    def stop(self) -> None:
        self.stopped = True
        self._released.set()

    # -- the server side, for tests --------------------------------------------------------
    def _live(self) -> TransportHandlers:
        if self.handlers is None:
            raise RuntimeError("fake transport never started")
        return self.handlers

    def emit(self, target: str, *args: Any) -> None:
        handlers = self._live()
        handlers.on_received()
        handlers.on_invocation(target, list(args))

    def server_ping(self) -> None:
        self._live().on_received()

    def complete(self, invocation_id: str, result: Any = None, error: str | None = None) -> None:
        handlers = self._live()
        handlers.on_received()
        handlers.on_completion(invocation_id, result, error)

    def drop(self, error: BaseException | None = None) -> None:
        self._live().on_closed(error or ConnectionError("fake connection dropped"))

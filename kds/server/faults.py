"""REST fault injection (contract B3 `faults/rest`): middleware failing or delaying requests."""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

# The fault endpoints themselves are never affected, so a test can always clear its faults.
EXEMPT_PREFIX = "/api/v1/dev/faults"


@dataclass
class RestFault:
    pattern: re.Pattern[str]
    status: int | None
    delay_ms: int
    remaining: int


class Faults:
    """The active REST faults; each matching request uses up one of a fault's `count`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rest: list[RestFault] = []

    def add_rest(self, fault: RestFault) -> None:
        with self._lock:
            self.rest.append(fault)

    def clear(self) -> None:
        with self._lock:
            self.rest.clear()

    def take(self, path: str) -> RestFault | None:
        """The first live fault matching `path`, with its count decremented."""
        with self._lock:
            for fault in self.rest:
                if fault.remaining > 0 and fault.pattern.search(path):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self.rest.remove(fault)
                    return fault
        return None


class RestFaultMiddleware:
    """Before routing: a matching request waits `delayMs`, then fails with `status` (empty body)
    or, without a status, goes on to the app."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT_PREFIX):
            await self.app(scope, receive, send)
            return
        fault = self.faults.take(scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.delay_ms > 0:
            await asyncio.sleep(fault.delay_ms / 1000)
        if fault.status is None:
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": fault.status,
                "headers": [(b"content-length", b"0")],
            }
        )
        await send({"type": "http.response.body", "body": b""})

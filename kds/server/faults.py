"""REST fault injection (contract B3 `faults/rest`): middleware failing or delaying requests."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Protocol

import re2
from starlette.types import ASGIApp, Receive, Scope, Send

# The fault endpoints themselves are never affected, so a test can always clear its faults.
EXEMPT_PREFIX = "/api/v1/dev/faults"


class PathPattern(Protocol):
    def search(self, text: str) -> object | None: ...


class BadPattern(ValueError):
    """The pattern does not compile (or uses what RE2 leaves out: backreferences, lookaround)."""


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # the caller reports the error; RE2 would also print it to stderr
    return options


_OPTIONS = _re2_options()


def compile_pattern(text: str) -> PathPattern:
    """`pathPattern` as an RE2 regex: matching time is linear in the path, whatever the pattern.

    Python's `re` backtracks, so a pattern like `^/(a+)+$` against `/aaaa…!` would stall the
    event loop (every request runs through the fault middleware). RE2 keeps the regex syntax the
    tests and harnesses use (`$`, groups, alternation, `{36}`, classes); globs would not.
    """
    try:
        compiled: PathPattern = re2.compile(text, _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise BadPattern(str(detail)) from None
    return compiled


@dataclass
class RestFault:
    pattern: PathPattern
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

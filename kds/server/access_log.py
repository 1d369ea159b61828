"""A redacted access log (uvicorn's own is off: it would print `access_token` query values)."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kds.server.logs import redact

log = logging.getLogger("kds.server.access")


class AccessLogMiddleware:
    """One INFO line per HTTP request: method, path, redacted query, status, duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope["path"] + (f"?{redact(query)}" if query else "")
            elapsed_ms = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %.1f ms", scope["method"], target, status or 500, elapsed_ms)

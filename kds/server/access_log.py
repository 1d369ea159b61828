"""A redacted, escaped access log (uvicorn's own is off: it would print token query values)."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kds.server.logs import escape_controls, escape_url_bytes, is_hub_path, redact_query

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
            elapsed_ms = (time.perf_counter() - started) * 1000
            method = escape_controls(scope["method"])
            log.info("%s %s %s %.1f ms", method, target_of(scope), status or 500, elapsed_ms)


def target_of(scope: Scope) -> str:
    """The request target as the client sent it, fit for one log line.

    The raw (still percent-encoded) path, so `%0a` is logged as `%0a`, never as the line
    break `scope["path"]` decodes it to; any byte that is not printable ASCII is
    percent-encoded; the query's credentials are masked (`redact_query`).
    """
    raw = (scope.get("raw_path") or scope["path"].encode("utf-8")).partition(b"?")[0]
    target = escape_url_bytes(raw)
    query = scope.get("query_string", b"")
    if query:
        hub = is_hub_path(scope["path"])
        target += "?" + redact_query(escape_url_bytes(query), hub=hub)
    return target

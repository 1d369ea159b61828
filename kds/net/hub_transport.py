"""The seam under the hub client: what one SignalR connection must do, and the negotiate step.

``HubClient`` owns every policy (reconnects, tokens, pings, the watchdog, pending calls); a
transport only opens ONE connection, reports what arrives, sends, and closes. A connection is
never reused: the supervisor builds a fresh transport for every attempt. The implementation
over signalrcore is ``kds.net.hub_signalrcore``; ``tests.support.fake_hub`` is the unit-test double.
"""

from __future__ import annotations

import json
import ssl
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from kds.net.errors import HubError, HubUnauthorized, ServerUnavailable, tls_failure
from kds.net.http_deadline import call_deadline, deadline_transport

__all__ = [
    "HubTransport",
    "NegotiateRejected",
    "TransportHandlers",
    "negotiate",
    "negotiate_url",
    "ws_url",
]


@dataclass(frozen=True)
class TransportHandlers:
    """What a transport reports. Called on the transport's reader thread.

    Attributes:
        on_received: anything at all arrived (an event, a completion, a server Ping).
        on_invocation: a server→client invocation: target name and its argument list.
        on_completion: a completion: invocation id, result, error text (``None`` on success).
        on_closed: the connection ended; the error (``None`` for a clean server Close).
    """

    on_received: Callable[[], None]
    on_invocation: Callable[[str, list[Any]], None]
    on_completion: Callable[[str, Any, str | None], None]
    on_closed: Callable[[BaseException | None], None]


class HubTransport(Protocol):
    """One SignalR connection. ``start`` blocks until the handshake completed or raises."""

    def start(self, url: str, token: str, handlers: TransportHandlers, timeout_s: float) -> None:
        """Negotiate, connect and handshake; raise ``NetError`` (``NegotiateRejected`` on 401)."""

    def invoke(self, method: str, args: list[Any], invocation_id: str) -> None:
        """Send a blocking invocation; the completion arrives via ``on_completion``."""

    def send_ping(self) -> None:
        """Send a SignalR Ping (type 6) so the server's client timeout never fires."""

    def stop(self) -> None:
        """Close the connection. May block; callers run it with a timeout."""


class NegotiateRejected(HubUnauthorized):
    """The hub answered 401 to negotiate or upgrade: the token was refused, get a fresh one."""


def ws_url(http_url: str, connection_token: str) -> str:
    parts = urllib.parse.urlsplit(http_url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    query = urllib.parse.parse_qsl(parts.query)
    query.append(("id", connection_token))
    return urllib.parse.urlunsplit(
        (scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), "")
    )


def negotiate_url(http_url: str) -> str:
    parts = urllib.parse.urlsplit(http_url)
    query = urllib.parse.parse_qsl(parts.query)
    query.append(("negotiateVersion", "1"))
    path = parts.path.rstrip("/") + "/negotiate"
    return urllib.parse.urlunsplit(
        (parts.scheme, parts.netloc, path, urllib.parse.urlencode(query), "")
    )


def negotiate(
    url: str, token: str, timeout_s: float, *, http: httpx.Client | None, verify: ssl.SSLContext
) -> str:
    """POST ``{url}/negotiate?negotiateVersion=1``; the id for the transport request.

    v1 servers answer a secret ``connectionToken`` that goes in ``id=``; v0 servers only a
    ``connectionId``. Raises ``NegotiateRejected`` on 401, ``HubError`` for a negotiate
    ``error`` body, ``ServerUnavailable`` for everything else.
    """
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}
    target = negotiate_url(url)
    try:
        # A total deadline, not only per read: a server trickling its answer cannot hold a
        # hub connect attempt past timeout_s (issue 19).
        with call_deadline(timeout_s):
            if http is not None:
                resp = http.post(target, headers=headers, timeout=timeout_s)
            else:
                transport = deadline_transport(verify)
                with httpx.Client(transport=transport, verify=verify, timeout=timeout_s) as client:
                    resp = client.post(target, headers=headers)
    except httpx.HTTPError as exc:
        reason = tls_failure(exc) or type(exc).__name__
        raise ServerUnavailable(f"hub negotiate failed: {reason}") from exc
    if resp.status_code == 401:
        raise NegotiateRejected("hub refused the token (401 on negotiate)")
    if resp.status_code != 200:
        raise ServerUnavailable(
            f"hub negotiate answered {resp.status_code}", status=resp.status_code
        )
    try:
        body = resp.json()
    except json.JSONDecodeError as exc:
        raise ServerUnavailable("hub negotiate answered non-JSON") from exc
    if not isinstance(body, dict):
        raise ServerUnavailable("hub negotiate answered a non-object")
    if body.get("error"):
        raise HubError(f"hub negotiate error: {body['error']}", server_text=str(body["error"]))
    transports = [t.get("transport") for t in body.get("availableTransports") or []]
    if "WebSockets" not in transports:
        raise ServerUnavailable("hub offers no WebSockets transport")
    version = body.get("negotiateVersion", 0)
    conn_id = body.get("connectionToken") if version and version >= 1 else None
    conn_id = conn_id or body.get("connectionId")
    if not isinstance(conn_id, str) or not conn_id:
        raise ServerUnavailable("hub negotiate answered no connection id")
    return conn_id

"""What a hub's three endpoints (negotiate, HTTP transports, WebSocket) share.

Each one authenticates the caller the same way and looks a connection up by its id the same
way; `HubEndpoint` is that one place, built once per hub by `hub_routes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kds.server.signalr.connection import HubConnection
from kds.server.signalr.hub import Hub
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.security import Authenticate, authenticate, query_params

# [Authorize] on every hub: 401 before any hub code, empty body, like the bearer handler.
UNAUTHORIZED_HEADERS = ((b"www-authenticate", b"Bearer"),)


@dataclass(frozen=True)
class HubEndpoint:
    """One hub, the connection registry it lives in, and who may call it."""

    hub: Hub
    manager: ConnectionManager
    authenticator: Authenticate

    async def principal(self, scope: Mapping[str, Any]) -> Any | None:
        """The authenticated caller, or None (the endpoint answers 401)."""
        return await authenticate(scope, self.authenticator)

    def connection_id(self, scope: Mapping[str, Any]) -> str | None:
        """The ``id`` query parameter: the connection token a transport request names."""
        return query_params(scope).get("id")

    def connection(self, token: str) -> HubConnection | None:
        """The connection with that token on this hub; None if unknown or another hub's."""
        conn = self.manager.get(token)
        return conn if conn is not None and conn.hub is self.hub else None

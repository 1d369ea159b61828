"""What a hub's three endpoints (negotiate, HTTP transports, WebSocket) share.

Each one authenticates the caller the same way and looks a connection up by its id the same
way; `HubEndpoint` is that one place, built once per hub by `hub_routes`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kds.server.signalr.connection import HubConnection
from kds.server.signalr.hub import Hub
from kds.server.signalr.manager import ConnectionManager
from kds.server.signalr.security import Authenticate, authenticate, query_params

log = logging.getLogger("kds.server.signalr")

# [Authorize] on every hub: 401 before any hub code, empty body, like the bearer handler.
UNAUTHORIZED_HEADERS = ((b"www-authenticate", b"Bearer"),)

Identify = Callable[[Any], Any]  # principal -> the user it names (compared with ==)


def user_identity(principal: Any) -> Any:
    """The user a principal names: its ``user_id`` when it has one, else the principal itself."""
    return getattr(principal, "user_id", principal)


@dataclass(frozen=True)
class HubEndpoint:
    """One hub, the connection registry it lives in, and who may call it."""

    hub: Hub
    manager: ConnectionManager
    authenticator: Authenticate
    identify: Identify = user_identity

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

    def owns(self, conn: HubConnection, principal: Any, transport: str) -> bool:
        """Whether ``principal`` is the user the connection was negotiated by.

        Deliberately stricter than ASP.NET (which re-reads the user on polls, SSE and WebSocket
        requests, only logging a change, and not at all on POST sends): the connection token
        alone must not lend a connection's group memberships and rights to another user, so
        every transport request must carry the connection's own user. A refusal is logged with
        the connection's public id and the two user ids, never a token.
        """
        owner, caller = self.identify(conn.principal), self.identify(principal)
        if owner == caller:
            return True
        log.warning(
            "refused %s request on connection %s of %s: it belongs to user %s, not %s",
            transport,
            conn.log_id,
            self.hub.path,
            owner,
            caller,
        )
        return False

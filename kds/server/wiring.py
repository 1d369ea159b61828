"""Assembles the running server's app: REST (create_app) plus the SignalR hubs and their manager."""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from kds.server.app import create_app
from kds.server.config import ServerConfig
from kds.server.hubs import build_hubs
from kds.server.signalr import ConnectionManager, HubOptions, RedactingFilter, hub_routes

# Logger filters see only records logged on that very logger (not on its children), so name
# each logger whose records may carry a request URL or headers.
_REDACTED_LOGGERS = (
    "kds.server",
    "kds.server.signalr",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
)


def build_app(config: ServerConfig) -> Starlette:
    """The REST app with the hubs mounted; the hub ConnectionManager is its Broadcaster."""
    manager = ConnectionManager(
        HubOptions(keepalive_s=config.keepalive_s, client_timeout_s=config.client_timeout_s)
    )
    app_ref: list[Starlette] = []

    def authenticate(token: str) -> Any:
        # The authenticator lives in the app state, which exists only once create_app returns.
        return app_ref[0].state.kds.authenticator.authenticate(token)

    routes: list[BaseRoute] = []
    for hub in build_hubs(teamcart=config.teamcart):
        routes.extend(hub_routes(hub, manager, authenticate))
    app = create_app(config, broadcaster=manager, extra_routes=routes)
    app_ref.append(app)
    install_log_redaction()
    return app


def install_log_redaction() -> None:
    """Scrub ``access_token`` values and bearer tokens from request lines the server logs.

    Belt and braces: ``kds.server.logs`` also redacts at the handler; these filters keep an
    app built by ``build_app`` safe under any other logging setup (tests, embedding).
    """
    for name in _REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())

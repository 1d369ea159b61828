"""The ASGI application: `build_app(config)` builds all of it (REST, hubs, dev surface).

`build_state` builds the object graph alone (store, authenticator, outbox, …) for tests and
benchmarks that drive it without HTTP.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.types import Scope

from kds.server import (
    routes_dev,
    routes_initiate,
    routes_lifecycle,
    routes_orders,
    routes_restaurants,
    routes_users,
)
from kds.server.access_log import AccessLogMiddleware
from kds.server.auth import Authenticator
from kds.server.broadcast import Broadcaster
from kds.server.config import ServerConfig
from kds.server.dev_guard import ApiCors, DevGuard
from kds.server.faults import RestFaultMiddleware
from kds.server.hubs import build_hubs
from kds.server.logs import install_log_redaction
from kds.server.openapi import document
from kds.server.outbox import Outbox
from kds.server.responses import ApiError, empty, json_response
from kds.server.seed import seed_demo
from kds.server.signalr import ConnectionManager, HubOptions, hub_routes
from kds.server.state import ServerState
from kds.server.store import SqliteStore

API_PREFIX = "/api/v1"

log = logging.getLogger("kds.server")


async def _ping(request: Request) -> Response:
    return json_response("pong")


async def _root(request: Request) -> Response:
    return RedirectResponse("/api", status_code=302)


async def _api_index(request: Request) -> Response:
    """Where the real backend serves Swagger UI; here, a link to the document."""
    return HTMLResponse(
        "<!doctype html><title>kds-server API</title>"
        f'<p>OpenAPI document: <a href="{API_PREFIX}/specification.json">'
        f"{API_PREFIX}/specification.json</a>"
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    """Route misses (including non-GUID segments) and wrong methods: empty bodies."""
    assert isinstance(exc, HTTPException)
    return empty(exc.status_code)


async def _unhandled(request: Request, exc: Exception) -> Response:
    """500 with an empty body (contract 7.5); the traceback goes to the log only."""
    return empty(500)


class ApiMount(Mount):
    """A Mount that does not claim its bare prefix (`/api/v1` and `/api/v1/`).

    A plain Mount matches `/api/v1/`, so Starlette would answer `/api/v1` with a 307 to it;
    the backend has nothing there, and both stay an empty 404.
    """

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = super().matches(scope)
        if match is not Match.NONE and scope["path"].rstrip("/") == self.path:
            return Match.NONE, {}
        return match, child_scope


def build_state(config: ServerConfig, broadcaster: Broadcaster) -> ServerState:
    """The object graph; seeding happens here, synchronously, before the socket listens."""
    store = SqliteStore(config.db)
    if config.seed == "demo":
        seed_demo(store)
    return ServerState(
        config=config,
        store=store,
        authenticator=Authenticator(store, config.access_token_ttl_s, config.refresh_token_ttl_s),
        outbox=Outbox(store, broadcaster, config.outbox_interval_ms),
        broadcaster=broadcaster,
    )


def _api_routes(config: ServerConfig) -> list[BaseRoute]:
    """Every REST route, relative to `/api/v1`; the dev surface only with `--dev`."""
    spec = document(config.dev)

    async def specification(request: Request) -> Response:
        return json_response(spec)

    return [
        Route("/specification.json", specification, methods=["GET"]),
        *routes_users.ROUTES,
        *routes_orders.ROUTES,
        *routes_lifecycle.ROUTES,
        *routes_initiate.ROUTES,
        *routes_restaurants.ROUTES,
        *(routes_dev.ROUTES if config.dev else ()),
    ]


def build_app(config: ServerConfig) -> Starlette:
    """The reference server as one ASGI app; `app.state.kds` is its ServerState.

    The hub ConnectionManager is the outbox's Broadcaster, and the hubs authenticate with the
    same Authenticator as the REST routes. Hub routes (negotiate, WebSocket, SSE, long
    polling) come first, under `/hubs/`; the REST routes are mounted once under `/api/v1`.
    The lifespan starts the outbox publisher and, with `--dev --simulate`, the simulated order
    stream; on shutdown it stops them and closes the store.
    """
    manager = ConnectionManager(
        HubOptions(keepalive_s=config.keepalive_s, client_timeout_s=config.client_timeout_s)
    )
    state = build_state(config, manager)
    hubs: list[BaseRoute] = []
    for hub in build_hubs(teamcart=config.teamcart):
        hubs.extend(hub_routes(hub, manager, state.authenticator.authenticate))
    routes: list[BaseRoute] = [
        *hubs,
        Route("/ping", _ping, methods=["GET"]),
        Route("/", _root, methods=["GET"]),
        Route("/api", _api_index, methods=["GET"]),
        ApiMount(API_PREFIX, routes=_api_routes(config)),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state.outbox.start()
        if config.dev:
            state.simulator.start_stream(config.simulate_per_min)
        try:
            yield
        finally:
            await state.simulator.stop()
            await state.outbox.stop()
            state.store.close()

    exception_handlers: dict[Any, Any] = {
        ApiError: _api_error,
        HTTPException: _http_error,
        Exception: _unhandled,
    }
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(AccessLogMiddleware),
            *([Middleware(DevGuard, allow_remote=config.dev_allow_remote)] if config.dev else []),
            Middleware(ApiCors, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]),
            *([Middleware(RestFaultMiddleware, faults=state.faults)] if config.dev else []),
        ],
        exception_handlers=exception_handlers,
        lifespan=lifespan,
    )
    app.state.kds = state
    install_log_redaction()
    return app

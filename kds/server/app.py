"""The ASGI application: `create_app(config, broadcaster, extra_routes)` and its lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

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
from kds.server.broadcast import Broadcaster, NullBroadcaster
from kds.server.config import ServerConfig
from kds.server.faults import Faults, RestFaultMiddleware
from kds.server.openapi import document
from kds.server.outbox import Outbox
from kds.server.responses import ApiError, empty, json_response
from kds.server.seed import seed_demo
from kds.server.simulator import Simulator
from kds.server.state import ServerState
from kds.server.store import Store

log = logging.getLogger("kds.server")


async def _ping(request: Request) -> Response:
    return json_response("pong")


async def _root(request: Request) -> Response:
    return RedirectResponse("/api", status_code=302)


async def _api_index(request: Request) -> Response:
    """Where the real backend serves Swagger UI; here, a link to the document."""
    return HTMLResponse(
        "<!doctype html><title>kds-server API</title>"
        '<p>OpenAPI document: <a href="/api/v1/specification.json">/api/v1/specification.json</a>'
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


def build_state(config: ServerConfig, broadcaster: Broadcaster) -> ServerState:
    store = Store(config.db)
    if config.seed == "demo":
        seed_demo(store)
    state = ServerState(
        config=config,
        store=store,
        authenticator=Authenticator(store, config.access_token_ttl_s, config.refresh_token_ttl_s),
        outbox=Outbox(store, broadcaster, config.outbox_interval_ms),
        broadcaster=broadcaster,
    )
    state.extras["faults"] = Faults()
    state.extras["simulator"] = Simulator(state)
    return state


def create_app(
    config: ServerConfig,
    broadcaster: Broadcaster | None = None,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The reference server as an ASGI app.

    `extra_routes` is the hook for the SignalR side: hub routes (negotiate, WebSocket, SSE,
    long polling) are mounted before the REST routes. Seeding happens here, synchronously, so
    the store is ready before the socket listens. The lifespan starts the
    outbox publisher and, with `--dev --simulate`, the simulator; on shutdown it stops them and
    closes the store. `app.state.kds` is the ServerState.
    """
    state = build_state(config, broadcaster or NullBroadcaster())
    spec = document(config.dev)

    async def _specification(request: Request) -> Response:
        return json_response(spec)

    routes: list[BaseRoute] = [
        *extra_routes,
        Route("/ping", _ping, methods=["GET"]),
        Route("/", _root, methods=["GET"]),
        Route("/api", _api_index, methods=["GET"]),
        Route("/api/v1/specification.json", _specification, methods=["GET"]),
        *routes_users.ROUTES,
        *routes_orders.ROUTES,
        *routes_lifecycle.ROUTES,
        *routes_initiate.ROUTES,
        *routes_restaurants.ROUTES,
        *(routes_dev.ROUTES if config.dev else ()),
    ]
    simulator: Simulator = state.extras["simulator"]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state.outbox.start()
        if config.dev:
            simulator.start_stream(config.simulate_per_min)
        try:
            yield
        finally:
            await simulator.stop()
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
            Middleware(
                CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]
            ),
            *(
                [Middleware(RestFaultMiddleware, faults=state.extras["faults"])]
                if config.dev
                else []
            ),
        ],
        exception_handlers=exception_handlers,
        lifespan=lifespan,
    )
    app.state.kds = state
    return app

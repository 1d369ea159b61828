"""Restaurant info (our shape; the contract does not fix it) and the accepting-orders switch."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.auth import can_own, can_staff
from kds.server.binding import ZERO_GUID, principal_of, read_body
from kds.server.responses import Forbidden, ResultProblem, Validation, empty, json_response
from kds.server.state import ServerState


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.kds
    return state


def _rid(request: Request) -> str:
    rid: str = request.path_params["rid"]
    errors = Validation()
    if rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
    errors.check()
    return rid


def _not_found() -> ResultProblem:
    return ResultProblem(404, "Restaurant.NotFound", "The specified restaurant was not found.")


async def info(request: Request) -> Response:
    """`{restaurantId, name, slug, logoUrl, currency, isAcceptingOrders, address}`; staff policy."""
    principal = principal_of(request)
    rid = _rid(request)
    if not can_staff(principal, rid):
        raise Forbidden()
    row = _state(request).store.one("SELECT * FROM restaurants WHERE id = ?", (rid,))
    if row is None:
        raise _not_found()
    body: dict[str, Any] = {
        "restaurantId": row["id"],
        "name": row["name"],
        "slug": row["slug"],
        "logoUrl": row["logo_url"],
        "currency": row["currency"],
        "isAcceptingOrders": bool(row["is_accepting"]),
        "address": {
            "street": row["street"],
            "city": row["city"],
            "state": row["state"],
            "country": row["country"],
            "postalCode": row["postal_code"],
        },
    }
    return json_response(body)


async def accepting_orders(request: Request) -> Response:
    """`{"isAccepting": bool}`; owner policy; 204 on success."""
    principal = principal_of(request)
    body = await read_body(request)
    accepting = body.boolean("isAccepting", required=True)
    rid = _rid(request)
    if not can_own(principal, rid):
        raise Forbidden()
    changed = _state(request).store.execute(
        "UPDATE restaurants SET is_accepting = ? WHERE id = ?", (int(bool(accepting)), rid)
    )
    if not changed:
        raise _not_found()
    return empty(204)


ROUTES = [
    Route("/api/v1/restaurants/{rid:guid}/info", info, methods=["GET"]),
    Route("/api/v1/restaurants/{rid:guid}/accepting-orders", accepting_orders, methods=["PUT"]),
]

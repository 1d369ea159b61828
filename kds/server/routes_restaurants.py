"""Restaurant info (our shape; the contract does not fix it) and the accepting-orders switch."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.auth import can_own, can_staff
from kds.server.binding import ZERO_GUID, principal_of, read_body
from kds.server.responses import Forbidden, ResultProblem, Validation, empty, json_response
from kds.server.state import state_of


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
    restaurant = state_of(request).store.restaurant(rid)
    if restaurant is None:
        raise _not_found()
    body: dict[str, Any] = {
        "restaurantId": restaurant.id,
        "name": restaurant.name,
        "slug": restaurant.slug,
        "logoUrl": restaurant.logo_url,
        "currency": restaurant.currency,
        "isAcceptingOrders": restaurant.is_accepting,
        "address": {
            "street": restaurant.street,
            "city": restaurant.city,
            "state": restaurant.state,
            "country": restaurant.country,
            "postalCode": restaurant.postal_code,
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
    if not state_of(request).store.set_accepting(rid, bool(accepting)):
        raise _not_found()
    return empty(204)


ROUTES = [
    Route("/restaurants/{rid:guid}/info", info, methods=["GET"]),
    Route("/restaurants/{rid:guid}/accepting-orders", accepting_orders, methods=["PUT"]),
]

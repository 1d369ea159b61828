"""Restaurant routes: the public info and menu, item availability, the accepting-orders switch.

Contract 4.1a: `info`, `menu` and `GET …/availability` are public (no token is read, so an
expired one does no harm); changing availability needs the staff policy of that restaurant.
"""

from __future__ import annotations

import math
from email.utils import parsedate_to_datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.auth import can_own, can_staff
from kds.server.binding import ZERO_GUID, principal_of, query_str, read_body
from kds.server.clock import format_opt, http_date, now_us, ticks
from kds.server.menu_view import MenuView
from kds.server.records import Restaurant
from kds.server.responses import Empty, Forbidden, ResultProblem, Validation, empty, json_response
from kds.server.state import state_of

MENU_CACHE_CONTROL = "public, max-age=300"
AVAILABILITY_CACHE_CONTROL = "public, max-age=15"


def _rid(request: Request) -> str:
    rid: str = request.path_params["rid"]
    errors = Validation()
    if rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
    errors.check()
    return rid


def _not_found() -> ResultProblem:
    return ResultProblem(404, "Restaurant.NotFound", "The specified restaurant was not found.")


def _item_not_found(item_id: str) -> ResultProblem:
    return ResultProblem(
        404, "MenuItem.MenuItemNotFound", f"Menu item with ID '{item_id}' was not found."
    )


def _query_double(request: Request, name: str) -> float | None:
    """A `double?` query value; one that does not parse fails binding (empty 400)."""
    value = query_str(request, name)
    if value is None or value == "":
        return None
    try:
        number = float(value.strip())
    except ValueError:
        raise Empty(400) from None
    if not math.isfinite(number):
        raise Empty(400)
    return number


def _distance_km(restaurant: Restaurant, lat: float | None, lng: float | None) -> float | None:
    """Great-circle distance, only when the caller gave both `lat` and `lng`."""
    if lat is None or lng is None or restaurant.lat is None or restaurant.lon is None:
        return None
    p1, p2 = math.radians(lat), math.radians(restaurant.lat)
    dp, dl = p2 - p1, math.radians(restaurant.lon - lng)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a))), 3)


async def info(request: Request) -> Response:
    """The public restaurant info of contract 4.1a (no token read); `lat`/`lng` → distance."""
    lat, lng = _query_double(request, "lat"), _query_double(request, "lng")
    restaurant = state_of(request).store.restaurant(request.path_params["rid"])
    if restaurant is None:
        raise _not_found()
    established = format_opt(restaurant.established_us)
    body: dict[str, Any] = {
        "restaurantId": restaurant.id,
        "name": restaurant.name,
        "logoUrl": restaurant.logo_url,
        "backgroundImageUrl": None,
        "description": restaurant.description,
        "cuisineType": restaurant.cuisine_type,
        "cuisineTags": list(restaurant.cuisine_tags),
        "isAcceptingOrders": restaurant.is_accepting,
        "isVerified": True,
        "address": {
            "street": restaurant.street,
            "city": restaurant.city,
            "state": restaurant.state,
            "zipCode": restaurant.postal_code,
            "country": restaurant.country,
        },
        "contactInfo": {"phoneNumber": restaurant.phone, "email": restaurant.email},
        "businessHours": restaurant.business_hours,
        # DateTimeOffset: an offset, which `Z` is (stored as UTC).
        "establishedDate": established,
        "avgRating": None,
        "ratingCount": None,
        "distanceKm": _distance_km(restaurant, lat, lng),
    }
    return json_response(body)


def _menu_etag(view: MenuView) -> str:
    """Built from the restaurant id and `lastRebuiltAt`; clients treat it as opaque."""
    return f'W/"r:{view.body["restaurantId"]}:t:{ticks(view.rebuilt_us)}"'


def _opaque(tag: str) -> str:
    """Weak comparison (RFC 9110 8.8.3.2): `W/` does not count."""
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def _menu_not_modified(request: Request, etag: str, rebuilt_us: int) -> bool:
    """If-None-Match wins when present (RFC 9110 13.2.2); else If-Modified-Since, in seconds."""
    none_match = request.headers.get("if-none-match")
    if none_match is not None:
        tags = {_opaque(tag) for tag in none_match.split(",")}
        return "*" in tags or _opaque(etag) in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        since_s = parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an unparsable date is ignored, as ASP.NET does
    return rebuilt_us // 1_000_000 <= since_s


async def menu(request: Request) -> Response:
    """The public menu document from the read model, with ETag/Last-Modified revalidation."""
    state = state_of(request)
    rid = request.path_params["rid"]
    restaurant = state.store.restaurant(rid)
    if restaurant is None or not state.store.menu_items(rid):
        raise ResultProblem(
            404, "Public.GetFullMenu.NotFound", "The menu for this restaurant was not found."
        )
    view = state.menus.view(restaurant, lambda: state.store.menu_items(rid))
    etag = _menu_etag(view)
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(view.rebuilt_us),
        "Cache-Control": MENU_CACHE_CONTROL,
    }
    if _menu_not_modified(request, etag, view.rebuilt_us):
        return empty(304, headers)
    return json_response(view.body, headers=headers)


def _item_ids(request: Request) -> tuple[str, str]:
    """Validation of the availability commands: both ids required (contract 4.1a)."""
    rid: str = request.path_params["rid"]
    item_id: str = request.path_params["itemId"]
    errors = Validation()
    if rid == ZERO_GUID:
        errors.add("RestaurantId", "Restaurant ID is required.")
    if item_id == ZERO_GUID:
        errors.add("MenuItemId", "Menu Item ID is required.")
    errors.check()
    return rid, item_id


async def get_availability(request: Request) -> Response:
    """Public and live (not the menu read model): `{restaurantId, itemId, isAvailable}`."""
    rid, item_id = _item_ids(request)
    found = state_of(request).store.menu_item(item_id)
    if found is None or found[0] != rid:
        raise _item_not_found(item_id)
    body = {"restaurantId": rid, "itemId": item_id, "isAvailable": found[1].is_available}
    return json_response(body, headers={"Cache-Control": AVAILABILITY_CACHE_CONTROL})


async def put_availability(request: Request) -> Response:
    """`{"isAvailable": bool}`; staff policy on the path restaurant; 204 even when unchanged.

    Order as the pipeline of contract section 3: token (401), binding, validation (400),
    policy (403), then the handler: an unknown item is 404, another restaurant's item 403.
    """
    principal = principal_of(request)
    body = await read_body(request)
    available = body.boolean("isAvailable", required=True)
    rid, item_id = _item_ids(request)
    if not can_staff(principal, rid):
        raise Forbidden()
    state = state_of(request)
    with state.write() as tx:
        found = tx.menu_item(item_id)
        if found is None:
            raise _item_not_found(item_id)
        if found[0] != rid:
            raise Forbidden()
        tx.set_item_available(item_id, bool(available), now_us())
    return empty(204)


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


AVAILABILITY = "/restaurants/{rid:guid}/menu-items/{itemId:guid}/availability"
ROUTES = [
    Route("/restaurants/{rid:guid}/info", info, methods=["GET"]),
    Route("/restaurants/{rid:guid}/menu", menu, methods=["GET"]),
    Route(AVAILABILITY, get_availability, methods=["GET"]),
    Route(AVAILABILITY, put_availability, methods=["PUT"]),
    Route("/restaurants/{rid:guid}/accepting-orders", accepting_orders, methods=["PUT"]),
]

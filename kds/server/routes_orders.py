"""Provider reads (contract 4.1): the three queues, order detail, `/orders/{oid}` and its status."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server import dto
from kds.server.auth import Principal, can_staff, is_admin
from kds.server.binding import ZERO_GUID, principal_of, query_int, query_str, utc_value
from kds.server.clock import http_date, ticks
from kds.server.records import Order, Restaurant
from kds.server.responses import Forbidden, ResultProblem, Validation, empty, json_response
from kds.server.state import ServerState, state_of
from kds.server.status import OPEN, TERMINAL, OrderStatus
from kds.server.store import HistoryQuery

MAX_PAGE_SIZE = 100


def _paging(request: Request, rid: str, errors: Validation) -> tuple[int, int]:
    page_number = query_int(request, "pageNumber", 1)
    page_size = query_int(request, "pageSize", 10)
    if rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
    if page_number < 1:
        errors.add("PageNumber", "PageNumber must be at least 1.")
    if page_size < 1:
        errors.add("PageSize", "PageSize must be at least 1.")
    if page_size > MAX_PAGE_SIZE:
        errors.add("PageSize", "PageSize must be <= 100.")
    return page_number, page_size


def _authorize_staff(principal: Principal, rid: str) -> None:
    if not can_staff(principal, rid):
        raise Forbidden()


def paginated(items: list[Any], page_number: int, page_size: int, total: int) -> dict[str, Any]:
    """PaginatedList<T>: no pageSize field; totalPages = ceil(total / size)."""
    total_pages = -(-total // page_size)
    return {
        "items": items,
        "pageNumber": page_number,
        "totalPages": total_pages,
        "totalCount": total,
        "hasPreviousPage": page_number > 1,
        "hasNextPage": page_number < total_pages,
    }


def _restaurant(state: ServerState, rid: str) -> Restaurant | None:
    return state.store.restaurant(rid)


async def _queue(request: Request, statuses: tuple[OrderStatus, ...], by_rank: bool) -> Response:
    principal = principal_of(request)
    rid: str = request.path_params["rid"]
    errors = Validation()
    page_number, page_size = _paging(request, rid, errors)
    errors.check()
    _authorize_staff(principal, rid)
    state = state_of(request)
    total = state.store.count_orders(rid, statuses)
    rows = state.store.list_orders(
        rid, statuses, by_rank=by_rank, limit=page_size, offset=(page_number - 1) * page_size
    )
    restaurant = _restaurant(state, rid)
    items = [] if restaurant is None else [dto.summary(row, restaurant) for row in rows]
    return json_response(paginated(items, page_number, page_size, total))


async def new_orders(request: Request) -> Response:
    """Only `Placed`, oldest first."""
    return await _queue(request, (OrderStatus.PLACED,), by_rank=False)


async def active_orders(request: Request) -> Response:
    """Placed, Accepted, Preparing, ReadyForDelivery: status priority, then oldest first."""
    return await _queue(request, OPEN, by_rank=True)


async def order_history(request: Request) -> Response:
    """Terminal orders, newest first, with from/to/statuses/keyword filters."""
    principal = principal_of(request)
    rid: str = request.path_params["rid"]
    errors = Validation()
    page_number, page_size = _paging(request, rid, errors)
    raw_from, raw_to = query_str(request, "from"), query_str(request, "to")
    from_us = None if not raw_from else utc_value(raw_from, "From", errors)
    to_us = None if not raw_to else utc_value(raw_to, "To", errors)
    if (
        from_us is not None
        and to_us is not None
        and "From" not in errors.errors
        and "To" not in errors.errors
        and from_us > to_us
    ):
        errors.add("", "From must be <= To.")
    errors.check()
    _authorize_staff(principal, rid)
    wanted = [s.strip() for s in (query_str(request, "statuses") or "").split(",") if s.strip()]
    keyword = (query_str(request, "keyword") or "").strip()
    query = HistoryQuery(tuple(wanted), from_us, to_us, keyword.lower())
    total, entries = state_of(request).store.history_page(
        rid, TERMINAL, query, page_size, (page_number - 1) * page_size
    )
    items = [dto.history(entry) for entry in entries]
    return json_response(paginated(items, page_number, page_size, total))


async def restaurant_order(request: Request) -> Response:
    """OrderDetailsDto scoped to the restaurant: another restaurant's order is a 404."""
    principal = principal_of(request)
    rid: str = request.path_params["rid"]
    oid: str = request.path_params["oid"]
    errors = Validation()
    if rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
    if oid == ZERO_GUID:
        errors.add("OrderId", "'Order Id' must not be empty.")
    errors.check()
    _authorize_staff(principal, rid)
    state = state_of(request)
    order = state.store.order(oid)
    restaurant = _restaurant(state, rid)
    if order is None or order.restaurant_id != rid or restaurant is None:
        raise ResultProblem(
            404, "GetRestaurantOrderById.NotFound", "The requested order was not found."
        )
    return json_response(dto.detail(order, restaurant))


def _visible_order(request: Request, code: str) -> Order:
    """The order if the caller is its customer, its restaurant's staff/owner, or an admin."""
    principal = principal_of(request)
    oid: str = request.path_params["oid"]
    order = state_of(request).store.order(oid)
    if order is None or not (
        order.customer_id == principal.user_id
        or can_staff(principal, order.restaurant_id)
        or is_admin(principal)
    ):
        raise ResultProblem(404, code, "The requested order was not found.")
    return order


def _not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


async def order_by_id(request: Request) -> Response:
    """`{"order": OrderDetailsDto}` with ETag/Last-Modified; If-None-Match → 304."""
    order = _visible_order(request, "GetOrderById.NotFound")
    etag = f'"order-{order.id}-t{ticks(order.last_update_us)}"'
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(order.last_update_us),
        "Cache-Control": "no-cache, must-revalidate",
    }
    if _not_modified(request, etag):
        return empty(304, headers)
    restaurant = _restaurant(state_of(request), order.restaurant_id)
    assert restaurant is not None
    return json_response({"order": dto.detail(order, restaurant)}, headers=headers)


async def order_status(request: Request) -> Response:
    """OrderStatusDto with a strong ETag on the version; If-None-Match → 304."""
    order = _visible_order(request, "GetOrderStatus.NotFound")
    etag = f'"order-{order.id}-v{order.version}"'
    if _not_modified(request, etag):
        return empty(304, {"ETag": etag})
    return json_response(dto.status(order), headers={"ETag": etag})


ROUTES = [
    Route("/restaurants/{rid:guid}/orders/new", new_orders, methods=["GET"]),
    Route("/restaurants/{rid:guid}/orders/active", active_orders, methods=["GET"]),
    Route("/restaurants/{rid:guid}/orders/history", order_history, methods=["GET"]),
    Route("/restaurants/{rid:guid}/orders/{oid:guid}", restaurant_order, methods=["GET"]),
    Route("/orders/{oid:guid}", order_by_id, methods=["GET"]),
    Route("/orders/{oid:guid}/status", order_status, methods=["GET"]),
]

"""RestClient on httpx.MockTransport: its endpoints, error mapping, paging (auth refresh and
retries, its RestSession's: test_rest_session)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from keyring.backends import fail

from kds.core.actions import Action, ActionRequest
from kds.core.decode import Rejected
from kds.core.errors import ProtocolError, UnknownStatusError
from kds.core.orders import OrderStatus, OrderSummary
from kds.net.errors import (
    Conflict,
    Forbidden,
    InvalidTransition,
    NetError,
    NotFound,
    ServerUnavailable,
    ValidationFailed,
)
from kds.net.rest import RestClient, utc_z
from kds.net.retry import ReadBackoff
from kds.net.tokens import TokenStore

BASE = "http://kds.test"
RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OID = "11111111-2222-3333-4444-555555555555"
Handler = Callable[[httpx.Request], httpx.Response]


def summary(n: int, status: str = "Placed") -> dict[str, Any]:
    return {
        "orderId": f"00000000-0000-0000-0000-{n:012d}",
        "orderNumber": f"ORD-{n}",
        "status": status,
        "placementTimestamp": "2025-09-14T10:22:10Z",
        "restaurantId": RID,
        "restaurantName": "Pho Hanoi",
        "restaurantImageUrl": None,
        "customerId": "99999999-0000-0000-0000-000000000000",
        "totalAmount": 170000.00,
        "totalCurrency": "VND",
        "itemCount": 2,
        "sourceTeamCartId": None,
        "isFromTeamCart": False,
        "paidOnlineAmount": 0,
        "cashOnDeliveryAmount": 170000,
    }


def page(items: list[dict[str, Any]], number: int, total_pages: int, total: int) -> dict[str, Any]:
    return {
        "items": items,
        "pageNumber": number,
        "totalPages": total_pages,
        "totalCount": total,
        "hasPreviousPage": number > 1,
        "hasNextPage": number < total_pages,
    }


LIFECYCLE = {
    "orderId": OID,
    "orderNumber": "ORD-1",
    "status": "Accepted",
    "placementTimestamp": "2025-09-14T10:22:10Z",
    "lastUpdateTimestamp": "2025-09-14T10:23:10.1234567Z",
    "estimatedDeliveryTime": "2025-09-14T11:00:00Z",
    "actualDeliveryTime": None,
}


class Server:
    """Scripted responses plus a log of what was asked."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


def make(handler: Handler, *, sleeps: list[float] | None = None) -> tuple[RestClient, Server]:
    server = Server(handler)
    store = TokenStore(BASE, "staff@x", backend=fail.Keyring())
    store.save("acc-1", "ref-1", 3600)
    client = RestClient(
        BASE,
        store,
        http=httpx.Client(transport=httpx.MockTransport(server)),
        backoff=ReadBackoff(attempts=2, rng=lambda: 0.5),
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )
    return client, server


def problem(status: int, body: Any, content_type: str = "application/problem+json") -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status)
        return httpx.Response(
            status, content=json.dumps(body), headers={"content-type": content_type}
        )

    return handle


ACCEPT_INVALID = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    "title": "Order.InvalidOrderStatusForAccept",
    "status": 400,
    "detail": "Order cannot be accepted because it is not in 'Placed' status.",
}
VALIDATION = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    "title": "One or more validation errors occurred.",
    "status": 400,
    "detail": (
        "EstimatedDeliveryTime: Estimated delivery time must be at least 5 minutes in the future."
    ),
    "errors": {
        "EstimatedDeliveryTime": [
            "Estimated delivery time must be at least 5 minutes in the future."
        ]
    },
}
FORBIDDEN = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.3",
    "title": "Forbidden",
    "status": 403,
}
NOT_FOUND = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.4",
    "title": "AcceptOrder.NotFound",
    "status": 404,
    "detail": "The specified order was not found.",
}
CONFLICT = {
    "type": "https://tools.ietf.org/html/rfc7231#section-6.5.8",
    "title": "CancelOrder.InvalidStatusForCustomer",
    "status": 409,
    "detail": "Order cannot be cancelled by customer at this stage.",
}


def eta() -> datetime:
    return datetime.now(UTC) + timedelta(minutes=30)


def test_invalid_transition_keeps_title_and_detail() -> None:
    client, _ = make(problem(400, ACCEPT_INVALID))
    with pytest.raises(InvalidTransition) as err:
        client.accept(OID, RID, eta())
    assert err.value.title == "Order.InvalidOrderStatusForAccept"
    assert err.value.detail.startswith("Order cannot be accepted")
    assert err.value.status == 400


def test_validation_errors_map_from_plain_json_writer() -> None:
    client, _ = make(problem(400, VALIDATION, "application/json; charset=utf-8"))
    with pytest.raises(ValidationFailed) as err:
        client.accept(OID, RID, eta())
    assert list(err.value.errors) == ["EstimatedDeliveryTime"]
    assert "5 minutes" in err.value.errors["EstimatedDeliveryTime"][0]


def test_empty_400_is_a_validation_failure() -> None:
    client, _ = make(problem(400, None))
    with pytest.raises(ValidationFailed) as err:
        client.mark_ready(OID, RID)
    assert err.value.errors == {}


@pytest.mark.parametrize(
    ("status", "body", "error", "title"),
    [
        (403, FORBIDDEN, Forbidden, "Forbidden"),
        (404, NOT_FOUND, NotFound, "AcceptOrder.NotFound"),
        (404, None, NotFound, ""),
        (409, CONFLICT, Conflict, "CancelOrder.InvalidStatusForCustomer"),
        (409, {"code": "OrderNotPlaced", "message": "not placed"}, Conflict, "OrderNotPlaced"),
        (500, None, ServerUnavailable, ""),
        (503, None, ServerUnavailable, ""),
        (418, None, NetError, ""),
    ],
)
def test_status_mapping_for_posts(
    status: int, body: Any, error: type[NetError], title: str
) -> None:
    client, server = make(problem(status, body))
    with pytest.raises(error) as err:
        client.cancel(OID, RID)
    assert type(err.value) is error
    assert err.value.title == title
    assert len(server.requests) == 1  # lifecycle POSTs are never retried


def test_garbled_error_body_keeps_the_status() -> None:
    client, _ = make(lambda r: httpx.Response(403, content=b"<html>nope"))
    with pytest.raises(Forbidden):
        client.order_detail(RID, OID)


def test_lifecycle_sends_utc_z_and_decodes_result() -> None:
    seen: list[dict[str, Any]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=LIFECYCLE)

    client, server = make(handle)
    local = datetime(2030, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=7)))
    result = client.accept(OID, RID, local)
    assert result.status is OrderStatus.ACCEPTED
    assert seen[0] == {"restaurantId": RID, "estimatedDeliveryTime": "2030-01-01T05:00:00.000000Z"}
    assert server.requests[0].url.path == f"/api/v1/orders/{OID}/accept"
    assert server.requests[0].headers["Authorization"] == "Bearer acc-1"
    client.mark_delivered(OID, RID)
    assert seen[1] == {"restaurantId": RID, "deliveredAtUtc": None}
    for action, call in [
        ("reject", lambda: client.reject(OID, RID, "out of stock")),
        ("preparing", lambda: client.mark_preparing(OID, RID)),
        ("ready", lambda: client.mark_ready(OID, RID)),
        ("cancel", lambda: client.cancel(OID, RID, "closing")),
    ]:
        call()
        assert server.requests[-1].url.path == f"/api/v1/orders/{OID}/{action}"


@pytest.mark.parametrize(
    ("request_", "path", "body"),
    [
        (
            ActionRequest(OID, Action.ACCEPT, eta_min=20),
            "accept",
            {"restaurantId": RID, "estimatedDeliveryTime": "2030-01-01T05:20:00.000000Z"},
        ),
        (
            ActionRequest(OID, Action.REJECT, reason="closing"),
            "reject",
            {"restaurantId": RID, "reason": "closing"},
        ),
        (ActionRequest(OID, Action.START), "preparing", {"restaurantId": RID}),
        (ActionRequest(OID, Action.READY), "ready", {"restaurantId": RID}),
        (
            ActionRequest(OID, Action.HAND_OVER),
            "delivered",
            {"restaurantId": RID, "deliveredAtUtc": None},
        ),
        (
            ActionRequest(OID, Action.CANCEL),
            "cancel",
            {"restaurantId": RID, "actingUserId": None, "reason": None},
        ),
    ],
)
def test_perform_sends_each_action_to_its_endpoint(
    request_: ActionRequest, path: str, body: dict[str, Any]
) -> None:
    """One path for a tap: every ``Action`` reaches its lifecycle endpoint with its body."""
    client, server = make(lambda _: httpx.Response(200, json=LIFECYCLE))
    now = datetime(2030, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=7)))
    client.perform(RID, request_, now)
    assert server.requests[0].url.path == f"/api/v1/orders/{OID}/{path}"
    assert json.loads(server.requests[0].content) == body


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        utc_z(datetime(2030, 1, 1, 12, 0))


def test_all_pages_walks_until_has_next_page_false() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["pageNumber"])
        assert request.url.params["pageSize"] == "100"
        items = [summary(n) for n in range((number - 1) * 100, min(number * 100, 250))]
        return httpx.Response(200, json=page(items, number, 3, 250))

    client, server = make(handle)
    orders = client.all_orders(RID, "active")
    assert len(orders) == 250
    assert len(server.requests) == 3


def test_all_pages_stops_on_an_empty_page_even_if_server_says_more() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["pageNumber"])
        items = [summary(1)] if number == 1 else []
        body = page(items, number, 5, 1)
        body["hasNextPage"] = True  # a lying server must not make us loop
        return httpx.Response(200, json=body)

    client, server = make(handle)
    assert len(client.all_orders(RID, "new")) == 1
    assert len(server.requests) == 2


def test_all_pages_deduplicates_orders_shifting_between_pages() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["pageNumber"])
        items = [summary(1), summary(2)] if number == 1 else [summary(2), summary(3)]
        return httpx.Response(200, json=page(items, number, 2, 3))

    client, _ = make(handle)
    assert [o.order_number for o in client.all_orders(RID, "new")] == ["ORD-1", "ORD-2", "ORD-3"]


def test_malformed_success_body_is_a_protocol_error() -> None:
    client, _ = make(lambda r: httpx.Response(200, json={"items": "nope"}))
    with pytest.raises(ProtocolError) as err:
        client.orders_page(RID, "new")
    assert err.value.field == "items"
    client, _ = make(lambda r: httpx.Response(200, content=b"not json"))
    with pytest.raises(ProtocolError):
        client.me()
    bad_item = page([summary(1) | {"status": 7}], 1, 1, 1)
    client, _ = make(lambda r: httpx.Response(200, json=bad_item))
    with pytest.raises(ProtocolError) as err:
        client.orders_page(RID, "new")
    assert err.value.field == "items[0].status"


def test_me_lists_restaurant_roles() -> None:
    me = {
        "userId": "u1",
        "name": "manager@kds.example",
        "email": "manager@kds.example",
        "phoneNumber": None,
        "address": None,
        "lastLoginAt": "2025-09-14T10:22:10Z",
        "roles": ["User"],
        "claims": [
            {"type": "permission", "value": f"RestaurantStaff:{RID}"},
            {"type": "permission", "value": f"RestaurantOwner:{RID.upper()}"},
            {"type": "permission", "value": "UserOwner:u1"},
            {"type": "permission", "value": "RestaurantStaff:not-a-guid"},
            {"type": "name", "value": "manager"},
        ],
    }
    client, _ = make(lambda r: httpx.Response(200, json=me))
    profile = client.me()
    roles = profile.restaurant_roles()
    assert [(r.role, r.restaurant_id) for r in roles] == [("RestaurantOwner", RID)]


def test_accepting_orders_put() -> None:
    client, server = make(lambda r: httpx.Response(204))
    client.set_accepting_orders(RID, False)
    request = server.requests[0]
    assert request.method == "PUT"
    assert json.loads(request.content) == {"isAccepting": False}


ITEM = "0b7e1c7e-1111-4222-8333-944455556666"


def test_item_availability_put_returns_the_servers_date() -> None:
    date = "Mon, 07 Dec 2026 20:44:50 GMT"
    client, server = make(lambda r: httpx.Response(204, headers={"Date": date}))
    at = client.set_item_availability(RID, ITEM, False)
    assert at == datetime(2026, 12, 7, 20, 44, 50, tzinfo=UTC)
    assert at is not None
    assert at.tzinfo is UTC
    request = server.requests[0]
    assert request.method == "PUT"
    assert request.url.path == f"/api/v1/restaurants/{RID}/menu-items/{ITEM}/availability"
    assert json.loads(request.content) == {"isAvailable": False}


@pytest.mark.parametrize("date", [None, "", "yesterday", "Mon, 07 Dec 2026 20:44:50 -0000"])
def test_item_availability_put_without_a_usable_date_returns_none(date: str | None) -> None:
    headers = {} if date is None else {"Date": date}
    client, _ = make(lambda r: httpx.Response(204, headers=headers))
    assert client.set_item_availability(RID, ITEM, True) is None


def test_item_availability_put_errors_are_typed_and_never_retried() -> None:
    detail = f"Menu item with ID '{ITEM}' was not found."
    body = {"type": "x", "title": "MenuItem.MenuItemNotFound", "status": 404, "detail": detail}
    client, _ = make(problem(404, body))
    with pytest.raises(NotFound) as missing:
        client.set_item_availability(RID, ITEM, False)
    assert (missing.value.title, missing.value.detail) == ("MenuItem.MenuItemNotFound", detail)
    client, _ = make(problem(403, {"type": "x", "title": "Forbidden", "status": 403}))
    with pytest.raises(Forbidden):
        client.set_item_availability(RID, ITEM, False)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client, server = make(down)
    with pytest.raises(ServerUnavailable):
        client.set_item_availability(RID, ITEM, False)
    assert len(server.requests) == 1


def test_item_availability_get() -> None:
    body = {"restaurantId": RID, "itemId": ITEM, "isAvailable": False}
    client, server = make(lambda r: httpx.Response(200, json=body))
    assert client.item_availability(RID, ITEM) is False
    assert server.requests[0].method == "GET"
    client, _ = make(lambda r: httpx.Response(200, json={"isAvailable": "no"}))
    with pytest.raises(ProtocolError):
        client.item_availability(RID, ITEM)


def test_all_order_rows_pages_dedupes_and_decodes_row_by_row() -> None:
    """Every page, each order id once; a row the client cannot read comes back as a
    ``Rejected`` (with its order id when readable) instead of failing the snapshot."""
    good = summary(10)
    odd = {**summary(11), "status": "OnHold"}
    pages = {
        1: {
            "items": [good, odd],
            "pageNumber": 1,
            "totalPages": 2,
            "totalCount": 3,
            "hasPreviousPage": False,
            "hasNextPage": True,
        },
        2: {
            "items": [good, "not an object"],
            "pageNumber": 2,
            "totalPages": 2,
            "totalCount": 3,
            "hasPreviousPage": True,
            "hasNextPage": False,
        },
    }
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["pageSize"] == "100"
        seen.append(request.url.params["pageNumber"])
        return httpx.Response(200, json=pages[int(request.url.params["pageNumber"])])

    client, _ = make(handler)
    try:
        rows = client.all_order_rows(RID, "active")
    finally:
        client.close()
    assert seen == ["1", "2"]
    first, second, third = rows
    assert isinstance(first, OrderSummary)
    assert first.order_id == good["orderId"]
    assert isinstance(second, Rejected)
    assert second.order_id == odd["orderId"]
    assert isinstance(second.error, UnknownStatusError)
    assert second.error.value == "OnHold"
    assert isinstance(third, Rejected)
    assert third.order_id is None
    assert isinstance(third.error, ProtocolError)


# -- the public menu -----------------------------------------------------------------------------

MENU = {
    "restaurantId": RID,
    "lastRebuiltAt": "2025-09-14T10:22:10Z",
    "categories": {"order": [], "byId": {}},
    "items": {"byId": {}},
    "tagLegend": {"byId": {}},
}


def test_menu_sends_if_none_match_only_when_given() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == 'W"r:1:t:2"':
            return httpx.Response(304)  # no ETag echoed: the one sent stays current
        return httpx.Response(200, json=MENU, headers={"ETag": 'W"r:1:t:2"'})

    client, server = make(handle)
    first = client.menu(RID)
    assert first.menu is not None
    assert first.etag == 'W"r:1:t:2"'
    again = client.menu(RID, first.etag)
    assert again.not_modified
    assert again.etag == first.etag
    assert "if-none-match" not in server.requests[0].headers
    assert server.requests[0].url.path == f"/api/v1/restaurants/{RID}/menu"
    assert all(r.headers["authorization"] == "Bearer acc-1" for r in server.requests)


def test_menu_errors_map_to_net_errors() -> None:
    client, _ = make(lambda r: httpx.Response(304))
    with pytest.raises(NetError):
        client.menu(RID)  # a 304 to an unconditional GET is no answer
    client, _ = make(lambda r: httpx.Response(200, json={"restaurantId": RID}))
    with pytest.raises(ProtocolError):
        client.menu(RID)
    body = {"title": "Public.GetFullMenu.NotFound", "status": 404}
    client, _ = make(problem(404, body))
    with pytest.raises(NotFound):
        client.menu(RID, "x")

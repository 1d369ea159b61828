"""Contract 4.1 and 6: queues (filters, sort, paging, validation), history, detail endpoints."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.integration.server.conftest import (
    Tokens,
    assert_challenge,
    assert_forbidden,
    assert_problem,
    assert_validation,
    command,
    utc_in,
)
from tests.support import http
from tests.support.helpers import (
    ADMIN,
    BELLA_NAPOLI,
    CUSTOMER,
    PHO_HANOI,
    SUSHI_KO,
    auth,
    login,
    pay,
    place_order,
    staff,
)
from tests.support.server import ServerProcess

SUMMARY_KEYS = [
    "orderId", "orderNumber", "status", "placementTimestamp", "restaurantId", "restaurantName",
    "restaurantImageUrl", "customerId", "totalAmount", "totalCurrency", "itemCount",
    "sourceTeamCartId", "isFromTeamCart", "paidOnlineAmount", "cashOnDeliveryAmount",
]  # fmt: skip
HISTORY_KEYS = [
    "orderId", "orderNumber", "status", "placementTimestamp", "completedTimestamp", "totalAmount",
    "totalCurrency", "itemCount", "customerName", "customerPhone", "paymentStatus",
    "paymentMethod", "sourceTeamCartId", "isFromTeamCart", "paidOnlineAmount",
    "cashOnDeliveryAmount",
]  # fmt: skip
DETAIL_KEYS = [
    "orderId", "orderNumber", "customerId", "restaurantId", "status", "placementTimestamp",
    "lastUpdateTimestamp", "estimatedDeliveryTime", "actualDeliveryTime", "note", "currency",
    "subtotalAmount", "discountAmount", "deliveryFeeAmount", "tipAmount", "taxAmount",
    "totalAmount", "appliedCouponId", "sourceTeamCartId", "deliveryAddress_Street",
    "deliveryAddress_City", "deliveryAddress_State", "deliveryAddress_Country",
    "deliveryAddress_PostalCode", "items", "restaurantName", "restaurantAddress_Street",
    "restaurantAddress_City", "restaurantAddress_State", "restaurantAddress_Country",
    "restaurantAddress_PostalCode", "restaurantLat", "restaurantLon", "deliveryLat",
    "deliveryLon", "distanceKm", "paymentMethod", "cancellable", "isFromTeamCart",
    "paidOnlineAmount", "cashOnDeliveryAmount",
]  # fmt: skip


def get(url: str, path: str, headers: dict[str, str], **params: object) -> httpx.Response:
    return http.get(f"{url}{path}", headers=headers, params=params)


def step(url: str, headers: dict[str, str], oid: str, *actions: str) -> None:
    for action in actions:
        body: dict[str, object] = {"restaurantId": SUSHI_KO}
        if action == "accept":
            body["estimatedDeliveryTime"] = utc_in(30)
        assert command(url, oid, action, headers, **body).status_code == 200


@pytest.fixture
def board(dev_server: ServerProcess) -> tuple[str, dict[str, str], dict[str, str]]:
    """A fresh server with Sushi Ko orders in every status; returns (url, staff headers, ids)."""
    url = dev_server.url
    headers = auth(login(url, *staff("sushi-ko")))
    ids: dict[str, str] = {}
    plan = {
        "ready": ("accept", "preparing", "ready"),
        "placed1": (),
        "preparing": ("accept", "preparing"),
        "accepted": ("accept",),
        "placed2": (),
        "delivered": ("accept", "preparing", "ready", "delivered"),
        "rejected": ("reject",),
        "cancelled": ("cancel",),
    }
    for name, actions in plan.items():
        ids[name] = place_order(url, SUSHI_KO, note=f"ticket {name}")["orderId"]
        step(url, headers, ids[name], *actions)
    ids["awaiting"] = place_order(url, SUSHI_KO, payment_method="CreditCard")["orderId"]
    return url, headers, ids


def test_new_queue_is_placed_only_oldest_first(
    board: tuple[str, dict[str, str], dict[str, str]],
) -> None:
    url, headers, ids = board
    page = get(url, f"/api/v1/restaurants/{SUSHI_KO}/orders/new", headers).json()
    assert list(page) == [
        "items",
        "pageNumber",
        "totalPages",
        "totalCount",
        "hasPreviousPage",
        "hasNextPage",
    ]
    assert [o["orderId"] for o in page["items"]] == [ids["placed1"], ids["placed2"]]
    assert list(page["items"][0]) == SUMMARY_KEYS
    assert page["items"][0]["restaurantName"] == "Sushi Ko"


def test_active_queue_includes_placed_and_sorts_by_status_priority(
    board: tuple[str, dict[str, str], dict[str, str]],
) -> None:
    url, headers, ids = board
    page = get(url, f"/api/v1/restaurants/{SUSHI_KO}/orders/active", headers).json()
    assert [o["orderId"] for o in page["items"]] == [
        ids["placed1"], ids["placed2"], ids["accepted"], ids["preparing"], ids["ready"],
    ]  # fmt: skip
    assert page["totalCount"] == 5


def test_history_is_terminal_only_newest_first(
    board: tuple[str, dict[str, str], dict[str, str]],
) -> None:
    url, headers, ids = board
    page = get(url, f"/api/v1/restaurants/{SUSHI_KO}/orders/history", headers).json()
    assert [o["orderId"] for o in page["items"]] == [
        ids["cancelled"],
        ids["rejected"],
        ids["delivered"],
    ]
    first = page["items"][0]
    assert list(first) == HISTORY_KEYS
    assert first["customerName"] == "Linh Nguyen"
    assert first["completedTimestamp"] is not None


def test_awaiting_payment_appears_in_no_list_until_paid(
    board: tuple[str, dict[str, str], dict[str, str]],
) -> None:
    url, headers, ids = board
    lists = ("new", "active", "history")
    seen = {
        o["orderId"]
        for name in lists
        for o in get(url, f"/api/v1/restaurants/{SUSHI_KO}/orders/{name}", headers).json()["items"]
    }
    assert ids["awaiting"] not in seen
    pay(url, ids["awaiting"], succeeded=True)
    new = get(url, f"/api/v1/restaurants/{SUSHI_KO}/orders/new", headers).json()["items"]
    assert new[-1]["orderId"] == ids["awaiting"]
    assert new[-1]["paidOnlineAmount"] == new[-1]["totalAmount"]


def test_history_filters(board: tuple[str, dict[str, str], dict[str, str]]) -> None:
    url, headers, ids = board
    path = f"/api/v1/restaurants/{SUSHI_KO}/orders/history"
    only = get(url, path, headers, statuses=" Delivered , Rejected").json()["items"]
    assert [o["orderId"] for o in only] == [ids["rejected"], ids["delivered"]]
    number = http.get(f"{url}/api/v1/dev/orders/{ids['rejected']}").json()["orderNumber"]
    by_number = get(url, path, headers, keyword=number[-8:].lower()).json()["items"]
    assert [o["orderId"] for o in by_number] == [ids["rejected"]]
    assert len(get(url, path, headers, keyword="LINH").json()["items"]) == 3
    assert len(get(url, path, headers, keyword="+8490").json()["items"]) == 3
    assert get(url, path, headers, keyword="zzz-nobody").json()["totalCount"] == 0
    future = get(url, path, headers, **{"from": "2100-01-01T00:00:00Z"}).json()
    assert future["totalCount"] == 0
    window = get(url, path, headers, **{"from": "2000-01-01T00:00:00Z", "to": utc_in(1)}).json()
    assert window["totalCount"] == 3


def test_history_date_validation(board: tuple[str, dict[str, str], dict[str, str]]) -> None:
    url, headers, _ = board
    path = f"/api/v1/restaurants/{SUSHI_KO}/orders/history"
    reversed_range = get(
        url, path, headers, **{"from": "2030-01-02T00:00:00Z", "to": "2030-01-01T00:00:00Z"}
    )
    assert_validation(reversed_range, {"": ["From must be <= To."]})
    local = get(url, path, headers, **{"from": "2030-01-02T00:00:00"})
    assert_validation(local, {"From": ["'From' must be a UTC timestamp ending in 'Z'."]})
    garbage = get(url, path, headers, **{"to": "yesterday"})
    assert (garbage.status_code, garbage.content) == (400, b"")


def test_paging(board: tuple[str, dict[str, str], dict[str, str]]) -> None:
    url, headers, ids = board
    path = f"/api/v1/restaurants/{SUSHI_KO}/orders/active"
    first = get(url, path, headers, pageSize=2).json()
    assert (first["pageNumber"], first["totalPages"], first["totalCount"]) == (1, 3, 5)
    assert (first["hasPreviousPage"], first["hasNextPage"]) == (False, True)
    last = get(url, path, headers, pageSize=2, pageNumber=3).json()
    assert [o["orderId"] for o in last["items"]] == [ids["ready"]]
    assert (last["hasPreviousPage"], last["hasNextPage"]) == (True, False)
    beyond = get(url, path, headers, pageSize=2, pageNumber=9).json()
    assert (beyond["items"], beyond["totalCount"], beyond["totalPages"]) == ([], 5, 3)


def test_empty_queue_has_zero_pages(dev_server: ServerProcess) -> None:
    headers = auth(login(dev_server.url, *staff("bella-napoli")))
    page = get(dev_server.url, f"/api/v1/restaurants/{BELLA_NAPOLI}/orders/new", headers).json()
    assert page == {
        "items": [], "pageNumber": 1, "totalPages": 0, "totalCount": 0,
        "hasPreviousPage": False, "hasNextPage": False,
    }  # fmt: skip


@pytest.mark.parametrize("queue", ["new", "active", "history"])
def test_queue_validation_messages(
    module_dev_server: ServerProcess, headers_for: Tokens, queue: str
) -> None:
    url = module_dev_server.url
    customer = headers_for(CUSTOMER)  # validation comes before authorization
    path = f"/api/v1/restaurants/{PHO_HANOI}/orders/{queue}"
    assert_validation(
        get(url, path, customer, pageNumber=0, pageSize=101),
        {
            "PageNumber": ["PageNumber must be at least 1."],
            "PageSize": ["PageSize must be <= 100."],
        },
    )
    assert_validation(
        get(url, path, customer, pageSize=0), {"PageSize": ["PageSize must be at least 1."]}
    )
    zero = "/api/v1/restaurants/00000000-0000-0000-0000-000000000000/orders/" + queue
    assert_validation(get(url, zero, customer), {"RestaurantId": ["RestaurantId is required."]})
    bad_type = get(url, path, customer, pageNumber="abc")
    assert (bad_type.status_code, bad_type.content) == (400, b"")
    assert_forbidden(get(url, path, customer))
    assert_challenge(get(url, path, {}))
    assert get(url, path, headers_for(staff("pho-hanoi")), pageSize=100).status_code == 200


def test_restaurant_detail_is_scoped_to_the_restaurant(
    module_dev_server: ServerProcess, headers_for: Tokens
) -> None:
    url = module_dev_server.url
    oid = place_order(url, PHO_HANOI, note="no peanuts — allergy", items=[
        {"name": "Phở gà", "quantity": 2,
         "customizations": [{"groupName": "Cỡ", "choiceName": "Lớn", "priceAdjustment": 15000}]},
        {"name": "Trà đá", "quantity": 1, "unitPrice": 5000},
    ])["orderId"]  # fmt: skip
    headers = headers_for(staff("pho-hanoi"))
    detail = get(url, f"/api/v1/restaurants/{PHO_HANOI}/orders/{oid}", headers)
    assert detail.status_code == 200
    body = detail.json()
    assert list(body) == DETAIL_KEYS
    assert body["note"] == "no peanuts — allergy"
    assert [i["name"] for i in body["items"]] == ["Phở gà", "Trà đá"]
    first = body["items"][0]
    assert (first["unitPriceAmount"], first["lineItemTotalAmount"]) == (60000, 150000)
    assert first["customizations"] == [
        {"groupName": "Cỡ", "choiceName": "Lớn", "priceAdjustmentAmount": 15000}
    ]
    total = body["subtotalAmount"] - body["discountAmount"] + body["deliveryFeeAmount"]
    total += body["tipAmount"] + body["taxAmount"]
    assert abs(total - body["totalAmount"]) < 0.01
    assert body["cancellable"] is True
    other = get(
        url, f"/api/v1/restaurants/{BELLA_NAPOLI}/orders/{oid}", headers_for(staff("bella-napoli"))
    )
    assert_problem(
        other, 404, "GetRestaurantOrderById.NotFound", "The requested order was not found."
    )
    assert_forbidden(get(url, f"/api/v1/restaurants/{PHO_HANOI}/orders/{oid}", headers_for(ADMIN)))


def test_order_by_id_wrapper_etag_and_visibility(
    module_dev_server: ServerProcess, headers_for: Tokens
) -> None:
    url = module_dev_server.url
    oid = place_order(url, PHO_HANOI)["orderId"]
    path = f"/api/v1/orders/{oid}"
    for account in (staff("pho-hanoi"), CUSTOMER, ADMIN):
        response = get(url, path, headers_for(account))
        assert response.status_code == 200
        assert list(response.json()) == ["order"]
        assert response.json()["order"]["orderId"] == oid
    response = get(url, path, headers_for(staff("pho-hanoi")))
    etag = response.headers["etag"]
    assert etag.startswith(f'"order-{oid}-t')
    assert etag.endswith('"')
    ticks = int(etag.split("-t")[-1].strip('"'))
    updated = datetime.fromisoformat(response.json()["order"]["lastUpdateTimestamp"])
    assert (
        ticks
        == 621355968000000000
        + round((updated - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() * 10**6) * 10
    )
    assert response.headers["cache-control"] == "no-cache, must-revalidate"
    assert response.headers["last-modified"].endswith("GMT")
    not_modified = http.get(
        f"{url}{path}", headers={**headers_for(staff("pho-hanoi")), "If-None-Match": etag}
    )
    assert (not_modified.status_code, not_modified.content) == (304, b"")
    hidden = get(url, path, headers_for(staff("bella-napoli")))
    assert_problem(hidden, 404, "GetOrderById.NotFound", "The requested order was not found.")


def test_order_status_etag_follows_the_version(
    module_dev_server: ServerProcess, headers_for: Tokens
) -> None:
    url = module_dev_server.url
    headers = headers_for(staff("pho-hanoi"))
    oid = place_order(url, PHO_HANOI)["orderId"]
    path = f"/api/v1/orders/{oid}/status"
    first = get(url, path, headers)
    assert list(first.json()) == [
        "orderId", "status", "lastUpdateTimestamp", "estimatedDeliveryTime", "version",
        "sourceTeamCartId", "isFromTeamCart",
    ]  # fmt: skip
    assert first.headers["etag"] == f'"order-{oid}-v0"'
    cached = http.get(f"{url}{path}", headers={**headers, "If-None-Match": first.headers["etag"]})
    assert cached.status_code == 304
    command(url, oid, "accept", headers, restaurantId=PHO_HANOI, estimatedDeliveryTime=utc_in(30))
    fresh = http.get(f"{url}{path}", headers={**headers, "If-None-Match": first.headers["etag"]})
    assert (fresh.status_code, fresh.headers["etag"]) == (200, f'"order-{oid}-v1"')
    hidden = get(url, path, headers_for(staff("sushi-ko")))
    assert_problem(hidden, 404, "GetOrderStatus.NotFound", "The requested order was not found.")


def test_restaurant_info_and_accepting_orders(
    module_dev_server: ServerProcess, headers_for: Tokens
) -> None:
    url = module_dev_server.url
    info = get(url, f"/api/v1/restaurants/{BELLA_NAPOLI}/info", headers_for(staff("bella-napoli")))
    assert info.json()["isAcceptingOrders"] is True
    assert info.json()["name"] == "Bella Napoli"
    path = f"{url}/api/v1/restaurants/{BELLA_NAPOLI}/accepting-orders"
    denied = http.put(path, json={"isAccepting": False}, headers=headers_for(staff("bella-napoli")))
    assert_forbidden(denied)
    done = http.put(
        path,
        json={"isAccepting": False},
        headers=headers_for(("owner.bella-napoli@kds.example", "Password123!")),
    )
    assert (done.status_code, done.content) == (204, b"")
    info = get(url, f"/api/v1/restaurants/{BELLA_NAPOLI}/info", headers_for(staff("bella-napoli")))
    assert info.json()["isAcceptingOrders"] is False
    missing = http.put(path, json={}, headers=headers_for(staff("bella-napoli")))
    assert missing.status_code == 400

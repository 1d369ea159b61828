"""Contract 4.1a against a real server: public info, the public menu document and its caching,
item availability (the auth matrix is in test_authorization.py), and the B2 seed menus."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

import pytest

from tests.integration.server.conftest import (
    Tokens,
    assert_challenge,
    assert_forbidden,
    assert_problem,
    assert_validation,
)
from tests.support import http
from tests.support.fixtures import DEV_ARGS, ServerFactory
from tests.support.helpers import (
    BELLA_NAPOLI,
    CUSTOMER,
    PHO_HANOI,
    RESTAURANTS,
    SUSHI_KO,
    auth,
    login,
    owner,
    place_order,
    staff,
    wait_until,
)
from tests.support.server import ServerProcess

ZERO = "00000000-0000-0000-0000-000000000000"
MISSING = "0b7e1c7e-1111-4222-8333-944455556666"
INFO_KEYS = [
    "restaurantId", "name", "logoUrl", "backgroundImageUrl", "description", "cuisineType",
    "cuisineTags", "isAcceptingOrders", "isVerified", "address", "contactInfo", "businessHours",
    "establishedDate", "avgRating", "ratingCount", "distanceKm",
]  # fmt: skip
MENU_KEYS = [
    "version", "restaurantId", "menuId", "menuName", "menuDescription", "menuEnabled",
    "lastRebuiltAt", "currency", "categories", "items", "customizationGroups", "tagLegend",
]  # fmt: skip


def _menu(url: str, rid: str = PHO_HANOI, **headers: str) -> Any:
    return http.get(f"{url}/api/v1/restaurants/{rid}/menu", headers=headers)


def _availability_path(url: str, rid: str, item_id: str) -> str:
    return f"{url}/api/v1/restaurants/{rid}/menu-items/{item_id}/availability"


def _item(menu: dict[str, Any], name: str) -> dict[str, Any]:
    item: dict[str, Any] = next(i for i in menu["items"]["byId"].values() if i["name"] == name)
    return item


# ------------------------------------------------------------------ info


def test_info_is_public_in_the_contract_shape(module_dev_server: ServerProcess) -> None:
    url = module_dev_server.url
    response = http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/info")  # no token at all
    assert response.status_code == 200
    body = response.json()
    assert list(body) == INFO_KEYS
    assert (body["restaurantId"], body["name"]) == (PHO_HANOI, "Pho Hanoi")
    assert body["isAcceptingOrders"] is True
    assert list(body["address"]) == ["street", "city", "state", "zipCode", "country"]
    assert list(body["contactInfo"]) == ["phoneNumber", "email"]
    assert isinstance(body["cuisineTags"], list)
    assert body["cuisineTags"]
    assert body["establishedDate"].endswith("Z")
    assert body["distanceKm"] is None
    assert "currency" not in body  # money carries its own currency (contract 4.1a)
    near = http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/info?lat=21.03&lng=105.85").json()
    assert 0 <= near["distanceKm"] < 2
    bad = http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/info?lat=north")
    assert (bad.status_code, bad.content) == (400, b"")
    missing = http.get(f"{url}/api/v1/restaurants/{MISSING}/info")
    assert_problem(missing, 404, "Restaurant.NotFound", "The specified restaurant was not found.")


# ------------------------------------------------------------------ menu document


def test_menu_document_shape_and_seed(module_dev_server: ServerProcess) -> None:
    """B2: kitchen categories, Allergen/Dietary tags, Pho Hanoi in VND with Vietnamese names."""
    url = module_dev_server.url
    for slug, rid in RESTAURANTS.items():
        response = _menu(url, rid)
        assert response.status_code == 200, slug
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        menu = response.json()
        assert list(menu) == MENU_KEYS
        assert (menu["version"], menu["restaurantId"]) == (1, rid)
        categories = menu["categories"]
        assert 3 <= len(categories["order"]) <= 6
        assert set(categories["order"]) == set(categories["byId"])
        orders = [categories["byId"][c]["displayOrder"] for c in categories["order"]]
        assert orders == sorted(orders)
        items = menu["items"]["byId"]
        assert 10 <= len(items) <= 20
        placed = [i for c in categories["order"] for i in categories["byId"][c]["itemOrder"]]
        assert sorted(placed) == sorted(items)
        for category in categories["byId"].values():
            names = [items[i]["name"] for i in category["itemOrder"]]
            assert names == sorted(names)
        legend = menu["tagLegend"]["byId"]
        kinds = [tag["category"] for tag in legend.values()]
        assert kinds.count("Allergen") >= 2, slug
        assert "Dietary" in kinds, slug
        for item in items.values():
            assert item["price"]["currency"] == menu["currency"]
            assert all(tag in legend for tag in item["dietaryTagIds"])
            for group in item["customizationGroups"]:
                assert group["groupId"] in menu["customizationGroups"]["byId"]
    pho = _menu(url, PHO_HANOI).json()
    assert pho["currency"] == "VND"
    names = {c["name"] for c in pho["categories"]["byId"].values()}
    assert {"Món chính", "Đồ uống & Khác", "Ăn thêm"} <= names
    assert _item(pho, "Phở bò tái")["price"] == {"amount": 65000, "currency": "VND"}
    tags = {tag["name"]: tag["category"] for tag in pho["tagLegend"]["byId"].values()}
    assert tags["Đậu phộng"] == tags["Hải sản có vỏ"] == "Allergen"  # peanuts, shellfish
    assert tags["Chay"] == "Dietary"
    assert _menu(url, BELLA_NAPOLI).json()["currency"] != "VND"


def test_menu_revalidation(module_dev_server: ServerProcess) -> None:
    url = module_dev_server.url
    first = _menu(url, SUSHI_KO)
    assert first.headers["cache-control"] == "public, max-age=300"
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert SUSHI_KO in etag
    same = _menu(url, SUSHI_KO, **{"If-None-Match": etag})
    assert (same.status_code, same.content) == (304, b"")
    assert same.headers["etag"] == etag
    assert _menu(url, SUSHI_KO, **{"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert _menu(url, SUSHI_KO, **{"If-Modified-Since": modified}).status_code == 304
    stale = _menu(url, SUSHI_KO, **{"If-None-Match": '"stale"'})
    assert stale.status_code == 200
    assert stale.json() == first.json()
    old = _menu(url, SUSHI_KO, **{"If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"})
    assert old.status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    both = _menu(url, SUSHI_KO, **{"If-None-Match": '"stale"', "If-Modified-Since": modified})
    assert both.status_code == 200
    missing = _menu(url, MISSING)
    assert_problem(
        missing, 404, "Public.GetFullMenu.NotFound", "The menu for this restaurant was not found."
    )


def test_availability_shows_in_the_menu_only_after_the_cache_time(
    server_factory: ServerFactory,
) -> None:
    """The read model lags (contract 4.1a): the change shows at the next rebuild, with a new
    `lastRebuiltAt` and ETag; the item's own availability endpoint is live at once."""
    cache_s = 1.5
    server = server_factory([*DEV_ARGS, "--menu-cache-s", str(cache_s)])
    url = server.url
    before = _menu(url)
    menu = before.json()
    item = _item(menu, "Bún chả Hà Nội")
    assert item["isAvailable"] is True
    headers = auth(login(url, *staff("pho-hanoi")))
    changed_at = time.monotonic()
    done = http.put(
        _availability_path(url, PHO_HANOI, item["id"]), json={"isAvailable": False}, headers=headers
    )
    assert (done.status_code, done.content) == (204, b"")
    live = http.get(_availability_path(url, PHO_HANOI, item["id"]))
    assert live.json() == {"restaurantId": PHO_HANOI, "itemId": item["id"], "isAvailable": False}
    assert live.headers["cache-control"] == "public, max-age=15"
    # Still the cached document straight after the change…
    cached = _menu(url, **{"If-None-Match": before.headers["etag"]})
    if time.monotonic() - changed_at < cache_s:  # (a very slow machine may already be past it)
        assert cached.status_code == 304

    def rebuilt() -> Any:
        response = _menu(url)
        return response if not _item(response.json(), item["name"])["isAvailable"] else None

    after = wait_until(rebuilt, timeout_s=cache_s + 10, interval_s=0.1)
    assert time.monotonic() - changed_at >= cache_s * 0.9
    assert after.json()["lastRebuiltAt"] > menu["lastRebuiltAt"]
    assert after.headers["etag"] != before.headers["etag"]
    revalidate = _menu(url, **{"If-None-Match": before.headers["etag"]})
    assert revalidate.status_code == 200


# ------------------------------------------------------------------ availability


@pytest.fixture(scope="module")
def pho_item(module_dev_server: ServerProcess) -> str:
    item_id: str = _item(_menu(module_dev_server.url).json(), "Trà đá")["id"]
    return item_id


def test_availability_errors(
    module_dev_server: ServerProcess, headers_for: Tokens, pho_item: str
) -> None:
    url = module_dev_server.url
    staff_headers = headers_for(staff("pho-hanoi"))
    body = {"isAvailable": True}
    path = _availability_path(url, PHO_HANOI, MISSING)
    assert_problem(
        http.put(path, json=body, headers=staff_headers),
        404,
        "MenuItem.MenuItemNotFound",
        f"Menu item with ID '{MISSING}' was not found.",
    )
    assert_problem(
        http.get(path),
        404,
        "MenuItem.MenuItemNotFound",
        f"Menu item with ID '{MISSING}' was not found.",
    )
    # Another restaurant's item through a restaurant the caller is staff of: 403.
    sushi_item = _item(_menu(url, SUSHI_KO).json(), "Green tea")["id"]
    other = _availability_path(url, PHO_HANOI, sushi_item)
    assert_forbidden(http.put(other, json=body, headers=staff_headers))
    assert_forbidden(http.put(other, json=body, headers=headers_for(owner("pho-hanoi"))))
    # Validation runs before authorization (contract section 3).
    assert_validation(
        http.put(_availability_path(url, ZERO, ZERO), json=body, headers=headers_for(CUSTOMER)),
        {
            "RestaurantId": ["Restaurant ID is required."],
            "MenuItemId": ["Menu Item ID is required."],
        },
    )
    assert_validation(
        http.put(_availability_path(url, PHO_HANOI, ZERO), json=body, headers=staff_headers),
        {"MenuItemId": ["Menu Item ID is required."]},
    )
    mine = _availability_path(url, PHO_HANOI, pho_item)
    for bad in ({}, {"isAvailable": "no"}):
        response = http.put(mine, json=bad, headers=staff_headers)
        assert (response.status_code, response.content) == (400, b"")
    assert_challenge(http.put(mine, json=body))
    assert_forbidden(http.put(mine, json=body, headers=headers_for(CUSTOMER)))
    assert_forbidden(http.put(mine, json=body, headers=headers_for(staff("bella-napoli"))))
    not_guid = http.put(
        f"{url}/api/v1/restaurants/{PHO_HANOI}/menu-items/x/availability", json=body
    )
    assert (not_guid.status_code, not_guid.content) == (404, b"")


def test_staff_and_owner_change_availability_and_it_persists(
    server_factory: ServerFactory,
) -> None:
    server = server_factory([*DEV_ARGS, "--menu-cache-s", "0"])
    url = server.url
    item = _item(_menu(url).json(), "Phở gà")["id"]
    path = _availability_path(url, PHO_HANOI, item)
    for account, value in ((staff("pho-hanoi"), False), (owner("pho-hanoi"), True)):
        headers = auth(login(url, *account))
        for _ in range(2):  # unchanged is 204 too
            done = http.put(path, json={"isAvailable": value}, headers=headers)
            assert (done.status_code, done.content) == (204, b"")
            # The client reconciles the lagging menu on this Date (Kestrel sends one too).
            assert parsedate_to_datetime(done.headers["date"]).tzinfo is not None
        assert http.get(path).json()["isAvailable"] is value
    http.put(path, json={"isAvailable": False}, headers=auth(login(url, *owner("pho-hanoi"))))
    server.restart()
    assert http.get(path).json()["isAvailable"] is False
    assert _item(_menu(url).json(), "Phở gà")["isAvailable"] is False


# ------------------------------------------------------------------ order lines


def test_dev_order_lines_name_menu_items(module_dev_server: ServerProcess) -> None:
    """B2: a line naming a menu item gets its menuItemId; free text gets one in no menu."""
    url = module_dev_server.url
    items = _menu(url).json()["items"]["byId"]
    order = place_order(
        url,
        PHO_HANOI,
        items=[{"name": "Trà đá", "quantity": 1}, {"name": "Bánh kem", "quantity": 1}],
    )
    detail = http.get(f"{url}/api/v1/dev/orders/{order['orderId']}").json()
    tra, free = detail["items"]
    assert tra["menuItemId"] == _item({"items": {"byId": items}}, "Trà đá")["id"]
    assert free["menuItemId"] not in items

"""The authorization matrix: every provider endpoint × every kind of caller, with no leaks."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support import http
from tests.support.helpers import (
    ADMIN,
    CUSTOMER,
    MANAGER,
    PHO_HANOI,
    auth,
    login,
    owner,
    place_order,
    staff,
)
from tests.support.server import ServerProcess

MISSING = "0b7e1c7e-1111-4222-8333-944455556666"
CALLERS = ["none", "expired", "staff", "other_staff", "owner", "manager", "admin", "customer"]
STAFF = {"staff", "owner", "manager"}
OWNERS = {"owner", "manager"}
ORDER_READERS = {"staff", "owner", "manager", "admin", "customer"}
Call = Callable[[str, dict[str, str], str], httpx.Response]


def _lifecycle(action: str) -> Call:
    def call(url: str, headers: dict[str, str], oid: str) -> httpx.Response:
        body: dict[str, object] = {"restaurantId": PHO_HANOI}
        if action == "accept":
            body["estimatedDeliveryTime"] = "2099-01-01T00:00:00Z"  # fails only after authz
        return http.post(f"{url}/api/v1/orders/{MISSING}/{action}", json=body, headers=headers)

    return call


def _get(path: str) -> Call:
    def call(url: str, headers: dict[str, str], oid: str) -> httpx.Response:
        return http.get(url + path.format(rid=PHO_HANOI, oid=oid), headers=headers)

    return call


def _accepting(url: str, headers: dict[str, str], oid: str) -> httpx.Response:
    path = f"{url}/api/v1/restaurants/{PHO_HANOI}/accepting-orders"
    return http.put(path, json={"isAccepting": True}, headers=headers)


def _availability(url: str, headers: dict[str, str], oid: str) -> httpx.Response:
    """Pho Hanoi's first menu item marked available (it already is: the state never changes)."""
    menu = http.get(f"{url}/api/v1/restaurants/{PHO_HANOI}/menu").json()
    item = next(iter(menu["items"]["byId"]))
    path = f"{url}/api/v1/restaurants/{PHO_HANOI}/menu-items/{item}/availability"
    return http.put(path, json={"isAvailable": True}, headers=headers)


def _expect(allowed: set[str], ok: int, denied: int = 403) -> dict[str, int]:
    return {c: 401 if c in ("none", "expired") else ok if c in allowed else denied for c in CALLERS}


AUTHENTICATED = set(CALLERS) - {"none", "expired"}
ENDPOINTS: dict[str, tuple[Call, dict[str, int]]] = {
    "new": (_get("/api/v1/restaurants/{rid}/orders/new"), _expect(STAFF, 200)),
    "active": (_get("/api/v1/restaurants/{rid}/orders/active"), _expect(STAFF, 200)),
    "history": (_get("/api/v1/restaurants/{rid}/orders/history"), _expect(STAFF, 200)),
    "detail": (_get("/api/v1/restaurants/{rid}/orders/{oid}"), _expect(STAFF, 200)),
    # Public (contract 4.1a): no token is read, so an expired one does no harm either.
    "info": (_get("/api/v1/restaurants/{rid}/info"), dict.fromkeys(CALLERS, 200)),
    "menu": (_get("/api/v1/restaurants/{rid}/menu"), dict.fromkeys(CALLERS, 200)),
    "availability": (_availability, _expect(STAFF, 204)),
    "accepting-orders": (_accepting, _expect(OWNERS, 204)),
    # Validation (an ETA in 2099 is > 12 h ahead) runs before authorization: 400 for everyone.
    "accept": (_lifecycle("accept"), _expect(AUTHENTICATED, 400)),
    "reject": (_lifecycle("reject"), _expect(STAFF, 404)),
    "preparing": (_lifecycle("preparing"), _expect(STAFF, 404)),
    "ready": (_lifecycle("ready"), _expect(STAFF, 404)),
    "delivered": (_lifecycle("delivered"), _expect(STAFF, 404)),
    "cancel": (_lifecycle("cancel"), _expect(AUTHENTICATED, 404)),  # checks are in the handler
    "order": (_get("/api/v1/orders/{oid}"), _expect(ORDER_READERS, 200, 404)),
    "status": (_get("/api/v1/orders/{oid}/status"), _expect(ORDER_READERS, 200, 404)),
    "me": (_get("/api/v1/users/me"), _expect(AUTHENTICATED, 200)),
}


@pytest.fixture(scope="module")
def setup(
    module_dev_server: ServerProcess,
) -> tuple[str, dict[str, dict[str, str]], dict[str, str]]:
    url = module_dev_server.url
    order = place_order(url, PHO_HANOI, note="secret note")
    accounts = {
        "staff": staff("pho-hanoi"),
        "other_staff": staff("sushi-ko"),
        "owner": owner("pho-hanoi"),
        "manager": MANAGER,
        "admin": ADMIN,
        "customer": CUSTOMER,
        "expired": owner("sushi-ko"),
    }
    headers = {name: auth(login(url, *account)) for name, account in accounts.items()}
    expired = http.post(f"{url}/api/v1/dev/tokens/expire", json={"userName": owner("sushi-ko")[0]})
    assert expired.json()["tokens"] >= 1
    headers["none"] = {}
    return url, headers, order


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_authorization_matrix(
    setup: tuple[str, dict[str, dict[str, str]], dict[str, str]], endpoint: str
) -> None:
    url, headers, order = setup
    call, expected = ENDPOINTS[endpoint]
    actual = {caller: call(url, headers[caller], order["orderId"]) for caller in CALLERS}
    assert {c: r.status_code for c, r in actual.items()} == expected
    for caller, response in actual.items():
        if response.status_code == 401:
            assert response.content == b""
            assert response.headers["www-authenticate"] == "Bearer"
        if response.status_code >= 400:  # no leak of the order or the restaurant
            text = response.text
            for secret in (order["orderId"], order["orderNumber"], "secret note", "Pho Hanoi"):
                assert secret not in text, (caller, endpoint, text)

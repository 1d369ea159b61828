"""Small REST helpers for tests: demo ids and accounts, login, placing orders, waiting."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.support import http

PHO_HANOI = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
BELLA_NAPOLI = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
SUSHI_KO = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e03"
RESTAURANTS = {"pho-hanoi": PHO_HANOI, "bella-napoli": BELLA_NAPOLI, "sushi-ko": SUSHI_KO}
PASSWORD = "Password123!"
ADMIN = ("administrator@kds.example", "Administrator1!")
MANAGER = ("manager@kds.example", PASSWORD)
CUSTOMER = ("customer@kds.example", PASSWORD)

# Every password and token the helpers handle: the secrets check (tests/security) fails the
# run if any of them shows up in a log, a data/config file or an exception text.
SECRETS: set[str] = {PASSWORD, ADMIN[1]}


def owner(slug: str) -> tuple[str, str]:
    return (f"owner.{slug}@kds.example", PASSWORD)


def staff(slug: str) -> tuple[str, str]:
    return (f"staff.{slug}@kds.example", PASSWORD)


def login_tokens(url: str, user: str, password: str) -> dict[str, Any]:
    """The whole token response (`accessToken`, `refreshToken`, `expiresIn`, `tokenType`)."""
    response = http.post(
        f"{url}/api/v1/users/login", json={"email": user, "password": password}, timeout=10
    )
    response.raise_for_status()
    tokens: dict[str, Any] = response.json()
    SECRETS.update((password, tokens["accessToken"], tokens["refreshToken"]))
    return tokens


def login(url: str, user: str, password: str) -> str:
    """An access token for that account (raises httpx.HTTPStatusError on 401)."""
    return str(login_tokens(url, user, password)["accessToken"])


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def place_order(
    url: str,
    restaurant_id: str = PHO_HANOI,
    items: list[dict[str, Any]] | None = None,
    *,
    note: str | None = None,
    payment_method: str | None = None,
) -> dict[str, Any]:
    """Place one order through `POST /api/v1/dev/orders` (needs `--dev`).

    Returns `{"orderId", "orderNumber", "status"}`: `Placed` for cash, `AwaitingPayment` for
    online methods (settle with `pay(url, order_id, succeeded)`)."""
    body: dict[str, Any] = {
        "restaurantId": restaurant_id,
        "items": items or [{"name": "Test dish", "quantity": 1, "unitPrice": 9.5}],
    }
    if note is not None:
        body["note"] = note
    if payment_method is not None:
        body["paymentMethod"] = payment_method
    response = http.post(f"{url}/api/v1/dev/orders", json=body, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def pay(url: str, order_id: str, succeeded: bool = True) -> None:
    response = http.post(
        f"{url}/api/v1/dev/orders/{order_id}/payment", json={"succeeded": succeeded}, timeout=10
    )
    response.raise_for_status()


def open_orders(url: str, restaurant_id: str) -> list[dict[str, Any]]:
    """The server's truth (`GET /api/v1/dev/restaurants/{rid}/open-orders`)."""
    response = http.get(f"{url}/api/v1/dev/restaurants/{restaurant_id}/open-orders", timeout=10)
    response.raise_for_status()
    result: list[dict[str, Any]] = response.json()
    return result


def wait_until(
    predicate: Callable[[], Any], timeout_s: float = 5.0, interval_s: float = 0.01
) -> Any:
    """Poll until `predicate()` is truthy and return its value; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s} s: {predicate!r}")
        time.sleep(interval_s)  # poll interval of a deadline-bounded wait, not a fixed delay

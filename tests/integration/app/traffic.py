"""Order traffic for session tests: seeding many orders, advancing them, dev faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import http
from tests.support.helpers import auth, login, staff
from tests.support.server import ServerProcess

_NEXT = {
    "Placed": ("accept", "Accepted"),
    "Accepted": ("preparing", "Preparing"),
    "Preparing": ("ready", "ReadyForDelivery"),
    "ReadyForDelivery": ("delivered", "Delivered"),
}


def dev(server: ServerProcess, path: str, body: dict[str, Any] | None = None) -> Any:
    response = http.post(f"{server.url}/api/v1/dev/{path}", json=body or {})
    response.raise_for_status()
    return response.json() if response.content else None


def seed(server: ServerProcess, rid: str, count: int) -> list[str]:
    """Place ``count`` orders at once through the simulator (cash and online mixed)."""
    ids: list[str] = []
    while len(ids) < count:
        n = min(200, count - len(ids))
        body = {"restaurantId": rid, "count": n, "scenario": "incomingOnly"}
        ids += [o["orderId"] for o in dev(server, "order-simulator/start", body)["orders"]]
    return ids


class Kitchen:
    """Another terminal of the same restaurant, moving orders over plain REST."""

    def __init__(self, server: ServerProcess, slug: str, rid: str) -> None:
        self.server = server
        self.rid = rid
        self.user = staff(slug)[0]
        self.token = login(server.url, self.user, "Password123!")

    def post(self, order_id: str, action: str, **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"restaurantId": self.rid, **extra}
        if action == "accept":
            eta = datetime.now(UTC) + timedelta(minutes=30)
            body["estimatedDeliveryTime"] = eta.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        url = f"{self.server.url}/api/v1/orders/{order_id}/{action}"
        response = http.post(url, json=body, headers=auth(self.token))
        if response.status_code == 401:  # tokens expired by a test: log in again
            self.token = login(self.server.url, self.user, "Password123!")
            response = http.post(url, json=body, headers=auth(self.token))
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def advance(self, order_id: str, status: str) -> str:
        """One step along the happy path from ``status``; returns the new status."""
        action, new = _NEXT[status]
        self.post(order_id, action)
        return new

    def move_to(self, order_id: str, target: str, status: str = "Placed") -> None:
        while status != target:
            status = self.advance(order_id, status)

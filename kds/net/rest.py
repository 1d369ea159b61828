"""The REST client: the backend's /api/v1 endpoints as typed calls.

Each method builds one request and decodes its answer; auth, token refresh and retries are
`kds.net.rest_session.RestSession`'s, under every call (its module docstring states the failure
policy). Only Part A of the contract is used (nothing from the reference server's dev surface).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

from kds.core.actions import Action, ActionRequest
from kds.core.decode import (
    Rejected,
    decode_detail,
    decode_lifecycle_result,
    decode_summary,
    read_rows,
)
from kds.core.errors import ProtocolError
from kds.core.orders import LifecycleResult, OrderDetail, OrderSummary
from kds.net.decode import (
    Page,
    RestaurantInfo,
    UserProfile,
    decode_page,
    decode_restaurant_info,
    decode_user_profile,
)
from kds.net.menu_fetch import MenuFetch, menu_fetch
from kds.net.rest_session import RestSession
from kds.net.rest_wire import ENDPOINT, http_date, json_body, raw_row, utc_z

__all__ = ["PAGE_SIZE", "Queue", "RestClient", "utc_z"]

PAGE_SIZE = 100  # the backend's maximum (contract §4.1)
MAX_PAGES = 1000  # 100,000 open orders: past this a server is looping, not paging
Queue = Literal["new", "active"]
T = TypeVar("T")


class RestClient(RestSession):
    """Typed access to the provider REST API: one method per endpoint, on a `RestSession`
    (its constructor: the base URL, the token store, the HTTP client seam, timeouts, TLS and
    the retry schedule; its ``login``, ``refresh`` and ``access_token``).
    """

    # -- reads -------------------------------------------------------------------------------
    def me(self) -> UserProfile:
        return decode_user_profile(self._get_json("/users/me"))

    def restaurant_info(self, restaurant_id: str) -> RestaurantInfo:
        return decode_restaurant_info(self._get_json(f"/restaurants/{restaurant_id}/info"))

    def menu(self, restaurant_id: str, etag: str | None = None) -> MenuFetch:
        """The public menu document (§4.1a); with ``etag``, a 304 gives ``not_modified``."""
        headers = {"If-None-Match": etag} if etag else None
        path = f"/restaurants/{restaurant_id}/menu"
        return menu_fetch(self._call("GET", path, None, headers=headers), etag)

    def orders_page(
        self, restaurant_id: str, queue: Queue, page_number: int = 1, page_size: int = PAGE_SIZE
    ) -> Page[OrderSummary]:
        return self._page(restaurant_id, queue, page_number, page_size, decode_summary)

    def _page(
        self,
        restaurant_id: str,
        queue: Queue,
        page_number: int,
        page_size: int,
        item: Callable[[object], T],
    ) -> Page[T]:
        params = {"pageNumber": page_number, "pageSize": page_size}
        body = self._get_json(f"/restaurants/{restaurant_id}/orders/{queue}", params=params)
        return decode_page(body, item)

    def all_orders(self, restaurant_id: str, queue: Queue) -> list[OrderSummary]:
        """Every page of ``new`` or ``active`` (pageSize 100), decoded, de-duplicated by order id.

        Strict: one unreadable row raises `ProtocolError`. A board snapshot wants
        `all_order_rows` instead, so that one bad row costs only that row.
        """
        seen: dict[str, OrderSummary] = {}
        for summary in self._every_page(restaurant_id, queue, decode_summary):
            seen.setdefault(summary.order_id, summary)
        return list(seen.values())

    def all_order_rows(self, restaurant_id: str, queue: Queue) -> list[OrderSummary | Rejected]:
        """Every page of ``new`` or ``active``, decoded row by row, de-duplicated by ``orderId``.

        Decoded here, off the Qt thread, but never strictly: a newer backend may list a status
        this client does not know, and one such row must cost only that row. It comes back as
        a ``Rejected`` (with its order id when readable), and the board keeps that ticket and
        reports the unknown status where a strict decode would fail the whole snapshot.
        """
        seen: dict[object, object] = {}
        for index, row in enumerate(self._every_page(restaurant_id, queue, raw_row)):
            order_id = row.get("orderId") if isinstance(row, dict) else None
            seen.setdefault(order_id if isinstance(order_id, str) else index, row)
        return read_rows(seen.values())

    def _every_page(self, restaurant_id: str, queue: Queue, item: Callable[[object], T]) -> list[T]:
        """The items of every page, in order.

        Stops on ``hasNextPage`` false, on an empty page (a page beyond the last returns
        ``items: []``), past ``totalPages``, and at ``MAX_PAGES`` whatever the server says.
        """
        items: list[T] = []
        page_number = 1
        while page_number <= MAX_PAGES:
            page = self._page(restaurant_id, queue, page_number, PAGE_SIZE, item)
            items.extend(page.items)
            if not page.has_next_page or not page.items or page_number >= page.total_pages:
                break
            page_number += 1
        return items

    def order_detail(self, restaurant_id: str, order_id: str) -> OrderDetail:
        return decode_detail(self._get_json(f"/restaurants/{restaurant_id}/orders/{order_id}"))

    # -- writes (never retried) --------------------------------------------------------------
    def set_accepting_orders(self, restaurant_id: str, is_accepting: bool) -> None:
        self._call(
            "PUT", f"/restaurants/{restaurant_id}/accepting-orders", {"isAccepting": is_accepting}
        )

    def set_item_availability(
        self, restaurant_id: str, menu_item_id: str, available: bool
    ) -> datetime | None:
        """Mark a menu item sold out (``available`` False) or back (§4.1a); staff or owner.

        Returns the 204's ``Date`` header as an aware UTC datetime: the server's clock at the
        change, which ``kds.core.sold_out`` compares with the menu's ``lastRebuiltAt`` (the same
        server's clock) to know when the public menu has caught up. ``None`` when the answer
        has no readable ``Date`` (a proxy stripped it): the caller then reconciles without it.
        404 ``MenuItem.MenuItemNotFound`` → ``NotFound``; another restaurant's item → ``Forbidden``.
        """
        path = f"/restaurants/{restaurant_id}/menu-items/{menu_item_id}/availability"
        resp = self._call("PUT", path, {"isAvailable": available})
        return http_date(resp.headers.get("date"))

    def item_availability(self, restaurant_id: str, menu_item_id: str) -> bool:
        """The item's live availability (the public GET of §4.1a, not the lagging menu)."""
        path = f"/restaurants/{restaurant_id}/menu-items/{menu_item_id}/availability"
        body = self._get_json(path)
        value = body.get("isAvailable") if isinstance(body, dict) else None
        if not isinstance(value, bool):
            raise ProtocolError("isAvailable", f"expected a boolean from {path}")
        return value

    def accept(self, order_id: str, restaurant_id: str, eta: datetime) -> LifecycleResult:
        body = {"restaurantId": restaurant_id, "estimatedDeliveryTime": utc_z(eta)}
        return self._lifecycle(order_id, "accept", body)

    def reject(
        self, order_id: str, restaurant_id: str, reason: str | None = None
    ) -> LifecycleResult:
        return self._lifecycle(
            order_id, "reject", {"restaurantId": restaurant_id, "reason": reason}
        )

    def mark_preparing(self, order_id: str, restaurant_id: str) -> LifecycleResult:
        return self._lifecycle(order_id, "preparing", {"restaurantId": restaurant_id})

    def mark_ready(self, order_id: str, restaurant_id: str) -> LifecycleResult:
        return self._lifecycle(order_id, "ready", {"restaurantId": restaurant_id})

    def mark_delivered(
        self, order_id: str, restaurant_id: str, delivered_at: datetime | None = None
    ) -> LifecycleResult:
        at = None if delivered_at is None else utc_z(delivered_at)
        body = {"restaurantId": restaurant_id, "deliveredAtUtc": at}
        return self._lifecycle(order_id, "delivered", body)

    def cancel(
        self,
        order_id: str,
        restaurant_id: str,
        reason: str | None = None,
        acting_user_id: str | None = None,
    ) -> LifecycleResult:
        body = {"restaurantId": restaurant_id, "actingUserId": acting_user_id, "reason": reason}
        return self._lifecycle(order_id, "cancel", body)

    def perform(self, restaurant_id: str, request: ActionRequest, now: datetime) -> LifecycleResult:
        """Send one kitchen action: the one place an ``Action`` meets its endpoint (§6.5).

        ``now`` anchors Accept's ETA (``eta_min`` minutes later), on the caller's clock. The
        named methods above are the same endpoints with the contract's own arguments (an
        absolute ETA, a delivery time) for tools and tests; the app sends through here.
        """
        action = request.action
        body: dict[str, Any] = {"restaurantId": restaurant_id}
        if action is Action.ACCEPT:
            assert request.eta_min is not None  # ActionRequest guarantees it
            body["estimatedDeliveryTime"] = utc_z(now + timedelta(minutes=request.eta_min))
        elif action is Action.HAND_OVER:
            at = request.delivered_at
            body["deliveredAtUtc"] = None if at is None else utc_z(at)  # a queued tap's time
        elif action is Action.CANCEL:
            body["actingUserId"] = None
        if action.takes_reason:
            body["reason"] = request.reason
        path = f"/orders/{request.order_id}/{ENDPOINT[action]}"
        return decode_lifecycle_result(json_body(self._call("POST", path, body)))

    def _lifecycle(self, order_id: str, action: str, body: dict[str, Any]) -> LifecycleResult:
        return decode_lifecycle_result(
            json_body(self._call("POST", f"/orders/{order_id}/{action}", body))
        )

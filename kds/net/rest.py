"""The REST client: typed calls to the backend's /api/v1, with auth refresh and safe retries.

Synchronous on purpose: the app layer runs each call on a worker thread, never on the Qt
thread. Only Part A of the contract is used (nothing from the reference server's dev surface).

Failure policy:
- 401 → one refresh, one retry, then ``AuthExpired``. A refresh refused (401) clears the store.
- Transport errors, timeouts and 5xx on GETs are retried with exponential backoff and jitter;
  lifecycle POSTs and the PUT are never retried (the caller sees ``ServerUnavailable`` and
  decides; the lifecycle commands are idempotent by target status, so a manual retry is safe).
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

import httpx

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
    TokenResponse,
    UserProfile,
    decode_page,
    decode_restaurant_info,
    decode_token_response,
    decode_user_profile,
)
from kds.net.errors import AccessRefusedAfterRefresh, AuthExpired, ServerUnavailable
from kds.net.menu_fetch import MenuFetch, menu_fetch
from kds.net.redact import install_redaction
from kds.net.rest_wire import (
    ENDPOINT,
    checked,
    http_date,
    json_body,
    problem_fields,
    raw_row,
    transport_errors,
    utc_z,
)
from kds.net.retry import ReadBackoff
from kds.net.tokens import TokenStore

__all__ = ["PAGE_SIZE", "Queue", "RestClient", "utc_z"]

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # the backend's maximum (contract §4.1)
MAX_PAGES = 1000  # 100,000 open orders: past this a server is looping, not paging
Queue = Literal["new", "active"]
T = TypeVar("T")


class RestClient:
    """Typed access to the provider REST API.

    Args:
        base_url: the backend root, e.g. ``https://api.example.com`` (``/api/v1`` is added).
        tokens: the session's token store (``login`` replaces it for another user).
        http: an ``httpx.Client`` seam (tests pass ``httpx.MockTransport`` in unit tests).
        timeout_s: per-request budget for connect, read, write and pool.
        ca_file: extra CA bundle for TLS verification (verification is always on).
        backoff: retry schedule for idempotent reads.
        sleep: the backoff's sleeper (tests pass a recorder).
    """

    def __init__(
        self,
        base_url: str,
        tokens: TokenStore | None = None,
        *,
        http: httpx.Client | None = None,
        timeout_s: float = 10.0,
        ca_file: str | None = None,
        backoff: ReadBackoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        install_redaction()  # before the first request can log anything
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.timeout = httpx.Timeout(timeout_s)
        self._owns_http = http is None
        # Verification is always on; a private CA is added as an SSLContext (httpx deprecates
        # passing a path as ``verify``).
        verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
        self._http = http or httpx.Client(verify=verify, timeout=self.timeout)
        self._backoff = backoff or ReadBackoff()
        self._sleep = sleep
        self._refresh_lock = threading.Lock()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- auth --------------------------------------------------------------------------------
    def login(self, user: str, password: str) -> TokenResponse:
        """Password login; the tokens go into the store (a new one if the user changed)."""
        resp = self._post("/users/login", {"email": user, "password": password})
        if resp.status_code == 401:
            raise AuthExpired("login refused", status=401, **problem_fields(resp))
        tokens = decode_token_response(json_body(checked(resp)))
        if self.tokens is None:
            self.tokens = TokenStore(self.base_url, user)
        elif self.tokens.user != user:
            self.tokens = self.tokens.for_user(user)
        self.tokens.save(tokens.access_token, tokens.refresh_token, tokens.expires_in_s)
        return tokens

    def refresh(self) -> TokenResponse:
        """Exchange the refresh token; ``AuthExpired`` (and the store cleared) if refused."""
        store = self._store()
        refresh_token = store.refresh_token()
        if not refresh_token:
            raise AuthExpired("no refresh token: log in again")
        resp = self._post("/users/refresh", {"refreshToken": refresh_token})
        if resp.status_code == 401:
            store.clear()
            raise AuthExpired("session expired: log in again", status=401)
        tokens = decode_token_response(json_body(checked(resp)))
        store.save(tokens.access_token, tokens.refresh_token, tokens.expires_in_s)
        return tokens

    def access_token(self, rejected: bool = False) -> str:
        """A usable access token, refreshed first when due or when ``rejected`` by a server.

        This is the hub's token provider (``HubClient(token_provider=rest.access_token)``).
        """
        store = self._store()
        used = store.access_token()
        if rejected or store.needs_refresh():
            self._refresh_once(used, force=rejected)
        token = store.access_token()
        if not token:
            raise AuthExpired("not logged in")
        return token

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

    # -- plumbing ----------------------------------------------------------------------------
    def _store(self) -> TokenStore:
        if self.tokens is None:
            raise AuthExpired("not logged in")
        return self.tokens

    def _refresh_once(self, token_used: str | None, *, force: bool) -> bool:
        """Refresh unless another worker already replaced `token_used`; True if this call did.

        Several workers can hit a 401 at once: only the first refreshes; the others find the
        token changed since they sent their request and just retry with the new one.
        """
        with self._refresh_lock:
            store = self._store()
            if store.access_token() != token_used:
                return False
            if not force and not store.needs_refresh():
                return False
            try:
                self.refresh()
            except ServerUnavailable:
                if force or store.expired():
                    raise
                log.info("early token refresh failed; keeping the current token for now")
                return False
            return True

    def _get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return json_body(self._call("GET", path, None, params=params))

    def _call(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """An authenticated request: proactive refresh, 401 → refresh + one retry, GET retries.

        With ``headers`` (a conditional GET) a 304 is returned as it came, not as an error.
        """
        store = self._store()
        if store.needs_refresh() and store.refresh_token():
            self._refresh_once(store.access_token(), force=False)
        url = f"{self.base_url}/api/v1{path}"
        idempotent = method == "GET"
        retries_left = self._backoff.attempts if idempotent else 0
        # One refresh of our own, then one retry; a refresh another worker made for the same
        # stale token does not count (chaos seed 992: tokens expired twice within one slow
        # round trip, and a worker that had only borrowed the first refresh signed the whole
        # terminal out although its refresh token was good). Borrowed refreshes are bounded too.
        refreshed = False
        borrowed_left = 3
        retry = 0
        while True:
            token = store.access_token()
            if not token:
                raise AuthExpired("not logged in")
            sent = {**(headers or {}), "Authorization": f"Bearer {token}"}
            try:
                with transport_errors(method, path):
                    resp = self._http.request(
                        method, url, json=body, params=params, headers=sent, timeout=self.timeout
                    )
            except ServerUnavailable:
                if retries_left <= 0:
                    raise
                retries_left -= 1
                self._sleep(self._backoff.delay_s(retry))
                retry += 1
                continue
            if resp.status_code == 401:
                if refreshed or borrowed_left == 0:
                    raise AccessRefusedAfterRefresh(
                        "access refused after a token refresh", status=401
                    )
                if self._refresh_once(token, force=True):
                    refreshed = True
                else:
                    borrowed_left -= 1
                continue
            if resp.status_code >= 500 and retries_left > 0:
                retries_left -= 1
                self._sleep(self._backoff.delay_s(retry))
                retry += 1
                continue
            if resp.status_code == 304 and headers:
                return resp
            return checked(resp)

    def _post(self, path: str, body: Any) -> httpx.Response:
        """An unauthenticated POST (login, refresh): one attempt, the answer unchecked."""
        with transport_errors("POST", path):
            return self._http.post(f"{self.base_url}/api/v1{path}", json=body, timeout=self.timeout)

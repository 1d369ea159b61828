"""The typed records the store hands out: orders, restaurants, menu items, users, tokens, events.

Route handlers, the domain rules and the DTO writers read these instead of database rows, so a
store on another database only has to build the same records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from kds.server.status import OrderStatus


@dataclass(frozen=True)
class Order:
    """One order as stored: money in cents, times in µs since the Unix epoch (UTC).

    `items` are the order's lines as written at creation (`orderItemId`, `menuItemId`, `name`,
    `quantity`, `unitPriceC`, `lineTotalC`, `customizations`, `imageUrl`).
    """

    id: str
    restaurant_id: str
    customer_id: str
    order_number: str
    status: OrderStatus
    placement_us: int
    last_update_us: int
    eta_us: int | None
    actual_delivery_us: int | None
    note: str
    currency: str
    subtotal_c: int
    discount_c: int
    delivery_fee_c: int
    tip_c: int
    tax_c: int
    total_c: int
    payment_method: str | None
    payment_status: str | None
    paid_online_c: int
    cod_c: int
    version: int
    street: str | None
    city: str | None
    state: str | None
    country: str | None
    postal_code: str | None
    source_team_cart_id: str | None
    items: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class HistoryEntry:
    """A terminal order with its customer's name and phone (`orders/history` shows both)."""

    order: Order
    customer_name: str | None
    customer_phone: str | None


@dataclass(frozen=True)
class Restaurant:
    id: str
    slug: str
    name: str
    logo_url: str | None
    currency: str
    is_accepting: bool
    street: str | None
    city: str | None
    state: str | None
    country: str | None
    postal_code: str | None
    lat: float | None
    lon: float | None
    # What the public info shows (contract 4.1a); defaults for restaurants added without them.
    description: str = ""
    cuisine_type: str = ""
    cuisine_tags: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    business_hours: str = ""
    established_us: int | None = None


MenuGroup = tuple[str, list[tuple[str, float | None]]]


@dataclass(frozen=True)
class MenuItem:
    """A menu item; `groups` are `(group name, [(choice name, price adjustment)])` by name.

    `category` names the menu category (a kitchen station, contract B2) and `tags` the names of
    its tags in the restaurant's legend (`menus.TAGS`). `is_available` is the sold-out switch
    of `PUT …/menu-items/{id}/availability`, stored as it is set; the public menu document
    shows it only when its read model is next rebuilt (contract 4.1a).
    """

    id: str
    name: str
    price_cents: int
    image_url: str | None
    groups: list[MenuGroup]
    description: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    is_available: bool = True


@dataclass(frozen=True)
class User:
    id: str
    user_name: str
    email: str | None
    name: str | None
    phone: str | None
    roles: list[str]
    last_login_us: int | None


@dataclass(frozen=True)
class Credentials:
    """What sign-in checks: the password hash and the lockout counters."""

    user_id: str
    password_hash: str
    failed_count: int
    lockout_end_us: int | None


@dataclass(frozen=True)
class TokenRecord:
    """A stored token (by hash): its owner, expiry, revocation and claims snapshot (JSON)."""

    user_id: str
    expires_us: int
    revoked: bool
    principal: str


class OutboxEvent(TypedDict):
    """One outbox row. A TypedDict rather than a dataclass: the publish step is hooked by
    bench/hub_latency.py, which reads `event["event_id"]`."""

    seq: int
    event_id: str
    type: str
    order_id: str
    occurred_us: int
    attempt: int
    next_attempt_us: int | None
    processed_us: int | None
    delivered_at_us: int | None

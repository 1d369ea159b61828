"""The rush scene: the fixed 30-order board that issue 16's layout is measured on, before and after.

A rush hour at a Vietnamese place that also sells pizza: 30 open orders at once, most of them
still New, in the mix a kitchen really sees (mostly short orders, a few long ones, notes, one
allergy), placed over the last 45 minutes. The scene is fixed so that a figure measured on it
(tickets fully visible, taps to clear it: `bench/board_density.py`) means the same thing on the
current layout and on the one replacing it. What is fixed by the plan below (statuses, line-count
buckets, which orders carry a note) holds for every seed; the seed only picks items, quantities,
choices and the exact ages within each status's window.

No network: like `sample_orders`, it feeds a `kds.core.board.Board` the event and detail values
the app layer would decode, through the same `place` and `set_status`.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from kds.core.board import Board
from kds.core.menu import Menu, decode_menu
from kds.core.orders import Customization, OrderDetail, OrderStatus
from kds.server.menu_view import document
from kds.server.records import MenuItem, Restaurant
from kds.ui.text import short_number
from tests.support.sample_orders import MenuEntry, place, sample_order, set_status

__all__ = [
    "RUSH_ALLERGY_NOTE",
    "RUSH_CURRENCY",
    "RUSH_LINE_BUCKETS",
    "RUSH_MENU",
    "RUSH_NOTES",
    "RUSH_ORDERS",
    "RUSH_RESTAURANT",
    "RUSH_SPAN",
    "RUSH_STATUSES",
    "RushOrder",
    "build_rush_scene",
    "rush_menu",
    "rush_menu_document",
    "rush_orders",
]

RUSH_RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
"""The dev seed's restaurant (Pho Hanoi), so the scene also fits a board of the real server."""
RUSH_CURRENCY = "VND"
RUSH_SPAN = timedelta(minutes=45)
"""Every order was placed within this span before `now`."""

# Dong prices are whole amounts (no minor unit); every item has one choice group so that which
# lines carry a choice is decided by the scene, not by the menu.
RUSH_MENU: tuple[MenuEntry, ...] = (
    ("Phở bò tái", Decimal(65000), (("Size", ("Nhỏ", "Lớn")),)),
    ("Bún chả Hà Nội", Decimal(70000), (("Spice", ("Mild", "Medium", "Hot")),)),
    ("Gỏi cuốn tôm", Decimal(45000), (("Sauce", ("Hoisin", "Nước chấm")),)),
    ("Cà phê sữa đá", Decimal(35000), (("Sugar", ("Less", "Normal")),)),
    ("Bánh mì thịt", Decimal(40000), (("Extras", ("Extra pâté", "No coriander")),)),
    ("Cơm tấm sườn", Decimal(60000), (("Side", ("Fried egg", "Pickles")),)),
    ("Bánh xèo", Decimal(55000), (("Herbs", ("Extra herbs", "No herbs")),)),
    ("Chả giò", Decimal(40000), (("Pieces", ("4", "8")),)),
    ("Margherita pizza", Decimal(150000), (("Crust", ("Classic", "Thin")),)),
    ("Iced lemon tea", Decimal(30000), (("Ice", ("Less ice", "No ice")),)),
    ("Chicken Caesar salad", Decimal(95000), (("Dressing", ("Mixed", "On the side")),)),
    ("French fries", Decimal(45000), (("Salt", ("Normal", "No salt")),)),
)
DELIVERY_FEE = Decimal(15000)

RUSH_CATEGORIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Món chính": (
            "Phở bò tái",
            "Bún chả Hà Nội",
            "Cơm tấm sườn",
            "Bánh xèo",
            "Margherita pizza",
            "Chicken Caesar salad",
        ),
        "Ăn thêm": ("Gỏi cuốn tôm", "Chả giò", "Bánh mì thịt", "French fries"),
        "Đồ uống": ("Cà phê sữa đá", "Iced lemon tea"),
    }
)
"""The scene menu's categories (kitchen stations match on them), in menu order."""

RUSH_TAGS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Gỏi cuốn tôm": ("Hải sản có vỏ", "Đậu phộng"),
        "Bún chả Hà Nội": ("Đậu phộng",),
        "Chả giò": ("Gluten", "Hải sản có vỏ"),
        "Bánh mì thịt": ("Gluten",),
        "Margherita pizza": ("Gluten", "Sữa", "Chay"),
        "Chicken Caesar salad": ("Egg", "Fish", "Dairy"),
        "Cà phê sữa đá": ("Sữa",),
        "French fries": ("Thuần chay",),
    }
)
"""Allergen and dietary tags by item (names as the Pho Hanoi seed writes them, `menus.TAGS`)."""

RUSH_STATUSES: Mapping[OrderStatus, int] = MappingProxyType(
    {
        OrderStatus.PLACED: 20,
        OrderStatus.ACCEPTED: 3,
        OrderStatus.PREPARING: 3,
        OrderStatus.READY_FOR_DELIVERY: 4,
    }
)
"""How many orders of the scene are in each status: 20 New, 6 In progress, 4 Ready."""
RUSH_ORDERS = sum(RUSH_STATUSES.values())

RUSH_LINE_BUCKETS: Mapping[tuple[int, int], int] = MappingProxyType(
    {(1, 1): 10, (2, 3): 12, (4, 5): 6, (7, 8): 2}
)
"""(fewest, most) lines → how many orders have a line count in that range."""

_NEW, _ACC, _PREP, _READY = (
    OrderStatus.PLACED,
    OrderStatus.ACCEPTED,
    OrderStatus.PREPARING,
    OrderStatus.READY_FOR_DELIVERY,
)
_PLAN: tuple[tuple[OrderStatus, tuple[int, int], int], ...] = (
    (_NEW, (1, 1), 7),
    (_NEW, (2, 3), 8),
    (_NEW, (4, 5), 4),
    (_NEW, (7, 8), 1),
    (_ACC, (1, 1), 1),
    (_ACC, (2, 3), 1),
    (_ACC, (4, 5), 1),
    (_PREP, (1, 1), 1),
    (_PREP, (2, 3), 1),
    (_PREP, (7, 8), 1),
    (_READY, (1, 1), 1),
    (_READY, (2, 3), 2),
    (_READY, (4, 5), 1),
)
"""(status, line bucket, how many): the long orders are spread over New, In progress and Ready."""

_AGE_WINDOWS_MIN: Mapping[str, tuple[float, float]] = MappingProxyType(
    {"new": (1.0, 32.0), "in_progress": (10.0, 38.0), "ready": (18.0, 44.0)}
)
"""Minutes before `now` each group's placements are spread over: the windows overlap, so orders
further along are older on average but not always (a quick order overtakes a slow one)."""

RUSH_NOTE_EVERY = 3
"""Every third order, oldest first, carries a note."""
RUSH_NOTES = RUSH_ORDERS // RUSH_NOTE_EVERY
RUSH_ALLERGY_NOTE = "Peanut allergy — no peanuts please"
_PLAIN_NOTES = (
    "Ring the bell twice, baby sleeping",
    "Extra chopsticks and napkins for 4",
    "Sauce on the side",
    "Call when outside, gate code 2580",
    "Less ice in the drinks",
    "Extra chilli please",
    "Leave it at the front desk",
    "No coriander on anything",
    "Cutlery for two",
)
"""Notes naming no allergen (`kds.ui.text.has_allergy_word` is false for each)."""


@dataclass(frozen=True)
class RushOrder:
    """One order of the scene: its detail as placed, and the steps that bring it to `status`.

    Attributes:
        detail: the order as placed (status Placed).
        status: where the scene leaves it.
        accepted_at, preparing_at, ready_at: when each step happened (None: not reached).
        eta: the promised delivery time set on accept (None while New).
    """

    detail: OrderDetail
    status: OrderStatus
    accepted_at: datetime | None = None
    preparing_at: datetime | None = None
    ready_at: datetime | None = None
    eta: datetime | None = None

    @property
    def order_id(self) -> str:
        return self.detail.order_id


def _group(status: OrderStatus) -> str:
    if status is _NEW:
        return "new"
    return "ready" if status is _READY else "in_progress"


def _ages(rng: random.Random, count: int, window: tuple[float, float]) -> list[float]:
    """`count` ages evenly over `window` minutes, each jittered within its own slot, shuffled."""
    low, high = window
    slot = (high - low) / count
    ages = [low + slot * (i + 0.5) + rng.uniform(-0.4, 0.4) * slot for i in range(count)]
    rng.shuffle(ages)
    return ages


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _menu_item_id(name: str, _draw: str) -> str:
    """The item's id in `rush_menu` (the random draw is kept so the scene's later draws, and so
    the scene itself, stay what they were before the scene had a menu)."""
    return str(uuid.uuid5(uuid.UUID(RUSH_RESTAURANT), f"rush:{name}"))


def _settle_items(rng: random.Random, details: list[OrderDetail]) -> list[OrderDetail]:
    """Choices on exactly half the scene's lines (rounded down), and deterministic ids.

    `sample_order` gives a line a choice with probability 0.7 and random item ids; the scene
    decides both itself so that it is the same on every run and its counts are exact.
    """
    groups = {name: item_groups for name, _, item_groups in RUSH_MENU}
    slots = [(o, i) for o, detail in enumerate(details) for i in range(len(detail.items))]
    chosen = set(rng.sample(slots, len(slots) // 2))
    settled = []
    for o, detail in enumerate(details):
        items = []
        for i, item in enumerate(detail.items):
            custom: tuple[Customization, ...] = ()
            if (o, i) in chosen:
                group, choices = groups[item.name][0]
                custom = (Customization(group, rng.choice(choices), None),)
            items.append(
                replace(
                    item,
                    order_item_id=_uid(rng),
                    menu_item_id=_menu_item_id(item.name, _uid(rng)),
                    customizations=custom,
                )
            )
        settled.append(replace(detail, items=tuple(items), customer_id=_uid(rng)))
    return settled


def _unique_numbers(rng: random.Random, details: list[OrderDetail]) -> list[OrderDetail]:
    """No two tickets with the same short number: a cook calls orders out by it."""
    seen: set[str] = set()
    out = []
    for detail in details:
        number = detail.order_number
        while short_number(number) in seen:
            number = f"{number.rsplit('-', 1)[0]}-{rng.randint(1000, 9998)}"
        seen.add(short_number(number))
        out.append(replace(detail, order_number=number))
    return out


def rush_orders(now: datetime, *, seed: int = 16) -> tuple[RushOrder, ...]:
    """The scene's 30 orders, oldest first, as values (no board): see the module docstring."""
    rng = random.Random(seed)
    rows = [(status, bucket) for status, bucket, n in _PLAN for _ in range(n)]
    ages_of = {
        group: _ages(rng, sum(1 for s, _ in rows if _group(s) == group), window)
        for group, window in _AGE_WINDOWS_MIN.items()
    }
    planned = []
    for status, (fewest, most) in rows:
        age = ages_of[_group(status)].pop()
        planned.append((age, status, rng.randint(fewest, most)))
    planned.sort(key=lambda row: row[0], reverse=True)  # oldest first
    note_slots = [i for i in range(RUSH_ORDERS) if i % RUSH_NOTE_EVERY == 0]
    # The allergy sits on a New order: the one a cook must read before accepting.
    allergy_slot = next((i for i in note_slots if planned[i][1] is _NEW), note_slots[0])
    plain = iter(_PLAIN_NOTES * 2)
    details = []
    for i, (age, _, lines) in enumerate(planned):
        note = ""
        if i == allergy_slot:
            note = RUSH_ALLERGY_NOTE
        elif i in note_slots:
            note = next(plain)
        placed = now - timedelta(minutes=age)
        details.append(
            sample_order(
                rng,
                RUSH_RESTAURANT,
                placed,
                lines=lines,
                note=note,
                menu=RUSH_MENU,
                currency=RUSH_CURRENCY,
                delivery_fee=DELIVERY_FEE,
            )
        )
    details = _unique_numbers(rng, _settle_items(rng, details))
    orders = []
    for (age, status, _), detail in zip(planned, details, strict=True):
        orders.append(_steps(rng, detail, status, now, age))
    return tuple(orders)


def _steps(
    rng: random.Random, detail: OrderDetail, status: OrderStatus, now: datetime, age: float
) -> RushOrder:
    """When an order further than New was accepted, started and made ready (all before `now`)."""
    if status is _NEW:
        return RushOrder(detail, status)
    placed = detail.placement_timestamp
    accepted = placed + timedelta(minutes=rng.uniform(1, 3))
    # Some promises are already broken: the timer colours of a real rush.
    eta = accepted + timedelta(minutes=rng.choice((20, 25, 30, 35)))
    preparing = accepted + timedelta(minutes=rng.uniform(0.5, 3)) if status is not _ACC else None
    ready = None
    if status is _READY:
        ready = now - timedelta(minutes=rng.uniform(0.5, min(8.0, age - 6.5)))
    return RushOrder(detail, status, accepted, preparing, ready, eta)


def build_rush_scene(board: Board, now: datetime, *, seed: int = 16) -> list[str]:
    """Put the rush scene on `board` (placed, then moved on, as the hub would); returns the
    order ids oldest first."""
    orders = rush_orders(now, seed=seed)
    for order in orders:
        place(board, order.detail)
        detail = order.detail
        if order.accepted_at is not None:
            detail = set_status(board, detail, _ACC, order.accepted_at, order.eta)
        if order.preparing_at is not None:
            detail = set_status(board, detail, _PREP, order.preparing_at)
        if order.ready_at is not None:
            set_status(board, detail, _READY, order.ready_at)
    return [order.order_id for order in orders]


def rush_menu() -> Menu:
    """The menu the scene's orders were placed from, decoded from the document kds-server would
    serve for it: every scene line resolves to a category, some carry allergen tags."""
    return decode_menu(rush_menu_document())


def rush_menu_document() -> dict[str, Any]:
    """The menu document (contract §4.1a) `rush_menu` decodes, as kds-server would serve it."""
    restaurant = Restaurant(
        RUSH_RESTAURANT,
        "pho-hanoi",
        "Pho Hanoi",
        None,
        RUSH_CURRENCY,
        True,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    )
    items = [
        MenuItem(
            _menu_item_id(name, ""),
            name,
            int(price * 100),
            None,
            [(group, [(c, None) for c in choices]) for group, choices in groups],
            category=next(c for c, names in RUSH_CATEGORIES.items() if name in names),
            tags=RUSH_TAGS.get(name, ()),
        )
        for name, price, groups in RUSH_MENU
    ]
    items.sort(key=lambda i: list(RUSH_CATEGORIES).index(i.category))
    return document(restaurant, items, 1_765_000_000_000_000)

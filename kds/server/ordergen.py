"""Realistic random orders from the demo menus (contract B2): lines, quantities, options, notes."""

from __future__ import annotations

import random

from kds.server.domain import CASH, ONLINE_METHODS, Customization, Line, NewOrder
from kds.server.fees import random_tip_c, sizes
from kds.server.menus import NOTES, NOTES_VI
from kds.server.records import MenuItem

ADDRESSES = [
    {
        "street": "45 Ly Thuong Kiet",
        "city": "Hanoi",
        "state": "",
        "country": "VN",
        "postalCode": "100000",
    },
    {
        "street": "Via Chiaia 21",
        "city": "Napoli",
        "state": "NA",
        "country": "IT",
        "postalCode": "80121",
    },
    {
        "street": "1-2-3 Shibuya",
        "city": "Tokyo",
        "state": "",
        "country": "JP",
        "postalCode": "150-0002",
    },
    {
        "street": "221B Baker Street",
        "city": "London",
        "state": "",
        "country": "GB",
        "postalCode": "NW1 6XE",
    },
]


def random_lines(
    menu: list[MenuItem],
    rng: random.Random,
    max_items: int = 8,
    max_quantity: int = 4,
    currency: str = "USD",
) -> list[Line]:
    """1–max_items lines, quantities 1–max_quantity (mostly 1), 0–4 customizations each.

    Only items on sale are chosen (a sold-out item is not ordered, contract B2), each line with
    its item's `menuItemId`. With nothing on sale, one free-text line whose `menuItemId` is in
    no menu, as `POST /api/v1/dev/orders` gives an unknown name, priced for `currency`.
    """
    menu = [item for item in menu if item.is_available]
    if not menu:
        return [Line("House special", 1, sizes(currency).house_special_c)]
    count = min(max(1, int(rng.triangular(1, max_items + 1, 2))), max_items)
    lines = []
    for item in rng.sample(menu, k=min(count, len(menu))):
        groups = item.groups
        chosen = rng.sample(groups, k=rng.randint(0, min(4, len(groups))))
        customizations = []
        for group_name, choices in chosen:
            choice_name, adjust = rng.choice(choices)
            cents = None if adjust is None else round(adjust * 100)
            customizations.append(Customization(group_name, choice_name, cents))
        quantity = min(max_quantity, rng.choice([1, 1, 1, 1, 2, 2, 3, 4]))
        lines.append(
            Line(
                name=item.name,
                quantity=max(1, quantity),
                unit_price_c=item.price_cents,
                customizations=tuple(customizations),
                menu_item_id=item.id,
            )
        )
    return lines


def random_order(
    restaurant_id: str,
    menu: list[MenuItem],
    customer_id: str,
    rng: random.Random,
    *,
    note_pool: list[str] | None = None,
    max_items: int = 8,
    max_quantity: int = 4,
    online_share: float = 0.0,
    currency: str = "USD",
) -> NewOrder:
    """A plausible ticket: a note on about a third of orders (in Vietnamese for a VND
    restaurant), some online payments, a tip sized for the currency (whole đồng in VND)."""
    pool = note_pool or (NOTES_VI if currency == "VND" else NOTES)  # a Hanoi kitchen's words
    note = rng.choice(pool) if rng.random() < 1 / 3 else ""
    online = rng.random() < online_share
    return NewOrder(
        restaurant_id=restaurant_id,
        customer_id=customer_id,
        lines=random_lines(menu, rng, max_items, max_quantity, currency),
        note=note,
        payment_method=rng.choice(ONLINE_METHODS) if online else CASH,
        tip_c=random_tip_c(currency, rng),
        currency=currency,
        address=rng.choice(ADDRESSES),
    )

"""Demo seed (contract B2): restaurants with fixed ids, accounts, menus. Idempotent."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import replace

from kds.server.clock import parse_utc
from kds.server.menus import CURRENCIES, MENUS
from kds.server.passwords import hash_password_shared
from kds.server.records import MenuItem, Restaurant, User
from kds.server.store import Queries, Store

SEED_VERSION = 2
"""The version of the demo seed, stored in the database (`meta.seed_version`).

0 (a database without it): English menus priced in USD, no categories, tags or public info.
2: contract 4.1a / B2 — Pho Hanoi in VND with Vietnamese names, kitchen categories, Allergen
and Dietary tags, public restaurant profiles. Raise it whenever `RESTAURANTS`, `PROFILES` or
`MENUS` change, so a database written by an older kds-server is brought up to date on start.
"""

log = logging.getLogger("kds.server.seed")

PASSWORD = "Password123!"
ADMIN_PASSWORD = "Administrator1!"
CUSTOMER_USER = "customer@kds.example"

RESTAURANTS = [
    # slug, name, id, street, city, country, lat, lon
    (
        "pho-hanoi",
        "Pho Hanoi",
        "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01",
        "12 Hang Bac",
        "Hanoi",
        "VN",
        21.0341,
        105.8516,
    ),
    (
        "bella-napoli",
        "Bella Napoli",
        "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02",
        "Via Toledo 156",
        "Napoli",
        "IT",
        40.8406,
        14.2497,
    ),
    (
        "sushi-ko",
        "Sushi Ko",
        "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e03",
        "2-14-1 Ginza",
        "Tokyo",
        "JP",
        35.6717,
        139.7650,
    ),
]
RESTAURANT_IDS = {slug: rid for slug, _, rid, *_ in RESTAURANTS}

# slug → (description, cuisine type, cuisine tags, phone, business hours, established):
# what the public info shows (contract 4.1a).
PROFILES = {
    "pho-hanoi": (
        "Phở và các món ăn Hà Nội truyền thống, nấu từ nước dùng ninh 12 tiếng.",
        "Vietnamese",
        ("Phở", "Bún", "Món Hà Nội"),
        "+842439281234",
        "06:30-22:00",
        "2009-03-15T00:00:00Z",
    ),
    "bella-napoli": (
        "Wood-fired Neapolitan pizza and fresh pasta.",
        "Italian",
        ("Pizza", "Pasta"),
        "+390815521234",
        "11:30-23:00",
        "1998-06-01T00:00:00Z",
    ),
    "sushi-ko": (
        "Edomae sushi, rolls and a small hot kitchen.",
        "Japanese",
        ("Sushi", "Rolls"),
        "+81335621234",
        "11:00-22:00",
        "2012-10-10T00:00:00Z",
    ),
}


def menu_item_id(restaurant_id: str, index: int) -> str:
    """Stable item ids: the item's place in the restaurant's menu, flattened across categories."""
    return str(uuid.uuid5(uuid.UUID(restaurant_id), f"menu-{index}"))


def menu_items(slug: str) -> list[MenuItem]:
    """The seeded items of one restaurant, prices in cents (hundredths, in VND too)."""
    rid = RESTAURANT_IDS[slug]
    flat = [(category, item) for category, items in MENUS[slug] for item in items]
    return [
        MenuItem(
            menu_item_id(rid, index),
            name,
            round(price * 100),
            None,
            groups,
            category=category,
            tags=tuple(tags),
        )
        for index, (category, (name, price, groups, tags)) in enumerate(flat)
    ]


def _user_id(user_name: str) -> str:
    """Stable ids, so a re-seeded database and the tests agree."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, user_name))


def accounts() -> list[tuple[str, str, str, list[str], list[tuple[str, str]]]]:
    """(user name, display name, password, roles, [(restaurant id, Owner|Staff)])."""
    result = []
    for slug, name, rid, *_ in RESTAURANTS:
        result.append(
            (f"owner.{slug}@kds.example", f"{name} Owner", PASSWORD, ["User"], [(rid, "Owner")])
        )
        result.append(
            (f"staff.{slug}@kds.example", f"{name} Staff", PASSWORD, ["User"], [(rid, "Staff")])
        )
    both = [(RESTAURANT_IDS["pho-hanoi"], "Owner"), (RESTAURANT_IDS["bella-napoli"], "Owner")]
    result.append(("manager@kds.example", "Multi-site Manager", PASSWORD, ["User"], both))
    result.append((CUSTOMER_USER, "Linh Nguyen", PASSWORD, ["User"], []))
    result.append(
        (
            "administrator@kds.example",
            "Administrator",
            ADMIN_PASSWORD,
            ["Administrator"],
            [],
        )
    )
    return result


def customer_id() -> str:
    return _user_id(CUSTOMER_USER)


def _restaurant(slug: str) -> Restaurant:
    _, name, rid, street, city, country, lat, lon = next(r for r in RESTAURANTS if r[0] == slug)
    description, cuisine, cuisine_tags, contact_phone, hours, established = PROFILES[slug]
    return Restaurant(
        rid,
        slug,
        name,
        f"https://img.kds.example/{slug}/logo.png",
        CURRENCIES[slug],
        True,
        street,
        city,
        "",
        country,
        "",
        lat,
        lon,
        description=description,
        cuisine_type=cuisine,
        cuisine_tags=cuisine_tags,
        phone=contact_phone,
        email=f"contact@{slug}.kds.example",
        business_hours=hours,
        established_us=parse_utc(established),
    )


def _dish(name: str) -> str:
    """A name without its English gloss and case: "Phở gà (chicken noodle soup)" → "phở gà"."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip().casefold()


def upgraded_menu(
    slug: str, old: list[MenuItem], in_orders: set[str]
) -> tuple[list[MenuItem], set[str]]:
    """The current seed menu of `slug` over the rows an older seed wrote, and the ids it kept.

    An item whose name matches an old row's (exactly, or without the old English gloss) keeps
    that row's id and availability, so orders naming it still find it. Any other item gets its
    seed id, unless that id is taken by a kept item or named by an order line of an old item
    of another name: then a fresh one, so no order's line is re-pointed at another dish.
    """
    exact = {item.name: item for item in old}
    loose: dict[str, MenuItem] = {}
    for item in old:
        loose.setdefault(_dish(item.name), item)
    current = menu_items(slug)
    matched: dict[int, MenuItem] = {}
    for index, item in enumerate(current):
        found = exact.get(item.name) or loose.get(_dish(item.name))
        if found is not None and found.id not in {m.id for m in matched.values()}:
            matched[index] = found
    kept = {m.id for m in matched.values()}
    result = []
    for index, item in enumerate(current):
        if (found := matched.get(index)) is not None:
            result.append(replace(item, id=found.id, is_available=found.is_available))
        elif item.id in kept or item.id in in_orders:
            fresh = str(
                uuid.uuid5(uuid.UUID(RESTAURANT_IDS[slug]), f"menu-v{SEED_VERSION}:{item.name}")
            )
            result.append(replace(item, id=fresh))
        else:
            result.append(item)
    return result, kept


def _upgrade(tx: Queries, slug: str, version: int) -> None:
    """Rewrite a seed restaurant written by an older seed: profile and menu, never its orders."""
    restaurant = _restaurant(slug)
    before = tx.restaurant(restaurant.id)
    tx.update_restaurant_profile(restaurant)
    old = tx.menu_items(restaurant.id)
    in_orders = tx.menu_item_ids_in_orders(restaurant.id)
    items, kept = upgraded_menu(slug, old, in_orders)
    tx.replace_menu(restaurant.id, items, kept)
    removed = [item for item in old if item.id not in kept]
    currency = (
        ""
        if before is None or before.currency == restaurant.currency
        else (f", currency {before.currency} → {restaurant.currency}")
    )
    log.info(
        "seed v%d → v%d: %s: profile rewritten%s; menu replaced: %d items kept their ids,"
        " %d added, %d removed (%d of them named by orders, which keep their lines)",
        version,
        SEED_VERSION,
        restaurant.name,
        currency,
        len(kept),
        len(items) - len(kept),
        len(removed),
        sum(item.id in in_orders for item in removed),
    )


def seed_demo(store: Store) -> None:
    """Insert what is missing; existing rows (and their changes) are kept across restarts.

    A database written by an older seed (`meta.seed_version` below `SEED_VERSION`) has its seed
    restaurants' profiles and menus replaced by the current ones (see `upgraded_menu`); its
    orders, accounts and tokens are kept.
    """
    with store.transaction() as tx:
        version = tx.seed_version()
        for slug, _, rid, *_ in RESTAURANTS:
            if tx.restaurant(rid) is None:
                tx.add_restaurant(_restaurant(slug))
                for item in menu_items(slug):
                    tx.add_menu_item(rid, item)
            elif version < SEED_VERSION:
                _upgrade(tx, slug, version)
        for user_name, display, password, roles, assignments in accounts():
            uid = _user_id(user_name)
            if not tx.user_exists(uid):
                phone = "+84901234567" if user_name == CUSTOMER_USER else None
                user = User(uid, user_name, user_name, display, phone, roles, None)
                tx.insert_user(user, hash_password_shared(password))
            for rid, role in assignments:
                tx.add_restaurant_role(uid, rid, role)
        if version < SEED_VERSION:
            tx.set_seed_version(SEED_VERSION)

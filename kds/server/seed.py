"""Demo seed (contract B2): restaurants with fixed ids, accounts, menus. Idempotent."""

from __future__ import annotations

import uuid

from kds.server.clock import parse_utc
from kds.server.menus import CURRENCIES, MENUS
from kds.server.passwords import hash_password_shared
from kds.server.records import MenuItem, Restaurant, User
from kds.server.store import Store

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


def seed_demo(store: Store) -> None:
    """Insert what is missing; existing rows (and their changes) are kept across restarts."""
    with store.transaction() as tx:
        for slug, name, rid, street, city, country, lat, lon in RESTAURANTS:
            logo = f"https://img.kds.example/{slug}/logo.png"
            description, cuisine, cuisine_tags, contact_phone, hours, established = PROFILES[slug]
            tx.add_restaurant(
                Restaurant(
                    rid,
                    slug,
                    name,
                    logo,
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
            )
            for item in menu_items(slug):
                tx.add_menu_item(rid, item)
        for user_name, display, password, roles, assignments in accounts():
            uid = _user_id(user_name)
            if not tx.user_exists(uid):
                phone = "+84901234567" if user_name == CUSTOMER_USER else None
                user = User(uid, user_name, user_name, display, phone, roles, None)
                tx.insert_user(user, hash_password_shared(password))
            for rid, role in assignments:
                tx.add_restaurant_role(uid, rid, role)

"""Demo seed (contract B2): restaurants with fixed ids, accounts, menus. Idempotent."""

from __future__ import annotations

import uuid

from kds.server.menus import MENUS
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
            tx.add_restaurant(
                Restaurant(
                    rid, slug, name, logo, "USD", True, street, city, "", country, "", lat, lon
                )
            )
            for index, (item_name, price, groups) in enumerate(MENUS[slug]):
                item_id = str(uuid.uuid5(uuid.UUID(rid), f"menu-{index}"))
                tx.add_menu_item(
                    rid, MenuItem(item_id, item_name, round(price * 100), None, groups)
                )
        for user_name, display, password, roles, assignments in accounts():
            uid = _user_id(user_name)
            if not tx.user_exists(uid):
                phone = "+84901234567" if user_name == CUSTOMER_USER else None
                user = User(uid, user_name, user_name, display, phone, roles, None)
                tx.insert_user(user, hash_password_shared(password))
            for rid, role in assignments:
                tx.add_restaurant_role(uid, rid, role)

"""SQL for restaurants and their menu items (written by the demo seed, read by the routes)."""

from __future__ import annotations

import json
import sqlite3

from kds.server.records import MenuItem, Restaurant
from kds.server.store.connection import Connection, record_of


def _restaurant_of(row: sqlite3.Row) -> Restaurant:
    return record_of(
        Restaurant,
        row,
        is_accepting=bool(row["is_accepting"]),
        cuisine_tags=tuple(json.loads(row["cuisine_tags"])),
    )


_ITEM_COLUMNS = (
    "id, name, price_cents, image_url, groups, description, category, tags, is_available"
)


def _menu_item_of(row: sqlite3.Row) -> MenuItem:
    return MenuItem(
        row["id"],
        row["name"],
        row["price_cents"],
        row["image_url"],
        [(name, [(c[0], c[1]) for c in choices]) for name, choices in json.loads(row["groups"])],
        row["description"],
        row["category"],
        tuple(json.loads(row["tags"])),
        bool(row["is_available"]),
    )


class CatalogRows(Connection):
    """Restaurants and menus; inside `transaction()` they run in that transaction."""

    def restaurant(self, restaurant_id: str) -> Restaurant | None:
        return self.one_of(
            _restaurant_of, "SELECT * FROM restaurants WHERE id = ?", (restaurant_id,)
        )

    def first_restaurant_id(self, preferred_slug: str) -> str | None:
        """The restaurant with that slug if there is one, else the lowest id."""
        row = self.one("SELECT id FROM restaurants ORDER BY slug = ? DESC, id", (preferred_slug,))
        return None if row is None else str(row["id"])

    def accepting_restaurant_ids(self) -> list[str]:
        rows = self.all("SELECT id FROM restaurants WHERE is_accepting = 1 ORDER BY id")
        return [row["id"] for row in rows]

    def set_accepting(self, restaurant_id: str, accepting: bool) -> bool:
        """False when there is no such restaurant."""
        return bool(
            self.execute(
                "UPDATE restaurants SET is_accepting = ? WHERE id = ?",
                (int(accepting), restaurant_id),
            )
        )

    def update_restaurant_profile(self, restaurant: Restaurant) -> None:
        """Rewrite what the seed says about a restaurant (name, currency, address, public info);
        whether it is accepting orders (a change made at run time) is kept."""
        # column names are this module's constants; every value is a bound parameter
        assignments = ", ".join(f"{column} = ?" for column in _PROFILE_COLUMNS)
        self.execute(
            f"UPDATE restaurants SET {assignments} WHERE id = ?",
            (*_profile_values(restaurant), restaurant.id),
        )

    def add_restaurant(self, restaurant: Restaurant) -> None:
        """Idempotent: an existing restaurant (and its changes) is kept."""
        columns = ("id", "is_accepting", *_PROFILE_COLUMNS)
        marks = ", ".join("?" for _ in columns)
        self.execute(
            f"INSERT OR IGNORE INTO restaurants ({', '.join(columns)}) VALUES ({marks})",
            (restaurant.id, int(restaurant.is_accepting), *_profile_values(restaurant)),
        )

    def menu_items(self, restaurant_id: str) -> list[MenuItem]:
        """The restaurant's menu in the order it was written."""
        rows = self.all(
            f"SELECT {_ITEM_COLUMNS} FROM menu_items WHERE restaurant_id = ? ORDER BY rowid",
            (restaurant_id,),
        )
        return [_menu_item_of(row) for row in rows]

    def menu_item(self, item_id: str) -> tuple[str, MenuItem] | None:
        """(its restaurant id, the item), or None when no restaurant has that item."""
        row = self.one(
            f"SELECT restaurant_id, {_ITEM_COLUMNS} FROM menu_items WHERE id = ?", (item_id,)
        )
        return None if row is None else (str(row["restaurant_id"]), _menu_item_of(row))

    def set_item_available(self, item_id: str, available: bool, at_us: int) -> bool:
        """Mark an item available or sold out; False when there is no such item."""
        return bool(
            self.execute(
                "UPDATE menu_items SET is_available = ?, availability_us = ? WHERE id = ?",
                (int(available), at_us, item_id),
            )
        )

    def add_menu_item(self, restaurant_id: str, item: MenuItem) -> None:
        """Idempotent: an existing item (and its availability) is kept."""
        self.execute(
            "INSERT OR IGNORE INTO menu_items (id, restaurant_id, name, price_cents, image_url,"
            " groups, description, category, tags, is_available)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.id,
                restaurant_id,
                item.name,
                item.price_cents,
                item.image_url,
                json.dumps(item.groups),
                item.description,
                item.category,
                json.dumps(list(item.tags), ensure_ascii=False),
                int(item.is_available),
            ),
        )

    def replace_menu(self, restaurant_id: str, items: list[MenuItem], same: set[str]) -> None:
        """The restaurant's menu becomes `items`, in that order (call inside a transaction).

        An item whose id is in `same` (the same dish as the old row of that id) keeps its
        availability and when it changed; every other old row of the restaurant is deleted.
        Orders are not touched: their lines carry their own names and prices.
        """
        kept = {
            row["id"]: (row["is_available"], row["availability_us"])
            for row in self.all(
                "SELECT id, is_available, availability_us FROM menu_items WHERE restaurant_id = ?",
                (restaurant_id,),
            )
        }
        self.execute("DELETE FROM menu_items WHERE restaurant_id = ?", (restaurant_id,))
        for item in items:
            self.add_menu_item(restaurant_id, item)
            if item.id in same and item.id in kept:
                available, at_us = kept[item.id]
                self.execute(
                    "UPDATE menu_items SET is_available = ?, availability_us = ? WHERE id = ?",
                    (available, at_us, item.id),
                )

    def menu_item_ids_in_orders(self, restaurant_id: str) -> set[str]:
        """Every `menuItemId` a line of one of the restaurant's orders names."""
        rows = self.all(
            "SELECT DISTINCT json_extract(line.value, '$.menuItemId') AS id"
            " FROM orders, json_each(orders.items) AS line WHERE orders.restaurant_id = ?",
            (restaurant_id,),
        )
        return {str(row["id"]) for row in rows if row["id"] is not None}

    def seed_version(self) -> int:
        """The version of the demo seed this database was last written by; 0 when none was."""
        row = self.one("SELECT value FROM meta WHERE key = 'seed_version'")
        return 0 if row is None else int(row["value"])

    def set_seed_version(self, version: int) -> None:
        self.execute(
            "INSERT INTO meta (key, value) VALUES ('seed_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(version),),
        )


_PROFILE_COLUMNS = (
    "slug", "name", "logo_url", "currency", "street", "city", "state", "country",
    "postal_code", "lat", "lon", "description", "cuisine_type", "cuisine_tags", "phone",
    "email", "business_hours", "established_us",
)  # fmt: skip
"""What the seed says of a restaurant: every column but its id and the run-time pause switch."""


def _profile_values(restaurant: Restaurant) -> tuple[object, ...]:
    """`restaurant`'s values for `_PROFILE_COLUMNS`, in that order."""
    return (
        restaurant.slug,
        restaurant.name,
        restaurant.logo_url,
        restaurant.currency,
        restaurant.street,
        restaurant.city,
        restaurant.state,
        restaurant.country,
        restaurant.postal_code,
        restaurant.lat,
        restaurant.lon,
        restaurant.description,
        restaurant.cuisine_type,
        json.dumps(list(restaurant.cuisine_tags), ensure_ascii=False),
        restaurant.phone,
        restaurant.email,
        restaurant.business_hours,
        restaurant.established_us,
    )

"""Stable ids for customization groups and choices (the seed stores them by name only)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any


def group_id(menu_item_id: str, group_name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(menu_item_id), f"group:{group_name}"))


def choice_id(group: str, choice_name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(group), f"choice:{choice_name}"))


def menu(conn: sqlite3.Connection, restaurant_id: str) -> list[dict[str, Any]]:
    """The restaurant's menu with ids: what `POST /api/v1/orders/initiate` refers to."""
    items = []
    for row in conn.execute(
        "SELECT id, name, price_cents, image_url, groups FROM menu_items"
        " WHERE restaurant_id = ? ORDER BY rowid",
        (restaurant_id,),
    ):
        groups = []
        for name, choices in json.loads(row["groups"]):
            gid = group_id(row["id"], name)
            groups.append(
                {
                    "customizationGroupId": gid,
                    "name": name,
                    "choices": [
                        {"choiceId": choice_id(gid, choice), "name": choice, "priceAdjustment": adj}
                        for choice, adj in choices
                    ],
                }
            )
        items.append(
            {
                "menuItemId": row["id"],
                "name": row["name"],
                "price": row["price_cents"] / 100,
                "imageUrl": row["image_url"],
                "customizationGroups": groups,
            }
        )
    return items

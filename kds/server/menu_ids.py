"""Stable ids for customization groups and choices (the seed stores them by name only)."""

from __future__ import annotations

import uuid
from typing import Any

from kds.server.records import MenuItem


def group_id(menu_item_id: str, group_name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(menu_item_id), f"group:{group_name}"))


def choice_id(group: str, choice_name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(group), f"choice:{choice_name}"))


def menu(menu_items: list[MenuItem]) -> list[dict[str, Any]]:
    """A restaurant's menu with ids: what `POST /api/v1/orders/initiate` refers to."""
    items = []
    for item in menu_items:
        groups = []
        for name, choices in item.groups:
            gid = group_id(item.id, name)
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
                "menuItemId": item.id,
                "name": item.name,
                "price": item.price_cents / 100,
                "imageUrl": item.image_url,
                "customizationGroups": groups,
            }
        )
    return items

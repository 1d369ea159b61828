"""Menu documents and decoded menus as `kds-server` builds them for its seed restaurants."""

from __future__ import annotations

from typing import Any

from kds.core.menu import Menu, decode_menu
from kds.server.menu_view import document
from kds.server.records import Restaurant
from kds.server.seed import CURRENCIES, RESTAURANT_IDS, menu_items

__all__ = ["REBUILT_US", "menu_document", "seed_menu"]

REBUILT_US = 1_757_845_330_123_456  # 2025-09-14T10:22:10.123456Z


def menu_document(slug: str = "pho-hanoi") -> dict[str, Any]:
    """The menu document exactly as kds-server builds it for a seed restaurant."""
    rid = RESTAURANT_IDS[slug]
    restaurant = Restaurant(
        rid, slug, slug, None, CURRENCIES[slug], True, None, None, None, None, None, None, None
    )
    return document(restaurant, menu_items(slug), REBUILT_US)


def seed_menu(slug: str = "pho-hanoi") -> Menu:
    return decode_menu(menu_document(slug))

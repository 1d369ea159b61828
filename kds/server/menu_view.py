"""The public menu document (contract 4.1a) and the read model that serves it behind a cache.

The real backend serves the menu from a read model rebuilt after menu events, and caches the
query for five minutes, so an item marked sold out can take that long to show in the document.
`MenuReadModel` reproduces that lag on purpose (`--menu-cache-s`, default 300 s): a client
must reconcile on `lastRebuiltAt` rather than expect the document to follow every change.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kds.server.clock import format_ts, now_us
from kds.server.menu_ids import group_id
from kds.server.menus import MULTI_CHOICE_GROUPS, TAGS
from kds.server.records import MenuItem, Restaurant


def menu_id(restaurant_id: str) -> str:
    return str(uuid.uuid5(uuid.UUID(restaurant_id), "menu"))


def category_id(restaurant_id: str, name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(restaurant_id), f"category:{name}"))


def tag_id(restaurant_id: str, name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(restaurant_id), f"tag:{name}"))


def _money(cents: int | float, currency: str) -> dict[str, Any]:
    return {"amount": cents / 100, "currency": currency}


def _group(gid: str, name: str, choices: list[tuple[str, float | None]], currency: str) -> Any:
    multi = name in MULTI_CHOICE_GROUPS
    return {
        "id": gid,
        "name": name,
        "min": 0 if multi else 1,
        "max": len(choices) if multi else 1,
        "options": [
            {
                "id": str(uuid.uuid5(uuid.UUID(gid), f"choice:{choice}")),
                "name": choice,
                "priceDelta": {"amount": adjust or 0, "currency": currency},
                "isDefault": not multi and index == 0,
                "displayOrder": index + 1,
            }
            for index, (choice, adjust) in enumerate(choices)
        ],
    }


def document(restaurant: Restaurant, items: list[MenuItem], rebuilt_us: int) -> dict[str, Any]:
    """The menu document of one restaurant, keys in the contract's order.

    Categories keep the order they were first written in (`displayOrder`); `itemOrder` sorts
    by name as the real rebuilder does. The legend lists the tags the items use.
    """
    rid, currency = restaurant.id, restaurant.currency
    category_names: list[str] = []
    for item in items:
        if item.category not in category_names:
            category_names.append(item.category)
    categories: dict[str, Any] = {}
    for order, name in enumerate(category_names, start=1):
        members = sorted((i for i in items if i.category == name), key=lambda i: i.name)
        categories[category_id(rid, name)] = {
            "id": category_id(rid, name),
            "name": name,
            "displayOrder": order,
            "itemOrder": [i.id for i in members],
        }
    by_id: dict[str, Any] = {}
    groups: dict[str, Any] = {}
    legend: dict[str, Any] = {}
    for item in items:
        item_groups = []
        for order, (name, choices) in enumerate(item.groups, start=1):
            gid = group_id(item.id, name)
            groups[gid] = _group(gid, name, choices, currency)
            item_groups.append({"groupId": gid, "displayTitle": name, "displayOrder": order})
        for tag in item.tags:
            legend[tag_id(rid, tag)] = {"name": tag, "category": TAGS.get(tag, "Dietary")}
        by_id[item.id] = {
            "id": item.id,
            "categoryId": category_id(rid, item.category),
            "name": item.name,
            "description": item.description,
            "price": _money(item.price_cents, currency),
            "imageUrl": item.image_url,
            "isAvailable": item.is_available,
            "dietaryTagIds": [tag_id(rid, tag) for tag in item.tags],
            "customizationGroups": item_groups,
        }
    return {
        "version": 1,
        "restaurantId": rid,
        "menuId": menu_id(rid),
        "menuName": f"{restaurant.name} Menu",
        "menuDescription": restaurant.description,
        "menuEnabled": True,
        "lastRebuiltAt": format_ts(rebuilt_us),
        "currency": currency,
        "categories": {"order": list(categories), "byId": categories},
        "items": {"byId": by_id},
        "customizationGroups": {"byId": groups},
        "tagLegend": {"byId": legend},
    }


@dataclass(frozen=True)
class MenuView:
    """One rebuilt document and when it was rebuilt (µs, UTC)."""

    body: dict[str, Any]
    rebuilt_us: int


@dataclass
class _Cached:
    view: MenuView
    fetched_at: float  # monotonic seconds


class MenuReadModel:
    """Serves each restaurant's document from a cache that is refreshed every `cache_s`.

    On a refresh the document is rebuilt from the store; when nothing in it changed, the
    cached view (its `lastRebuiltAt`, hence its ETag) is kept, so revalidation keeps giving
    304 until the menu really changes. `monotonic` and `wall_us` are injectable for tests.
    """

    def __init__(
        self,
        cache_s: float,
        monotonic: Callable[[], float] = time.monotonic,
        wall_us: Callable[[], int] = now_us,
    ) -> None:
        self.cache_s = cache_s
        self._monotonic = monotonic
        self._wall_us = wall_us
        self._cache: dict[str, _Cached] = {}

    def view(self, restaurant: Restaurant, load: Callable[[], list[MenuItem]]) -> MenuView:
        """The restaurant's current view; `load` reads its items from the store when due."""
        now = self._monotonic()
        cached = self._cache.get(restaurant.id)
        if cached is not None and now - cached.fetched_at < self.cache_s:
            return cached.view
        rebuilt_us = self._wall_us()
        fresh = document(restaurant, load(), rebuilt_us)
        if cached is not None and _same(cached.view.body, fresh):
            cached.fetched_at = now
            return cached.view
        view = MenuView(fresh, rebuilt_us)
        self._cache[restaurant.id] = _Cached(view, now)
        return view


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Equal but for `lastRebuiltAt`."""
    return {**old, "lastRebuiltAt": None} == {**new, "lastRebuiltAt": None}

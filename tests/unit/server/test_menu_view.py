"""The menu read model: the document of contract 4.1a and its cache lag, on an injected clock."""

from __future__ import annotations

from kds.server.menu_view import MenuReadModel, document
from kds.server.records import MenuItem
from kds.server.seed import RESTAURANT_IDS, menu_items, seed_demo
from kds.server.store import SqliteStore


class Clock:
    def __init__(self) -> None:
        self.now_s = 100.0

    def monotonic(self) -> float:
        return self.now_s

    def wall_us(self) -> int:
        return int(self.now_s * 1_000_000)


def _store() -> SqliteStore:
    store = SqliteStore(":memory:")
    seed_demo(store)
    return store


def test_a_change_shows_only_after_the_cache_time() -> None:
    store, clock = _store(), Clock()
    rid = RESTAURANT_IDS["pho-hanoi"]
    restaurant = store.restaurant(rid)
    assert restaurant is not None
    model = MenuReadModel(300, clock.monotonic, clock.wall_us)
    first = model.view(restaurant, lambda: store.menu_items(rid))
    item = menu_items("pho-hanoi")[0].id
    store.set_item_available(item, False, clock.wall_us())
    clock.now_s += 299
    assert model.view(restaurant, lambda: store.menu_items(rid)) is first
    clock.now_s += 1
    later = model.view(restaurant, lambda: store.menu_items(rid))
    assert later.body["items"]["byId"][item]["isAvailable"] is False
    assert later.rebuilt_us > first.rebuilt_us
    assert later.body["lastRebuiltAt"] > first.body["lastRebuiltAt"]


def test_an_unchanged_menu_keeps_its_rebuild_time() -> None:
    """So its ETag stays and revalidation keeps answering 304."""
    store, clock = _store(), Clock()
    rid = RESTAURANT_IDS["sushi-ko"]
    restaurant = store.restaurant(rid)
    assert restaurant is not None
    model = MenuReadModel(5, clock.monotonic, clock.wall_us)
    first = model.view(restaurant, lambda: store.menu_items(rid))
    clock.now_s += 60
    assert model.view(restaurant, lambda: store.menu_items(rid)) is first


def test_document_orders_and_keys() -> None:
    store = _store()
    rid = RESTAURANT_IDS["bella-napoli"]
    restaurant = store.restaurant(rid)
    assert restaurant is not None
    items = [
        MenuItem("00000000-0000-4000-8000-000000000002", "Zuppa", 500, None, [], category="B"),
        MenuItem("00000000-0000-4000-8000-000000000001", "Acqua", 200, None, [], category="B"),
        MenuItem(
            "00000000-0000-4000-8000-000000000003",
            "Pizza",
            900,
            None,
            [("Toppings", [("Olives", 0.5)]), ("Size", [("S", None), ("L", 2.0)])],
            category="A",
            tags=("Dairy",),
        ),
    ]
    body = document(restaurant, items, 0)
    by_id = body["categories"]["byId"]
    assert [by_id[c]["name"] for c in body["categories"]["order"]] == ["B", "A"]
    first = by_id[body["categories"]["order"][0]]
    assert first["itemOrder"] == [items[1].id, items[0].id]  # by name
    pizza = body["items"]["byId"][items[2].id]
    assert pizza["price"] == {"amount": 9.0, "currency": restaurant.currency}
    [tag] = pizza["dietaryTagIds"]
    assert body["tagLegend"]["byId"][tag] == {"name": "Dairy", "category": "Allergen"}
    groups = body["customizationGroups"]["byId"]
    toppings, size = (groups[g["groupId"]] for g in pizza["customizationGroups"])
    assert (toppings["min"], toppings["max"]) == (0, 1)
    assert (size["min"], size["max"]) == (1, 1)
    assert [o["isDefault"] for o in size["options"]] == [True, False]
    assert body["lastRebuiltAt"] == "1970-01-01T00:00:00Z"

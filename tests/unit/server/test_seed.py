"""The demo seed (contract B2): Pho Hanoi in VND with Vietnamese names, kitchen categories,
Allergen and Dietary tags on every restaurant, and availability that survives a re-seed."""

from __future__ import annotations

from kds.server.menus import TAGS
from kds.server.seed import RESTAURANT_IDS, seed_demo
from kds.server.store import SqliteStore


def _seeded() -> SqliteStore:
    store = SqliteStore(":memory:")
    seed_demo(store)
    return store


def test_pho_hanoi_is_vietnamese_and_priced_in_vnd() -> None:
    store = _seeded()
    rid = RESTAURANT_IDS["pho-hanoi"]
    restaurant = store.restaurant(rid)
    assert restaurant is not None
    assert restaurant.currency == "VND"
    items = store.menu_items(rid)
    names = {item.name for item in items}
    assert {"Phở bò tái", "Bún chả Hà Nội", "Cà phê sữa đá", "Trà đá"} <= names
    assert all("(" not in name for name in names)  # no English glosses
    assert {"Món chính", "Đồ uống & Khác", "Ăn thêm"} <= {item.category for item in items}
    assert all(item.price_cents % 100_000 == 0 for item in items)  # whole thousands of đồng
    tags = {tag for item in items for tag in item.tags}
    assert TAGS["Đậu phộng"] == TAGS["Hải sản có vỏ"] == "Allergen"
    assert {"Đậu phộng", "Hải sản có vỏ", "Chay"} <= tags


def test_every_restaurant_has_stations_and_allergen_and_dietary_tags() -> None:
    store = _seeded()
    currencies = set()
    for slug, rid in RESTAURANT_IDS.items():
        restaurant = store.restaurant(rid)
        assert restaurant is not None
        currencies.add(restaurant.currency)
        items = store.menu_items(rid)
        assert 10 <= len(items) <= 20, slug
        assert 3 <= len({item.category for item in items}) <= 6, slug
        kinds = [TAGS[tag] for tag in {tag for item in items for tag in item.tags}]
        assert kinds.count("Allergen") >= 2, slug
        assert "Dietary" in kinds, slug
        assert all(item.is_available for item in items)
    assert len(currencies) >= 2


def test_reseeding_keeps_an_item_sold_out() -> None:
    store = _seeded()
    item = store.menu_items(RESTAURANT_IDS["sushi-ko"])[0]
    assert store.set_item_available(item.id, False, 0)
    seed_demo(store)
    assert store.menu_items(RESTAURANT_IDS["sushi-ko"])[0].is_available is False
    assert not store.set_item_available("00000000-0000-4000-8000-00000000dead", False, 0)

"""A database written by an older kds-server (before the contract 4.1a / B2 seed: English menus
in USD, no categories, tags or public info) is brought up to the current seed on start: its
seed restaurants get the current profiles and menus, item ids stay where the dish is the same,
and its orders are not touched."""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import uuid
from pathlib import Path

import pytest

from kds.server.app import build_state
from kds.server.broadcast import NullBroadcaster
from kds.server.config import ServerConfig
from kds.server.domain import Line, NewOrder, create_order
from kds.server.menu_view import document
from kds.server.menus import TAGS
from kds.server.seed import RESTAURANT_IDS, SEED_VERSION, customer_id, menu_items, seed_demo
from kds.server.store import SqliteStore
from kds.server.store.schema import ADDED_COLUMNS

PHO = RESTAURANT_IDS["pho-hanoi"]

# What the first kds-server wrote: these two tables without the later columns, Pho Hanoi in
# USD with English glosses, each item's id its place in the menu.
OLD_SCHEMA = """
CREATE TABLE restaurants (
    id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, logo_url TEXT,
    currency TEXT NOT NULL, is_accepting INTEGER NOT NULL DEFAULT 1,
    street TEXT, city TEXT, state TEXT, country TEXT, postal_code TEXT, lat REAL, lon REAL
);
CREATE TABLE menu_items (
    id TEXT PRIMARY KEY, restaurant_id TEXT NOT NULL, name TEXT NOT NULL,
    price_cents INTEGER NOT NULL, image_url TEXT, groups TEXT NOT NULL DEFAULT '[]'
);
"""
OLD_MENUS = {
    "pho-hanoi": [
        "Phở bò tái (rare beef noodle soup)",
        "Phở gà (chicken noodle soup)",
        "Bún chả Hà Nội",
        "Bánh mì thịt (contains gluten)",
        "Gỏi cuốn (peanut sauce)",
        "Chả giò (fried spring rolls)",
        "Bún bò Huế",
        "Cơm tấm sườn",
        "Mì xào hải sản (shellfish)",
        "Bánh xèo (shrimp, shellfish)",
        "Cà phê sữa đá (dairy)",
        "Trà đá",
        "Chè ba màu (coconut)",
    ],
    "bella-napoli": ["Pizza Margherita (dairy, gluten)", "Tiramisu (egg, dairy)"],
    "sushi-ko": ["Salmon nigiri (fish)", "Miso soup (soy)"],
}


def old_id(slug: str, index: int) -> str:
    return str(uuid.uuid5(uuid.UUID(RESTAURANT_IDS[slug]), f"menu-{index}"))


def _old_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    for slug, rid in RESTAURANT_IDS.items():
        conn.execute(
            "INSERT INTO restaurants VALUES (?, ?, ?, ?, 'USD', 1, '', '', '', '', '', 0, 0)",
            (rid, slug, slug.title(), f"https://img.kds.example/{slug}/logo.png"),
        )
        for index, name in enumerate(OLD_MENUS[slug]):
            conn.execute(
                "INSERT INTO menu_items VALUES (?, ?, ?, 1150, NULL, '[]')",
                (old_id(slug, index), rid, name),
            )
    conn.commit()
    conn.close()


def _orders_of_the_old_server(path: Path) -> None:
    """Orders naming old items: what the old server had taken. Written through today's store,
    then the columns and table the old server did not have are dropped again."""
    store = SqliteStore(str(path))
    lines = [
        Line("Phở gà (chicken noodle soup)", 2, 1050, menu_item_id=old_id("pho-hanoi", 1)),
        Line("Bánh xèo (shrimp, shellfish)", 1, 950, menu_item_id=old_id("pho-hanoi", 9)),
        Line("Gỏi cuốn (peanut sauce)", 1, 650, menu_item_id=old_id("pho-hanoi", 4)),
    ]
    with store.transaction() as tx:
        create_order(tx, NewOrder(PHO, customer_id(), lines, note="no peanuts"), random.Random(1))
    for table, column, _ in ADDED_COLUMNS:
        store.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    store.execute("DROP TABLE meta")
    store.close()


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "kds-server.db"
    _old_database(path)
    _orders_of_the_old_server(path)
    return path


def _orders(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM orders ORDER BY id").fetchall()
    conn.close()
    return rows


def test_starting_on_an_old_database_upgrades_its_menus_and_keeps_its_orders(
    old_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    orders_before = _orders(old_db)
    assert len(orders_before) == 1
    with caplog.at_level(logging.INFO, logger="kds.server"):
        state = build_state(ServerConfig(db=str(old_db), seed="demo"), NullBroadcaster())
    store = state.store
    assert store.seed_version() == SEED_VERSION
    restaurant = store.restaurant(PHO)
    assert restaurant is not None
    assert (restaurant.currency, restaurant.cuisine_type) == ("VND", "Vietnamese")
    items = store.menu_items(PHO)
    assert [item.name for item in items] == [item.name for item in menu_items("pho-hanoi")]
    menu = document(restaurant, items, 0)
    assert {"Món chính", "Đồ uống & Khác", "Ăn thêm"} <= {
        c["name"] for c in menu["categories"]["byId"].values()
    }
    legend = {tag["name"]: tag["category"] for tag in menu["tagLegend"]["byId"].values()}
    assert {legend["Đậu phộng"], legend["Hải sản có vỏ"], legend["Chay"]} == {
        "Allergen",
        "Dietary",
    }
    assert all(item.category for item in items)
    by_name = {item.name: item for item in items}
    # The same dish keeps its id; orders naming it still find it.
    assert by_name["Phở gà"].id == old_id("pho-hanoi", 1)
    assert by_name["Trà đá"].id == old_id("pho-hanoi", 11)
    assert by_name["Bánh mì thịt"].id == old_id("pho-hanoi", 3)
    # An id an order names for a dish that is gone is never handed to another dish.
    ids = {item.id for item in items}
    assert old_id("pho-hanoi", 9) not in ids
    assert old_id("pho-hanoi", 4) not in ids
    for line in json.loads(orders_before[0][-1]):
        item = next((i for i in items if i.id == line["menuItemId"]), None)
        assert item is None or line["name"].startswith(item.name)
    assert len(ids) == len(items)
    # The other restaurants are upgraded too; orders are byte for byte what they were.
    for slug, rid in RESTAURANT_IDS.items():
        assert [i.name for i in store.menu_items(rid)] == [i.name for i in menu_items(slug)]
        assert all(TAGS[tag] for item in store.menu_items(rid) for tag in item.tags)
    assert _orders(old_db) == orders_before
    upgraded = [r.getMessage() for r in caplog.records if "seed v0 → v" in r.getMessage()]
    assert len(upgraded) == 3
    assert any("Pho Hanoi" in m and "currency USD → VND" in m for m in upgraded)
    assert any("added column menu_items.category" in r.getMessage() for r in caplog.records)
    store.close()


def test_a_second_start_changes_nothing(old_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    first = SqliteStore(str(old_db))
    seed_demo(first)
    menu = {rid: first.menu_items(rid) for rid in RESTAURANT_IDS.values()}
    first.close()
    again = SqliteStore(str(old_db))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kds.server"):
        seed_demo(again)
    assert {rid: again.menu_items(rid) for rid in RESTAURANT_IDS.values()} == menu
    assert not [r for r in caplog.records if "seed v" in r.getMessage()]
    again.close()


def test_a_fresh_database_gets_the_seed_ids_and_the_current_version(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "new.db"))
    seed_demo(store)
    assert store.seed_version() == SEED_VERSION
    for slug, rid in RESTAURANT_IDS.items():
        assert store.menu_items(rid) == menu_items(slug)
    store.close()


def test_a_database_of_the_current_seed_without_a_version_keeps_ids_and_sold_out_items(
    tmp_path: Path,
) -> None:
    """Written by the kds-server just before seeding was versioned: nothing to change."""
    path = str(tmp_path / "unversioned.db")
    store = SqliteStore(path)
    seed_demo(store)
    sold_out = store.menu_items(PHO)[4]
    assert store.set_item_available(sold_out.id, False, 123)
    store.execute("DELETE FROM meta")
    before = {rid: store.menu_items(rid) for rid in RESTAURANT_IDS.values()}
    store.close()
    again = SqliteStore(path)
    assert again.seed_version() == 0
    seed_demo(again)
    assert {rid: again.menu_items(rid) for rid in RESTAURANT_IDS.values()} == before
    assert again.menu_items(PHO)[4].is_available is False
    row = again.one("SELECT availability_us FROM menu_items WHERE id = ?", (sold_out.id,))
    assert row is not None
    assert row["availability_us"] == 123
    assert again.seed_version() == SEED_VERSION
    again.close()

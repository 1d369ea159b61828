"""The simulator's orders (contract B2): only items on sale, real menuItemIds, the
restaurant's currency."""

from __future__ import annotations

import random

from kds.server.seed import RESTAURANT_IDS, seed_demo
from kds.server.simulator import Simulator
from kds.server.store import SqliteStore


def test_simulated_orders_use_only_items_on_sale() -> None:
    store = SqliteStore(":memory:")
    seed_demo(store)
    rid = RESTAURANT_IDS["pho-hanoi"]
    menu = store.menu_items(rid)
    on_sale = {item.id for item in menu[:3]}
    for item in menu[3:]:
        store.set_item_available(item.id, False, 0)
    simulator = Simulator(store, store.transaction, random.Random(11))
    for _ in range(40):
        placed = simulator.place_random(rid)
        order = store.order(placed["orderId"])
        assert order is not None
        assert order.currency == "VND"
        assert {line["menuItemId"] for line in order.items} <= on_sale

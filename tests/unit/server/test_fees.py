"""Fees and tips of generated orders are sized for their currency: whole đồng of a realistic
size for VND, the unchanged cents-sized amounts for USD."""

from __future__ import annotations

import random
from dataclasses import replace

from kds.server.domain import NewOrder, create_order
from kds.server.fees import delivery_fee_c, random_tip_c, whole_units_c
from kds.server.ordergen import random_lines, random_order
from kds.server.seed import RESTAURANT_IDS, customer_id, menu_items, seed_demo
from kds.server.simulator import Simulator
from kds.server.store import SqliteStore

DONG = 100  # the stored amounts are hundredths of the currency, in VND too


def test_vnd_fees_and_tips_are_whole_dong_of_a_plausible_size() -> None:
    assert 15_000 * DONG <= delivery_fee_c("VND") <= 25_000 * DONG
    rng = random.Random(5)
    tips = {random_tip_c("VND", rng) for _ in range(500)}
    assert 0 in tips
    assert all(tip == 0 or 10_000 * DONG <= tip <= 20_000 * DONG for tip in tips)
    assert all(tip % (1000 * DONG) == 0 for tip in tips)


def test_usd_amounts_are_unchanged() -> None:
    assert delivery_fee_c("USD") == 200
    rng = random.Random(5)
    assert {random_tip_c("USD", rng) for _ in range(500)} == {0, 100, 200, 300}
    assert whole_units_c(1234, "USD") == 1234
    assert delivery_fee_c("EUR") == 200  # a currency with cents is sized as USD


def test_simulated_vnd_orders_carry_vnd_sized_fees_tips_and_tax() -> None:
    store = SqliteStore(":memory:")
    seed_demo(store)
    simulator = Simulator(store, store.transaction, random.Random(11))
    tips = set()
    for _ in range(60):
        placed = simulator.place_random(RESTAURANT_IDS["pho-hanoi"])
        order = store.order(placed["orderId"])
        assert order is not None
        assert order.currency == "VND"
        assert 15_000 * DONG <= order.delivery_fee_c <= 25_000 * DONG
        assert order.tip_c == 0 or 10_000 * DONG <= order.tip_c <= 20_000 * DONG
        for amount in (order.delivery_fee_c, order.tip_c, order.tax_c, order.total_c):
            assert amount % DONG == 0  # whole đồng
        tips.add(order.tip_c)
    assert len(tips) > 1


def test_usd_orders_keep_cents_sized_fees_and_tips() -> None:
    store = SqliteStore(":memory:")
    seed_demo(store)
    rng = random.Random(3)
    rid = RESTAURANT_IDS["bella-napoli"]
    for _ in range(30):
        new = random_order(rid, menu_items("bella-napoli"), customer_id(), rng, currency="USD")
        assert new.tip_c in (0, 100, 200, 300)
        with store.transaction() as tx:
            order = create_order(tx, new, rng)
        assert order.delivery_fee_c == 200
        assert order.tax_c == round(order.subtotal_c * 8 / 100)


def test_an_empty_vnd_menu_gives_a_free_text_line_priced_in_dong() -> None:
    menu = [replace(item, is_available=False) for item in menu_items("pho-hanoi")]
    [line] = random_lines(menu, random.Random(1), currency="VND")
    assert 20_000 * DONG <= line.unit_price_c <= 200_000 * DONG
    [usd] = random_lines(menu, random.Random(1))
    assert usd.unit_price_c == 1000


def test_a_dev_order_in_vnd_gets_a_dong_sized_fee() -> None:
    store = SqliteStore(":memory:")
    seed_demo(store)
    rid = RESTAURANT_IDS["pho-hanoi"]
    new = NewOrder(rid, customer_id(), random_lines(store.menu_items(rid), random.Random(2)))
    with store.transaction() as tx:
        order = create_order(tx, replace(new, currency="VND"), random.Random(2))
    assert order.delivery_fee_c == delivery_fee_c("VND")

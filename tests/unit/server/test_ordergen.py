"""Simulated orders (contract B2): only items on sale, each line with its real menuItemId."""

from __future__ import annotations

import random
from dataclasses import replace

from kds.server.menus import NOTES, NOTES_VI
from kds.server.ordergen import random_lines, random_order
from kds.server.seed import menu_items


def test_only_available_items_are_ordered_with_their_menu_item_ids() -> None:
    menu = menu_items("pho-hanoi")
    sold_out = {item.id for item in menu[::2]}
    marked = [replace(item, is_available=item.id not in sold_out) for item in menu]
    by_id = {item.id: item for item in marked}
    rng = random.Random(7)
    for _ in range(300):
        for line in random_lines(marked, rng):
            assert line.menu_item_id in by_id
            assert line.menu_item_id not in sold_out
            item = by_id[line.menu_item_id]
            assert (line.name, line.unit_price_c) == (item.name, item.price_cents)


def test_nothing_on_sale_gives_a_free_text_line() -> None:
    menu = [replace(item, is_available=False) for item in menu_items("sushi-ko")]
    [line] = random_lines(menu, random.Random(1))
    assert line.menu_item_id is None  # create_order gives it an id that is in no menu


def test_orders_carry_the_restaurant_currency() -> None:
    order = random_order("r", menu_items("pho-hanoi"), "c", random.Random(3), currency="VND")
    assert order.currency == "VND"


def test_a_hanoi_kitchens_orders_carry_vietnamese_notes_and_others_english_ones() -> None:
    """A VND restaurant's customers write Vietnamese (contract §4.1a), some without diacritics."""
    rng = random.Random(3)
    pho = menu_items("pho-hanoi")
    notes = {random_order("r", pho, "c", rng, currency="VND").note for _ in range(300)} - {""}
    assert notes == set(NOTES_VI)
    sushi = menu_items("sushi-ko")
    notes = {random_order("r", sushi, "c", rng).note for _ in range(300)} - {""}
    assert notes == set(NOTES)

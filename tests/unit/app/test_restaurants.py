"""Which restaurant opens by itself at sign-in: the configured one, the last one, the only one."""

from __future__ import annotations

from kds.app.restaurants import Restaurant, restaurant_to_open

PHO = Restaurant("a1", "Pho Hanoi", "RestaurantOwner")
BELLA = Restaurant("b2", "Bella Napoli", "RestaurantStaff")


def test_the_configured_restaurant_wins_by_id_or_name() -> None:
    assert restaurant_to_open([PHO, BELLA], "b2", "a1") == "b2"
    assert restaurant_to_open([PHO, BELLA], "  bella napoli ", "a1") == "b2"


def test_else_the_one_shown_last_else_the_only_one_else_the_cook_chooses() -> None:
    assert restaurant_to_open([PHO, BELLA], "Nowhere", "a1") == "a1"
    assert restaurant_to_open([PHO, BELLA], None, None) is None
    assert restaurant_to_open([BELLA], None, "gone") == "b2"
    assert restaurant_to_open([], "Pho Hanoi", "a1") is None

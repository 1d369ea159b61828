"""A hostile order number (issue 19): cut where it is shown whole, cheap where it is shortened."""

from __future__ import annotations

from kds.ui.text import MAX_NUMBER_SHOWN, distinct_digits, long_number_text, short_number


def test_a_hostile_order_number_is_cut_where_it_is_shown_whole() -> None:
    number = "ORD-" + "9" * 1_000_000
    shown = long_number_text(number)
    assert len(shown) < 200
    assert "more characters not shown" in shown
    assert short_number(number) == "9999"
    # two such numbers differing only far back: the board shows at most the cap's digits
    assert distinct_digits([number, "ORD-8" + "9" * 999_999]) == MAX_NUMBER_SHOWN


def test_a_real_order_number_is_shown_whole() -> None:
    number = "ORD-20250914-102210-123-4567"
    assert long_number_text(number).replace("\u200b", "") == number

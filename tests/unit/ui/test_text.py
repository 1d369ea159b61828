"""Ticket wording: short numbers, allergy words, payment text (no widgets, no markup)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kds.core.ticket import Ticket
from kds.ui.text import (
    STATUS_CHIP,
    allergy_matches,
    band_meta_text,
    distinct_digits,
    has_allergy_word,
    long_number_text,
    payment_text,
    short_number,
)
from tests.support.sample_orders import sample_order
from tests.support.ui_fakes import RESTAURANT

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_short_number_is_the_last_four_digits() -> None:
    assert short_number("ORD-20250914-102210-123-4567") == "4567"
    assert short_number("ORD-20250914-102210-1234") == "1234"
    assert short_number("ORD-7") == "7"
    assert short_number("no digits") == "gits"


@given(st.text())
def test_short_number_never_fails_and_is_short(number: str) -> None:
    assert 1 <= len(short_number(number)) <= 4


def test_allergy_words_are_found_as_whole_words() -> None:
    text = "No peanuts <b>please</b> — Allergy!"
    assert [text[a:b] for a, b in allergy_matches(text)] == ["peanuts", "Allergy"]
    assert has_allergy_word("gluten free")
    assert not has_allergy_word("ring the bell twice")
    assert not has_allergy_word("peanutbutter-free zone")  # whole words only


def _ticket(online: bool) -> Ticket:
    detail = sample_order(random.Random(1), RESTAURANT, NOW, online=online)
    return Ticket(
        detail.order_id, detail.order_number, detail.status, NOW, NOW, None, None, NOW, detail
    )


def test_payment_text_says_paid_or_cash_to_collect() -> None:
    paid = _ticket(online=True)
    assert payment_text(paid.detail, paid) == "PAID ONLINE"
    cash = _ticket(online=False)
    assert cash.detail is not None
    expected = f"CASH {cash.detail.cash_on_delivery_amount:.2f} USD"
    assert payment_text(cash.detail, cash) == expected
    assert cash.detail.cash_on_delivery_amount > Decimal(0)
    pending = Ticket("x", "ORD-1", cash.status, None, None, None, None, NOW)
    assert payment_text(None, pending) == ""


def test_the_band_has_status_and_payment_words_and_the_long_number_wraps() -> None:
    ticket = _ticket(online=True)
    assert STATUS_CHIP[ticket.status] == "★ NEW"  # icon + word, never colour alone
    band = band_meta_text(ticket)
    assert band == "PAID ONLINE"
    assert "TEAMCART" not in band
    number = long_number_text(ticket.order_number)
    assert number.startswith("ORD-\u200b")
    assert number.replace("\u200b", "") == ticket.order_number


def test_distinct_digits_grows_until_the_numbers_differ() -> None:
    same_tail = ["ORD-20261207-101010-123-4567", "ORD-20261207-101010-124-4567"]
    assert distinct_digits(same_tail) == 5
    assert {short_number(n, 5) for n in same_tail} == {"34567", "44567"}
    assert distinct_digits(["ORD-1-4567", "ORD-2-9999"]) == 4
    assert distinct_digits(["ORD-1-4567"]) == 4
    assert distinct_digits(["A-4567", "A-4567"]) == 4  # the same number twice: nothing to tell

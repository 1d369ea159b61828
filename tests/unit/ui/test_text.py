"""Ticket wording: short numbers, allergy emphasis, payment text (no widgets)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kds.core.ticket import Ticket
from kds.ui.text import (
    STATUS_CHIP,
    band_meta_html,
    distinct_digits,
    emphasise_allergies,
    has_allergy_word,
    long_number_html,
    note_html,
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


def test_allergy_words_are_emphasised_and_text_escaped() -> None:
    out = emphasise_allergies("No peanuts <b>please</b> — Allergy!", "red")
    assert "PEANUTS" in out
    assert "ALLERGY" in out
    assert "&lt;b&gt;please&lt;/b&gt;" in out
    assert has_allergy_word("gluten free")
    assert not has_allergy_word("ring the bell twice")
    assert not has_allergy_word("peanutbutter-free zone")  # whole words only


@given(st.text())
def test_emphasis_never_lets_markup_through(note: str) -> None:
    out = emphasise_allergies(note, "red")
    stripped = out.replace('<b><span style="color:red">', "").replace("</span></b>", "")
    assert "<" not in stripped.replace("<br>", "")


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


def test_note_html_heads_an_allergy_and_is_empty_without_a_note() -> None:
    assert note_html("  \n ", "red") == ""
    assert note_html("Ring the bell", "red") == "<b>✎ NOTE:</b> Ring the bell"
    allergy = note_html(" No peanuts <please> ", "red")
    assert allergy.startswith("<b>⚠ ALLERGY — NOTE:</b> ")
    assert "PEANUTS" in allergy
    assert "&lt;please&gt;" in allergy


def test_the_band_has_status_and_payment_words_and_the_long_number_wraps() -> None:
    ticket = _ticket(online=True)
    assert STATUS_CHIP[ticket.status] == "★ NEW"  # icon + word, never colour alone
    band = band_meta_html(ticket)
    assert band == "<b>PAID ONLINE</b>"
    assert "TEAMCART" not in band
    number = long_number_html(ticket.order_number, "#abcdef")
    assert number.startswith('<span style="color:#abcdef">ORD-\u200b')


def test_distinct_digits_grows_until_the_numbers_differ() -> None:
    same_tail = ["ORD-20261207-101010-123-4567", "ORD-20261207-101010-124-4567"]
    assert distinct_digits(same_tail) == 5
    assert {short_number(n, 5) for n in same_tail} == {"34567", "44567"}
    assert distinct_digits(["ORD-1-4567", "ORD-2-9999"]) == 4
    assert distinct_digits(["ORD-1-4567"]) == 4
    assert distinct_digits(["A-4567", "A-4567"]) == 4  # the same number twice: nothing to tell

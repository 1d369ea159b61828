"""Ticket wording: short numbers, allergy words, payment text (no widgets, no markup), in
English and in Vietnamese."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from kds.app import i18n
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.ticket_caps import characters_cut_text as core_characters_cut_text
from kds.ui.text import (
    STATUS_CHIP,
    allergy_matches,
    band_meta_text,
    characters_cut_text,
    cut_shown,
    distinct_digits,
    has_allergy_word,
    long_number_text,
    payment_text,
    short_number,
    status_chip,
)
from tests.support.sample_orders import sample_order
from tests.support.ui_fakes import RESTAURANT

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
NBSP = "\u00a0"


@pytest.fixture
def english(qapp: QApplication) -> None:
    """English words and the English locale's money, whatever the machine's locale."""
    i18n.install("en")


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


def test_payment_text_says_paid_or_cash_to_collect(english: None) -> None:
    paid = _ticket(online=True)
    assert payment_text(paid.detail, paid) == "PAID ONLINE"
    cash = _ticket(online=False)
    assert cash.detail is not None
    assert cash.detail.cash_on_delivery_amount == Decimal("82.00")
    assert payment_text(cash.detail, cash) == "CASH $82.00"  # the order's currency, CLDR's way
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


def _paying(currency: str, cash: str, paid: str = "0") -> Ticket:
    ticket = _ticket(online=False)
    assert ticket.detail is not None
    detail = dataclasses.replace(
        ticket.detail,
        currency=currency,
        cash_on_delivery_amount=Decimal(cash),
        paid_online_amount=Decimal(paid),
    )
    return dataclasses.replace(ticket, detail=detail)


_CASH = [
    ("VND", "120000", "CASH ₫120,000", f"THU 120.000{NBSP}₫"),
    ("VND", "120000.00", "CASH ₫120,000", f"THU 120.000{NBSP}₫"),  # no minor units
    ("USD", "12.5", "CASH $12.50", f"THU 12,50{NBSP}US$"),
    ("EUR", "1234.5", "CASH €1,234.50", f"THU 1.234,50{NBSP}€"),
]


@pytest.mark.parametrize(("currency", "cash", "english_text", "vietnamese_text"), _CASH)
def test_cash_to_collect_is_in_the_orders_currency_the_english_way(
    english: None, currency: str, cash: str, english_text: str, vietnamese_text: str
) -> None:
    ticket = _paying(currency, cash)
    assert payment_text(ticket.detail, ticket) == english_text
    assert band_meta_text(ticket) == english_text


@pytest.mark.parametrize(("currency", "cash", "english_text", "vietnamese_text"), _CASH)
def test_cash_to_collect_in_vietnamese(
    vietnamese: None, currency: str, cash: str, english_text: str, vietnamese_text: str
) -> None:
    ticket = _paying(currency, cash)
    assert payment_text(ticket.detail, ticket) == vietnamese_text


def test_a_split_payment_and_a_paid_order_in_both_languages(qapp: QApplication) -> None:
    split = _paying("VND", "50000", paid="70000")
    paid = _paying("VND", "0", paid="120000")
    try:
        i18n.install("en")
        assert payment_text(split.detail, split) == "PAID ONLINE + CASH ₫50,000"
        assert payment_text(paid.detail, paid) == "PAID ONLINE"
        i18n.install("vi")
        assert payment_text(split.detail, split) == f"ĐÃ TRẢ ONLINE + THU 50.000{NBSP}₫"
        assert payment_text(paid.detail, paid) == "ĐÃ TRẢ ONLINE"
        nothing = _paying("VND", "0")  # a free order: nothing paid, nothing to collect
        assert payment_text(nothing.detail, nothing) == "ĐÃ TRẢ"
    finally:
        i18n.install("en")


def test_status_chips_are_short_in_vietnamese(vietnamese: None) -> None:
    chips = {status: status_chip(status) for status in STATUS_CHIP}
    assert chips == {
        OrderStatus.PLACED: "★ MỚI",
        OrderStatus.ACCEPTED: "✓ ĐÃ NHẬN",
        OrderStatus.PREPARING: "▶ ĐANG LÀM",
        OrderStatus.READY_FOR_DELIVERY: "✔ XONG",
    }
    assert status_chip(OrderStatus.CANCELLED) == OrderStatus.CANCELLED.value  # no chip: its name


def test_status_chips_in_english(english: None) -> None:
    assert [status_chip(s) for s in STATUS_CHIP] == list(STATUS_CHIP.values())


def test_teamcart_in_vietnamese(vietnamese: None) -> None:
    ticket = _paying("VND", "0", paid="120000")
    assert ticket.detail is not None
    team = dataclasses.replace(
        ticket, detail=dataclasses.replace(ticket.detail, is_from_team_cart=True)
    )
    assert band_meta_text(team) == "ĐƠN NHÓM · ĐÃ TRẢ ONLINE"


def test_a_text_cut_short_says_how_much_in_the_screens_words(qapp: QApplication) -> None:
    """English as the core writes it; Vietnamese with the locale's digits."""
    i18n.install("en")
    assert characters_cut_text(1_048_076) == core_characters_cut_text(1_048_076)
    assert cut_shown("a" * 600) == "a" * 500 + "… (+100 more characters not shown)"
    try:
        i18n.install("vi")
        assert characters_cut_text(1_048_076) == "… (+1.048.076 ký tự nữa không hiện)"
    finally:
        i18n.install("en")

"""Money and clock times follow the screen's language, with each currency's own minor units."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from kds.app import i18n
from kds.app.local_formats import clock_time, money

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "english", "vietnamese"),
    [
        ("120000", "VND", "₫120,000", f"120.000{NBSP}₫"),
        ("120000.00", "vnd", "₫120,000", f"120.000{NBSP}₫"),  # no minor units, whatever is sent
        ("12.5", "USD", "$12.50", f"12,50{NBSP}US$"),
        ("1234.5", "EUR", "€1,234.50", f"1.234,50{NBSP}€"),
        ("12", "", "12", "12"),
    ],
)
def test_money_in_the_orders_currency_written_the_screens_way(
    qtbot: QtBot, amount: str, currency: str, english: str, vietnamese: str
) -> None:
    try:
        i18n.install("en")
        assert money(Decimal(amount), currency) == english
        i18n.install("vi")
        assert money(Decimal(amount), currency) == vietnamese
    finally:
        i18n.install("en")


def test_clock_is_24_hour_in_vietnamese(qtbot: QtBot, vietnamese: None) -> None:
    here = datetime.now().astimezone().tzinfo
    moment = datetime(2026, 12, 8, 18, 5, 9, tzinfo=here)
    assert clock_time(moment) == "18:05"
    assert clock_time(moment, seconds=True) == "18:05:09"
    assert clock_time(moment.astimezone(UTC)) == "18:05"  # shown in the terminal's zone


def test_clock_follows_the_english_locale(qtbot: QtBot) -> None:
    i18n.install("en")
    hanoi = datetime(2026, 12, 8, 18, 5, 9, tzinfo=timezone(timedelta(hours=7)))
    local = hanoi.astimezone().replace(hour=18, minute=5)  # 18:05 in the terminal's own zone
    assert clock_time(local).replace("\u202f", " ") == "6:05 PM"
    assert clock_time(local, seconds=True).replace("\u202f", " ") == "6:05:09 PM"

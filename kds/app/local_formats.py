"""Money and clock times as the screen's language writes them, from CLDR data (Babel).

The locale is Qt's default `QLocale`, which `kds.app.i18n.install` sets with the language, so
words, money and times switch together. Babel rather than `QLocale.toCurrencyString`: QLocale
formats a currency with the *locale's* symbol and decimals, while an order carries its own
currency (a VND order on an English screen is ``₫120,000``, not ``$120,000.00``); Babel knows
each currency's symbol per locale and its minor units (VND none, USD and EUR two).

Timers and ages are not here: they are digits (``12:05``) in every language.
"""

from __future__ import annotations

import functools
from datetime import datetime
from decimal import Decimal

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_time
from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QLocale

__all__ = ["clock_time", "locale_name", "money"]


def locale_name() -> str:
    """The CLDR name of Qt's default locale (``vi_VN``, ``en_US``), ``en_US`` if Babel lacks it."""
    return _cldr_name(QLocale().name())


@functools.cache
def _cldr_name(name: str) -> str:
    """`name` if Babel has its data, else ``en_US``: asked once per locale, not per amount."""
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return "en_US"
    return name


def money(amount: Decimal, currency: str) -> str:
    """`amount` in `currency` (ISO 4217 code) with that currency's own minor units.

    ``money(Decimal(120000), "VND")`` is ``₫120,000`` on an English screen and ``120.000 ₫`` on
    a Vietnamese one. No currency: the number alone, in the locale's digits.
    """
    locale = locale_name()
    code = currency.strip().upper()
    if not code:
        return format_decimal(amount, locale=locale)
    return format_currency(amount, code, locale=locale)


def clock_time(moment: datetime, *, seconds: bool = False) -> str:
    """A wall-clock time in the local zone, 24-hour where the locale uses it (``18:05`` in
    Vietnamese, ``6:05 PM`` in US English)."""
    return format_time(moment.astimezone(), "medium" if seconds else "short", locale=locale_name())

"""Fixed money amounts of generated orders, sized for the order's currency.

Amounts are stored in hundredths of the currency (the `_c` columns), in VND too, so a
currency without a minor unit (VND, JPY) must not get cents-sized fees: 2.00 added to a
120000 VND order is no fee at all. Each currency gets amounts a real order would carry:
VND delivery fees of 15,000–25,000 đồng and tips of 0 or 10,000–20,000, whole đồng; USD
(and any other currency with cents) keeps the dollar-sized values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    """One currency's amounts, in hundredths of the currency."""

    delivery_fee_c: int
    tips_c: tuple[int, ...]  # one is picked at random; zeros weigh "no tip"
    house_special_c: int  # the free-text line of an order from an empty menu
    unit_c: int  # the smallest amount an order shows: 1 for cents, 100 for whole units


USD = Sizes(200, (0, 0, 0, 100, 200, 300), 1000, 1)
SIZES: dict[str, Sizes] = {
    "USD": USD,
    "VND": Sizes(2_000_000, (0, 0, 0, 1_000_000, 1_500_000, 2_000_000), 6_500_000, 100),
    "JPY": Sizes(30_000, (0, 0, 0, 0, 0, 20_000), 120_000, 100),
}


def sizes(currency: str) -> Sizes:
    """The currency's amounts; a currency not listed is sized as USD (it has cents)."""
    return SIZES.get(currency.upper(), USD)


def delivery_fee_c(currency: str) -> int:
    return sizes(currency).delivery_fee_c


def random_tip_c(currency: str, rng: random.Random) -> int:
    return rng.choice(sizes(currency).tips_c)


def whole_units_c(amount_c: int, currency: str) -> int:
    """`amount_c` rounded to what the currency can show (whole đồng for VND)."""
    unit = sizes(currency).unit_c
    return round(amount_c / unit) * unit

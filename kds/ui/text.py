"""What a ticket says, as plain strings: pure functions, no widgets, no markup.

Kept apart from the widgets so the wording (short numbers, allergy emphasis, payment text) is
tested without Qt and reused by the recall and all-day panels. The allergy scan itself is
`kds.ui.allergy_words` (English and Vietnamese), re-exported here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kds.core.orders import OrderDetail, OrderStatus
from kds.core.ticket import Ticket
from kds.core.ticket_caps import cut_text
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.allergy_words import ALLERGY_WORDS, allergy_matches, has_allergy_word

__all__ = [
    "ALLERGY_WORDS",
    "STATUS_CHIP",
    "STATUS_TEXT",
    "allergy_matches",
    "band_meta_text",
    "distinct_digits",
    "has_allergy_word",
    "long_number_text",
    "money",
    "payment_text",
    "short_number",
]

STATUS_CHIP = {
    OrderStatus.PLACED: "★ NEW",
    OrderStatus.ACCEPTED: "✓ ACCEPTED",
    OrderStatus.PREPARING: "▶ PREPARING",
    OrderStatus.READY_FOR_DELIVERY: "✔ READY",
}
"""A ticket header's status: an icon and a word, so status never rests on colour alone."""

STATUS_TEXT = {
    OrderStatus.AWAITING_PAYMENT: QT_TRANSLATE_NOOP("Status", "Awaiting payment"),
    OrderStatus.PLACED: QT_TRANSLATE_NOOP("Status", "New"),
    OrderStatus.ACCEPTED: QT_TRANSLATE_NOOP("Status", "Accepted"),
    OrderStatus.PREPARING: QT_TRANSLATE_NOOP("Status", "Preparing"),
    OrderStatus.READY_FOR_DELIVERY: QT_TRANSLATE_NOOP("Status", "Ready"),
    OrderStatus.DELIVERED: QT_TRANSLATE_NOOP("Status", "Handed over"),
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP("Status", "Cancelled"),
    OrderStatus.REJECTED: QT_TRANSLATE_NOOP("Status", "Rejected"),
}

_DIGITS = re.compile(r"\d+")


def short_number(order_number: str, digits: int = 4) -> str:
    """The part of the order number a cook calls out: its last `digits` digits.

    `ORD-20250914-102210-123-4567` → ``4567``. The number is opaque (contract §5), so a
    number without digits falls back to its last `digits` characters.
    """
    runs = _DIGITS.findall(order_number)
    if runs:
        return runs[-1][-digits:] if len(runs[-1]) >= digits else "".join(runs)[-digits:]
    return order_number[-digits:] or "?"


def distinct_digits(order_numbers: list[str], least: int = 4) -> int:
    """How many trailing digits tell these order numbers apart (at least `least`).

    Two open orders ending in the same four digits must not look alike on the board; they
    show as many more digits as it takes (all of them if the numbers differ only earlier).
    """
    digits = least
    if len(set(order_numbers)) < 2:
        return digits
    longest = min(MAX_NUMBER_SHOWN, max(len("".join(_DIGITS.findall(n))) for n in order_numbers))
    while digits < longest and len({short_number(n, digits) for n in order_numbers}) < len(
        set(order_numbers)
    ):
        digits += 1
    return digits


def money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}".strip()


def payment_text(detail: OrderDetail | None, ticket: Ticket) -> str:
    """``PAID ONLINE``, ``CASH 12.50 USD`` to collect, or both for a split; "" while unknown."""
    paid = cash = None
    currency = ""
    if detail is not None:
        paid, cash = detail.paid_online_amount, detail.cash_on_delivery_amount
        currency = detail.currency
    elif ticket.summary is not None:
        paid, cash = ticket.summary.paid_online_amount, ticket.summary.cash_on_delivery_amount
        currency = ticket.summary.total_currency
    if paid is None or cash is None:
        return ""
    parts = []
    if paid > 0:
        parts.append("PAID ONLINE")
    if cash > 0:
        parts.append(f"CASH {money(cash, currency)}")
    return " + ".join(parts) or "PAID"


def band_meta_text(ticket: Ticket) -> str:
    """TeamCart and payment as short words for the ticket's status band ("" if unknown)."""
    parts = []
    if (ticket.detail is not None and ticket.detail.is_from_team_cart) or (
        ticket.summary is not None and ticket.summary.is_from_team_cart
    ):
        parts.append("TEAMCART")
    pay = payment_text(ticket.detail, ticket)
    if pay:
        parts.append(pay)
    return " · ".join(parts)


MAX_NUMBER_SHOWN = 50
"""A real order number is 28 characters (contract §5); one from a hostile server is cut."""


def long_number_text(order_number: str) -> str:
    """The full order number (cut past `MAX_NUMBER_SHOWN`); zero-width spaces after the dashes
    let it wrap."""
    return cut_text(order_number, MAX_NUMBER_SHOWN).replace("-", "-\u200b")

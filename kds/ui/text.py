"""What a ticket says, as plain strings: pure functions, no widgets, no markup.

Kept apart from the widgets so the wording (short numbers, allergy emphasis, payment text) is
tested without a window and reused by the recall and all-day panels. The allergy scan itself
is `kds.ui.allergy_words` (English and Vietnamese), re-exported here.

Words are in English, translated as they are made (context ``TicketText``; the status chips
``StatusChip``, the statuses ``Status``); money is written by `kds.app.local_formats.money`
in the order's own currency and the screen's locale.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

from kds.app.i18n import translate
from kds.app.local_formats import money
from kds.core.orders import OrderDetail, OrderStatus
from kds.core.ticket import Ticket
from kds.core.ticket_caps import MAX_TEXT, cut_text
from kds.core.words import QT_TRANSLATE_NOOP
from kds.ui.allergy_words import ALLERGY_WORDS, allergy_matches, has_allergy_word

__all__ = [
    "ALLERGY_WORDS",
    "STATUS_CHIP",
    "STATUS_TEXT",
    "allergy_matches",
    "band_meta_text",
    "characters_cut_text",
    "cut_shown",
    "distinct_digits",
    "has_allergy_word",
    "long_number_text",
    "payment_text",
    "short_number",
    "status_chip",
]

STATUS_CHIP = {
    OrderStatus.PLACED: QT_TRANSLATE_NOOP("StatusChip", "★ NEW"),
    OrderStatus.ACCEPTED: QT_TRANSLATE_NOOP("StatusChip", "✓ ACCEPTED"),
    OrderStatus.PREPARING: QT_TRANSLATE_NOOP("StatusChip", "▶ PREPARING"),
    OrderStatus.READY_FOR_DELIVERY: QT_TRANSLATE_NOOP("StatusChip", "✔ READY"),
}
"""A ticket header's status: an icon and a word, so status never rests on colour alone (in
English: `status_chip` translates; read from two metres, so kept short in every language)."""

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


def status_chip(status: OrderStatus) -> str:
    """The chip of `status` in the screen's language (a status without a chip: its name)."""
    chip = STATUS_CHIP.get(status)
    return status.value if chip is None else translate("StatusChip", chip)


def payment_text(detail: OrderDetail | None, ticket: Ticket) -> str:
    """``PAID ONLINE``, ``CASH $12.50`` to collect, or both for a split; "" while unknown.

    The amount is in the order's own currency with its own minor units, written the screen's
    way (``CASH ₫120,000`` in English, ``THU 120.000 ₫`` in Vietnamese)."""
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
        parts.append(translate("TicketText", "PAID ONLINE"))
    if cash > 0:
        parts.append(translate("TicketText", "CASH {amount}").format(amount=money(cash, currency)))
    return " + ".join(parts) or translate("TicketText", "PAID")


def band_meta_text(ticket: Ticket) -> str:
    """TeamCart and payment as short words for the ticket's status band ("" if unknown)."""
    parts = []
    if (ticket.detail is not None and ticket.detail.is_from_team_cart) or (
        ticket.summary is not None and ticket.summary.is_from_team_cart
    ):
        parts.append(translate("TicketText", "TEAMCART"))
    pay = payment_text(ticket.detail, ticket)
    if pay:
        parts.append(pay)
    return " · ".join(parts)


MAX_NUMBER_SHOWN = 50
"""A real order number is 28 characters (contract §5); one from a hostile server is cut."""


def long_number_text(order_number: str) -> str:
    """The full order number (cut past `MAX_NUMBER_SHOWN`); zero-width spaces after the dashes
    let it wrap."""
    return cut_shown(order_number, MAX_NUMBER_SHOWN).replace("-", "-\u200b")


def characters_cut_text(cut: int) -> str:
    """The marker after a text cut short (`kds.core.ticket_caps`), in the screen's language and
    the locale's digits: "… (+1,048,076 more characters not shown)"."""
    more = translate("TicketText", "… (+{count} more characters not shown)")
    return more.format(count=QLocale().toString(cut))


def cut_shown(text: str, limit: int = MAX_TEXT) -> str:
    """`text` cut to `limit` characters as a card shows it, the cut said in the screen's words."""
    return cut_text(text, limit, marker=characters_cut_text)

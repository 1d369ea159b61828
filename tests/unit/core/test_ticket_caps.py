"""The contract's caps on what a ticket shows (issue 19): 50 lines, 500 characters of any text."""

from __future__ import annotations

import dataclasses
import unicodedata

from kds.core.orders import OrderItem
from kds.core.ticket import Ticket
from kds.core.ticket_caps import (
    MAX_CHOICES,
    MAX_LINES,
    MAX_TEXT,
    cap_ticket,
    cut_text,
)
from tests.unit.core.factories import held_ticket, item

MB = 1 << 20


def ticket_with(lines: int = 1, note: str = "", *, items: tuple[OrderItem, ...] = ()) -> Ticket:
    base = held_ticket(1)
    assert base.detail is not None
    items = items or tuple(item(f"Phở {i}", 1, line=i) for i in range(lines))
    return dataclasses.replace(
        base, detail=dataclasses.replace(base.detail, items=items, note=note)
    )


def test_fifty_lines_are_all_shown_and_the_ticket_is_not_copied() -> None:
    ticket = ticket_with(MAX_LINES, "no onions")
    capped = cap_ticket(ticket)
    assert capped.ticket is ticket
    assert capped.lines_cut == 0
    assert not capped.choices_cut


def test_fifty_one_lines_show_fifty_and_count_one() -> None:
    ticket = ticket_with(51)
    capped = cap_ticket(ticket)
    assert capped.ticket.items == ticket.items[:50]
    assert capped.lines_cut == 1


def test_ten_thousand_lines_show_the_first_fifty_in_order_and_count_the_rest() -> None:
    ticket = ticket_with(10_000)
    capped = cap_ticket(ticket)
    assert capped.ticket.items == ticket.items[:MAX_LINES]
    assert capped.lines_cut == 9_950
    # the real order is untouched: counts elsewhere keep what was sent
    assert len(ticket.items) == 10_000


def test_a_note_of_500_characters_is_kept_whole() -> None:
    note = "a" * MAX_TEXT
    assert cut_text(note) is note
    assert cap_ticket(ticket_with(note=note)).ticket.note == note


def test_a_note_of_501_characters_is_cut_with_a_marker() -> None:
    shown = cap_ticket(ticket_with(note="a" * 501)).ticket.note
    assert shown == "a" * 500 + "… (+1 more characters not shown)"


def test_a_one_megabyte_note_shows_500_characters_and_says_how_many_are_not() -> None:
    shown = cap_ticket(ticket_with(note="x" * MB)).ticket.note
    assert shown == "x" * 500 + f"… (+{MB - 500:,} more characters not shown)"
    assert "+1,048,076 more characters" in shown


def test_vietnamese_is_cut_between_characters_never_inside_one() -> None:
    composed = "Không hành, ít đường. " * 40  # NFC: one code point a letter
    shown = cut_text(composed)
    assert shown.startswith(composed[:MAX_TEXT])
    decomposed = unicodedata.normalize("NFD", "ệ") * 300  # e + two marks, 900 code points
    shown = cut_text(decomposed)
    kept = shown.split("…")[0]
    assert len(kept) <= MAX_TEXT
    assert len(kept) % 3 == 0  # whole letters only: never a bare "e" or a stray mark
    assert unicodedata.normalize("NFC", kept) == "ệ" * (len(kept) // 3)
    assert shown.endswith(f"(+{900 - len(kept):,} more characters not shown)")


def test_a_long_item_name_choice_and_group_are_cut_the_same_way() -> None:
    long = "B" * 2_000
    line = item(long, 2, (long, long), ("Size", "Lớn"), line=0)
    capped = cap_ticket(ticket_with(items=(line,)))
    (shown,) = capped.ticket.items
    marker = "… (+1,500 more characters not shown)"
    assert shown.name == "B" * 500 + marker
    assert shown.customizations[0].group_name == "B" * 500 + marker
    assert shown.customizations[0].choice_name == "B" * 500 + marker
    assert shown.customizations[1] is line.customizations[1]  # within the caps: as sent
    assert shown.quantity == 2


def test_choices_over_the_cap_are_cut_and_counted_by_line() -> None:
    choices = tuple(("Topping", f"c{i}") for i in range(MAX_CHOICES + 5))
    lines = (item("Phở", 1, line=0), item("Bún", 1, *choices, line=1))
    capped = cap_ticket(ticket_with(items=lines))
    assert len(capped.ticket.items[1].customizations) == MAX_CHOICES
    assert capped.ticket.items[0] is lines[0]
    assert dict(capped.choices_cut) == {1: 5}


def test_a_ticket_without_its_detail_is_shown_as_it_is() -> None:
    ticket = dataclasses.replace(held_ticket(1), detail=None)
    assert cap_ticket(ticket).ticket is ticket

"""What a ticket's lines say, as spans: grouping, tags, sold-out, the allergy scan — no HTML."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from kds.core.orders import Customization, OrderItem
from kds.core.ticket import Ticket
from kds.ui.line_text import (
    EXPO_PLACEMENT,
    ITEMS,
    NOTE,
    Placement,
    Role,
    Span,
    Unit,
    allergy_spans,
    note_unit,
    ticket_units,
)
from tests.support.rush_scene import rush_menu, rush_orders
from tests.unit.core.factories import detail, item

MENU = rush_menu()
ON_MENU = Placement(MENU)
NOW = datetime(2026, 3, 14, 12, 30, tzinfo=UTC)


def menu_line(name: str, quantity: int = 1, *choices: tuple[str, str], n: int = 1) -> OrderItem:
    entry = next(i for i in MENU.items if i.name == name)
    return dataclasses.replace(item(name, quantity, *choices, line=n), menu_item_id=entry.id)


def ticket_of(*lines: OrderItem, note: str = "") -> Ticket:
    d = detail(1, items=lines, note=note)
    return Ticket(
        d.order_id, d.order_number, d.status, NOW, NOW, None, None, NOW, detail=d, summary=None
    )


def spans(unit: Unit) -> list[Span]:
    return [s for p in unit.paras for s in p.spans]


def test_lines_group_by_category_in_menu_order_with_a_heading_on_each_group() -> None:
    ticket = ticket_of(
        menu_line("Cà phê sữa đá", n=1), menu_line("Phở bò tái", 2, n=2), menu_line("Chả giò", n=3)
    )
    units = ticket_units(ticket, ON_MENU)
    assert [u.name for u in units] == [ITEMS] * 3
    headings = [s.text for u in units for s in spans(u) if s.role is Role.CATEGORY]
    assert headings == ["Món chính", "Ăn thêm", "Đồ uống"]
    assert [u.line for u in units] == [1, 2, 0]  # menu order; each unit knows its order line


def test_a_one_category_ticket_has_no_heading_and_no_menu_keeps_the_order_sequence() -> None:
    ticket = ticket_of(menu_line("Phở bò tái", n=1), menu_line("Bánh xèo", n=2))
    assert not [
        s for u in ticket_units(ticket, ON_MENU) for s in spans(u) if s.role is Role.CATEGORY
    ]
    mixed = ticket_of(menu_line("Cà phê sữa đá", n=1), menu_line("Phở bò tái", n=2))
    assert [u.line for u in ticket_units(mixed, EXPO_PLACEMENT)] == [0, 1]


def test_allergen_tags_are_icon_and_word_dietary_tags_smaller_and_untagged_lines_say_nothing() -> (
    None
):
    (caesar,) = ticket_units(ticket_of(menu_line("Chicken Caesar salad")), ON_MENU)
    allergens = [s.text for s in spans(caesar) if s.role is Role.ALLERGEN]
    assert allergens == ["⚠\u00a0Egg", "⚠\u00a0Fish", "⚠\u00a0Dairy"]  # data as sent, unbroken
    assert caesar.allergen
    (fries,) = ticket_units(ticket_of(menu_line("French fries")), ON_MENU)
    assert [s.text for s in spans(fries) if s.role is Role.DIETARY] == ["Thuần\u00a0chay"]
    (tea,) = ticket_units(ticket_of(menu_line("Iced lemon tea")), ON_MENU)
    assert not tea.allergen
    assert all(s.role not in (Role.ALLERGEN, Role.DIETARY) for s in spans(tea))
    assert "allergen" not in tea.text.lower()  # never "no allergens": untagged is not safe


def test_sold_out_from_the_menu_or_the_kitchen_flags_the_line() -> None:
    line = menu_line("Bánh mì thịt")
    (unit,) = ticket_units(ticket_of(line), Placement(MENU, frozenset({line.menu_item_id})))
    assert [s.text for s in spans(unit) if s.role is Role.SOLD_OUT] == ["⊘\u00a0SOLD\u00a0OUT"]
    (plain,) = ticket_units(ticket_of(line), ON_MENU)
    assert not [s for s in spans(plain) if s.role is Role.SOLD_OUT]


def test_an_unknown_line_shows_under_other_never_dropped() -> None:
    gone = dataclasses.replace(item("Gone", 1, line=9), menu_item_id=str(uuid.uuid4()))
    units = ticket_units(ticket_of(menu_line("Phở bò tái", n=1), gone), ON_MENU)
    assert [s.text for s in spans(units[-1]) if s.role is Role.CATEGORY] == ["Other"]
    assert "1 × Gone" in units[-1].text


def test_choices_and_notes_keep_the_allergy_word_scan() -> None:
    line = menu_line("Cơm tấm sườn", 1, ("Side", "Fried egg"))
    (unit,) = ticket_units(ticket_of(line), ON_MENU)
    assert [s.text for s in spans(unit) if s.role is Role.ALLERGY_WORD] == ["egg"]
    note = note_unit("  Peanut allergy, no <b>nuts</b>  ")
    assert note is not None
    assert note.name == NOTE
    assert note.allergen
    assert spans(note)[0].role is Role.ALLERGY_HEAD
    assert "<b>nuts</b>" in note.text  # markup in a note is text, shown as typed
    assert note_unit(" \n ") is None
    plain = note_unit("Ring the bell")
    assert plain is not None
    assert spans(plain)[0] == Span("✎ NOTE: ", Role.NOTE_HEAD)


def test_a_ticket_without_its_detail_says_loading() -> None:
    ticket = dataclasses.replace(ticket_of(menu_line("Phở bò tái")), detail=None)
    (unit,) = ticket_units(ticket, ON_MENU)
    assert spans(unit) == [Span("Loading items…", Role.LOADING)]


@given(st.text(max_size=80))
def test_allergy_spans_keep_the_text_exactly(text: str) -> None:
    assert "".join(s.text for s in allergy_spans(text)) == text


def test_every_line_of_the_rush_scene_is_one_unit() -> None:
    for order in rush_orders(NOW):
        ticket = ticket_of(*order.detail.items, note=order.detail.note)
        units = ticket_units(ticket, ON_MENU)
        assert sorted(u.line for u in units if u.name == ITEMS) == list(
            range(len(order.detail.items))
        )
        assert all(
            isinstance(c, Customization) for i in order.detail.items for c in i.customizations
        )

"""A hostile order's units (issue 19): cut to the contract's caps, each cut said on the card."""

from __future__ import annotations

from kds.core.orders import OrderItem, OrderStatus
from kds.core.stations import Station, station_slice
from kds.core.ticket_caps import cap_ticket
from kds.ui.line_text import (
    ELSEWHERE,
    ITEMS,
    NOTE,
    Placement,
    Role,
    choices_cut_text,
    lines_cut_text,
    ticket_units,
)
from tests.support.sample_orders import ticket_of
from tests.unit.core.factories import detail, item

MB = 1 << 20


def lines(n: int, *choices: tuple[str, str]) -> tuple[OrderItem, ...]:
    return tuple(item(f"Phở bò {i}", 1, *choices, line=i) for i in range(n))


def test_fifty_lines_and_a_500_character_note_are_shown_whole_with_no_marker() -> None:
    units = ticket_units(ticket_of(detail(1, items=lines(50), note="n" * 500)))
    assert [u.name for u in units] == [ITEMS] * 50 + [NOTE]
    assert not any(s.role is Role.CUT for u in units for p in u.paras for s in p.spans)
    assert "not shown" not in units[-1].text


def test_a_hostile_order_shows_fifty_lines_a_marker_line_and_500_characters_of_note() -> None:
    units = ticket_units(ticket_of(detail(1, items=lines(10_000), note="x" * MB)))
    assert [u.name for u in units] == [ITEMS] * 50 + [ELSEWHERE, NOTE]
    assert [u.line for u in units[:50]] == list(range(50))
    marker = units[50]
    assert marker.text == "+9,950 more lines not shown (over the 50-line limit)"
    assert marker.paras[0].spans[0].role is Role.CUT
    note = units[51].text
    assert note == "✎ NOTE: " + "x" * 500 + "… (+1,048,076 more characters not shown)"


def test_a_station_shows_its_part_of_the_fifty_and_the_marker() -> None:
    bar = Station("bar", ("Đồ uống",))  # no menu: every line is "Other", on every station
    ticket = ticket_of(detail(1, OrderStatus.ACCEPTED, items=lines(60)))
    assert station_slice(cap_ticket(ticket).ticket, None, bar) is not None  # the station's path
    units = ticket_units(ticket, Placement(station=bar))
    assert [u.name for u in units] == [ITEMS] * 50 + [ELSEWHERE]
    assert units[-1].text.startswith("+10 more lines not shown")


def test_the_allergy_scan_sees_the_words_shown_and_not_those_cut() -> None:
    shown = "peanut " + "x" * 600 + " shellfish"
    (note,) = ticket_units(ticket_of(detail(1, items=lines(1), note=shown)))[1:]
    assert note.allergen
    words = [s.text for p in note.paras for s in p.spans if s.role is Role.ALLERGY_WORD]
    assert words == ["peanut"]  # "shellfish" is past the 500th character: cut, unseen


def test_a_line_with_too_many_choices_says_how_many_are_not_shown() -> None:
    choices = tuple(("Topping", f"c{i}") for i in range(25))
    (unit,) = ticket_units(ticket_of(detail(1, items=(item("Bún", 1, *choices),))))
    assert len(unit.paras) == 1 + 20 + 1
    last = unit.paras[-1]
    assert last.text == "+5 more choices not shown"
    assert last.spans[0].role is Role.CUT
    assert last.indent == 1


def test_the_cut_markers_count_in_words_and_the_locales_digits() -> None:
    """Moved from the core's tests with the wording (now translated where it is shown)."""
    assert lines_cut_text(1) == "+1 more line not shown (over the 50-line limit)"
    assert lines_cut_text(9_950) == "+9,950 more lines not shown (over the 50-line limit)"
    assert choices_cut_text(5) == "+5 more choices not shown"
    assert choices_cut_text(1) == "+1 more choice not shown"


def test_the_cut_markers_in_vietnamese(vietnamese: None) -> None:
    assert lines_cut_text(9_950) == "+9.950 dòng nữa không hiện (quá giới hạn 50 dòng)"
    assert choices_cut_text(5) == "+5 tùy chọn nữa không hiện"


def test_a_cut_note_says_so_in_the_screens_words(vietnamese: None) -> None:
    units = ticket_units(ticket_of(detail(1, items=lines(1), note="x" * MB)))
    note = units[-1].text
    assert note.endswith(f"… (+{MB - 500:,} ký tự nữa không hiện)".replace(",", "."))
    assert note.count("x") == 500

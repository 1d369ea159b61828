"""A ticket's own words in Vietnamese (the note's heading, loading, sold out, "Other", lines at
other stations) — and a Vietnamese allergy note flagged on an English screen too."""

from __future__ import annotations

import dataclasses
import uuid

from PySide6.QtWidgets import QApplication

from kds.app import i18n
from kds.core.orders import OrderStatus
from kds.core.stations import Station
from kds.core.ticket import Ticket
from kds.ui.line_text import Placement, Role, Span, note_unit, ticket_units
from tests.unit.core.factories import item
from tests.unit.ui.test_line_text import MENU, ON_MENU, menu_line, spans, ticket_of

BAR = Station("bar", ("Đồ uống",))


def test_a_vietnamese_allergy_note_is_flagged_on_an_english_screen(qapp: QApplication) -> None:
    i18n.install("en")
    note = note_unit("Bé bị dị ứng đậu phộng, khong tom nhe")
    assert note is not None
    assert note.allergen
    assert spans(note)[0] == Span("⚠ ALLERGY — NOTE: ", Role.ALLERGY_HEAD)
    words = [s.text for s in spans(note) if s.role is Role.ALLERGY_WORD]
    assert words == ["dị ứng", "đậu phộng", "tom"]


def test_the_notes_heading_in_vietnamese(vietnamese: None) -> None:
    allergy = note_unit("No peanuts")
    plain = note_unit("Gọi trước khi giao")
    assert allergy is not None
    assert plain is not None
    assert spans(allergy)[0] == Span("⚠ DỊ ỨNG — GHI CHÚ: ", Role.ALLERGY_HEAD)
    assert spans(plain)[0] == Span("✎ GHI CHÚ: ", Role.NOTE_HEAD)
    assert plain.text == "✎ GHI CHÚ: Gọi trước khi giao"  # the note itself: as written


def test_loading_sold_out_and_other_in_vietnamese(vietnamese: None) -> None:
    pho = menu_line("Phở bò tái", n=1)
    loading = dataclasses.replace(ticket_of(pho), detail=None)
    assert [spans(u) for u in ticket_units(loading, ON_MENU)] == [
        [Span("Đang tải món…", Role.LOADING)]
    ]
    (sold,) = ticket_units(ticket_of(pho), Placement(MENU, frozenset({pho.menu_item_id})))
    assert [s.text for s in spans(sold) if s.role is Role.SOLD_OUT] == ["⊘\u00a0HẾT\u00a0MÓN"]
    gone = dataclasses.replace(item("Gone", 1, line=9), menu_item_id=str(uuid.uuid4()))
    units = ticket_units(ticket_of(pho, gone), ON_MENU)
    headings = [s.text for u in units for s in spans(u) if s.role is Role.CATEGORY]
    assert headings == ["Món chính", "Khác"]  # the menu's name as spelt; ours translated


def test_lines_at_other_stations_in_both_languages(qapp: QApplication) -> None:
    one = ticket_of(menu_line("Cà phê sữa đá", n=1), menu_line("Phở bò tái", n=2))
    two = ticket_of(
        menu_line("Cà phê sữa đá", n=1), menu_line("Phở bò tái", n=2), menu_line("Chả giò", n=3)
    )
    at_bar = Placement(MENU, station=BAR)

    def elsewhere(ticket: Ticket) -> list[str]:  # a station shows orders once accepted
        units = ticket_units(dataclasses.replace(ticket, status=OrderStatus.PREPARING), at_bar)
        return [s.text for u in units for s in spans(u) if s.role is Role.ELSEWHERE]

    try:
        i18n.install("en")
        assert elsewhere(one) == ["+1 line at other stations"]
        assert elsewhere(two) == ["+2 lines at other stations"]
        i18n.install("vi")
        assert elsewhere(one) == ["+1 món ở quầy khác"]
        assert elsewhere(two) == ["+2 món ở quầy khác"]
    finally:
        i18n.install("en")

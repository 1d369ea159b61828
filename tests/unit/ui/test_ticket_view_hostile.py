"""A hostile order on a card (issue 19): built offscreen, its text capped, its cuts visible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kds.ui.line_text import ELSEWHERE
from kds.ui.theme import DARK
from kds.ui.ticket_view import TicketView
from tests.support.sample_orders import ticket_of
from tests.unit.core.factories import detail, item

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

MB = 1 << 20


def test_a_ten_thousand_line_one_megabyte_note_ticket_shows_capped_text_and_markers(
    qtbot: QtBot,
) -> None:
    lines = tuple(item(f"Phở bò {i}", 1, ("Size", "Lớn"), line=i) for i in range(10_000))
    ticket = ticket_of(detail(1, items=lines, note="x" * MB))
    view = TicketView(ticket, ticket.first_seen, DARK)
    qtbot.addWidget(view)

    assert len(view.line_labels) == 50
    assert view.line_labels[0].text().startswith("1 × Phở bò 0")
    assert view.line_labels[-1].text().startswith("1 × Phở bò 49")
    (marker,) = [u for u in view.units if u.objectName() == ELSEWHERE]
    assert marker.text() == "+9,950 more lines not shown (over the 50-line limit)"
    note = view.note_label
    assert note is not None
    assert note.text().endswith("x… (+1,048,076 more characters not shown)")
    assert len(note.text()) < 600
    assert sum(len(u.text()) for u in view.units) < 2_000

    block = view.measure(400)
    height = block.head + sum(block.units) + view.padding
    view.place(400, height, len(block.units))
    assert marker.isVisibleTo(view)
    assert note.isVisibleTo(view)
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    view.render(image)  # painted whole, offscreen
    assert not image.isNull()

"""Issue 19: the hostile-ticket bench builds the order it says it does (no figure is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kds.ui.theme import DARK

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import hostile_ticket
finally:
    sys.path.remove(str(ROOT / "bench"))


def test_the_hostile_order_has_ten_thousand_lines_and_a_one_megabyte_note() -> None:
    ticket = hostile_ticket.hostile_ticket()
    assert len(ticket.items) == 10_000
    assert len(ticket.note) == 1 << 20
    ordinary = hostile_ticket.ordinary_ticket()
    assert len(ordinary.items) == 5
    assert [i.name for i in ticket.items[:5]] == [i.name for i in ordinary.items]


def test_one_build_and_paint_returns_its_time(qapp: QApplication) -> None:
    took = hostile_ticket.build_and_paint(qapp, hostile_ticket.hostile_ticket(), DARK)
    assert took > 0

"""Issue 16: the density bench's rules (what counts as on screen, how labelled figures are kept).

No figure is asserted: only the helpers that decide what the figures mean.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QFrame, QPushButton, QWidget
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import board_density
finally:
    sys.path.remove(str(ROOT / "bench"))


def test_a_widget_cut_by_an_ancestor_is_not_wholly_shown_but_its_centre_can_be_tapped(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 300)
    frame = QFrame(window)  # stands for a lane's scroll viewport
    frame.setGeometry(10, 10, 100, 100)
    inside = QPushButton("in", frame)
    inside.setGeometry(10, 10, 40, 40)
    across = QPushButton("edge", frame)
    across.setGeometry(50, 70, 40, 40)  # 10 px below the frame's edge, centre above it
    beyond = QPushButton("out", frame)
    beyond.setGeometry(10, 120, 40, 40)  # inside the window, outside the frame
    window.show()

    assert board_density.wholly_shown(inside, window)
    assert board_density.tappable(inside, window)
    assert not board_density.wholly_shown(across, window)
    assert board_density.tappable(across, window)
    assert not board_density.wholly_shown(beyond, window)
    assert not board_density.tappable(beyond, window)
    inside.hide()
    assert not board_density.wholly_shown(inside, window)
    assert not board_density.tappable(inside, window)
    assert not board_density.wholly_shown(QPushButton("elsewhere"), window)


def test_a_labelled_run_keeps_the_plain_keys_and_a_plain_run_keeps_the_labelled_ones() -> None:
    written = {"visible_tickets_1280x800": 9, "machine": "old box", "at": "then"}
    before = board_density.merged({"visible_tickets_1280x800": 3}, "before", written)
    assert before["visible_tickets_1280x800"] == 9
    assert before["visible_tickets_1280x800_before"] == 3
    assert {"machine_before", "at_before"} <= before.keys()
    assert "machine" not in before  # write_results stamps this run's machine and time

    plain = board_density.merged({"visible_tickets_1280x800": 12}, None, before)
    assert plain["visible_tickets_1280x800"] == 12
    assert plain["visible_tickets_1280x800_before"] == 3
    assert plain["machine_before"] == before["machine_before"]

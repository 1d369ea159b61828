"""Issue 18: the offline bench measures what it says, on a small board (no figure is asserted).

The bench's own checks run here: the saved board is the session's, every order in with its
detail; the restart restores all of it; the steps taken while the server is stopped are all
held until it is back, then all land (every order Preparing at the server), and the online
anchor's steps all finish.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import offline
finally:
    sys.path.remove(str(ROOT / "bench"))


@pytest.mark.slow
def test_a_saved_board_of_real_orders_is_restored_whole(qapp: QApplication, tmp_path: Path) -> None:
    figures = offline.restoring(tmp_path, orders=6, runs=2)
    assert figures["restore_orders"] == 6
    assert figures["board_file_kb"] > 0
    for key in ("restore_board_s", "board_json_parse_s", "resume_offline_s"):
        assert figures[key] > 0, key
    assert figures["restore_board_s"] >= figures["restore_load_s"]


@pytest.mark.slow
def test_steps_held_while_the_server_is_down_all_land_after_fresh_truth(
    qapp: QApplication, tmp_path: Path
) -> None:
    replay, online, back = offline.replay_once(tmp_path, taps=5)
    assert replay >= 0  # counted from the first snapshot after the restart, never before it
    assert online > 0
    assert back > 0

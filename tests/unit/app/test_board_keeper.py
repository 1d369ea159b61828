"""BoardKeeper: a board is saved once it is good — synced, or just restored from disk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.app.board_keeper import BoardKeeper
from kds.app.board_model import BoardModel
from kds.core.board import Board
from tests.unit.core.factories import RID, event, oid

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


class Rig:
    def __init__(self, path: Path) -> None:
        self.model = BoardModel()
        board = self.model.reset(RID)
        assert board is not None
        self.board: Board = board
        self.board.apply(event(1))  # a new order, sounding
        self.keeper = BoardKeeper(self.model, path, lambda: NOW, interval_s=0.01)

    def saved_acknowledged(self) -> set[str] | None:
        snapshot = self.keeper.load("anna", RID).snapshot
        return None if snapshot is None else set(snapshot.acknowledged)


@pytest.fixture
def rig(qapp: Any, tmp_path: Path) -> Iterator[Rig]:
    rig = Rig(tmp_path / "kds" / "state.json")
    yield rig
    rig.keeper.close(wait=True)


def test_a_board_that_never_synced_is_not_saved(qtbot: QtBot, rig: Rig) -> None:
    rig.keeper.open("anna", RID)
    rig.board.acknowledge(oid(1))
    qtbot.wait(100)
    rig.keeper.close(wait=True)
    assert rig.saved_acknowledged() is None  # nothing over the last good board


def test_what_the_cook_does_to_a_restored_board_is_saved_before_any_sync(
    qtbot: QtBot, rig: Rig
) -> None:
    """Offline after a restart, the cook answers an order on the restored board; a second
    restart must not sound for it again."""
    rig.keeper.open("anna", RID, restored=True)
    rig.board.acknowledge(oid(1))
    qtbot.waitUntil(lambda: rig.saved_acknowledged() == {oid(1)}, timeout=5_000)

"""Fixtures for the core tests: a board on a hand-moved clock that records every change."""

from __future__ import annotations

import pytest

from kds.core.board import Board
from kds.core.changes import Change
from tests.unit.core.factories import RID, FakeClock


class Recorder:
    """Collects the board's changes, for asserting what a view would have seen."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def __call__(self, change: Change) -> None:
        self.changes.append(change)

    def of(self, kind: type) -> list[Change]:
        return [c for c in self.changes if isinstance(c, kind)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def board(clock: FakeClock) -> Board:
    return Board(RID, clock=clock)


@pytest.fixture
def seen(board: Board) -> Recorder:
    rec = Recorder()
    board.subscribe(rec)
    return rec

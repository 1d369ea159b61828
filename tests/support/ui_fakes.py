"""Test doubles for widget tests: a controllable wall clock and a recording alert player."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kds.app.board_model import BoardModel
from kds.core.board import Board
from kds.ui.alert_player import AlertSound

RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"


class FakeClock:
    """A wall clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class FakePlayer:
    """Records every sound asked for; `works=False` behaves like a terminal without a device."""

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.played: list[AlertSound] = []
        self.stops = 0

    def play(self, sound: AlertSound) -> bool:
        self.played.append(sound)
        return self.works

    def stop(self) -> None:
        self.stops += 1


def board_of(model: BoardModel) -> Board:
    assert model.board is not None
    return model.board

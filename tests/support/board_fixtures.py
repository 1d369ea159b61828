"""Fixtures for tests over a real BoardModel: the model over a core Board, a fake clock, a
seeded rng. Imported by the conftest of each test directory that uses them."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from kds.app.board_model import BoardModel
from tests.support.ui_fakes import RESTAURANT, FakeClock

__all__ = ["clock", "model", "rng"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rng() -> random.Random:
    return random.Random(8)


@pytest.fixture
def model(clock: FakeClock) -> Iterator[BoardModel]:
    board_model = BoardModel()
    board_model.reset(RESTAURANT, clock=clock)
    yield board_model
    board_model.reset(None)

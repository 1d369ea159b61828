"""Fixtures for widget tests: a real BoardModel over a core Board, a fake clock, a seeded rng."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from kds.app.board_model import BoardModel
from tests.support.gui_fixtures import _reset_style_sheet
from tests.support.ui_fakes import RESTAURANT, FakeClock

__all__ = ["_reset_style_sheet"]


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

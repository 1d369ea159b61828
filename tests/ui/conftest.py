"""Fixtures for UI tests: a real BoardModel over a core Board, and the real GUI on a real server."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kds.app.board_model import BoardModel
from tests.ui.fakes import RESTAURANT, FakeClock
from tests.ui.gui_fixtures import make_window

__all__ = ["make_window"]


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


@pytest.fixture(autouse=True)
def _reset_style_sheet(qapp: QApplication) -> Iterator[None]:
    """A MainWindow styles the whole application; the next test starts unstyled."""
    yield
    qapp.setStyleSheet("")

"""Fixtures for widget tests: a real BoardModel over a core Board, a fake clock, a seeded rng."""

from __future__ import annotations

from tests.support.board_fixtures import clock, model, rng
from tests.support.gui_fixtures import _reset_style_sheet

__all__ = ["_reset_style_sheet", "clock", "model", "rng"]

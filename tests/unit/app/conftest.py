"""Fixtures for app-layer tests over a real BoardModel (see tests/support/board_fixtures.py)."""

from __future__ import annotations

from tests.support.board_fixtures import clock, model, rng

__all__ = ["clock", "model", "rng"]

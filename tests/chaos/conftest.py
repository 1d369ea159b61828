"""Every chaos test checks that its world left no thread or socket behind (issue 14)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _world_left_nothing(no_leaks: None) -> None:
    """``tests.support.leaks.no_leaks`` for every test here: a failed world fails its own test."""

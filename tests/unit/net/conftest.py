"""Unit-test fixtures for kds.net: no hub thread or socket may outlive its test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_leftovers(no_leaks: None) -> None:
    """``tests.support.leaks.no_leaks`` for every test here."""

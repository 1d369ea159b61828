"""Fixtures for the real GUI on a real kds-server (defined in tests/support/gui_fixtures.py)."""

from __future__ import annotations

from tests.support.gui_fixtures import _reset_style_sheet, make_window

__all__ = ["_reset_style_sheet", "make_window"]

"""`vietnamese`: a test runs with the Vietnamese catalogue installed, and English after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kds.app import i18n


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """Speak Vietnamese (words, money, numbers) for one test; fails when the .qm is not built."""
    assert i18n.install("vi"), "kds/i18n/kds_vi.qm missing: run scripts/setup"
    try:
        yield
    finally:
        i18n.install("en")

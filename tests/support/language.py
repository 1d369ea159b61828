"""The language of a test: English for the session (`english_catalogue`), and `vietnamese`
for a test that runs with the Vietnamese catalogue installed (English after it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kds.app import i18n


@pytest.fixture(autouse=True, scope="session")
def english_catalogue(qapp: QApplication) -> None:
    """English, as `run_gui` installs it: its catalogue holds the plural forms ("1 step")."""
    assert i18n.install("en"), "kds/i18n/kds_en.qm missing: run scripts/setup"


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """Speak Vietnamese (words, money, numbers) for one test; fails when the .qm is not built."""
    assert i18n.install("vi"), "kds/i18n/kds_vi.qm missing: run scripts/setup"
    try:
        yield
    finally:
        i18n.install("en")

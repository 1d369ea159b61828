"""In-process CLI tests run on the test session's QApplication, and in English after each one.

A headless tool makes a `QCoreApplication` when none exists (Qt's translators need one, see
`kds.cli.language`); made in this process it would be the wrong kind for the GUI tests after
it. The tool also installs its language's catalogue: English is put back after each test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kds.app import i18n


@pytest.fixture(autouse=True)
def _one_application_and_english_after(qapp: QApplication) -> Iterator[None]:
    yield
    i18n.install("en")

"""`kds.app.i18n`: which language, loading its catalogue, and translating through Qt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from kds.app import i18n


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.install("en")


def test_auto_and_unknown_settings_follow_the_system_and_a_choice_wins() -> None:
    assert i18n.resolve("vi") == "vi"
    assert i18n.resolve("en") == "en"
    assert i18n.resolve("auto") == i18n.system_language()
    assert i18n.resolve(None) == i18n.system_language()
    assert i18n.system_language() in i18n.LANGUAGES


def test_vietnamese_catalogue_translates_and_sets_the_default_locale(
    qtbot: QtBot, vietnamese: None
) -> None:
    assert i18n.current_language() == "vi"
    assert QLocale().name() == "vi_VN"
    assert i18n.translate("Status", "Preparing") == "Đang làm"
    assert i18n.translate("Status", "no such source text") == "no such source text"
    i18n.install("en")
    assert i18n.translate("Status", "Preparing") == "Preparing"
    assert QLocale().name() == "en_US"


def test_plural_forms_in_both_languages(qtbot: QtBot, english_after: None) -> None:
    source = "◷ %n steps to send"
    i18n.install("en")
    assert i18n.translate("HeaderBar", source, None, 1) == "◷ 1 step to send"
    assert i18n.translate("HeaderBar", source, None, 3) == "◷ 3 steps to send"
    i18n.install("vi")
    assert i18n.translate("HeaderBar", source, None, 1) == "◷ 1 thao tác chờ gửi"
    assert i18n.translate("HeaderBar", source, None, 3) == "◷ 3 thao tác chờ gửi"

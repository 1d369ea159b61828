"""The actions' words: English sources in the tables, the screen's language when shown."""

from __future__ import annotations

from kds.core.actions import Action
from kds.core.step_queue import STEP_NAMES
from kds.ui.actions import (
    BUSY_LABELS,
    CANCEL_REASONS,
    LABELS,
    REJECT_REASONS,
    busy_text,
    reason_presets,
)


def test_english_shows_the_sources() -> None:
    assert LABELS is STEP_NAMES  # the buttons' words are the notices' words
    assert busy_text(Action.ACCEPT) == BUSY_LABELS[Action.ACCEPT] == "Accepting…"
    assert reason_presets(Action.REJECT) == REJECT_REASONS
    assert reason_presets(Action.CANCEL) == CANCEL_REASONS


def test_vietnamese_shows_the_glossary_s_words(vietnamese: None) -> None:
    assert busy_text(Action.START) == "Đang bắt đầu…"
    assert LABELS[Action.ACCEPT] == "Accept"  # the table keeps its source


def test_a_reason_is_sent_as_the_cook_read_it(vietnamese: None) -> None:
    """The preset the dialog shows is the reason it returns and the server gets: in
    Vietnamese on a Vietnamese screen, since the customer reads it."""
    rejects = reason_presets(Action.REJECT)
    assert rejects[0] == "Bếp quá tải"
    assert len(rejects) == len(REJECT_REASONS)
    assert reason_presets(Action.CANCEL)[0] == "Khách yêu cầu hủy"
    assert not set(rejects) & set(REJECT_REASONS)  # every one translated

"""`offline_words`: since when a saved board is offline, in the screen's language and clock."""

from __future__ import annotations

from datetime import datetime

from kds.app.offline_start import offline_words

SINCE = datetime(2030, 1, 1, 18, 5).astimezone()  # local wall-clock times
SYNCED = datetime(2030, 1, 1, 18, 1).astimezone()


def test_english_words_with_the_us_clock(qapp: object) -> None:
    assert offline_words(SINCE, SYNCED) == "offline since 6:05\u202fPM · last synced 6:01\u202fPM"
    assert offline_words(SINCE, None) == "offline since 6:05\u202fPM"


def test_vietnamese_words_with_the_24_hour_clock(vietnamese: None) -> None:
    assert offline_words(SINCE, SYNCED) == "mất kết nối từ 18:05 · đồng bộ lần cuối 18:01"
    assert offline_words(SINCE, None) == "mất kết nối từ 18:05"

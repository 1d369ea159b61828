"""Issue 20: the allergy-scan bench measures what it says (no figure is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import allergy_scan
finally:
    sys.path.remove(str(ROOT / "bench"))


def test_the_notes_mix_languages_and_the_scan_finds_all_the_english_regex_found() -> None:
    texts = allergy_scan.notes(300)
    assert any("đậu phộng" in t for t in texts)  # Vietnamese with its marks
    assert any("khong tom" in t for t in texts)  # and typed without them
    english = [t for t in texts if allergy_scan.english_matches(t)]
    both = [t for t in texts if allergy_scan.allergy_matches(t)]
    assert english  # the anchor has work to do
    assert set(english) <= set(both)  # nothing the English-only scan caught is lost
    assert len(both) > len(english)  # and the Vietnamese words add notes


def test_the_timing_is_per_note() -> None:
    assert allergy_scan.us_per_note(allergy_scan.allergy_matches, ["no peanuts"] * 50, 2) > 0

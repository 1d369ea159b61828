"""The allergy scan (issue 20): English and Vietnamese, with and without diacritics, per note.

A ticket's note and choices are scanned when its contents are built (an order arriving or
changing, a menu change, the panels), not on every paint; still, a dinner rush rebuilds many
cards at once, so the scan's cost per note is kept in view. Figures, over `NOTES` notes drawn
from a fixed mix (English, Vietnamese with its marks, Vietnamese typed without them, about a
third holding an allergy word):

- ``scan_us_per_note``: `kds.ui.text.allergy_matches`, the scan the screen uses (median of
  the rounds);
- ``english_regex_us_per_note``: the anchor, measured in the same run — one case-insensitive
  regex over the English words alone, as the scan was before it read Vietnamese;
- ``scan_vs_english_x``: their ratio;
- ``notes_with_allergy_words``: how many of the notes the scan emphasises something in (the
  English-only anchor's count beside it, ``english_regex_notes_with_allergy_words``: what the
  Vietnamese words add).

No figure is asserted anywhere.

    .venv/bin/python bench/allergy_scan.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_results  # noqa: E402

from kds.server.menus import NOTES, NOTES_VI  # noqa: E402
from kds.ui.allergy_words import ALLERGY_WORDS, unmarked  # noqa: E402
from kds.ui.text import allergy_matches  # noqa: E402

SCRIPT = "allergy_scan"
NOTES_COUNT = 10_000
FILLER = (
    "please extra napkins thank you",
    "cho thêm đũa và khăn giấy nhé",
    "cho them dua va khan giay nhe",
    "giao trước 7 giờ, gọi khi tới",
    "ring the bell twice, leave at the door",
)
_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in ALLERGY_WORDS), key=len, reverse=True))
ENGLISH_RE = re.compile(rf"\b({_ALTERNATIVES})\b", re.IGNORECASE)


def english_matches(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in ENGLISH_RE.finditer(text)]


def notes(count: int, seed: int = 20) -> list[str]:
    """A fixed mix of notes: the simulator's English and Vietnamese ones (and the Vietnamese
    typed without diacritics), each with filler around it."""
    rng = random.Random(seed)
    pool = [*NOTES, *NOTES_VI, *(unmarked(n) for n in NOTES_VI)]
    return [f"{rng.choice(FILLER)}; {rng.choice(pool)}; {rng.choice(FILLER)}" for _ in range(count)]


def us_per_note(
    scan: Callable[[str], list[tuple[int, int]]], texts: list[str], rounds: int
) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            scan(text)
        times.append((time.perf_counter() - started) / len(texts) * 1e6)
    return round(statistics.median(times), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer notes and rounds")
    args = parser.parse_args(argv)
    texts = notes(1_000 if args.quick else NOTES_COUNT)
    rounds = 3 if args.quick else 7
    anchor, scan = [], []
    for _ in range(rounds):  # interleaved, so load on the box falls on both alike
        anchor.append(us_per_note(english_matches, texts, 1))
        scan.append(us_per_note(allergy_matches, texts, 1))
    figures = {
        "scan_us_per_note": round(statistics.median(scan), 2),
        "english_regex_us_per_note": round(statistics.median(anchor), 2),
        "scan_vs_english_x": round(statistics.median(scan) / statistics.median(anchor), 2),
        "notes_with_allergy_words": sum(1 for t in texts if allergy_matches(t)),
        "english_regex_notes_with_allergy_words": sum(1 for t in texts if english_matches(t)),
        "notes": len(texts),
    }
    for key, value in figures.items():
        print(f"  {key:<42} {value:>10}")
    print(f"  wrote {write_results(SCRIPT, figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The allergy scan: where a note or a choice names an allergen, in English or in Vietnamese.

SAFETY: a word found here is shown bold, in the allergy colour and in capitals, and a note
naming one is headed "⚠ ALLERGY". A Vietnamese note must be caught as surely as an English
one, whatever the screen's language (a Vietnamese note reaches an English screen too), so both
lists are always scanned. A miss is worse than an extra emphasis; an emphasis on every other
word is useless — the per-word decisions below weigh the two.

How Vietnamese is matched:
- The text is NFC-normalised first (some keyboards send decomposed marks); the offsets given
  back are the *original* text's, so the text shown is never rewritten. Case is ignored.
- A syllable written with its marks matches only the same marked syllable: "cá" (fish) is not
  "cà" (as in "cà phê") nor "cả"; "của" (of) is not "cua" (crab).
- A syllable written without any mark (as typed on a phone without a Vietnamese keyboard)
  matches a listed syllable that reads the same with its marks removed and "đ" as "d":
  "khong tom", "di ung dau phong", "hai san". Syllable by syllable, so a half-marked phrase
  ("di ứng") is caught as well.
- A phrase matches across any run of whitespace ("đậu  phộng", a line break).
- Whole words only, as the English list.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ALLERGY_WORDS",
    "MARKED_ONLY",
    "VIETNAMESE_ALLERGY_WORDS",
    "allergy_matches",
    "has_allergy_word",
    "unmarked",
]

ALLERGY_WORDS = (
    "allergy",
    "allergic",
    "allergies",
    "anaphylaxis",
    "epipen",
    "peanut",
    "peanuts",
    "nut",
    "nuts",
    "tree nut",
    "gluten",
    "coeliac",
    "celiac",
    "wheat",
    "dairy",
    "lactose",
    "milk",
    "egg",
    "eggs",
    "soy",
    "soya",
    "sesame",
    "shellfish",
    "shrimp",
    "prawn",
    "crab",
    "lobster",
    "fish",
    "mustard",
    "celery",
    "lupin",
    "sulphite",
    "sulfite",
    "mollusc",
)
"""Words that make a note dangerous to skim (the EU's 14 allergens and how people write them)."""

VIETNAMESE_ALLERGY_WORDS = (
    # the allergy itself
    "dị ứng",
    "sốc phản vệ",  # anaphylaxis
    "phản vệ",  # said alone too
    # peanuts and tree nuts
    "đậu phộng",
    "đậu phọng",  # the southern spelling of the same word
    "lạc",  # peanut in the north ("lạc rang"); unmarked "lac" counts (see MARKED_ONLY)
    "hạt",  # nut, seed; also "hạt tiêu", "hạt nêm" — emphasised anyway: a nut is too likely
    "hạt điều",
    "óc chó",  # walnut
    "hạnh nhân",  # almond
    "hồ đào",  # pecan
    "hạt dẻ",  # chestnut, hazelnut
    "hạt phỉ",  # hazelnut
    "hồ trăn",  # pistachio
    "mắc ca",  # macadamia
    # gluten
    "gluten",
    "lúa mì",  # wheat
    "bột mì",  # wheat flour
    "lúa mạch",  # barley
    # milk
    "sữa",
    "bơ",  # butter — also avocado; emphasised anyway
    "phô mai",  # cheese
    "pho mát",  # cheese, the northern word
    "kem",  # cream, ice cream; written so, it has no marks to tell it from "kèm" typed bare
    # egg
    "trứng",
    # soy
    "đậu nành",
    "đậu phụ",  # tofu
    "đậu hũ",  # tofu (south)
    "tàu hũ",  # tofu (south)
    # sesame
    "mè",
    "vừng",
    # seafood, shellfish, molluscs
    "hải sản",
    "tôm",
    "tôm hùm",  # lobster
    "tép",  # small shrimp
    "cua",  # crab: written so, no marks (never "của", which is marked)
    "ghẹ",  # swimming crab
    "mực",  # squid
    "bạch tuộc",  # octopus
    "nghêu",  # clam (south)
    "ngao",  # clam (north)
    "sò",  # cockle, scallop
    "sò điệp",  # scallop: the phrase, so "so diep" counts though bare "so" does not
    "hến",  # small clam
    "ốc",  # snail, sea snail
    "hàu",  # oyster
    # fish and what is made of it
    "cá",
    "không cá",  # "no fish": the phrase, so "khong ca" counts though bare "ca" does not
    "ăn cá",  # "eat fish" ("không ăn cá"), likewise
    "nước mắm",  # fish sauce
    "mắm tôm",  # shrimp paste
    "mắm",  # fermented fish or shrimp paste
    "dầu hào",  # oyster sauce
    # celery, mustard
    "cần tây",
    "mù tạt",
    "mù tạc",  # the other common spelling
)
"""Vietnamese allergy words, each written with its marks (northern usage first, the southern
word beside it). A phrase names its parts in order; its unmarked form always counts."""

MARKED_ONLY = frozenset({"cá", "bơ", "mè", "sò"})
"""Single syllables whose *unmarked* form does not count: bare it is too common a word to
emphasise — "ca" is "cà" (cà phê, cà chua), "cả" (tất cả) and "ca" (a shift); "bo" is "bò"
(beef: "pho bo"); "me" is tamarind ("nước me"), "mẹ" and English "me"; "so" is "số" (a house
or phone number in every delivery note) and English "so". Written with their marks they
always count, and the phrases above ("khong ca", "so diep") catch the common bare cases.

Every other listed syllable counts bare too, though some are other words as well ("tom": tôm,
also a name; "hen": hến, also hẹn; "lac": lạc, also lắc; "hat": hạt, also hát; "oc", "mam",
"sua", "trung", "muc", "hau", "vung", "ghe", "tep"): a rare extra emphasis, against missing
shrimp, peanut, milk or egg in a note typed without marks."""


def unmarked(text: str) -> str:
    """`text` with its Vietnamese marks removed and "đ" read as "d": ``đậu phộng`` → ``dau
    phong`` (what a phone without a Vietnamese keyboard types)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def _syllable(syllable: str, bare_counts: bool) -> str:
    """A regex for one syllable: its marked form, or its unmarked form too."""
    bare = unmarked(syllable)
    if bare == syllable or not bare_counts:
        return re.escape(syllable)
    return f"(?:{re.escape(syllable)}|{re.escape(bare)})"


def _vietnamese(word: str) -> str:
    syllables = unicodedata.normalize("NFC", word).split()
    bare_counts = len(syllables) > 1 or word not in MARKED_ONLY
    return r"\s+".join(_syllable(s, bare_counts) for s in syllables)


_PATTERNS = sorted(
    [(w, re.escape(w)) for w in ALLERGY_WORDS]
    + [(w, _vietnamese(w)) for w in VIETNAMESE_ALLERGY_WORDS if w not in ALLERGY_WORDS],
    key=lambda p: len(p[0]),
    reverse=True,  # the longest first: "tôm hùm" before "tôm", "tree nut" before "nut"
)
_FIRSTS = "".join(sorted({c for w, _ in _PATTERNS for c in (w[0].lower(), unmarked(w[0]).lower())}))
# The lookahead on a word's first letter halves the scan's time: most positions are refused
# before the long alternation is tried.
_ALLERGY_RE = re.compile(
    rf"\b(?=[{re.escape(_FIRSTS)}])(?:{'|'.join(p for _, p in _PATTERNS)})\b", re.IGNORECASE
)


def _nfc(text: str) -> tuple[str, list[int], list[int]] | None:
    """`text` in NFC with, for each of its characters, where its cluster starts and ends in
    `text`; None when `text` is NFC already (nearly always: then no copy is made).

    Each base character is composed with the marks that follow it, on its own: a cluster is
    never merged with the next, so a match's ends fall on the original's cluster bounds.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return None
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        parts.append(piece)
        starts += [i] * len(piece)
        ends += [j] * len(piece)
        i = j
    return "".join(parts), starts, ends


def allergy_matches(text: str) -> list[tuple[int, int]]:
    """Where each allergy word (English or Vietnamese) is in `text`, as (start, end) offsets
    into `text` itself, in order and not overlapping."""
    composed = _nfc(text)
    if composed is None:
        return [m.span() for m in _ALLERGY_RE.finditer(text)]
    nfc, starts, ends = composed
    return [(starts[m.start()], ends[m.end() - 1]) for m in _ALLERGY_RE.finditer(nfc)]


def has_allergy_word(note: str) -> bool:
    """Whether `note` names an allergen (English or Vietnamese, with or without marks)."""
    composed = _nfc(note)
    return _ALLERGY_RE.search(note if composed is None else composed[0]) is not None

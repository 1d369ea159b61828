"""The allergy scan in Vietnamese as surely as in English (SAFETY): marked and bare, any case,
NFC or NFD, phrases across whitespace — and no emphasis on "cà phê" or "của"."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.ui.allergy_words import (
    ALLERGY_WORDS,
    MARKED_ONLY,
    VIETNAMESE_ALLERGY_WORDS,
    allergy_matches,
    has_allergy_word,
    unmarked,
)


def found(text: str) -> list[str]:
    return [text[a:b] for a, b in allergy_matches(text)]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("note", "words"),
    [
        ("dị ứng đậu phộng", ["dị ứng", "đậu phộng"]),
        ("Không tôm, không hải sản nhé", ["tôm", "hải sản"]),
        ("khong tom", ["tom"]),
        ("di ung dau phong", ["di ung", "dau phong"]),
        ("hai san", ["hai san"]),
        ("ít sữa, không trứng", ["sữa", "trứng"]),
        ("KHÔNG TÔM HÙM", ["TÔM HÙM"]),
        ("DI UNG DAU PHONG!", ["DI UNG", "DAU PHONG"]),
        ("dị ứng lạc (đậu phọng)", ["dị ứng", "lạc", "đậu phọng"]),
        ("không mè, không vừng", ["mè", "vừng"]),
        ("bé bị sốc phản vệ với cá", ["sốc phản vệ", "cá"]),
        ("không nước mắm, không mắm tôm", ["nước mắm", "mắm tôm"]),
        ("đậu\n phộng", ["đậu\n phộng"]),  # a phrase across any whitespace
        ("đậu\u00a0phộng", ["đậu\u00a0phộng"]),
        ("di ứng dau phộng", ["di ứng", "dau phộng"]),  # half-marked: syllable by syllable
        ("khong ca", ["khong ca"]),  # the phrase counts bare, though "ca" alone does not
        ("so diep nuong", ["so diep"]),
        ("thêm bơ, phô mai", ["bơ", "phô mai"]),
    ],
)
def test_vietnamese_notes_are_caught(note: str, words: list[str]) -> None:
    assert found(note) == words
    assert has_allergy_word(note)


def test_decomposed_input_is_caught_and_the_offsets_are_the_originals() -> None:
    note = nfd("Dị ứng ĐẬU PHỘNG, không cá")
    assert not unicodedata.is_normalized("NFC", note)
    spans = allergy_matches(note)
    assert [unicodedata.normalize("NFC", note[a:b]) for a, b in spans] == [
        "Dị ứng",
        "ĐẬU PHỘNG",
        "không cá",
    ]
    assert has_allergy_word(nfd("hải sản"))


@pytest.mark.parametrize(
    "note",
    [
        "cà phê đen đá",  # "cà" is not "cá"
        "cả nhà ăn chay",
        "của tôi",
        "ca phe da",
        "tat ca deu cay",
        "pho bo tai",  # "bo" is "bò" (beef), not "bơ"
        "nuoc me",  # tamarind
        "so nha 12, goi truoc",  # "so" is "số"
        "Call me, so I can come down",
    ],
)
def test_false_friends_are_not_emphasised(note: str) -> None:
    assert found(note) == []
    assert found("cà phê sữa đá") == ["sữa"]  # milk, not coffee


def test_marked_only_words_count_marked_but_not_bare() -> None:
    for word in MARKED_ONLY:
        assert found(f"ít {word} nhé") == [word]
        assert found(f"ít {unmarked(word)} nhé") == []
    assert found("không cà, không cả, của") == []


@pytest.mark.parametrize(
    "bare", ["tom", "lac", "hat", "oc", "mam", "sua", "trung", "muc", "hau", "hen", "kem", "cua"]
)
def test_bare_words_that_count(bare: str) -> None:
    """Other words too, sometimes, but a miss of shrimp, peanut or milk costs more."""
    assert found(f"khong {bare} nhe") == [bare]


def test_the_english_list_works_as_before() -> None:
    text = "No peanuts <b>please</b> — Allergy!"
    assert found(text) == ["peanuts", "Allergy"]
    assert found("tree nut and nuts, SESAME") == ["tree nut", "nuts", "SESAME"]
    assert not has_allergy_word("peanutbutter-free zone")
    assert not has_allergy_word("ring the bell twice")


_OLD_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in ALLERGY_WORDS), key=len, reverse=True))
_OLD_RE = re.compile(rf"\b({_OLD_ALTERNATIVES})\b", re.IGNORECASE)
"""The English-only scan as it was before the Vietnamese list."""

_ENGLISH_TEXT = (
    "ring the bell twice please extra chilli sauce on side no coriander leave at front desk "
    "call when outside gate code 2580 cutlery for two less ice baby sleeping peanutbutter nutty"
)
_ENGLISH_FILLER = _ENGLISH_TEXT.split()


@given(
    st.lists(
        st.one_of(
            st.sampled_from(ALLERGY_WORDS),
            st.sampled_from(_ENGLISH_FILLER),
        ).map(lambda w: w.upper() if len(w) % 3 == 0 else w),
        max_size=12,
    ),
    st.lists(st.sampled_from([" ", ", ", ". ", "\n", " — ", "!", "("]), min_size=12, max_size=12),
)
def test_english_notes_match_exactly_as_the_english_only_scan_did(
    words: list[str], separators: list[str]
) -> None:
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    assert allergy_matches(text) == [m.span() for m in _OLD_RE.finditer(text)]


# ------------------------------------------------------------------ every listed word, any way

_LETTERS = (
    "abcdeghiklmnopqrstuvxyàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
_FILLER_TEXT = (  # plain words, and the false friends of the marked-only ones
    "cà phê của cả bò số nhà giao gọi trước ít cay hành rau thơm nhé ca bo me so khong không "
    "phở bún chả nem nướng đá please ring bell 12 ăn chay"
)
_FILLER_WORDS = _FILLER_TEXT.split()
_SEPARATORS = [" ", ", ", ". ", "\n", " - ", " (", ") ", "! ", ": ", " / ", "\t", "; "]
_SPACES = [" ", "  ", "\t", "\n", "\u00a0", " \n "]


def _forms(word: str) -> list[str]:
    """The ways the word may be written that must be found: marked, and bare unless it is a
    single syllable in `MARKED_ONLY`."""
    bare_counts = " " in word or word not in MARKED_ONLY
    return [word, unmarked(word)] if bare_counts else [word]


_FILLER = st.one_of(
    st.sampled_from(_FILLER_WORDS),
    st.text(alphabet=_LETTERS, min_size=1, max_size=8).filter(lambda w: not has_allergy_word(w)),
)


@given(
    word=st.sampled_from(VIETNAMESE_ALLERGY_WORDS).flatmap(lambda w: st.sampled_from(_forms(w))),
    case=st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
    form=st.sampled_from(["NFC", "NFD"]),
    spaces=st.lists(st.sampled_from(_SPACES), min_size=3, max_size=3),
    before=st.lists(st.tuples(_FILLER, st.sampled_from(_SEPARATORS)), max_size=4),
    after=st.lists(st.tuples(st.sampled_from(_SEPARATORS), _FILLER), max_size=4),
)
def test_every_listed_word_is_found_however_written(
    word: str,
    case: Callable[[str], str],
    form: Literal["NFC", "NFD"],
    spaces: list[str],
    before: list[tuple[str, str]],
    after: list[tuple[str, str]],
) -> None:
    syllables = case(word).split(" ")
    written = syllables[0] + "".join(sp + s for sp, s in zip(spaces, syllables[1:], strict=False))
    head = "".join(f + s for f, s in before)
    text = unicodedata.normalize(form, head + written + "".join(s + f for s, f in after))
    start = len(unicodedata.normalize(form, head))
    end = start + len(unicodedata.normalize(form, written))
    covered = {i for a, b in allergy_matches(text) for i in range(a, b)}
    missed = [i for i in range(start, end) if not text[i].isspace() and i not in covered]
    assert not missed, (text, found(text))
    assert has_allergy_word(text)


@given(st.text(max_size=80))
def test_offsets_cut_any_text_on_character_bounds(text: str) -> None:
    spans = allergy_matches(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))

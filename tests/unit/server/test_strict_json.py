"""The body reader refuses what System.Text.Json's binder refuses, and nothing else escapes it."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.server.strict_json import MAX_DEPTH, JsonRefused, loads, nesting_depth


def nested(depth: int, inner: str = "1") -> bytes:
    return ("[" * depth + inner + "]" * depth).encode()


def refused(data: bytes | str, **kwargs: Any) -> str:
    with pytest.raises(JsonRefused) as caught:
        loads(data, **kwargs)
    return caught.value.reason


def test_a_thousand_deep_body_is_refused_without_recursing() -> None:
    assert refused(nested(1000)) == "nesting deeper than 64"
    assert refused(b'{"a":' * 1000 + b"1" + b"}" * 1000) == "nesting deeper than 64"
    assert refused(nested(100_000)) == "nesting deeper than 64"  # far past the C recursion limit


def test_depth_64_is_read_and_65_refused() -> None:
    assert loads(nested(MAX_DEPTH)) == json.loads(nested(MAX_DEPTH))
    assert refused(nested(MAX_DEPTH + 1)) == "nesting deeper than 64"
    objects = '{"k":' * MAX_DEPTH + "1" + "}" * MAX_DEPTH
    assert loads(objects)["k"]["k"]["k"]
    assert refused('{"k":' + objects + "}") == "nesting deeper than 64"


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = json.dumps({"note": "[" * 500 + "{" * 500, "esc": '\\"[[[' * 100, "list": [["]]]"]]})
    assert nesting_depth(text) == 3
    assert loads(text)["note"].startswith("[[[")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_are_refused(literal: str) -> None:
    assert refused(f'{{"tipAmount":{literal}}}') == f"the literal {literal} is not JSON"
    assert refused(f"[{literal}]", max_abs_number=None).startswith("the literal")


@pytest.mark.parametrize(
    "number",
    ["1e308", "1e20", "1e16", "-1e16", "10000000000000000", "-10000000000000000", "1e400",
     "16e15", "1" + "0" * 5000, "1e99999999999999999999", "1E+16", "10000000000000000.0"],
)  # fmt: skip
def test_numbers_decimal_18_2_cannot_store_are_refused(number: str) -> None:
    assert refused(f'{{"tipAmount":{number}}}') == "number out of range"


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("9999999999999999.99", 9999999999999999.99),
        ("-9999999999999999.99", -9999999999999999.99),
        ("9999999999999999", 9999999999999999),
        ("65000.0", 65000.0),
        ("1.5", 1.5),
        ("0", 0),
        ("-0.0", 0.0),
        ("2", 2),
        ("1e-400", 0.0),
        ("170000.00", 170000.0),
    ],
)
def test_ordinary_prices_and_the_largest_decimal_18_2_are_read(number: str, value: float) -> None:
    got = loads(f'{{"price":{number}}}')["price"]
    assert got == value
    assert type(got) is type(value)  # ints stay ints (a quantity), decimals become floats


def test_the_hub_reader_keeps_numbers_of_any_size() -> None:
    assert loads(b"[1e20, 10000000000000000]", max_abs_number=None) == [1e20, 10**16]


@pytest.mark.parametrize(
    "body",
    [
        b'{"email":"\\ud800","password":"x"}',  # a lone high surrogate value
        b'{"email":"a\\udfffb"}',  # a lone low surrogate inside a value
        b'{"\\ud800":"a"}',  # as a key
        b'{"a":[{"b":["ok","\\uDBFF"]}]}',  # deep inside, upper-case escape
        b'"\\ude00\\ud83d"',  # a pair in the wrong order is two lone surrogates
    ],
)
def test_lone_surrogates_are_refused_in_keys_and_values(body: bytes) -> None:
    assert refused(body) == "a string holds a lone UTF-16 surrogate"
    assert refused(body, max_abs_number=None) == "a string holds a lone UTF-16 surrogate"


def test_escaped_pairs_and_escaped_backslashes_are_not_surrogates() -> None:
    assert loads(b'{"name":"\\ud83c\\udf5c Ph\\u1edf"}') == {"name": "🍜 Phở"}
    assert loads(b'["\\\\ud800"]') == ["\\ud800"]


@pytest.mark.parametrize(
    "body",
    [b'{"email":"\xff"}', b'{"a":"\xc3\x28"}', b'{"a":"\xed\xa0\x80"}', b"\xfe\xff\x00{\x00}"],
)
def test_invalid_utf8_is_refused(body: bytes) -> None:
    assert refused(body) == "not UTF-8"


def test_a_byte_order_mark_is_skipped_as_before() -> None:
    assert loads(b'\xef\xbb\xbf{"a":1}') == {"a": 1}


@pytest.mark.parametrize("body", [b"", b"{", b'{"a":}', b"[1,]", b'"\\"[[[', b"{'a':1}"])
def test_malformed_json_is_refused(body: bytes) -> None:
    assert refused(body) == "malformed JSON"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(-1e15, 1e15, allow_nan=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=20,
)


def depth_of(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    return 0


@given(json_values)
def test_any_ordinary_value_round_trips_and_its_depth_is_counted(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert nesting_depth(text) == depth_of(value)
    assert loads(text.encode()) == value


HOSTILE = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e308",
    "1e20",
    "-1e16",
    '"\\ud800"',
    nested(65).decode(),
]
MARK = "\x00hostile\x00"
marked_values = st.recursive(
    st.none() | st.integers(-(10**15), 10**15) | st.text(max_size=5) | st.just(MARK),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(marked_values, st.sampled_from(HOSTILE))
def test_a_hostile_value_anywhere_in_a_body_is_refused(value: Any, token: str) -> None:
    """Every marked leaf (at least the `tipAmount` one) becomes the raw hostile token."""
    text = json.dumps({"x": value, "tipAmount": MARK}).replace(json.dumps(MARK), token)
    with pytest.raises(JsonRefused):
        loads(text.encode())


@given(st.binary(max_size=300))
def test_any_bytes_give_a_value_or_json_refused(data: bytes) -> None:
    """Nothing but JsonRefused escapes (no UnicodeDecodeError, RecursionError, OverflowError)."""
    with contextlib.suppress(JsonRefused):
        loads(data)

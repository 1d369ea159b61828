"""The one JSON reader for request bodies and hub records: the limits System.Text.Json enforces.

The real backend reads every body with System.Text.Json, whose binder refuses (400, before any
handler runs) what Python's `json` module happily accepts: nesting deeper than 64, the `NaN`,
`Infinity` and `-Infinity` literals, text that is not UTF-8, and strings with a lone UTF-16
surrogate (`"\\ud800"`). Python would instead recurse until `RecursionError`, hand `nan` or
`inf` to the money arithmetic, or carry an unencodable string into SQLite or a log line — each a
500. `loads` refuses all of them up front with `JsonRefused`, so a caller has one error to map
(REST: the binder's empty 400; hub: a protocol error that closes that one connection).

Numbers: money is C# `decimal` stored as `decimal(18,2)` (contract 1), so no stored value reaches
10^16; every other numeric body field is an Int32, which overflows far below that. Rather than
type each field, `loads` refuses any number with |x| >= 10^16 by default: for an int field the
backend's binder gives the same 400; for a decimal field between 10^16 and decimal's own maximum
the backend would fail later, writing the row (an empty 500) — there we deliberately give the
400 instead. 9999999999999999.99, the largest `decimal(18,2)`, is still read.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from itertools import accumulate
from typing import Any

MAX_DEPTH = 64  # JsonSerializerOptions.MaxDepth / JsonReaderOptions default
MAX_ABS_NUMBER = 10**16  # the first value decimal(18,2) cannot store

# A JSON string, or an unterminated one up to the end of the text. The unrolled loop is
# unambiguous and always matches once started, so the scan stays linear on any input.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# A lone surrogate can only come from a \uD800-\uDFFF escape: strict UTF-8 refuses encoded ones.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonRefused(ValueError):
    """The body is not JSON we read; `reason` says which rule (it never quotes the input)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def loads(data: bytes | str, *, max_abs_number: int | None = MAX_ABS_NUMBER) -> Any:
    """Parse `data` under System.Text.Json's rules; raise `JsonRefused` for anything else.

    `max_abs_number=None` reads numbers as Python's `json` does (the hub protocol, where ASP.NET
    refuses a number only when binding it to a typed argument).
    """
    text = decode_utf8(data) if isinstance(data, bytes) else data
    openers = text.count("[") + text.count("{")  # the depth's upper bound, found fast
    if openers > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
        raise JsonRefused(f"nesting deeper than {MAX_DEPTH}")
    hooks: dict[str, Any] = {}
    if max_abs_number is not None:
        limit = max_abs_number
        hooks = {
            "parse_int": lambda s: _bounded_int(s, limit),
            "parse_float": lambda s: _bounded_float(s, limit),
        }
    try:
        value = json.loads(text, parse_constant=_refuse_constant, **hooks)
    except JsonRefused:
        raise
    except (ValueError, RecursionError):  # RecursionError: unreachable after the depth check
        raise JsonRefused("malformed JSON") from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise JsonRefused("a string holds a lone UTF-16 surrogate")
    return value


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (a leading byte-order mark is skipped, as System.Text.Json does)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonRefused("not UTF-8") from None


def nesting_depth(text: str) -> int:
    """The deepest `[`/`{` nesting outside strings, found without recursing or parsing.

    Strings are cut out (brackets inside them do not nest), then the brackets' running sum is
    taken; a linear scan of text that may be malformed (the parser refuses that afterwards).
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _refuse_constant(name: str) -> Any:
    raise JsonRefused(f"the literal {name} is not JSON")


def _bounded_int(text: str, limit: int) -> int:
    if len(text.lstrip("-")) > len(str(limit)):  # refused before int() has to convert it
        raise JsonRefused("number out of range")
    value = int(text)
    if abs(value) >= limit:
        raise JsonRefused("number out of range")
    return value


def _bounded_float(text: str, limit: int) -> float:
    try:
        exact = Decimal(text)  # exact: 9999999999999999.99 is below 10^16, its float is not
    except ArithmeticError:  # an exponent beyond what decimal holds (1e99999999999999999999)
        raise JsonRefused("number out of range") from None
    if abs(exact) >= limit:
        raise JsonRefused("number out of range")
    return float(text)


def _has_lone_surrogate(value: Any) -> bool:
    """Whether any key or string value holds a surrogate; iterative (depth is bounded anyway)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False

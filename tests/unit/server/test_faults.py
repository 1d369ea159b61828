"""REST fault path patterns: RE2, linear in the path, regex syntax kept (issue 19)."""

from __future__ import annotations

import pytest

from kds.server.faults import BadPattern, Faults, RestFault, compile_pattern


def test_the_regex_syntax_of_the_tests_and_harnesses_still_matches() -> None:
    oid = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
    assert compile_pattern("/orders/(new|active)$").search("/api/v1/restaurants/x/orders/active")
    assert compile_pattern("/orders/[0-9a-f-]{36}$").search(f"/api/v1/orders/{oid}")
    assert not compile_pattern("/orders/new$").search("/api/v1/orders/new/x")


def test_a_catastrophic_pattern_returns() -> None:
    """`re` would need about 2**5000 steps here; RE2 is linear (no timing assertion)."""
    pattern = compile_pattern("^/(a+)+$")
    assert pattern.search("/" + "a" * 5000 + "!") is None
    assert pattern.search("/" + "a" * 5000) is not None


@pytest.mark.parametrize("text", ["(", r"(a)\1", "(?=a)"])
def test_bad_or_backtracking_only_patterns_are_refused(text: str) -> None:
    with pytest.raises(BadPattern) as excinfo:
        compile_pattern(text)
    assert str(excinfo.value)
    assert "b'" not in str(excinfo.value)


def test_take_counts_down_a_matching_fault() -> None:
    faults = Faults()
    faults.add_rest(RestFault(compile_pattern("/ping$"), 503, 0, 1))
    assert faults.take("/api") is None
    assert faults.take("/ping") is not None
    assert faults.take("/ping") is None

"""The checker itself: boards that are wrong on purpose must be caught."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.chaos import checker

T1 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
T2 = datetime(2026, 1, 1, 12, 1, tzinfo=UTC)
TRUTH = [("a", "Placed", T1), ("b", "Accepted", T2)]


def test_equal_boards_pass() -> None:
    verdict = checker.check_session(TRUTH, TRUTH, ["a", "b"], {"a": "Placed", "b": "Placed"}, [])
    assert verdict.ok, verdict.summary()
    assert checker.board_matches(TRUTH, TRUTH)


def test_lost_phantom_and_wrong_orders_are_caught() -> None:
    board = [("a", "Placed", None), ("c", "Placed", T1)]
    verdict = checker.compare_board(board, TRUTH)
    assert verdict.lost == ["b"]
    assert verdict.phantom == ["c"]
    assert len(verdict.wrong) == 1
    assert verdict.wrong[0].startswith("a ")
    assert not verdict.ok


def test_board_order_matters() -> None:
    verdict = checker.compare_board(list(reversed(TRUTH)), TRUTH)
    assert verdict.wrong == ["same orders, different order on the board"]
    assert not checker.board_matches(list(reversed(TRUTH)), TRUTH)


def test_alerts_exactly_once_per_order_first_seen_placed() -> None:
    first = {"a": "Placed", "b": "Accepted", "c": "Placed"}
    verdict = checker.check_alerts(["a", "a", "b"], first, still_placed=["a", "d"])
    assert verdict.duplicate_alerts == ["a"]
    assert verdict.unexpected_alerts == ["b"]  # first seen Accepted: must not alert
    assert verdict.missed_alerts == ["c", "d"]  # seen Placed / still Placed, never alerted


def test_regressions_are_reported() -> None:
    verdict = checker.check_session(
        TRUTH, TRUTH, ["a"], {"a": "Placed"}, [("b", "Accepted", "Placed")]
    )
    assert verdict.regressions == ["b Accepted->Placed"]
    assert not verdict.ok

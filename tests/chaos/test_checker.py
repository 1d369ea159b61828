"""The checker itself: boards that are wrong on purpose must be caught."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from tests.chaos import checker
from tests.chaos.world import Tap, Taps

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


def _ledger(
    fates: dict[str, list[str]],
    notices: Sequence[str] = (),
    failures: Sequence[tuple[str, str, str]] = (),
) -> Taps:
    """Three taps: Accept and Start on #1001 (o1), Ready on #1002 (o2)."""

    taps = [
        Tap("s1", "pho-staff", "o1", "accept", "#1001"),
        Tap("s2", "pho-staff", "o1", "start_preparing", "#1001"),
        Tap("s3", "pho-owner", "o2", "mark_ready", "#1002"),
    ]
    return Taps(taps, fates, list(notices), list(failures))


def test_taps_that_reached_the_server_once_and_drops_that_were_told_pass() -> None:
    ledger = _ledger(
        {"s1": ["sent"], "s2": ["applied"], "s3": ["dropped"]},
        notices=["#1002 was cancelled while offline; your Ready was not sent."],
    )
    events = {"o1": ["OrderPlaced", "OrderAccepted", "OrderPreparing"], "o2": ["OrderCancelled"]}
    verdict = checker.check_taps(ledger, events)
    assert verdict.ok, verdict.summary()


def test_a_lost_a_twice_ended_an_unapplied_and_a_silently_dropped_tap_are_caught() -> None:
    ledger = _ledger({"s1": ["sent", "applied"], "s3": ["refused"]})
    events = {"o1": ["OrderPlaced"], "o2": ["OrderPlaced"]}
    verdict = checker.check_taps(ledger, events)
    assert verdict.unsettled_taps == ["#1001 start_preparing"]
    assert verdict.twice_settled_taps == ["#1001 accept ['sent', 'applied']"]
    assert verdict.unapplied_taps == ["#1001 accept sent but 0 at the server"]
    assert verdict.silent_drops == ["#1002 mark_ready refused"]
    told = _ledger(
        {"s1": ["sent"], "s2": ["sent"], "s3": ["refused"]}, failures=[("o2", "mark_ready", "x")]
    )
    assert checker.check_taps(told, {"o1": ["OrderAccepted", "OrderPreparing"]}).silent_drops == []


def test_an_order_changed_the_same_way_twice_is_caught() -> None:
    ledger = _ledger({"s1": ["sent"], "s2": ["sent"], "s3": ["dropped"]}, notices=["#1002 …"])
    events = {"o1": ["OrderAccepted", "OrderAccepted", "OrderPreparing"], "o2": []}
    verdict = checker.check_taps(ledger, events)
    assert verdict.twice_applied == ["o1 OrderAcceptedx2"]
    assert verdict.unapplied_taps == ["#1001 accept sent but 2 at the server"]

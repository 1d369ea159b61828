"""Bad input, unknown statuses, listeners and lanes: the board stays up and says what happened."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from kds.core.board import Board
from kds.core.changes import BoardCleared, Change, OrderAdded, UnknownStatusSeen
from kds.core.decode import read_event, read_rows
from kds.core.dedupe import RecentIds
from kds.core.lanes import Lane, lane_of, lane_tickets
from kds.core.orders import OrderStatus
from kds.core.outcome import ApplyOutcome
from tests.unit.core import payloads
from tests.unit.core.conftest import Recorder
from tests.unit.core.factories import RID, at, event, oid, summary

S = OrderStatus


def raw_event(n: int, status: str, minute: int, event_id: str | None = None) -> dict[str, object]:
    return payloads.event(
        orderId=oid(n),
        restaurantId=RID,
        status=status,
        lastUpdateTimestamp=at(minute).isoformat().replace("+00:00", "Z"),
        eventId=event_id or oid(5000 + 100 * n + minute),
    )


def test_raw_event_is_decoded_and_applied(board: Board) -> None:
    assert board.apply(read_event("ReceiveOrderPlaced", raw_event(1, "Placed", 0))) is (
        ApplyOutcome.NEEDS_DETAIL
    )
    assert board.get(oid(1)) is not None


@pytest.mark.parametrize(
    "bad",
    [None, [], {"orderId": oid(1)}, payloads.event(lastUpdateTimestamp="2026-01-01T12:00:00")],
)
def test_protocol_error_leaves_the_board_unchanged_and_is_counted(
    board: Board, bad: object, caplog: pytest.LogCaptureFixture
) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    before = board.open_orders()
    with caplog.at_level(logging.WARNING, logger="kds.core.board"):
        assert board.apply(read_event("ReceiveOrderStatusChanged", bad)) is ApplyOutcome.REJECTED
    assert board.open_orders() == before
    assert board.stats.rejected == 1
    assert "rejected ReceiveOrderStatusChanged" in caplog.text


def test_unknown_status_keeps_the_last_state_and_is_exposed_once(
    board: Board, seen: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    board.apply(read_event("ReceiveOrderStatusChanged", raw_event(1, "Accepted", 1)))
    with caplog.at_level(logging.WARNING, logger="kds.core.board"):
        for minute in (2, 3):
            outcome = board.apply(
                read_event("ReceiveOrderStatusChanged", raw_event(1, "OnTheGrill", minute))
            )
            assert outcome is ApplyOutcome.REJECTED
    assert board.get(oid(1)).status is S.ACCEPTED  # type: ignore[union-attr]
    assert dict(board.unknown_statuses) == {oid(1): "OnTheGrill"}
    assert seen.of(UnknownStatusSeen) == [UnknownStatusSeen(oid(1), "OnTheGrill")]
    assert caplog.text.count("unknown status 'OnTheGrill'") == 1
    assert board.stats.rejected == 2
    # A known status later clears the condition.
    board.apply(read_event("ReceiveOrderStatusChanged", raw_event(1, "Preparing", 4)))
    assert dict(board.unknown_statuses) == {}


def test_raw_snapshot_keeps_tickets_whose_rows_cannot_be_decoded(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply(event(2, S.ACCEPTED, at(1)))
    rows: list[object] = [
        payloads.summary(orderId=oid(1), restaurantId=RID, status="OnTheGrill"),
        payloads.summary(orderId=oid(3), restaurantId=RID),
        {"broken": True},
    ]
    board.apply_snapshot(read_rows(rows))
    assert {t.order_id for t in board.open_orders()} == {oid(1), oid(3)}
    assert board.get(oid(1)).status is S.ACCEPTED  # type: ignore[union-attr]
    assert board.unknown_statuses == {oid(1): "OnTheGrill"}
    assert board.stats.rejected == 2


def test_a_failing_listener_never_breaks_the_board(
    board: Board, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(change: Change) -> None:
        raise RuntimeError("view bug")

    rec = Recorder()
    board.subscribe(explode)
    board.subscribe(rec)
    with caplog.at_level(logging.ERROR, logger="kds.core.changes"):
        assert board.apply(event(1)) is ApplyOutcome.NEEDS_DETAIL
    assert len(board) == 1
    assert rec.of(OrderAdded)  # the next listener still got it
    assert "view bug" in caplog.text


def test_unsubscribe_stops_delivery(board: Board) -> None:
    rec = Recorder()
    unsubscribe = board.subscribe(rec)
    unsubscribe()
    unsubscribe()  # idempotent
    board.apply(event(1))
    assert rec.changes == []


def test_clear_forgets_everything_and_says_so(board: Board, seen: Recorder) -> None:
    board.apply(event(1))
    board.begin_resync()
    board.clear()
    assert len(board) == 0
    assert not board.resyncing
    assert board.unacknowledged_alerts() == []
    assert seen.changes[-1] == BoardCleared()


def test_board_rejects_a_malformed_restaurant_id() -> None:
    with pytest.raises(ValueError, match="badly formed"):
        Board("not-a-guid")


def test_board_canonicalises_its_restaurant_id() -> None:
    assert Board(RID.upper()).restaurant_id == RID


# ------------------------------------------------------------------ lanes and sorting


def test_lanes_hold_their_statuses_oldest_first(board: Board) -> None:
    board.apply_snapshot(
        [
            summary(1, S.PLACED, at(5)),
            summary(2, S.PLACED, at(1)),
            summary(3, S.ACCEPTED, at(3)),
            summary(4, S.PREPARING, at(2)),
            summary(5, S.READY_FOR_DELIVERY, at(0)),
            summary(6, S.PLACED, at(1)),
        ]
    )
    assert [t.order_id for t in lane_tickets(board.open_orders(), Lane.NEW)] == [
        oid(2),
        oid(6),
        oid(1),
    ]
    assert [t.order_id for t in lane_tickets(board.open_orders(), Lane.IN_PROGRESS)] == [
        oid(4),
        oid(3),
    ]
    assert [t.order_id for t in lane_tickets(board.open_orders(), Lane.READY)] == [oid(5)]
    # The active queue: status priority, then placement, then id (contract §4.1).
    assert [t.order_id for t in board.open_orders()] == [
        oid(2),
        oid(6),
        oid(1),
        oid(3),
        oid(4),
        oid(5),
    ]


def test_lane_of_every_status() -> None:
    assert lane_of(S.PLACED) is Lane.NEW
    assert lane_of(S.ACCEPTED) is lane_of(S.PREPARING) is Lane.IN_PROGRESS
    assert lane_of(S.READY_FOR_DELIVERY) is Lane.READY
    for status in (S.AWAITING_PAYMENT, S.DELIVERED, S.CANCELLED, S.REJECTED):
        assert lane_of(status) is None
    assert [lane.title for lane in Lane] == ["New", "In progress", "Ready"]


def test_a_ticket_from_an_event_sorts_by_its_last_update_until_the_detail_comes(
    board: Board,
) -> None:
    board.apply(event(1, S.PLACED, at(4)))
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.placed_at == at(4)


# ------------------------------------------------------------------ the bounded id window


def test_recent_ids_bounded_by_count() -> None:
    ids: RecentIds[str, int] = RecentIds(max_ids=2, max_age_s=60)
    assert ids.add("a", 0.0)
    assert not ids.add("a", 1.0)
    ids.add("b", 1.0)
    ids.add("c", 2.0)
    assert "a" not in ids
    assert len(ids) == 2


def test_recent_ids_bounded_by_age() -> None:
    ids: RecentIds[str, int] = RecentIds(max_ids=10, max_age_s=60)
    ids.add("a", 0.0)
    ids.add("b", 30.0)
    ids.expire(61.0)
    assert "a" not in ids
    assert "b" in ids
    ids.add("c", 100.0)
    assert "b" not in ids


def test_recent_ids_put_overwrites_the_value_but_keeps_the_age() -> None:
    ids: RecentIds[str, int] = RecentIds(max_ids=10, max_age_s=60)
    ids.put("a", 0.0, 1)
    ids.put("a", 50.0, 2)
    assert ids.get("a") == 2
    ids.expire(61.0)
    assert ids.get("a") is None


@pytest.mark.parametrize(("max_ids", "max_age_s"), [(0, 1.0), (1, 0.0)])
def test_recent_ids_refuses_empty_bounds(max_ids: int, max_age_s: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        RecentIds(max_ids, max_age_s)


def test_fake_clock_is_used_for_first_seen(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.first_seen == at(0)
    assert ticket.placed_at - ticket.first_seen == timedelta(minutes=1)

"""The board follows DESIGN.md consistency rules 1–8, one group of tests per rule."""

from __future__ import annotations

from kds.core.board import Board
from kds.core.changes import (
    AlertCleared,
    AlertRaised,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
)
from kds.core.lanes import Lane, lane_tickets
from kds.core.orders import EVENT_ORDER_PAYMENT_SUCCEEDED, EVENT_ORDER_PLACED, OrderStatus
from kds.core.outcome import ApplyOutcome
from tests.unit.core.conftest import Recorder
from tests.unit.core.factories import (
    OTHER_RID,
    FakeClock,
    at,
    detail,
    event,
    item,
    oid,
    result,
    summary,
)

S = OrderStatus
Out = ApplyOutcome


def statuses(board: Board) -> dict[str, OrderStatus]:
    return {t.order_id: t.status for t in board.open_orders()}


# ------------------------------------------------------------------ rule 1: snapshot, header first


def test_rule1_snapshot_shows_headers_first_with_detail_pending(board: Board) -> None:
    board.apply_snapshot([summary(1), summary(2, S.ACCEPTED)])
    assert statuses(board) == {oid(1): S.PLACED, oid(2): S.ACCEPTED}
    assert all(t.detail_pending for t in board.open_orders())
    assert board.pending_details() == [oid(1), oid(2)]
    assert board.get(oid(1)).placement_timestamp is not None  # type: ignore[union-attr]


def test_rule1_detail_fills_items_and_note_once(board: Board, seen: Recorder) -> None:
    board.apply_snapshot([summary(1)])
    d = detail(1, items=(item("Pho Bo", 2),), note="no peanuts")
    assert board.apply(d) is Out.APPLIED
    ticket = board.get(oid(1))
    assert ticket is not None
    assert not ticket.detail_pending
    assert ticket.note == "no peanuts"
    assert [i.name for i in ticket.items] == ["Pho Bo"]
    assert board.pending_details() == []
    assert board.apply(d) is Out.UNCHANGED
    assert len(seen.of(OrderUpdated)) == 1


def test_rule1_union_of_new_and_active_lists_each_order_once(board: Board) -> None:
    # Placed orders appear in both /orders/new and /orders/active.
    board.apply_snapshot([summary(1), summary(2, S.PREPARING), summary(1)])
    assert len(board) == 2


def test_rule1_rows_of_other_restaurants_and_closed_statuses_are_left_out(board: Board) -> None:
    from dataclasses import replace

    board.apply_snapshot(
        [
            replace(summary(1), restaurant_id=OTHER_RID),
            summary(2, S.AWAITING_PAYMENT),
            summary(3, S.DELIVERED),
            summary(4),
        ]
    )
    assert list(statuses(board)) == [oid(4)]


# ------------------------------------------------------------------ rule 2: dedupe, staleness


def test_rule2_duplicate_event_id_is_applied_once(board: Board, seen: Recorder) -> None:
    ev = event(1)
    assert board.apply(ev) is Out.NEEDS_DETAIL
    assert board.apply(ev) is Out.DUPLICATE
    assert len(seen.of(OrderAdded)) == 1
    assert board.stats.duplicates == 1


def test_rule2_older_timestamp_is_stale(board: Board) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.apply(event(1, S.ACCEPTED, at(2)))
    assert board.apply(event(1, S.ACCEPTED, at(1))) is Out.STALE
    assert board.get(oid(1)).last_update_timestamp == at(2)  # type: ignore[union-attr]
    assert board.stats.stale == 1


def test_rule2_delayed_lower_status_never_goes_backwards(board: Board) -> None:
    board.apply(event(1, S.PREPARING, at(3)))
    assert board.apply(event(1, S.ACCEPTED, at(2))) is Out.STALE
    assert board.apply(event(1, S.PLACED, at(0))) is Out.STALE
    assert statuses(board) == {oid(1): S.PREPARING}


def test_rule2_equal_timestamp_and_status_is_a_no_op(board: Board, seen: Recorder) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    assert board.apply(event(1, S.ACCEPTED, at(1))) is Out.UNCHANGED
    assert seen.of(OrderUpdated) == []


def test_rule2_trust_the_payload_status_not_the_event_name(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1), name=EVENT_ORDER_PLACED))
    assert [t.order_id for t in lane_tickets(board.open_orders(), Lane.IN_PROGRESS)] == [oid(1)]
    assert lane_tickets(board.open_orders(), Lane.NEW) == []


def test_rule2_back_dated_delivery_still_closes_the_ticket(board: Board) -> None:
    # "mark delivered" may set lastUpdateTimestamp to a deliveredAtUtc in the past (§4.2).
    board.apply(event(1, S.READY_FOR_DELIVERY, at(30)))
    assert board.apply(event(1, S.DELIVERED, at(25))) is Out.APPLIED
    assert len(board) == 0


def test_rule2_a_second_accept_with_a_later_timestamp_updates_the_eta(board: Board) -> None:
    # Two concurrent accepts can both succeed (no concurrency token, §4.2).
    board.apply(event(1, S.ACCEPTED, at(1), eta=at(40)))
    assert board.apply(event(1, S.ACCEPTED, at(2), eta=at(50))) is Out.APPLIED
    assert board.get(oid(1)).estimated_delivery_time == at(50)  # type: ignore[union-attr]


def test_rule2_dedupe_window_is_bounded_by_count(clock: FakeClock) -> None:
    board = Board(event(1).restaurant_id, dedupe_max_ids=3, clock=clock)
    first = event(1, S.PLACED, at(0))
    board.apply(first)
    for n in range(2, 6):
        board.apply(event(n))
    assert len(board._seen_events) == 3
    # The id fell out of the window, but the timestamp check still makes it a no-op.
    assert board.apply(first) is Out.UNCHANGED


def test_rule2_dedupe_window_is_bounded_by_age(clock: FakeClock) -> None:
    board = Board(event(1).restaurant_id, dedupe_max_age_s=60, clock=clock)
    ev = event(1)
    board.apply(ev)
    clock.advance(61)
    board.apply(event(2))
    assert ev.event_id not in board._seen_events
    assert board.apply(ev) is Out.UNCHANGED


# ------------------------------------------------------------------ rule 3: buffer during resync


def test_rule3_events_during_the_fetch_are_buffered_then_replayed(board: Board) -> None:
    board.begin_resync()
    assert board.resyncing
    assert board.apply(event(2, S.PLACED, at(5))) is Out.BUFFERED
    assert len(board) == 0  # nothing shown until the snapshot is in
    board.apply_snapshot([summary(1)])
    assert not board.resyncing
    assert statuses(board) == {oid(1): S.PLACED, oid(2): S.PLACED}
    assert board.stats.counts[Out.BUFFERED] == 1


def test_rule3_a_buffered_event_newer_than_the_snapshot_wins(board: Board) -> None:
    board.begin_resync()
    board.apply(event(1, S.ACCEPTED, at(3)))
    board.apply_snapshot([summary(1, S.PLACED)])  # read before the accept
    assert statuses(board) == {oid(1): S.ACCEPTED}
    assert board.get(oid(1)).last_update_timestamp == at(3)  # type: ignore[union-attr]


def test_rule3_a_buffered_event_older_than_the_snapshot_is_stale(board: Board) -> None:
    board.begin_resync()
    board.apply(event(1, S.ACCEPTED, at(3)))
    board.apply_snapshot([summary(1, S.PREPARING)])
    assert statuses(board) == {oid(1): S.PREPARING}
    assert board.stats.stale == 1


def test_rule3_a_buffered_terminal_event_removes_an_order_the_snapshot_listed(
    board: Board,
) -> None:
    board.begin_resync()
    board.apply(event(1, S.CANCELLED, at(3)))
    board.apply_snapshot([summary(1, S.ACCEPTED)])
    assert len(board) == 0


def test_rule3_snapshot_never_rolls_back_a_newer_held_status(board: Board) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.begin_resync()
    # Our own accept lands while the (older) snapshot is being read.
    board.apply(result(1, S.ACCEPTED, at(2), eta=at(40)))
    board.apply_snapshot([summary(1, S.PLACED)])
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.status is S.ACCEPTED
    assert ticket.last_update_timestamp == at(2)
    assert ticket.estimated_delivery_time == at(40)


def test_rule3_a_newer_snapshot_status_replaces_the_held_one(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply_snapshot([summary(1, S.READY_FOR_DELIVERY)])
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.status is S.READY_FOR_DELIVERY
    assert ticket.last_update_timestamp is None  # unknown until the next event or detail
    # The echo of that state (with its real timestamp) fills it in.
    board.apply(event(1, S.READY_FOR_DELIVERY, at(4)))
    assert board.get(oid(1)).last_update_timestamp == at(4)  # type: ignore[union-attr]


def test_rule3_abort_resync_replays_the_buffer_on_the_current_board(board: Board) -> None:
    board.apply(event(1))
    board.begin_resync()
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.abort_resync()
    assert not board.resyncing
    assert statuses(board) == {oid(1): S.ACCEPTED}


def test_rule3_duplicates_inside_the_buffer_apply_once(board: Board) -> None:
    board.begin_resync()
    ev = event(1)
    board.apply(ev)
    board.apply(ev)
    board.apply_snapshot([])
    assert len(board) == 1
    assert board.stats.duplicates == 1


# ------------------------------------------------------------------ rule 4: terminal leaves, recall


def test_rule4_terminal_status_leaves_into_the_recall_list(board: Board, seen: Recorder) -> None:
    board.apply(event(1, S.READY_FOR_DELIVERY, at(1)))
    board.apply(event(1, S.DELIVERED, at(2)))
    assert len(board) == 0
    assert seen.of(OrderRemoved) == [OrderRemoved(oid(1), S.DELIVERED)]
    (recalled,) = board.recall()
    assert recalled.final_status is S.DELIVERED
    assert recalled.ticket.status is S.DELIVERED


def test_rule4_recall_list_is_bounded_newest_first(clock: FakeClock) -> None:
    board = Board(event(1).restaurant_id, recall_size=3, clock=clock)
    for n in range(1, 6):
        board.apply(event(n, S.PLACED, at(0)))
        board.apply(event(n, S.REJECTED, at(1)))
    assert [r.ticket.order_id for r in board.recall()] == [oid(5), oid(4), oid(3)]


def test_rule4_a_late_event_cannot_bring_a_closed_order_back(board: Board) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.apply(event(1, S.CANCELLED, at(2)))
    assert board.apply(event(1, S.ACCEPTED, at(1))) is Out.STALE
    assert board.apply(detail(1, S.PLACED, at(0))) is Out.STALE
    assert len(board) == 0


# ------------------------------------------------------------------ rule 5: unknown orders


def test_rule5_unknown_open_order_is_added_and_needs_detail(board: Board) -> None:
    assert board.apply(event(1, S.PREPARING, at(3))) is Out.NEEDS_DETAIL
    assert board.pending_details() == [oid(1)]
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.detail_pending
    assert ticket.placement_timestamp is None
    board.apply(detail(1, S.PREPARING, at(3), placed=at(-10)))
    assert board.get(oid(1)).placement_timestamp == at(-10)  # type: ignore[union-attr]


def test_rule5_terminal_event_for_an_unknown_order_is_ignored(board: Board, seen: Recorder) -> None:
    # A failed online payment reaches the restaurant only as Cancelled.
    assert board.apply(event(1, S.CANCELLED, at(1))) is Out.IGNORED_TERMINAL_UNKNOWN
    assert len(board) == 0
    assert seen.changes == []
    # ...and a reordered earlier event for it cannot add it afterwards.
    assert board.apply(event(1, S.PLACED, at(0))) is Out.STALE


def test_rule5_awaiting_payment_is_not_shown(board: Board) -> None:
    assert board.apply(event(1, S.AWAITING_PAYMENT, at(0))) is Out.IGNORED_NOT_OPEN
    assert len(board) == 0


def test_rule5_an_older_detail_keeps_the_status_but_brings_the_items(board: Board) -> None:
    board.apply(event(1, S.PREPARING, at(3)))
    assert board.apply(detail(1, S.ACCEPTED, at(2), note="allergy")) is Out.APPLIED
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.status is S.PREPARING
    assert ticket.note == "allergy"


def test_rule5_a_newer_detail_advances_the_status(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply(detail(1, S.PREPARING, at(2)))
    assert statuses(board) == {oid(1): S.PREPARING}


def test_rule5_a_terminal_detail_closes_the_ticket(board: Board) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply(detail(1, S.CANCELLED, at(2)))
    assert len(board) == 0
    assert board.recall()[0].ticket.detail is not None


# ------------------------------------------------------------------ rule 6: our own actions


def test_rule6_action_result_applies_at_once_and_the_echo_is_a_no_op(
    board: Board, seen: Recorder
) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    assert board.apply(result(1, S.ACCEPTED, at(1), eta=at(45))) is Out.APPLIED
    assert statuses(board) == {oid(1): S.ACCEPTED}
    updates = len(seen.of(OrderUpdated))
    echo = event(1, S.ACCEPTED, at(1), eta=at(45))
    assert board.apply(echo) is Out.UNCHANGED
    assert len(seen.of(OrderUpdated)) == updates


def test_rule6_already_in_that_status_is_success_without_change(board: Board) -> None:
    board.apply_snapshot([summary(1, S.PLACED)])
    board.apply(event(1, S.ACCEPTED, at(1)))
    assert board.apply(result(1, S.ACCEPTED, at(1))) is Out.UNCHANGED


def test_rule6_a_result_older_than_the_board_is_stale(board: Board) -> None:
    board.apply(event(1, S.PREPARING, at(2)))
    assert board.apply(result(1, S.ACCEPTED, at(1))) is Out.STALE


def test_rule6_delivered_result_closes_the_ticket(board: Board) -> None:
    board.apply(event(1, S.READY_FOR_DELIVERY, at(2)))
    board.apply(result(1, S.DELIVERED, at(3)))
    assert len(board) == 0
    assert board.apply(event(1, S.DELIVERED, at(3))) is Out.STALE


# ------------------------------------------------------------------ rule 7: alerts


def test_rule7_one_alert_per_new_order_not_per_event(board: Board, seen: Recorder) -> None:
    # An online order sends PaymentSucceeded, then Placed; both carry Placed.
    board.apply(event(1, S.PLACED, at(0), name=EVENT_ORDER_PAYMENT_SUCCEEDED))
    board.apply(event(1, S.PLACED, at(0), name=EVENT_ORDER_PLACED))
    assert seen.of(AlertRaised) == [AlertRaised(oid(1), "ORD-1")]
    assert [a.order_id for a in board.unacknowledged_alerts()] == [oid(1)]


def test_rule7_no_alert_for_an_order_first_seen_later_than_placed(
    board: Board, seen: Recorder
) -> None:
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply_snapshot([summary(2, S.PREPARING)])
    board.apply(detail(3, S.READY_FOR_DELIVERY, at(1)))
    assert seen.of(AlertRaised) == []


def test_rule7_orders_placed_during_an_outage_alert_from_the_snapshot(
    board: Board, seen: Recorder
) -> None:
    board.apply_snapshot([summary(1)])
    board.begin_resync()
    board.apply_snapshot([summary(1), summary(2)])
    assert seen.of(AlertRaised) == [AlertRaised(oid(1), "ORD-1"), AlertRaised(oid(2), "ORD-2")]


def test_rule7_first_seen_as_placed_through_a_detail_alerts(board: Board) -> None:
    board.apply(detail(1, S.PLACED, at(0)))
    assert [a.order_id for a in board.unacknowledged_alerts()] == [oid(1)]


def test_rule7_never_twice_even_if_the_order_leaves_and_comes_back(
    board: Board, seen: Recorder
) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.apply_snapshot([])  # the order vanished from a resync...
    board.apply_snapshot([summary(1)])  # ...and came back (paged-queue skew)
    board.apply(event(1, S.PLACED, at(0)))  # and a redelivery under a new id
    assert len(seen.of(AlertRaised)) == 1
    assert statuses(board) == {oid(1): S.PLACED}


def test_rule7_acknowledge_clears_the_alert(board: Board, seen: Recorder) -> None:
    board.apply(event(1))
    assert board.acknowledge(oid(1)) is True
    assert board.acknowledge(oid(1)) is False
    assert board.unacknowledged_alerts() == []
    assert seen.of(AlertCleared) == [AlertCleared(oid(1))]


def test_rule7_an_order_answered_before_the_board_saw_it_never_alerts(
    board: Board, seen: Recorder
) -> None:
    """An Accept kept on disk from before a restart answered order 1: the first snapshot after
    the restart must not sound for it; order 2, which nobody answered, still does."""
    board.answered(oid(1))
    board.apply_snapshot([summary(1), summary(2)])
    assert seen.of(AlertRaised) == [AlertRaised(oid(2), "ORD-2")]
    board.answered(oid(2))  # answered while sounding: it stops
    assert board.unacknowledged_alerts() == []
    assert seen.of(AlertCleared) == [AlertCleared(oid(2))]


def test_rule7_accepted_or_cancelled_elsewhere_clears_the_alert(board: Board) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.apply(event(2, S.PLACED, at(0)))
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.apply(event(2, S.CANCELLED, at(1)))
    assert board.unacknowledged_alerts() == []


# ------------------------------------------------------------------ rule 8: resync after reconnect


def test_rule8_resync_after_an_outage_converges(board: Board, clock: FakeClock) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.apply(event(2, S.ACCEPTED, at(0)))
    board.apply(event(3, S.PREPARING, at(0)))
    # Offline: 1 was accepted, 2 cancelled, 3 is unchanged, 4 was placed. Then we reconnect.
    clock.advance(600)
    board.begin_resync()
    board.apply(event(5, S.PLACED, at(11)))  # arrives while the snapshot is fetched
    board.apply_snapshot([summary(1, S.ACCEPTED), summary(3, S.PREPARING), summary(4)])
    assert statuses(board) == {
        oid(1): S.ACCEPTED,
        oid(3): S.PREPARING,
        oid(4): S.PLACED,
        oid(5): S.PLACED,
    }
    assert {a.order_id for a in board.unacknowledged_alerts()} == {oid(4), oid(5)}
    removed = [r.ticket.order_id for r in board.recall()]
    assert removed == [oid(2)]
    assert board.recall()[0].final_status is None


def test_rule8_events_for_other_restaurants_are_ignored(board: Board) -> None:
    assert board.apply(event(1, rid=OTHER_RID)) is Out.IGNORED_OTHER_RESTAURANT
    assert len(board) == 0


# ------------------------------------------------------------------ closed stays closed


def test_rule3_an_order_a_resync_dropped_stays_closed_for_late_events(board: Board) -> None:
    # Accepted twice (concurrent accepts), then cancelled while we were offline: the snapshot
    # no longer lists it, and the late second-accept event must not bring back a ghost.
    board.apply(event(1, S.ACCEPTED, at(1)))
    board.begin_resync()
    board.apply_snapshot([])
    assert board.apply(event(1, S.ACCEPTED, at(2))) is Out.STALE
    assert board.apply(event(1, S.PREPARING, at(3))) is Out.STALE
    assert board.apply(detail(1, S.PREPARING, at(3))) is Out.STALE
    assert board.apply(result(1, S.PREPARING, at(3))) is Out.STALE
    assert len(board) == 0


def test_rule3_a_later_snapshot_may_list_a_dropped_order_again_without_alerting(
    board: Board, seen: Recorder
) -> None:
    # Only a skewed paged read can drop an open order; the next complete snapshot wins.
    board.apply_snapshot([summary(1)])
    board.apply_snapshot([])
    board.apply_snapshot([summary(1, S.ACCEPTED)])
    assert statuses(board) == {oid(1): S.ACCEPTED}
    assert len(seen.of(AlertRaised)) == 1


def test_rule4_a_snapshot_never_relists_an_order_seen_terminal(board: Board) -> None:
    board.apply(event(1, S.PLACED, at(0)))
    board.begin_resync()
    board.apply(event(1, S.CANCELLED, at(1)))  # buffered
    board.abort_resync()
    board.apply_snapshot([summary(1)])  # read before the cancel, applied after it
    assert len(board) == 0


def test_rule5_a_detail_for_an_order_not_on_the_board_asks_for_a_fresh_one(
    board: Board,
) -> None:
    # Details are fetched only for tickets on the board, so this one is a slow response:
    # show the header, but fetch again before trusting its content.
    assert board.apply(detail(1, S.ACCEPTED, at(1), placed=at(-3))) is Out.NEEDS_DETAIL
    ticket = board.get(oid(1))
    assert ticket is not None
    assert ticket.detail_pending
    assert ticket.placement_timestamp == at(-3)
    assert board.pending_details() == [oid(1)]
    assert board.apply(detail(1, S.ACCEPTED, at(1))) is Out.APPLIED
    assert board.pending_details() == []


def test_order_status_hashes_like_its_wire_string() -> None:
    assert {"Placed": 1}[S.PLACED] == 1
    assert {S.ACCEPTED: 2}["Accepted"] == 2

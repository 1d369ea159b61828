"""Bugs the chaos schedules found, pinned at the depth they were fixed."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from kds.core.board import Board
from kds.core.decode import decode_detail, decode_summary, read_event
from tests.unit.core import payloads


def _ts(offset_s: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=offset_s)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_a_snapshot_row_that_advances_a_detailed_ticket_gets_its_detail_refetched() -> None:
    """Chaos seeds 1, 7, 8 (proxy reset + own accept): the Accepted echo was lost with the
    connection, the resync row said Accepted, and the ticket kept its old Placed detail with no
    timestamp or ETA — and no fetch was ever scheduled, so it never converged."""
    board = Board(payloads.RESTAURANT_ID)
    placed = _ts(-60)
    board.apply(
        read_event(
            "ReceiveOrderPlaced", payloads.event(lastUpdateTimestamp=placed, occurredOnUtc=placed)
        )
    )
    board.apply(
        decode_detail(
            payloads.detail(
                status="Placed",
                placementTimestamp=placed,
                lastUpdateTimestamp=placed,
                estimatedDeliveryTime=None,
            )
        )
    )
    assert board.pending_details() == []

    board.begin_resync()
    board.apply_snapshot(
        [decode_summary(payloads.summary(status="Accepted", placementTimestamp=placed))]
    )
    ticket = board.get(payloads.ORDER_ID)
    assert ticket is not None
    assert ticket.status.value == "Accepted"
    assert ticket.last_update_timestamp is None  # a row carries no times
    assert board.pending_details() == [payloads.ORDER_ID]

    accepted, eta = _ts(-30), _ts(1800)
    board.apply(
        decode_detail(
            payloads.detail(
                status="Accepted",
                placementTimestamp=placed,
                lastUpdateTimestamp=accepted,
                estimatedDeliveryTime=eta,
            )
        )
    )
    ticket = board.get(payloads.ORDER_ID)
    assert ticket is not None
    assert ticket.last_update_timestamp is not None
    assert ticket.estimated_delivery_time is not None
    assert board.pending_details() == []


def test_replay_of_the_lost_echo_schedule_converges(qapp: object) -> None:
    """The minimal replay the shrinker printed for seed 7 before the fix (it never converged)."""
    from tests.chaos import harness
    from tests.chaos.schedule import Schedule, Step

    replay = Schedule(
        7,
        [
            Step("place_cash", {"restaurant": "pho"}, gap_s=0.063),
            Step("place_cash", {"restaurant": "pho"}, gap_s=0.009),
            Step("proxy_reset", {}, gap_s=0.185),
            Step("session_accept", {"restaurant": "pho", "pick": 406}, gap_s=0.007),
        ],
    )
    report = harness.run_schedule(replay)
    assert report.ok, report.describe()


def test_a_reader_that_fails_in_its_handshake_send_ends_quietly() -> None:
    """Chaos soak (proxy reset right after the upgrade): signalrcore's reader thread raised
    ``ValueError: Socket closed`` from the handshake send, an unhandled thread exception."""
    import socket
    import threading

    from kds.net.hub_socket import TimedWebSocketClient

    def closed_during_handshake() -> None:
        raise ValueError("Socket closed by the the server")

    reader = TimedWebSocketClient(url="ws://127.0.0.1:1/hub", on_open=closed_during_handshake)
    ends: list[BaseException | None] = []
    reader.on_reader_exit = ends.append
    a, b = socket.socketpair()
    reader.sock = a
    reader.running = True
    escaped: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: escaped.append(args.exc_value)
    try:
        thread = threading.Thread(target=reader.run)
        thread.start()
        thread.join(5)
    finally:
        threading.excepthook = previous
        a.close()
        b.close()
    assert escaped == []
    assert len(ends) == 1
    assert isinstance(ends[0], ValueError)


def test_replay_of_the_double_token_expiry_schedule_keeps_everyone_signed_in(
    qapp: object,
) -> None:
    """Chaos seed 992 (soak of 1,000): access tokens expired twice within one slow round trip
    (284 ms proxy latency). A detail fetch refreshed, its retry was refused again, and the
    ``AuthExpired`` signed both Pho Hanoi terminals out although their refresh tokens worked,
    so their boards emptied and never converged (2 of 3 replays failed before the fix)."""
    from tests.chaos import harness
    from tests.chaos.schedule import Schedule, Step

    replay = Schedule(
        992,
        [
            Step("token_expire", {}, gap_s=0.036),
            Step("session_accept", {"restaurant": "pho", "pick": 880}, gap_s=0.002),
            Step("place_online", {"restaurant": "pho", "succeeded": True}, gap_s=0.018),
            Step("place_cash", {"restaurant": "pho"}, gap_s=0.115),
            Step("latency_on", {"latency_s": 0.284}, gap_s=0.144),
            Step("token_expire", {}, gap_s=0.122),
            Step("staff_cancel", {"restaurant": "pho", "pick": 508}, gap_s=0.132),
        ],
    )
    report = harness.run_schedule(replay)
    assert report.ok, report.describe()


def test_a_world_whose_login_fails_says_why_and_leaves_nothing_behind(
    qapp: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: a world whose start failed waited 20 s without a reason, and its leftovers
    failed the next test. Now the login's own failure is the error at once, and this test's
    autouse ``no_leaks`` checks that the closed world left no thread or socket."""
    from pathlib import Path

    from tests.chaos import world as world_module

    monkeypatch.setattr(world_module, "owner", lambda slug: (f"owner.{slug}@kds.example", "nope"))
    world = world_module.World(Path(str(tmp_path)))
    started = time.monotonic()
    try:
        with pytest.raises(AssertionError, match=r"login owner\.pho-hanoi@kds\.example failed"):
            world.start()
    finally:
        world.close()
    assert time.monotonic() - started < 15

"""LiveBoard with a scripted REST server (httpx.MockTransport) and the in-memory FakeHub."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from kds.app.board_model import BoardModel
from kds.app.live import LiveBoard
from kds.app.qt_thread import QtThread, Worker
from kds.app.resync import Resync
from kds.app.settings import SessionSettings
from kds.core.changes import MenuChanged
from kds.net.hub import HubClient
from kds.net.rest import RestClient
from kds.net.retry import HubRetryPolicy
from kds.net.tokens import TokenStore
from tests.support.changes import listen
from tests.support.fake_hub import FakeHub
from tests.support.menus import menu_document
from tests.unit.core import payloads

BASE = "http://kds.test"
RID = payloads.RESTAURANT_ID
STALE = "00000000-0000-4000-8000-000000000001"
FRESH = "00000000-0000-4000-8000-000000000002"


def page(*rows: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": list(rows),
        "pageNumber": 1,
        "totalPages": 1 if rows else 0,
        "totalCount": len(rows),
        "hasPreviousPage": False,
        "hasNextPage": False,
    }


class Backend:
    """Answers the queue and detail GETs; a test can hold the next snapshot until released."""

    def __init__(self) -> None:
        self.open: dict[str, dict[str, Any]] = {}
        self.hold_next_snapshot: threading.Event | None = None
        self.snapshot_reads = 0
        self.detail_reads: list[str] = []
        self.raw_detail: dict[str, dict[str, Any]] = {}  # order id → body served as is
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/menu"):  # the restaurant's menu (the seed's pho-hanoi is RID)
            if request.headers.get("if-none-match") == '"m1"':
                return httpx.Response(304, headers={"ETag": '"m1"'})
            return httpx.Response(200, json=menu_document(), headers={"ETag": '"m1"'})
        if path.endswith("/orders/new") or path.endswith("/orders/active"):
            with self.lock:
                hold, self.hold_next_snapshot = self.hold_next_snapshot, None
                rows = [payloads.summary(orderId=oid, status=st) for oid, st in self.rows()]
                if path.endswith("/orders/active"):
                    self.snapshot_reads += 1
            if hold is not None:
                hold.wait(10)
            if path.endswith("/orders/new"):
                rows = [r for r in rows if r["status"] == "Placed"]
            return httpx.Response(200, json=page(*rows))
        oid = path.rsplit("/", 1)[1]
        self.detail_reads.append(oid)
        if oid in self.raw_detail:
            return httpx.Response(200, json=self.raw_detail[oid])
        status = self.open.get(oid, {}).get("status", "Cancelled")
        return httpx.Response(200, json=payloads.detail(orderId=oid, status=status))

    def rows(self) -> list[tuple[str, str]]:
        return [(oid, o["status"]) for oid, o in self.open.items()]


class Rig:
    def __init__(self, qtbot: QtBot) -> None:
        self.backend = Backend()
        tokens = TokenStore(BASE, "staff", backend=fail.Keyring())
        tokens.save("access", "refresh", 3600)
        self.rest = RestClient(
            BASE, tokens, http=httpx.Client(transport=httpx.MockTransport(self.backend))
        )
        self.fake = FakeHub()
        self.fake.replies["SubscribeToRestaurant"] = lambda args: (None, None)
        self.fake.replies["UnsubscribeFromRestaurant"] = lambda args: (None, None)
        self.qt = QtThread()
        self.calls = Worker(self.qt, 4, "kds-call")
        self.details = Worker(self.qt, 8, "kds-detail")
        self.model = BoardModel()
        settings = SessionSettings(BASE, safety_resync_s=0)

        def hub_factory(url: str, provider: Any, **kwargs: Any) -> HubClient:
            policy = HubRetryPolicy(delays_s=(0.0, 0.05), steady_s=0.05)
            return HubClient(
                url, provider, transport_factory=self.fake.factory, retry_policy=policy, **kwargs
            )

        self.live = LiveBoard(
            settings, self.model, self.qt, self.calls, self.details, hub_factory=hub_factory
        )
        self.states: list[str] = []
        self.live.connection_changed.connect(lambda st, _d: self.states.append(st))

    def close(self) -> None:
        self.live.stop(wait=True)
        self.qt.closed = True
        self.calls.shutdown()
        self.details.shutdown()
        self.rest.close()


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    made = Rig(qtbot)
    yield made
    made.close()


def test_a_late_snapshot_of_an_older_generation_is_dropped(
    qtbot: QtBot, rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrived: list[int] = []  # generations of every snapshot result that reached the Qt thread
    original = Resync._on_rows

    def spy(self: Resync, gen: int, rows: Any) -> None:
        arrived.append(gen)
        original(self, gen, rows)

    monkeypatch.setattr(Resync, "_on_rows", spy)
    rig.backend.open[STALE] = {"status": "Placed"}
    release = threading.Event()
    rig.backend.hold_next_snapshot = release
    rig.live.start(rig.rest, RID)  # generation 1: its snapshot is held by the server
    first_gen = rig.live.generation
    qtbot.waitUntil(lambda: rig.backend.hold_next_snapshot is None)

    # Meanwhile the order closed, and the user re-selected the restaurant (generation 2).
    rig.backend.open.pop(STALE)
    rig.backend.open[FRESH] = {"status": "Accepted"}
    rig.live.start(rig.rest, RID)
    shown: list[str] = []
    listen(
        rig.model,
        added=lambda t: shown.append(t.order_id),
        alert=lambda oid, _n: shown.append(f"alert {oid}"),
    )
    qtbot.waitUntil(lambda: rig.live.live and rig.live.snapshot_count >= 2, timeout=5000)
    assert first_gen not in arrived
    release.set()  # generation 1's snapshot lands now, listing the closed order as Placed
    qtbot.waitUntil(lambda: first_gen in arrived, timeout=5000)
    with qtbot.waitSignal(rig.live.synced, timeout=5000):
        rig.live.resync()
    assert shown == [FRESH]  # the closed order never reappeared, not even for a moment
    assert [t.order_id for t in rig.model.tickets()] == [FRESH]


def test_reconnect_resubscribes_then_resyncs(qtbot: QtBot, rig: Rig) -> None:
    rig.live.start(rig.rest, RID)
    qtbot.waitUntil(lambda: rig.live.live, timeout=5000)
    first = rig.fake.current
    assert [m for m, _, _ in first.invocations] == ["SubscribeToRestaurant"]
    qtbot.waitUntil(lambda: rig.live.snapshot_count >= 2, timeout=5000)
    snapshots = rig.live.snapshot_count

    rig.backend.open[FRESH] = {"status": "Placed"}  # placed while the connection was down
    first.drop()
    qtbot.waitUntil(lambda: rig.fake.wait_connections(2, 0) and rig.live.live, timeout=5000)
    second = rig.fake.current
    assert second is not first
    assert [m for m, args, _ in second.invocations] == ["SubscribeToRestaurant"]
    assert second.invocations[0][1] == [RID]
    qtbot.waitUntil(lambda: rig.live.snapshot_count > snapshots, timeout=5000)
    assert [t.order_id for t in rig.model.tickets()] == [FRESH]
    assert "reconnecting" in rig.states
    assert rig.states[-1] == "connected"


def test_events_for_unknown_open_orders_fetch_their_detail(qtbot: QtBot, rig: Rig) -> None:
    rig.live.start(rig.rest, RID)
    qtbot.waitUntil(lambda: rig.live.live and rig.live.snapshot_count >= 2, timeout=5000)
    rig.backend.open[FRESH] = {"status": "Accepted"}
    event = payloads.event(orderId=FRESH, status="Accepted")
    rig.fake.current.emit("ReceiveOrderStatusChanged", event)
    qtbot.waitUntil(
        lambda: (t := rig.model.get(FRESH)) is not None and not t.detail_pending, timeout=5000
    )
    # A terminal event for an order never seen (failed online payment) is ignored (rule 5).
    rig.fake.current.emit(
        "ReceiveOrderStatusChanged",
        payloads.event(orderId=STALE, status="Cancelled", eventId=STALE),
    )
    rig.fake.current.emit("ReceiveSomethingElse", {"x": 1})  # not an order event: ignored
    with qtbot.waitSignal(rig.live.synced, timeout=5000):
        rig.live.resync()
    assert rig.model.get(STALE) is None


def test_unreadable_details_are_reported_not_hammered(qtbot: QtBot, rig: Rig) -> None:
    notices: list[tuple[str, str]] = []
    rig.live.notice.connect(lambda lvl, msg: notices.append((lvl, msg)))
    unknown: list[tuple[str, str]] = []
    listen(rig.model, unknown=lambda oid, v: unknown.append((oid, v)))
    rig.backend.open[STALE] = {"status": "Placed"}
    rig.backend.open[FRESH] = {"status": "Placed"}
    rig.backend.raw_detail[STALE] = payloads.detail(orderId=STALE, status="Refunded")
    rig.backend.raw_detail[FRESH] = payloads.detail(orderId=FRESH, items="garbage")
    rig.live.start(rig.rest, RID)
    qtbot.waitUntil(lambda: bool(unknown) and bool(notices), timeout=5000)
    assert unknown == [(STALE, "Refunded")]
    assert notices[0][0] == "warning"
    assert "could not be read (items)" in notices[0][1]
    # Each snapshot allows one more try (the second one follows the subscription).
    qtbot.waitUntil(lambda: rig.live.live and rig.live.snapshot_count >= 2, timeout=5000)
    qtbot.waitUntil(lambda: rig.live.details_in_flight == 0)
    reads = len(rig.backend.detail_reads)
    # A later event needing a detail does not refetch the unreadable ones.
    other = "00000000-0000-4000-8000-000000000003"
    rig.backend.open[other] = {"status": "Placed"}
    rig.fake.current.emit("ReceiveOrderPlaced", payloads.event(orderId=other, eventId=other))
    qtbot.waitUntil(lambda: (t := rig.model.get(other)) is not None and not t.detail_pending)
    assert sorted(rig.backend.detail_reads[reads:]) == [other]
    assert {t.order_id for t in rig.model.tickets()} == {STALE, FRESH, other}  # headers kept


def test_a_queue_row_with_an_unknown_status_costs_only_that_row(qtbot: QtBot, rig: Rig) -> None:
    """A newer backend lists a status we don't know: the rest of the snapshot still lands."""
    rig.backend.open[STALE] = {"status": "OnHold"}  # not in the contract's enum
    rig.backend.open[FRESH] = {"status": "Placed"}
    unknown: list[tuple[str, str]] = []
    listen(rig.model, unknown=lambda oid, v: unknown.append((oid, v)))
    rig.live.start(rig.rest, RID)
    qtbot.waitUntil(lambda: rig.live.live and rig.live.snapshot_count >= 2, timeout=5000)
    assert [t.order_id for t in rig.model.tickets()] == [FRESH]
    assert (STALE, "OnHold") in unknown


def test_start_loads_the_menu_refresh_menu_revalidates_and_stop_forgets_it(
    qtbot: QtBot, rig: Rig
) -> None:
    menus: list[object] = []
    rig.model.changed.connect(
        lambda c: menus.append(c.menu) if isinstance(c, MenuChanged) else None
    )
    rig.live.start(rig.rest, RID)
    qtbot.waitUntil(lambda: rig.model.menu is not None, timeout=5000)
    menu = rig.model.menu
    assert menu is not None
    assert menu.restaurant_id == RID
    assert rig.live.menu_loader.menu is menu
    rig.live.refresh_menu()
    qtbot.waitUntil(lambda: rig.live.menu_loader.not_modified == 1, timeout=5000)
    assert rig.model.menu is menu
    assert menus == [menu]
    rig.live.stop(wait=True)
    assert rig.model.menu is None
    assert rig.live.menu_loader.menu is None

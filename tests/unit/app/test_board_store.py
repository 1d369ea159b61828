"""The saved board on disk: private, per user and restaurant, never a crash on a damaged file,
and saved at most every few seconds (issue 18, item 3)."""

from __future__ import annotations

import json
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kds.app.board_store import (
    DAMAGED,
    OTHER_VERSION,
    BoardStore,
    SaveDebouncer,
    SnapshotWriter,
    board_store_path,
)
from kds.core.board_snapshot import BoardSnapshot
from kds.core.menu import Menu, MenuCategory, MenuItem
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from tests.unit.core.factories import (
    OTHER_RID,
    RID,
    T0,
    at,
    held_ticket,
    oid,
)

USER = "bếp@example.com"
NOW = datetime(2026, 3, 1, 18, 30, 5, 123456, tzinfo=UTC)


def _ticket(n: int, status: OrderStatus = OrderStatus.PLACED) -> Ticket:
    return held_ticket(n, status, note="ít hành")


def _snapshot(*tickets: Ticket, user: str = USER, rid: str = RID) -> BoardSnapshot:
    menu = Menu(rid, T0, (MenuCategory(oid(70), "Món chính", 0, 0),), (
        MenuItem(oid(200_001), "Phở bò", oid(70), True),
    ))  # fmt: skip
    return BoardSnapshot(rid, user, at(30), at(29), tickets, frozenset({oid(1)}), menu)


@pytest.fixture
def store(tmp_path: Path) -> BoardStore:
    return BoardStore(
        board_store_path(tmp_path / "state.json", USER, RID), USER, RID, clock=lambda: NOW
    )


# ------------------------------------------------------------------ saving and loading


def test_saved_board_loads_back_equal_and_the_file_is_private(store: BoardStore) -> None:
    snapshot = _snapshot(_ticket(1), _ticket(2, OrderStatus.PREPARING))
    assert store.save(snapshot)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    loaded = store.load()
    assert loaded.snapshot == snapshot
    assert loaded.problems == ()
    assert "bếp@example.com" not in store.path.name


def test_nothing_saved_loads_as_none_without_problems(store: BoardStore) -> None:
    loaded = store.load()
    assert loaded.snapshot is None
    assert loaded.problems == ()


def test_each_user_and_restaurant_has_its_own_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    paths = {
        board_store_path(state, USER, RID),
        board_store_path(state, "other@example.com", RID),
        board_store_path(state, USER, OTHER_RID),
    }
    assert len(paths) == 3
    assert board_store_path(state, USER, RID.upper()) == board_store_path(state, USER, RID)
    assert all(p.parent == tmp_path and p.name.startswith("state.board-") for p in paths)


def test_a_snapshot_of_another_user_cannot_be_saved(store: BoardStore) -> None:
    with pytest.raises(ValueError, match="another user"):
        store.save(_snapshot(user="someone@else"))


@pytest.mark.parametrize("who", ["user", "restaurant"])
def test_another_users_or_restaurants_file_is_ignored_and_left_in_place(
    store: BoardStore, who: str
) -> None:
    other = _snapshot(_ticket(1), **({"user": "x@y"} if who == "user" else {"rid": OTHER_RID}))
    BoardStore(store.path, other.user, other.restaurant_id).save(other)
    before = store.path.read_bytes()
    loaded = store.load()
    assert loaded.snapshot is None
    assert loaded.problems == ()
    assert store.path.read_bytes() == before
    assert list(store.path.parent.glob("*.corrupt-*")) == []


def _saved_text(store: BoardStore) -> str:
    store.save(_snapshot(_ticket(1), _ticket(2)))
    return store.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda text: b"", DAMAGED),
        (lambda text: b"\xff\xfe\x00garbage", DAMAGED),
        (lambda text: b"{not json", DAMAGED),
        (lambda text: b"[]", DAMAGED),
        (lambda text: b"null", DAMAGED),
        (lambda text: text.replace('"version": 1', '"version": 2').encode(), OTHER_VERSION),
        (lambda text: text.replace('"kind": "kds.board-snapshot"', '"kind": "x"').encode(),
         OTHER_VERSION),
        (lambda text: text.replace('"tickets": [', '"tickets": {"x": [').encode(), DAMAGED),
        (lambda text: b"[" * 100_000, DAMAGED),
    ],
)  # fmt: skip
def test_a_damaged_file_is_moved_aside_and_worded(store: BoardStore, damage, words: str) -> None:  # type: ignore[no-untyped-def]
    store.path.write_bytes(damage(_saved_text(store)))
    loaded = store.load()
    assert loaded.snapshot is None
    assert loaded.problems == (words,)
    assert not store.path.exists()
    assert loaded.set_aside == store.path.with_name(
        f"{store.path.name}.corrupt-20260301T183005123456Z"
    )
    assert loaded.set_aside.exists()
    assert store.load().snapshot is None  # and the next start finds nothing


def test_a_file_truncated_anywhere_never_crashes_the_load(store: BoardStore) -> None:
    data = _saved_text(store).encode("utf-8")
    for cut in range(0, len(data), max(1, len(data) // 150)):
        store.path.write_bytes(data[:cut])
        loaded = store.load()
        assert loaded.snapshot is None
        assert loaded.problems == (DAMAGED,)
    assert len(list(store.path.parent.glob("*.corrupt-*"))) == 1  # same stamp: replaced


def test_one_bad_ticket_costs_only_that_ticket(store: BoardStore) -> None:
    doc = json.loads(_saved_text(store))
    doc["tickets"][0]["detail"]["items"][0]["unit_price"] = 5
    store.path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = store.load()
    assert loaded.snapshot is not None
    assert [t.order_id for t in loaded.snapshot.tickets] == [oid(2)]
    assert loaded.problems == ("1 saved order could not be restored; waiting for the server.",)
    assert store.path.exists()


def test_an_unreadable_file_is_worded_and_left_alone(store: BoardStore) -> None:
    store.path.mkdir(parents=True)  # reading a directory fails with an OSError
    loaded = store.load()
    assert loaded.snapshot is None
    assert loaded.problems == (
        "The saved board could not be read (IsADirectoryError); waiting for the server.",
    )
    assert store.path.is_dir()


def test_a_file_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    store = BoardStore(blocked / "state.board.json", USER, RID)  # its parent is a file
    assert not store.save(_snapshot())


def test_discard_removes_the_file(store: BoardStore) -> None:
    store.save(_snapshot())
    store.discard()
    store.discard()
    assert store.load().snapshot is None


# ------------------------------------------------------------------ off the Qt thread


def test_the_writer_saves_on_its_own_thread_and_close_waits(store: BoardStore) -> None:
    threads: list[str] = []
    real_save = store.save

    def save(snapshot: BoardSnapshot) -> bool:
        threads.append(threading.current_thread().name)
        return real_save(snapshot)

    store.save = save  # type: ignore[method-assign]
    writer = SnapshotWriter(store)
    assert writer.submit(_snapshot(_ticket(1))).result(timeout=10)
    writer.submit(_snapshot(_ticket(1), _ticket(2)))
    writer.close()
    assert [t.order_id for t in store.load().snapshot.tickets] == [oid(1), oid(2)]  # type: ignore[union-attr]
    assert threads
    assert all(t.startswith("kds-board-store") for t in threads)


def test_when_writes_fall_behind_only_the_newest_is_written(store: BoardStore) -> None:
    gate = threading.Event()
    written: list[int] = []

    def save(snapshot: BoardSnapshot) -> bool:
        gate.wait(10)
        written.append(len(snapshot.tickets))
        return True

    store.save = save  # type: ignore[method-assign]
    writer = SnapshotWriter(store)
    writer.submit(_snapshot(_ticket(1)))  # taken at once by the disk thread, then blocked
    for n in range(2, 6):
        writer.submit(_snapshot(*(_ticket(i) for i in range(1, n + 1))))
    gate.set()
    writer.close()
    assert written[-1] == 5
    assert len(written) <= 3


def test_a_failing_save_does_not_kill_the_writer(store: BoardStore) -> None:
    calls: list[int] = []

    def save(snapshot: BoardSnapshot) -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return True

    store.save = save  # type: ignore[method-assign]
    writer = SnapshotWriter(store)
    assert writer.submit(_snapshot()).result(timeout=10) is False
    assert writer.submit(_snapshot()).result(timeout=10) is True
    writer.close()


# ------------------------------------------------------------------ debounce


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_first_change_after_a_quiet_spell_saves_at_once() -> None:
    clock = Clock()
    d = SaveDebouncer(2.0, clock)
    assert not d.dirty
    assert d.changed() == 0.0
    assert d.take()
    assert not d.dirty
    assert not d.take()  # nothing new


def test_a_burst_of_changes_saves_at_most_every_interval() -> None:
    clock = Clock()
    d = SaveDebouncer(2.0, clock)
    assert d.changed() == 0.0
    assert d.take()
    clock.now += 0.5
    assert d.changed() == pytest.approx(1.5)  # the timer to start
    clock.now += 0.5
    assert d.changed() is None  # already scheduled
    clock.now += 1.0
    assert d.take()
    clock.now += 5.0
    assert d.changed() == 0.0  # quiet for longer than the interval


def test_shutdown_saves_an_unsaved_change_at_once_and_only_then() -> None:
    clock = Clock()
    d = SaveDebouncer(2.0, clock)
    assert not d.flush()
    d.changed()
    d.take()
    clock.now += 0.1
    assert d.changed() == pytest.approx(1.9)
    assert d.flush()
    assert not d.take()  # the timer fires after the flush: nothing left
    assert not d.flush()


def test_the_problems_in_vietnamese(store: BoardStore, vietnamese: None) -> None:
    store.path.write_bytes(b"{not json")
    assert store.load().problems == (
        "Không khôi phục được bảng đơn đã lưu (tệp hỏng); đang chờ máy chủ.",
    )
    doc = json.loads(_saved_text(store))
    for ticket in doc["tickets"]:
        ticket["detail"]["items"][0]["unit_price"] = 5
    store.path.write_text(json.dumps(doc), encoding="utf-8")
    assert store.load().problems == ("2 đơn đã lưu không khôi phục được; đang chờ máy chủ.",)

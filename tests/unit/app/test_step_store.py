"""The durable step queue: kept across restarts and power cuts, 0600, never a crash."""

from __future__ import annotations

import logging
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kds.app.step_store import MEMORY, STEP_STORE_VERSION, StepStore, step_store_path
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import QueuedStep

S = OrderStatus
RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
TAP = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[3]


def step(
    n: int,
    action: Action = Action.START,
    from_status: OrderStatus = S.ACCEPTED,
    *,
    user: str = "user-a",
    restaurant_id: str = RID,
    eta_min: int | None = None,
    reason: str | None = None,
) -> QueuedStep:
    return QueuedStep(
        id=str(uuid.uuid4()),
        user=user,
        restaurant_id=restaurant_id,
        order_id=f"00000000-0000-4000-8000-{n:012d}",
        label=f"#{n}",
        action=action,
        eta_min=eta_min,
        reason=reason,
        tapped_at=TAP + timedelta(seconds=n),
        from_status=from_status,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return step_store_path(tmp_path / "kds" / "state.json")


def steps_of(store: StepStore, **scope: str) -> list[QueuedStep]:
    return [s.step for s in store.pending(**scope)]


def test_the_file_sits_beside_the_state_file(tmp_path: Path) -> None:
    assert step_store_path(tmp_path / "state.json") == tmp_path / "state.steps.sqlite3"


def test_steps_survive_a_restart_in_tap_order_with_every_field(path: Path) -> None:
    store = StepStore(path)
    a = step(1, Action.ACCEPT, S.PLACED, eta_min=25)
    b = step(2, Action.CANCEL, S.PREPARING, reason="out of dough — sorry")
    c = step(1, Action.START, S.ACCEPTED)  # the same order's next step, tapped after
    for s in (a, b, c):
        assert store.add(s)
    store.close()
    again = StepStore(path)
    assert steps_of(again) == [a, b, c]
    assert again.problems == []
    assert [s.sending for s in again.pending()] == [False, False, False]


def test_tap_order_is_insertion_order_even_when_the_clock_went_back(path: Path) -> None:
    store = StepStore(path)
    later, earlier = step(9), step(1)  # tapped_at 12:00:09, then 12:00:01 (clock set back)
    store.add(later)
    store.add(earlier)
    assert steps_of(store) == [later, earlier]


def test_remove_and_cancel(path: Path) -> None:
    store = StepStore(path)
    a, b, c = step(1), step(2), step(3)
    for s in (a, b, c):
        store.add(s)
    assert store.remove(a.id)
    assert not store.remove(a.id)  # already gone
    assert store.cancel(b.id)
    assert steps_of(StepStore(path)) == [c]


def test_a_step_being_sent_cannot_be_cancelled_and_is_known_after_a_crash(path: Path) -> None:
    store = StepStore(path)
    a, b = step(1), step(2)
    store.add(a)
    store.add(b)
    assert store.mark_sending(a.id)
    assert not store.cancel(a.id)  # its answer decides now
    # the process dies here; the next start finds it
    restarted = StepStore(path).pending()
    assert [(s.step, s.sending, s.attempts) for s in restarted] == [(a, True, 1), (b, False, 0)]


def test_a_send_that_never_left_gives_the_step_back(path: Path) -> None:
    store = StepStore(path)
    a = step(1)
    store.add(a)
    store.mark_sending(a.id)
    assert store.mark_queued(a.id)
    assert store.cancel(a.id)
    assert not store.mark_sending(a.id)  # cancelled meanwhile: do not send


def test_adding_the_same_step_twice_keeps_one(path: Path) -> None:
    store = StepStore(path)
    a = step(1)
    assert store.add(a)
    assert store.add(a)
    assert steps_of(store) == [a]


def test_user_and_restaurant_scoping(path: Path) -> None:
    store = StepStore(path)
    mine = step(1)
    theirs = step(2, user="user-b")
    elsewhere = step(3, restaurant_id=OTHER_RID)
    for s in (mine, theirs, elsewhere):
        store.add(s)
    assert steps_of(store, user="user-a", restaurant_id=RID) == [mine]
    assert steps_of(store, restaurant_id=RID) == [mine, theirs]
    assert steps_of(store, user="user-a") == [mine, elsewhere]
    assert steps_of(store) == [mine, theirs, elsewhere]


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_the_file_and_its_wal_are_readable_by_the_user_only(path: Path) -> None:
    store = StepStore(path)
    store.add(step(1))
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    assert wal.exists()
    assert mode(path) == 0o600
    assert mode(wal) == 0o600
    assert mode(shm) == 0o600


def test_a_file_left_readable_by_others_is_tightened(path: Path) -> None:
    StepStore(path).close()
    path.chmod(0o644)
    StepStore(path)
    assert mode(path) == 0o600


def test_wal_and_full_sync_and_the_schema_version(path: Path) -> None:
    store = StepStore(path)
    db = store._db
    assert db is not None
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == STEP_STORE_VERSION


# ---------------------------------------------------------------------- bad input


def _valid_bytes(tmp_path: Path) -> bytes:
    """A real queue file with a few steps, checkpointed into the main file."""
    src = tmp_path / "src.sqlite3"
    store = StepStore(src)
    for n in range(40):
        store.add(step(n, reason=None))
    assert store._db is not None
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return src.read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "text",
        "truncated",
        "torn_header",
    ],
)
def test_a_damaged_file_is_moved_aside_reported_and_the_store_starts_empty(
    tmp_path: Path, path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    good = _valid_bytes(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if damage == "garbage":
        data = bytes(range(256)) * 64
    elif damage == "text":
        data = b'{"version": 1, "steps": []}\n'
    elif damage == "truncated":  # power lost mid-write: the header promises more pages
        data = good[: len(good) // 2 + 100]
    else:
        data = good[:16] + b"\xff" * 84 + good[100:]
    path.write_bytes(data)
    at = datetime(2030, 2, 3, 4, 5, 6, tzinfo=UTC)
    with caplog.at_level(logging.WARNING, logger="kds.app.step_store"):
        store = StepStore(path, clock=lambda: at)
    assert store.usable
    assert steps_of(store) == []
    assert len(store.problems) == 1
    assert "could not be restored" in store.problems[0]
    aside = path.with_name(path.name + ".corrupt-20300203T040506Z")
    assert aside.read_bytes() == data  # kept for whoever looks into it
    assert "moving it aside" in caplog.text
    a = step(1)
    assert store.add(a)  # and the new queue works
    assert steps_of(StepStore(path)) == [a]


def test_a_file_of_a_newer_schema_is_moved_aside(path: Path) -> None:
    StepStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {STEP_STORE_VERSION + 1}")
    store = StepStore(path)
    assert "newer kds" in store.problems[0]
    assert steps_of(store) == []


def test_a_sqlite_file_without_the_table_is_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE other (x)")
        db.execute("PRAGMA user_version = 1")
    store = StepStore(path)
    assert len(store.problems) == 1
    assert store.add(step(1))


def test_an_unreadable_row_is_skipped_and_reported_once_the_others_kept(path: Path) -> None:
    store = StepStore(path)
    a, b, c = step(1), step(2), step(3)
    for s in (a, b, c):
        store.add(s)
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE steps SET action = 'flambe' WHERE id = ?", (b.id,))
        db.execute("UPDATE steps SET from_status = 'Teleported' WHERE id = ?", (c.id,))
    again = StepStore(path)
    assert steps_of(again) == [a]
    assert steps_of(again) == [a]
    assert len(again.problems) == 2  # once each, however often it is read
    assert "#2" in again.problems[0]


def test_a_folder_that_cannot_be_written_makes_an_unusable_store_not_a_crash(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = StepStore(blocker / "state.steps.sqlite3")  # its folder is a file
    assert not store.usable
    assert store.problems
    assert not store.add(step(1))
    assert store.pending() == []
    assert not store.remove("x")


_WRITER = textwrap.dedent(
    """
    import os, sys, uuid
    from datetime import UTC, datetime
    from pathlib import Path
    from kds.app.step_store import StepStore
    from kds.core.actions import Action
    from kds.core.orders import OrderStatus
    from kds.core.step_queue import QueuedStep

    store = StepStore(Path(sys.argv[1]))
    def step(n):
        return QueuedStep(str(uuid.uuid4()), "user-a", "r", f"o{n}", f"#{n}", Action.START,
                          None, None, datetime.now(UTC), OrderStatus.ACCEPTED)
    for n in range(int(sys.argv[2])):
        assert store.add(step(n))
    print("committed", flush=True)
    db = store._db
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO steps (id, user, restaurant_id, order_id, label, action, tapped_at, "
        "from_status) VALUES ('torn', 'user-a', 'r', 'o', '#x', 'start_preparing', "
        "'2030-01-01T00:00:00+00:00', 'Accepted')"
    )
    os._exit(9)  # killed mid-transaction: no commit, no close, no checkpoint
    """
)


def test_a_killed_writer_loses_nothing_committed(path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WRITER, str(path), "25"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert "committed" in done.stdout
    store = StepStore(path)
    kept = steps_of(store)
    assert [s.label for s in kept] == [f"#{n}" for n in range(25)]
    assert "torn" not in {s.id for s in kept}
    assert store.problems == []


def test_a_torn_write_at_the_end_of_the_wal_loses_nothing_committed(
    path: Path, tmp_path: Path
) -> None:
    """Power lost while the next commit was being appended: its half frame is garbage at the
    end of the log, which SQLite discards; every earlier commit is kept, nothing reported."""
    store = StepStore(path)
    kept = [step(n) for n in range(5)]
    for s in kept:
        store.add(s)
    # the disk as the power cut left it: the main file and its log, copied while open (the
    # commits are in the log only, not yet checkpointed), a torn frame appended to the log
    cut = tmp_path / "cut" / path.name
    cut.parent.mkdir()
    cut.write_bytes(path.read_bytes())
    wal = path.with_name(path.name + "-wal").read_bytes()
    cut.with_name(cut.name + "-wal").write_bytes(wal + b"\x5a" * 3000)
    alone = tmp_path / "alone.sqlite3"  # the main file alone does not hold them yet
    alone.write_bytes(path.read_bytes())
    raw = sqlite3.connect(alone)
    assert raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    raw.close()
    again = StepStore(cut)
    assert steps_of(again) == kept
    assert again.problems == []


def test_every_cut_of_a_file_is_either_read_whole_or_reported(tmp_path: Path) -> None:
    """A file cut short anywhere (power lost mid-copy, a full disk): never a silent partial
    queue, never a crash."""
    good = _valid_bytes(tmp_path)
    for cut in range(512, len(good), 1024):
        p = tmp_path / f"cut{cut}.sqlite3"
        p.write_bytes(good[:cut])
        store = StepStore(p)
        kept = store.pending()
        assert (len(kept) == 40 and not store.problems) or (not kept and store.problems), cut


def test_threads_may_share_the_store(path: Path) -> None:
    store = StepStore(path)
    made = [[step(t * 100 + n) for n in range(20)] for t in range(4)]
    threads = [threading.Thread(target=lambda ss=ss: [store.add(s) for s in ss]) for ss in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {s.id for s in steps_of(store)} == {s.id for ss in made for s in ss}


def test_a_read_only_sessions_store_lives_in_memory_and_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a stray ":memory:" file would land here
    store = StepStore(MEMORY)
    kept = step(1)
    assert store.add(kept)
    assert steps_of(store) == [kept]
    assert store.remove(kept.id)
    assert store.problems == []
    store.close()
    assert list(tmp_path.iterdir()) == []

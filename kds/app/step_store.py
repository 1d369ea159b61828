"""`StepStore`: the offline step queue on disk, so a tap survives a Wi-Fi drop and a power cut.

One SQLite file beside the user-state file (`step_store_path`), in WAL mode with
``synchronous=FULL``: when `add` returns True the step is on disk, and a power cut or a killed
process cannot take it back (a transaction that had not committed leaves nothing). The file and
its ``-wal``/``-shm`` companions are mode 0600: a step holds a customer's order and the cook's
reason. Rows are kept in insertion order (``seq``), which is tap order for every order's steps:
the undo window holds one step per order, so the next one can only be tapped after it. The
wall clock is not used for ordering (it may be set back between two taps).

A step's life: `add` (queued) → `mark_sending` (written *before* the request leaves) → `remove`
(once the server's answer, or the replay's APPLIED/DROP, has been applied). A step found
``sending`` at start was interrupted: it is not re-sent blindly but decided against fresh
truth like every other (`kds.core.step_queue.decide`): a lost answer shows as APPLIED, and the
backend answers a repeat with an idempotent 200. `mark_queued` gives a step back to the queue
when its request certainly never left (a refused connection). `cancel` — the cook's — deletes
a *queued* step only, never one being sent: nothing is kept of it, because the cook saw what
they cancelled and a tombstone would only keep a customer's note longer.

Bad input never crashes the terminal: a file that is not SQLite, truncated or otherwise
damaged (power loss mid-write, garbage bytes), or written by a newer schema, is logged, moved
aside as ``<name>.corrupt-<UTC time>`` (with its ``-wal``/``-shm``), and the store starts
empty; `problems` says in words what could not be restored. A row that cannot be read (an
unknown action or status, a bad time) is skipped and reported once, the others are kept; the
row itself stays in the file untouched. An error while running (disk full, I/O) is logged and
reported by the method's return value, never raised.

Threads: one connection (``check_same_thread=False``) behind a lock; the app calls it from its
one disk/calls worker thread, never the Qt thread (an fsync can take tens of milliseconds).
No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kds.app import step_store_problems as problem
from kds.app.step_store_problems import Damaged
from kds.core.actions import Action
from kds.core.orders import OrderStatus
from kds.core.step_queue import QueuedStep

__all__ = ["MEMORY", "STEP_STORE_VERSION", "StepStore", "StoredStep", "step_store_path"]

log = logging.getLogger(__name__)

STEP_STORE_VERSION = 1
"""The schema version, kept in ``PRAGMA user_version``."""

MEMORY = Path(":memory:")
"""`StepStore`'s path for a session that keeps nothing on disk (``kds tail``: a read-only
viewer must never send, or hold, a terminal's steps)."""

_QUEUED = "queued"
_SENDING = "sending"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS steps (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    user TEXT NOT NULL,
    restaurant_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    label TEXT NOT NULL,
    action TEXT NOT NULL,
    eta_min INTEGER,
    reason TEXT,
    tapped_at TEXT NOT NULL,
    from_status TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0
)
"""

_COLUMNS = (
    "seq, id, user, restaurant_id, order_id, label, action, eta_min, reason, tapped_at, "
    "from_status, state, attempts"
)


def step_store_path(state_path: Path) -> Path:
    """The queue beside a user-state file: ``state.json`` → ``state.steps.sqlite3``."""
    return state_path.with_name(f"{state_path.stem}.steps.sqlite3")


@dataclass(frozen=True, slots=True)
class StoredStep:
    """A pending step as the store keeps it.

    Attributes:
        step: the step.
        sending: its send was started (`mark_sending`) and not finished: after a crash, decide
            it against fresh truth before anything else is sent for its order.
        attempts: how many sends were started.
    """

    step: QueuedStep
    sending: bool
    attempts: int


class StepStore:
    """The durable queue of steps waiting for the server.

    Args:
        path: the SQLite file (`step_store_path` of the state file); created with its folder.
        clock: the wall clock, for naming a damaged file moved aside.

    Attributes:
        problems: what could not be restored, in words, for the screen (appended as found).
    """

    def __init__(self, path: Path, *, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self.problems: list[str] = []
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._reported: set[str] = set()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except Damaged as why:
            self._set_aside(why)
            try:
                self._db = self._open()
            except (Damaged, sqlite3.Error, OSError) as exc:
                self._unusable(exc)
        except (sqlite3.Error, OSError) as exc:
            self._unusable(exc)

    # ------------------------------------------------------------------ opening

    def _open(self) -> sqlite3.Connection:
        if self.path == MEMORY:
            db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            self._prepare(db, memory=True)
            return db
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # exists 0600 before SQLite
        os.close(fd)
        os.chmod(self.path, 0o600)
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            self._prepare(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise Damaged(problem.UNREADABLE, error=exc) from exc
        except Damaged:
            db.close()
            raise
        for companion in _companions(self.path):
            with contextlib.suppress(FileNotFoundError):
                os.chmod(companion, 0o600)  # SQLite copies the file's mode; make sure
        return db

    def _prepare(self, db: sqlite3.Connection, *, memory: bool = False) -> None:
        db.execute("PRAGMA busy_timeout = 2000")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and not memory:
            raise Damaged(problem.NO_WAL, mode=mode)
        db.execute("PRAGMA synchronous = FULL")
        check = db.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            detail = " / ".join(str(row[0]) for row in check[:5]).replace("\n", " / ")
            log.warning("step queue %s fails its check: %s", self.path, detail)
            raise Damaged(problem.DAMAGED)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > STEP_STORE_VERSION:
            raise Damaged(problem.NEWER, version=version)
        if version == 0:
            with _transaction(db):
                db.execute(_SCHEMA)
                db.execute(f"PRAGMA user_version = {STEP_STORE_VERSION}")
        columns = {row[1] for row in db.execute("PRAGMA table_info(steps)")}
        if not set(_COLUMNS.split(", ")) <= columns:
            raise Damaged(problem.NO_TABLE)

    def _set_aside(self, why: Damaged) -> None:
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        log.warning("step queue %s: %s; moving it aside as %s", self.path, why, aside.name)
        wal, shm = _companions(self.path)
        moves = (
            (self.path, aside),
            (wal, _with_suffix(aside, "-wal")),
            (shm, _with_suffix(aside, "-shm")),
        )
        for src, dst in moves:
            if not src.exists():
                continue
            try:
                os.replace(src, dst)
            except OSError as exc:
                log.warning("could not move %s aside (%s); removing it", src, exc)
                with contextlib.suppress(OSError):
                    os.unlink(src)
        self.problems.append(problem.set_aside(why, aside.name))

    def _unusable(self, exc: BaseException) -> None:
        log.warning("step queue %s cannot be used (%s)", self.path, exc)
        self._db = None
        self.problems.append(problem.unusable(exc))

    @property
    def usable(self) -> bool:
        """False when no file could be opened: `add` then always says False."""
        return self._db is not None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    # ------------------------------------------------------------------ writing

    def add(self, step: QueuedStep, *, sending: bool = False) -> bool:
        """Keep ``step``; True when it is on disk (committed, fsynced), False (logged) if not.
        Adding the same id twice keeps the first. ``sending``: its send starts right after
        (as `mark_sending`, in the same transaction: one fsync on the way to the server)."""
        row = (
            step.id,
            step.user,
            step.restaurant_id,
            step.order_id,
            step.label,
            step.action.value,
            step.eta_min,
            step.reason,
            step.tapped_at.astimezone(UTC).isoformat(),
            step.from_status.value,
            _SENDING if sending else _QUEUED,
            1 if sending else 0,
        )
        sql = (
            "INSERT OR IGNORE INTO steps (id, user, restaurant_id, order_id, label, action, "
            "eta_min, reason, tapped_at, from_status, state, attempts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        return self._write("add", sql, row) is not None

    def remove(self, step_id: str) -> bool:
        """Forget a step whose answer (or replay decision) has been applied; True if it was
        there."""
        return bool(self._write("remove", "DELETE FROM steps WHERE id = ?", (step_id,)))

    def cancel(self, step_id: str) -> bool:
        """The cook takes back a step not yet being sent; False when it is being sent (or gone):
        then its answer decides."""
        sql = "DELETE FROM steps WHERE id = ? AND state = ?"
        return bool(self._write("cancel", sql, (step_id, _QUEUED)))

    def mark_sending(self, step_id: str) -> bool:
        """Record that the step's send starts (call before the request leaves); False if the
        step is gone (cancelled meanwhile: do not send) or it could not be written."""
        sql = "UPDATE steps SET state = ?, attempts = attempts + 1 WHERE id = ?"
        return bool(self._write("mark sending", sql, (_SENDING, step_id)))

    def mark_queued(self, step_id: str) -> bool:
        """The send certainly never reached the server: the step waits (and can be cancelled)
        again."""
        sql = "UPDATE steps SET state = ? WHERE id = ?"
        return bool(self._write("mark queued", sql, (_QUEUED, step_id)))

    def adopt(self, step_id: str, user: str) -> bool:
        """Another user's step becomes ``user``'s (they chose to send it); False if gone."""
        sql = "UPDATE steps SET user = ? WHERE id = ?"
        return bool(self._write("adopt", sql, (user, step_id)))

    def _write(self, what: str, sql: str, args: tuple[object, ...]) -> int | None:
        """Run one statement in its own durable transaction: rows changed, or None (logged)."""
        with self._lock:
            if self._db is None:
                return None
            try:
                with _transaction(self._db):
                    return self._db.execute(sql, args).rowcount
            except sqlite3.Error as exc:
                log.warning("step queue %s: could not %s (%s)", self.path, what, exc)
                return None

    # ------------------------------------------------------------------ reading

    def pending(
        self, user: str | None = None, restaurant_id: str | None = None
    ) -> list[StoredStep]:
        """The steps kept, in tap order; only ``user``'s and ``restaurant_id``'s when given.
        A row that cannot be read is skipped (reported once in `problems`)."""
        sql = f"SELECT {_COLUMNS} FROM steps"
        where, args = [], []
        if user is not None:
            where.append("user = ?")
            args.append(user)
        if restaurant_id is not None:
            where.append("restaurant_id = ?")
            args.append(restaurant_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq"
        with self._lock:
            if self._db is None:
                return []
            try:
                rows = self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                log.warning("step queue %s: could not read (%s)", self.path, exc)
                return []
            read = (self._read_row(row) for row in rows)
            return [stored for stored in read if stored is not None]

    def _read_row(self, row: tuple[object, ...]) -> StoredStep | None:
        (seq, sid, user, rid, oid, label, action, eta, reason, tapped, from_status, state,
         attempts) = row  # fmt: skip
        try:
            tapped_at = datetime.fromisoformat(str(tapped))
            if tapped_at.utcoffset() is None:
                raise ValueError("a tap time without a zone")
            step = QueuedStep(
                id=str(sid),
                user=str(user),
                restaurant_id=str(rid),
                order_id=str(oid),
                label=str(label),
                action=Action(str(action)),
                eta_min=None if eta is None else int(str(eta)),
                reason=None if reason is None else str(reason),
                tapped_at=tapped_at,
                from_status=OrderStatus(str(from_status)),
            )
        except (ValueError, TypeError) as exc:
            key = str(sid)
            if key not in self._reported:
                self._reported.add(key)
                log.warning("step queue %s: skipping row %s (%s)", self.path, seq, exc)
                self.problems.append(problem.unreadable_row(action, label))
            return None
        return StoredStep(step, sending=state == _SENDING, attempts=int(str(attempts)))


def _with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _companions(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on an error); with WAL and
    ``synchronous=FULL`` the commit is on disk when it returns."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

"""The last good board on disk, per user and restaurant, so a restart shows it before the server
answers (issue 18, item 3). The document is `kds.core.board_snapshot`'s.

One JSON file per user and restaurant beside the user-state file (`board_store_path`), written
atomically with mode 0600 (`kds.app.atomic_file`: it holds customers' notes). Loading never
raises: a missing file is "nothing saved"; a file that cannot be parsed or decoded (a power cut
mid-write on a file system that does not order the rename, a newer or older version, a hand
edit) is moved aside as ``<name>.corrupt-<time>`` for a person to look at, logged, and worded
for the screen in `Loaded.problems`; a file of another user or restaurant (copied, or a
collision of the short name hash) is ignored and left where it is.

Saving is debounced (`SaveDebouncer`: pure, driven by a QTimer in the app) and runs off the Qt
thread (`SnapshotWriter`: one disk thread, the newest snapshot wins). No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kds.app.atomic_file import write_json_atomic
from kds.app.i18n import translate
from kds.core.board_snapshot import BoardSnapshot, decode, encode
from kds.core.errors import ProtocolError
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = [
    "BoardStore",
    "Loaded",
    "SaveDebouncer",
    "SnapshotWriter",
    "board_store_path",
]

log = logging.getLogger(__name__)

# The screen's sentences (English; `Loaded.problems` holds them translated, context
# "BoardStore").
DAMAGED = QT_TRANSLATE_NOOP(
    "BoardStore", "The saved board could not be restored (damaged file); waiting for the server."
)
OTHER_VERSION = QT_TRANSLATE_NOOP(
    "BoardStore",
    "The saved board could not be restored (saved by another version); waiting for the server.",
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "BoardStore", "The saved board could not be read ({error}); waiting for the server."
)


def board_store_path(state_path: Path, user: str, restaurant_id: str) -> Path:
    """The board file of ``user`` at ``restaurant_id`` beside a user-state file:
    ``state.json`` → ``state.board-<restaurant id>-<user hash>.json`` (the user name, an
    e-mail address, is hashed: no address in a file name)."""
    digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:16]
    return state_path.with_name(f"{state_path.stem}.board-{restaurant_id.lower()}-{digest}.json")


@dataclass(frozen=True)
class Loaded:
    """What `BoardStore.load` found.

    Attributes:
        snapshot: the saved board (its own ``problems`` list what it left out), or None.
        problems: sentences for the screen, one per thing not restored ("" never).
        set_aside: where a damaged file was moved, if it was.
    """

    snapshot: BoardSnapshot | None
    problems: tuple[str, ...] = ()
    set_aside: Path | None = None


class BoardStore:
    """The saved board of one user at one restaurant.

    Args:
        path: the file (`board_store_path`).
        user, restaurant_id: whose board it is; a file saying otherwise is not used.
        clock: wall clock for the ``.corrupt-<time>`` suffix.
    """

    def __init__(
        self,
        path: Path,
        user: str,
        restaurant_id: str,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = path
        self.user = user
        self.restaurant_id = restaurant_id.lower()
        self._clock = clock

    def save(self, snapshot: BoardSnapshot) -> bool:
        """Encode and write ``snapshot`` atomically (0600); False (logged) if it cannot be.
        Blocking (fsync): call it on a disk thread (`SnapshotWriter`)."""
        if snapshot.user != self.user or snapshot.restaurant_id != self.restaurant_id:
            raise ValueError("snapshot of another user or restaurant")
        return write_json_atomic(self.path, encode(snapshot), what="saved board")

    def discard(self) -> None:
        """Remove the file (the board it holds must not be shown again); quiet if absent."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove saved board %s (%s)", self.path, type(exc).__name__)

    def load(self) -> Loaded:
        """The saved board, or why not (never raises; see the module doc)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Loaded(None)
        except OSError as exc:
            log.warning("could not read saved board %s (%s)", self.path, exc)
            words = translate("BoardStore", UNREADABLE).format(error=type(exc).__name__)
            return Loaded(None, (words,))
        try:
            doc = json.loads(raw.decode("utf-8"))
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError both are
            return self._set_aside(f"not JSON ({exc})", DAMAGED)
        except RecursionError:  # nested too deeply for the parser
            return self._set_aside("not JSON (nested too deeply)", DAMAGED)
        if self._someone_elses(doc):
            log.info("saved board %s belongs to another user or restaurant: not used", self.path)
            return Loaded(None)
        try:
            snapshot = decode(doc)
        except ProtocolError as exc:
            words = OTHER_VERSION if exc.field in ("kind", "version") else DAMAGED
            return self._set_aside(str(exc), words)
        for problem in snapshot.problems:
            log.warning("saved board %s: left out %s", self.path, problem)
        return Loaded(snapshot, _words(snapshot))

    # ------------------------------------------------------------------ internals

    def _someone_elses(self, doc: object) -> bool:
        """True when the document readably names another user or restaurant."""
        if not isinstance(doc, dict):
            return False
        user, rid = doc.get("user"), doc.get("restaurant_id")
        return (isinstance(user, str) and user != self.user) or (
            isinstance(rid, str) and rid.lower() != self.restaurant_id
        )

    def _set_aside(self, why: str, words: str) -> Loaded:
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            log.warning(
                "saved board %s is unusable (%s) and could not be moved aside (%s)",
                self.path,
                why,
                type(exc).__name__,
            )
            return Loaded(None, (translate("BoardStore", words),))
        log.warning("saved board %s is unusable (%s): moved to %s", self.path, why, aside.name)
        return Loaded(None, (translate("BoardStore", words),), aside)


def _words(snapshot: BoardSnapshot) -> tuple[str, ...]:
    """The screen's sentences for what a readable snapshot left out."""
    words: list[str] = []
    tickets = sum(p.field.startswith("tickets[") for p in snapshot.problems)
    if tickets == 1:  # a literal singular: English reads right without its plural catalogue
        words.append(
            translate("BoardStore", "1 saved order could not be restored; waiting for the server.")
        )
    elif tickets:
        words.append(
            translate(
                "BoardStore",
                "%n saved orders could not be restored; waiting for the server.",
                None,
                tickets,
            )
        )
    if any(p.field.startswith("menu") for p in snapshot.problems):
        words.append(
            translate(
                "BoardStore",
                "The saved menu could not be restored: lines show under Other until it loads.",
            )
        )
    if any(p.field.startswith("acknowledged") for p in snapshot.problems):
        words.append(
            translate(
                "BoardStore",
                "Which new orders were already seen could not be restored: they alert again.",
            )
        )
    return tuple(words)


class SaveDebouncer:
    """When to save a changing board: at most every ``interval_s``, at once after a quiet spell,
    and at once on shutdown. Pure (a monotonic clock in seconds); the app drives it:

    - on every board change: ``delay = d.changed()``; if not None, (re)start a single-shot
      QTimer for ``delay`` seconds (None: a save is already scheduled);
    - when the timer fires: ``if d.take(): writer.submit(capture(...))``;
    - on shutdown or sign-out: ``if d.flush(): writer.submit(capture(...))``, then
      ``writer.close()``.
    """

    def __init__(
        self, interval_s: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if interval_s < 0:
            raise ValueError("interval_s must be >= 0")
        self.interval_s = interval_s
        self._clock = clock
        self._dirty = False
        self._scheduled = False
        self._last_save: float | None = None

    @property
    def dirty(self) -> bool:
        """A change is not saved yet."""
        return self._dirty

    def changed(self) -> float | None:
        """Note a change; seconds until the save is due, or None if one is scheduled already."""
        self._dirty = True
        if self._scheduled:
            return None
        self._scheduled = True
        return self._delay()

    def take(self) -> bool:
        """The timer started for `changed`'s delay fired: True when there is a change to save
        (it counts as saved from now). The delay was right when the timer started, so a timer
        firing a little early still saves."""
        self._scheduled = False
        if not self._dirty:
            return False  # flushed meanwhile
        self._dirty = False
        self._last_save = self._clock()
        return True

    def flush(self) -> bool:
        """Shutdown: True when a change is unsaved, whatever the interval."""
        dirty, self._dirty, self._scheduled = self._dirty, False, False
        if dirty:
            self._last_save = self._clock()
        return dirty

    def _delay(self) -> float:
        if self._last_save is None:
            return 0.0
        return max(0.0, self._last_save + self.interval_s - self._clock())


class SnapshotWriter:
    """Writes snapshots on one disk thread, never on the caller's (the Qt thread).

    Encoding and fsync run there; the snapshot is immutable, so handing it over is safe. When
    writes fall behind, only the newest waiting snapshot is written (an older one is already
    out of date). `close` waits for the last write (shutdown: the board on screen is saved).
    """

    def __init__(self, store: BoardStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._waiting: BoardSnapshot | None = None
        self._disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kds-board-store")

    def submit(self, snapshot: BoardSnapshot) -> Future[bool]:
        with self._lock:
            queued = self._waiting is not None
            self._waiting = snapshot
        if queued:  # the write already queued will take this newer one
            done: Future[bool] = Future()
            done.set_result(True)
            return done
        return self._disk.submit(self._write)

    def close(self) -> None:
        """Finish the waiting write, then stop the thread (no more submits)."""
        self._disk.shutdown(wait=True)

    def _write(self) -> bool:
        with self._lock:
            snapshot, self._waiting = self._waiting, None
        if snapshot is None:
            return True
        try:
            return self.store.save(snapshot)
        except Exception:  # never kill the disk thread: the next save may work
            log.exception("could not save the board")
            return False

"""`BoardKeeper`: the last good board of the open restaurant, saved as it changes.

A terminal restarted while the server is down must show the orders it showed a minute ago
(issue 18, item 3). So every change of a board that has agreed with the server at least once
is saved — debounced (`SaveDebouncer`: at most every two seconds, at once after a quiet spell),
captured on the Qt thread (cheap: tickets are immutable) and encoded and fsynced on a disk
thread of its own (`SnapshotWriter`) — with the menu it is shown with, the acknowledged alerts
and when it last synced. An empty board that has not synced yet (a restaurant just opened) is
never saved: it would overwrite the last good one with nothing.

The board shown from disk at start is provisional: `kds.app.session` restores it, then the
resync settles it by the usual rules. The store is `kds.app.board_store` (one 0600 file per
user and restaurant: it holds customers' notes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kds.app.board_model import BoardModel
from kds.app.board_store import BoardStore, Loaded, SaveDebouncer, SnapshotWriter, board_store_path
from kds.core.board_snapshot import capture
from kds.core.changes import Change

__all__ = ["SAVE_INTERVAL_S", "BoardKeeper"]

log = logging.getLogger(__name__)

SAVE_INTERVAL_S = 2.0
"""At most one save every this many seconds while the board keeps changing."""


class BoardKeeper(QObject):
    """Saves the board of one user at one restaurant while it is open.

    Args:
        model: the board model (its changes schedule a save).
        state_path: the user-state file the board files sit beside.
        clock: UTC now (the snapshot's ``saved_at``).
        interval_s: the debounce interval.
        saving: False for a session that must not write (``kds tail``): it still reads.
    """

    def __init__(
        self,
        model: BoardModel,
        state_path: Path,
        clock: Callable[[], datetime],
        *,
        interval_s: float = SAVE_INTERVAL_S,
        saving: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._state_path = state_path
        self._clock = clock
        self._interval_s = interval_s
        self._saving = saving
        self._user: str | None = None
        self._writer: SnapshotWriter | None = None
        self._debounce = SaveDebouncer(interval_s)
        self._last_synced: datetime | None = None
        self._good = False  # the board agreed with the server at least once: worth saving
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._save_due)
        model.changed.connect(self._on_change)

    @property
    def last_synced(self) -> datetime | None:
        return self._last_synced

    def store_for(self, user: str, restaurant_id: str) -> BoardStore:
        return BoardStore(
            board_store_path(self._state_path, user, restaurant_id), user, restaurant_id
        )

    def load(self, user: str, restaurant_id: str) -> Loaded:
        """The saved board of ``user`` at ``restaurant_id`` (blocking file read: call it on a
        worker)."""
        return self.store_for(user, restaurant_id).load()

    def open(
        self,
        user: str,
        restaurant_id: str,
        *,
        last_synced: datetime | None = None,
        restored: bool = False,
    ) -> None:
        """Save the board of ``user`` at ``restaurant_id`` from its first sync on (the previous
        one's last change is written first). ``last_synced``: the restored board's.
        ``restored``: the board on the model was just restored from disk, so it is good as it
        is — what the cook does to it offline (an alert answered, a step taken) is saved at
        once, or the next restart would sound for orders already answered."""
        self.close()
        self._user = user
        if not self._saving:
            return
        self._writer = SnapshotWriter(self.store_for(user, restaurant_id))
        self._debounce = SaveDebouncer(self._interval_s)
        self._last_synced = last_synced
        self._good = restored

    def synced(self, at: datetime) -> None:
        """A snapshot was applied: the board is good, and this is its "last synced"."""
        self._last_synced = at
        self._good = True
        self._schedule()

    def close(self, *, wait: bool = False) -> None:
        """Write the last unsaved change and let the writer go (in the background unless
        ``wait``: at shutdown the board on screen must be on disk before the process ends)."""
        self._timer.stop()
        writer, self._writer = self._writer, None
        if writer is None:
            return
        if self._debounce.flush():
            self._submit(writer)
        if wait:
            writer.close()
        else:  # joining the disk thread may wait for an fsync: never on the Qt thread
            threading.Thread(target=writer.close, name="kds-board-store-close").start()

    # ------------------------------------------------------------------ internals

    def _on_change(self, _change: Change) -> None:
        self._schedule()

    def _schedule(self) -> None:
        if self._writer is None or not self._good:
            return
        delay = self._debounce.changed()
        if delay is not None:
            self._timer.start(round(delay * 1000))

    def _save_due(self) -> None:
        if self._writer is not None and self._debounce.take():
            self._submit(self._writer)

    def _submit(self, writer: SnapshotWriter) -> None:
        board, user = self._model.board, self._user
        if board is None or user is None or board.restaurant_id != writer.store.restaurant_id:
            return
        snapshot = capture(
            board,
            user=user,
            saved_at=self._clock(),
            last_synced_at=self._last_synced,
            menu=self._model.menu,
        )
        writer.submit(snapshot)

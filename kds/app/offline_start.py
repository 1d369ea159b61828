"""`OfflineStart`: a terminal that starts while the server is down shows its last good board.

`Session.resume` signs in silently with the stored refresh token. When the server cannot be
asked at all (not a refusal: that is the login screen), this shows the board the same user last
saw at their last restaurant — restored from disk (`kds.app.board_keeper`) with its menu and
acknowledged alerts, marked "offline since HH:MM · last synced HH:MM" — and the cook's steps
can be taken (they are held: `kds.app.step_sender`). It retries the sign-in, with backoff,
until the server answers; the session then opens the same restaurant over the shown board
(no clear: orders acknowledged before do not alert again; the resync settles the rest).

With nothing saved (a terminal that never synced, or a user who never opened a restaurant
here) the login screen says the server cannot be reached — and the silent sign-in is retried
all the same, so a kitchen terminal switched on during an outage comes up by itself when the
server is back, without anyone typing a password.

States: ``IDLE`` (not retrying), ``LOADING`` (reading the file on a worker), ``SHOWN`` (the
restored board is on screen; retries run), ``WAITING`` (nothing to show; retries run).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.board_keeper import BoardKeeper
from kds.app.board_model import BoardModel
from kds.app.board_store import Loaded
from kds.app.i18n import translate
from kds.app.local_formats import clock_time
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.core.board_snapshot import BoardSnapshot, restore_board

__all__ = ["RETRY_DELAYS_S", "OfflineStart", "OfflineState", "offline_words"]

RETRY_DELAYS_S = (1.0, 2.0, 5.0, 10.0)
"""Between sign-in attempts while the saved board is shown, each capped by ``max_delay_s``
(`SessionSettings.offline_retry_s`); the last one repeats."""


class OfflineState(Enum):
    IDLE = "idle"
    LOADING = "loading"
    SHOWN = "shown"
    WAITING = "waiting"


def offline_words(since: datetime, last_synced: datetime | None) -> str:
    """ "offline since 2:02 PM · last synced 1:58 PM" ("mất kết nối từ 14:02 · đồng bộ lần
    cuối 13:58"), in the terminal's local time and the screen's language."""
    if last_synced is None:
        text = translate("OfflineStart", "offline since {since}")
        return text.format(since=clock_time(since))
    text = translate("OfflineStart", "offline since {since} · last synced {synced}")
    return text.format(since=clock_time(since), synced=clock_time(last_synced))


class OfflineStart(Reporter):
    """Shows a saved board while the sign-in cannot reach the server, and retries it.

    Args:
        model: the board model the saved board is restored into.
        keeper: reads the saved board (and saves the board once it syncs again).
        calls: a worker for the file read.
        clock: UTC now ("offline since").
        retry: tries the silent sign-in again (`Session.resume`).
        max_delay_s: the longest wait between attempts.

    Signals:
        shown(str restaurant_id, object snapshot, str words): the saved board is on the model;
            ``words`` say since when it is offline and when it last synced.
        notice(str level, str message): what of the saved board could not be restored.
    """

    shown = Signal(str, object, str)

    def __init__(
        self,
        model: BoardModel,
        keeper: BoardKeeper,
        calls: Worker,
        clock: Callable[[], datetime],
        retry: Callable[[], None],
        parent: QObject | None = None,
        *,
        max_delay_s: float = RETRY_DELAYS_S[-1],
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._keeper = keeper
        self._calls = calls
        self._clock = clock
        self._max_delay_s = max_delay_s
        self.state = OfflineState.IDLE
        self.user: str | None = None
        self.restaurant_id: str | None = None
        self._attempt = 0
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(retry)

    def showing(self, user: str) -> str | None:
        """The restaurant whose saved board is shown for ``user``, or None."""
        if self.state is OfflineState.SHOWN and self.user == user:
            return self.restaurant_id
        return None

    def begin(self, user: str, restaurant_id: str | None, otherwise: Callable[[], None]) -> None:
        """The sign-in found no server: show ``user``'s saved board of ``restaurant_id``, or
        call ``otherwise`` (nothing saved: the login screen says the server is unreachable);
        either way the sign-in is tried again later."""
        if self.state in (OfflineState.SHOWN, OfflineState.WAITING):
            self.failed_again()
            return
        self.end()
        if restaurant_id is None:
            self._wait(otherwise)
            return
        self.state = OfflineState.LOADING
        self._generation += 1
        generation = self._generation

        def loaded(found: Loaded) -> None:
            if generation != self._generation:
                return
            for problem in found.problems:
                self.notice.emit("warning", problem)
            if found.snapshot is None:
                self._wait(otherwise)
                return
            self._show(user, restaurant_id, found.snapshot)

        def unreadable(_exc: BaseException) -> None:
            if generation == self._generation:
                self._wait(otherwise)

        self._calls.run(lambda: self._keeper.load(user, restaurant_id), loaded, unreadable)

    def failed_again(self) -> None:
        """Still no server: try again later (backing off)."""
        if self.state in (OfflineState.SHOWN, OfflineState.WAITING):
            delay = min(
                self._max_delay_s, RETRY_DELAYS_S[min(self._attempt, len(RETRY_DELAYS_S) - 1)]
            )
            self._attempt += 1
            self._timer.start(round(delay * 1000))

    def end(self) -> None:
        """The server answered (or the user signed out): stop showing and retrying."""
        self._generation += 1
        self._timer.stop()
        self._attempt = 0
        self.state = OfflineState.IDLE
        self.user = self.restaurant_id = None

    def _wait(self, otherwise: Callable[[], None]) -> None:
        self.state = OfflineState.WAITING
        otherwise()
        self.failed_again()

    def _show(self, user: str, restaurant_id: str, snapshot: BoardSnapshot) -> None:
        board = self._model.reset(restaurant_id)
        assert board is not None
        restore_board(board, snapshot)
        self._model.set_menu(snapshot.menu)
        self._keeper.open(user, restaurant_id, last_synced=snapshot.last_synced_at, restored=True)
        self.state = OfflineState.SHOWN
        self.user, self.restaurant_id = user, restaurant_id
        words = offline_words(self._clock(), snapshot.last_synced_at)
        self.shown.emit(restaurant_id, snapshot, words)
        self.failed_again()

"""``BoardFetcher``: the base of the live-board parts that fetch for the restaurant shown.

The snapshot (`kds.app.resync.Resync`) and the menu (`kds.app.menu_loader.MenuLoader`) work
alike: each fetches on a worker thread for one restaurant at a time, applies the answer to the
board model on the Qt thread, reads its timings from the session settings and the time from one
clock, and drops a late answer for a restaurant no longer shown by the restaurant ``Epoch``
they share with their controller (``LiveBoard``). They are made with the same collaborators,
taken here once: a subclass makes its own state in `_setup`, not in a constructor of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from kds.app.board_model import BoardModel
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.app.settings import SessionSettings
from kds.core.epoch import Epoch
from kds.net.rest import RestClient

__all__ = ["BoardFetcher"]


class BoardFetcher(Reporter):
    """A `Reporter` that fetches for the restaurant shown into a ``BoardModel``.

    Attributes (for the subclass, Qt thread): ``_settings``, ``_model``, ``_worker`` (the
    thread fetches run on), ``_clock``, ``_epoch`` (the restaurant's: an answer stamped with an
    older one is dropped), and ``_rest``/``_rid``: the client and restaurant fetched for, None
    until the subclass's ``reset`` names them.
    """

    def __init__(
        self,
        settings: SessionSettings,
        model: BoardModel,
        worker: Worker,
        clock: Callable[[], datetime],
        epoch: Epoch,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._epoch = epoch
        self._settings = settings
        self._model = model
        self._worker = worker
        self._clock = clock
        self._rest: RestClient | None = None
        self._rid: str | None = None
        self._setup()

    def _setup(self) -> None:
        """Make the subclass's own state (its timers, counters, caches); the collaborators
        above are set by then."""

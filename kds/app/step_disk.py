"""`StepDisk`: the step queue's store, used only from one disk thread.

Every write of the queue (`kds.app.step_store.StepStore`) goes through one single-thread
worker, so they happen in the order they were asked for — a cancel can never overtake the add
it cancels — and an fsync never runs on the Qt thread. The store is opened there too, on first
use (opening checks and may set aside a damaged file). What it could not restore (`problems`)
becomes one error notice each: a person must know a kept step was lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from kds.app.i18n import translate
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.app.step_store import StepStore

__all__ = ["StepDisk"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class StepDisk(Reporter):
    """The store behind a one-thread worker.

    Args:
        disk: a worker with exactly one thread.
        open_store: makes the store (called once, on the disk thread).
    """

    def __init__(
        self, disk: Worker, open_store: Callable[[], StepStore], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._disk = disk
        self._open_store = open_store
        self._store: StepStore | None = None  # touched on the disk thread only (and at close)
        self._told: set[str] = set()

    def run(
        self, work: Callable[[StepStore], T], then: Callable[[T], object] | None = None
    ) -> None:
        """Run ``work`` with the store on the disk thread; ``then(result)`` on the Qt thread."""

        def job() -> tuple[T, list[str]]:
            if self._store is None:
                self._store = self._open_store()
            return work(self._store), list(self._store.problems)

        def back(answer: tuple[T, list[str]]) -> None:
            result, problems = answer
            for problem in problems:
                if problem not in self._told:
                    self._told.add(problem)
                    self.notice.emit("error", problem)
            if then is not None:
                then(result)

        def broke(exc: BaseException) -> None:
            log.error("the step queue failed", exc_info=exc)
            text = translate("StepDisk", "The step queue failed ({error}).")
            self.notice.emit("error", text.format(error=type(exc).__name__))

        self._disk.run(job, back, broke)

    def forget(self, step_id: str) -> None:
        """Remove a step whose fate is settled (applied, dropped, refused)."""
        self.run(lambda store: store.remove(step_id))

    def close(self) -> None:
        """Close the store (at shutdown, once the disk worker has drained)."""
        if self._store is not None:
            self._store.close()

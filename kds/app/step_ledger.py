"""`StepLedger`: the cook's kept steps as the screen reads them and a person settles them.

The durable step queue has two sides. This one keeps the book: which of the signed-in user's
steps for the open restaurant are held (`kds.app.held_book`, rebuilt from the SQLite queue,
`kds.app.step_store`, at every restaurant start), what the screen reads of them (`held`,
`projected_status`, `count`), and what a person decides about them — cancel the latest one
before it is sent, send another user's as one's own (`adopt`), or `discard` them. The other
side, `kds.app.step_sender.StepSender` (a subclass), sends them.

Steps belong to the user who tapped them and the restaurant they were tapped for. Another
user's steps for this restaurant are never sent as found: they are offered (`foreign_found`)
to whoever signs in next there. Every step ends in exactly one fate, said once (`settled`).

Threads: Qt thread for all state; the disk worker (one thread: the queue's writes stay in
order) for the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from kds.app.board_model import BoardModel
from kds.app.held_book import Held, HeldBook
from kds.app.i18n import translate
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.app.step_disk import StepDisk
from kds.app.step_store import StepStore, StoredStep
from kds.app.step_words import step_name
from kds.core.actions import Action
from kds.core.epoch import Epoch
from kds.core.orders import OrderStatus
from kds.core.step_queue import HeldStep, QueuedStep, StepFate, foreign

__all__ = ["StepLedger"]


class StepLedger(Reporter):
    """The signed-in user's held steps for the open restaurant (see the module docstring).

    Args:
        model: the board the steps act on.
        disk: a one-thread worker for the store (writes in order, never on the Qt thread).
        open_store: makes the `StepStore` (called once, on the disk thread).
        names: an action's name as the cook reads it, for notices (the translated ``"Step"``
            word by default).

    Signals:
        changed(str order_id): the order's held steps changed.
        count_changed(int): how many steps are held for the open restaurant.
        foreign_found(object): another user's steps for this restaurant (tuple of
            `QueuedStep`): ask whether to send them or discard them.
        settled(str step_id, str fate): a kept step ended (`StepFate`): tests and the chaos
            checker count every tap through it.
        notice(str level, str message), auth_expired(): as every `Reporter`.
    """

    changed = Signal(str)
    count_changed = Signal(int)
    foreign_found = Signal(object)
    settled = Signal(str, str)

    def __init__(
        self,
        model: BoardModel,
        disk: Worker,
        open_store: Callable[[], StepStore],
        *,
        names: Callable[[Action], str] = step_name,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._disk = StepDisk(disk, open_store, self)
        self.forward(self._disk)
        self._names = names
        self._epoch = Epoch()  # the user and restaurant: a late disk answer for others is dropped
        self._user: str | None = None
        self._rid: str | None = None
        self._held = HeldBook()
        self._loading = False

    # ------------------------------------------------------------------ reading (StepsApi)

    def held(self, order_id: str) -> tuple[HeldStep, ...]:
        return tuple(h.shown() for h in self._held.steps(order_id) if not h.quiet)

    def projected_status(self, order_id: str) -> OrderStatus | None:
        return self._held.projected_status(order_id)

    def count(self) -> int:
        """Steps held for the server (a step on its first way out, online, is not counted)."""
        return sum(1 for h in self._held.every() if not h.quiet)

    def __len__(self) -> int:
        """Every step not yet ended, a step on its first way out included (tests and the chaos
        checker: converged means none)."""
        return len(self._held)

    def all_held(self) -> tuple[HeldStep, ...]:
        return tuple(h.shown() for h in self._held.every() if not h.quiet)

    @property
    def loading(self) -> bool:
        """The open restaurant's kept steps are still being read from disk: the book may be
        empty while steps are kept (a sign-in again, a restaurant opened over the offline
        board). Converged means none held *and* none loading (the chaos checker)."""
        return self._loading

    # ------------------------------------------------------------------ a person decides

    def cancel_latest(self, order_id: str) -> bool:
        held = self._held.last(order_id)
        if held is None or not held.cancellable:
            return False
        self._held.remove(held)
        self._announce(order_id)
        step_id = held.step.id
        self._disk.run(lambda store: store.cancel(step_id))
        self.settled.emit(step_id, StepFate.CANCELLED.value)
        text = translate("StepLedger", "Your {step} for {label} was cancelled; not sent.")
        name = self._names(held.step.action)
        self.notice.emit("info", text.format(step=name, label=held.step.label))
        return True

    def adopt(self, steps: Sequence[QueuedStep]) -> None:
        """Another user's steps for this restaurant, sent as the signed-in user's."""
        user, rid = self._user, self._rid
        if user is None or rid is None:
            return
        taken = [s for s in steps if s.restaurant_id == rid]
        ids = [s.id for s in taken]
        stamp = self._epoch.stamp()

        def write(store: StepStore) -> list[StoredStep]:
            for step_id in ids:
                store.adopt(step_id, user)
            return store.pending(user=user, restaurant_id=rid)

        self._disk.run(write, lambda kept: self._on_adopted(stamp, kept, set(ids)))

    def discard(self, steps: Sequence[QueuedStep]) -> None:
        """Forget steps for good (another user's, or one's own at sign-out)."""
        ids = {s.id for s in steps}
        for order_id in {s.order_id for s in steps}:
            gone = [h for h in self._held.steps(order_id) if h.step.id in ids and not h.in_flight]
            for held in gone:
                self._held.remove(held)
                self.settled.emit(held.step.id, StepFate.DISCARDED.value)
            if gone:
                self._announce(order_id)

        def forget(store: StepStore) -> None:
            for step_id in ids:
                store.cancel(step_id)  # one being sent stays: its answer decides

        self._disk.run(forget)

    def close(self) -> None:
        """Close the store (at shutdown, after the disk worker has drained)."""
        self._disk.close()

    # ------------------------------------------------------------------ the book

    def _open(self, user: str | None, restaurant_id: str | None) -> None:
        """Hold ``user``'s steps for ``restaurant_id`` from now on (None: nobody's). The held
        steps of the previous one stay on disk; this one's are read from it."""
        self._epoch.advance()
        old = self._held.clear()
        self._user, self._rid = user, restaurant_id
        self._loading = user is not None and restaurant_id is not None
        for order_id in old:
            self.changed.emit(order_id)
        if old:
            self.count_changed.emit(0)
        if user is None or restaurant_id is None:
            return
        stamp = self._epoch.stamp()
        self._disk.run(
            lambda store: store.pending(restaurant_id=restaurant_id),
            lambda kept: self._on_loaded(stamp, kept),
        )

    def _on_loaded(self, stamp: int, kept: list[StoredStep]) -> None:
        if not self._epoch.current(stamp):
            return
        self._loading = False
        user, rid = self._user, self._rid
        if user is None or rid is None:
            return
        others = tuple(foreign([k.step for k in kept], user, rid))
        self._hold([k for k in kept if k.step not in others])
        if others:
            self.foreign_found.emit(others)

    def _on_adopted(self, stamp: int, kept: list[StoredStep], ids: set[str]) -> None:
        if self._epoch.current(stamp):
            self._hold([k for k in kept if k.step.id in ids])

    def _hold(self, kept: list[StoredStep]) -> None:
        board = self._model.board
        if board is not None:  # an Accept or Reject kept from before a restart answered it
            for stored in kept:
                if stored.step.action.acknowledges:
                    board.answered(stored.step.order_id)
        touched = self._held.load(kept)
        for order_id in touched:
            self._announce(order_id)
        self._loaded(touched)

    def _loaded(self, order_ids: list[str]) -> None:
        """Steps of these orders came from disk (the sender decides them when it may)."""

    def _settle(self, held: Held, fate: StepFate) -> None:
        """The step is done with: forget it here and on disk, and say how it ended."""
        if self._held.remove(held):
            self._disk.forget(held.step.id)
            self.settled.emit(held.step.id, fate.value)
            self._announce(held.step.order_id)

    def _announce(self, order_id: str) -> None:
        self.changed.emit(order_id)
        self.count_changed.emit(self.count())

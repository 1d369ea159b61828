"""`SoldOutController`: "86 an item" — mark a menu item sold out or back, and what is sold out.

A staff tap (with its confirm, in the UI) calls ``mark``; the PUT runs on the calls worker. On
the 204 the item shows sold out (or back) at once: the terminal's own mark is laid over the
menu (``kds.core.sold_out``) because the backend's public menu lags by up to five minutes. The
menu loader is asked to refresh, and every menu it then delivers (``menu_changed``) reconciles
the marks: one is dropped once the menu's ``lastRebuiltAt`` is past the 204's ``Date`` (both
the server's clock), and from then on the menu is the truth. Other terminals learn of a change
only from their own menu refreshes.

Marks belong to one restaurant: ``reset`` forgets them, and a late answer for the previous
restaurant is dropped (``Epoch``, as ``kds.app.resync``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal, Slot

from kds.app.i18n import translate
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.core.changes import Change, MenuChanged
from kds.core.epoch import Epoch
from kds.core.ids import canonical_id
from kds.core.menu import Menu
from kds.core.sold_out import Mark, SoldOut, SoldOutMarks
from kds.net.errors import Forbidden, NotFound, ServerUnavailable, ends_session
from kds.net.rest import RestClient

__all__ = ["SoldOutController", "failure_text"]

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def failure_text(exc: BaseException, name: str, available: bool) -> str:
    """What a cook reads when marking ``name`` failed."""
    if isinstance(exc, Forbidden):
        return translate("SoldOut", "Only staff of this restaurant can mark items sold out.")
    if isinstance(exc, NotFound):
        text = translate("SoldOut", "{item} is no longer on the menu.")
    elif isinstance(exc, ServerUnavailable) and available:
        text = translate(
            "SoldOut",
            "No connection — {item} was not marked back on. Try again when the board is live.",
        )
    elif isinstance(exc, ServerUnavailable):
        text = translate(
            "SoldOut",
            "No connection — {item} was not marked sold out. Try again when the board is live.",
        )
    elif available:
        text = translate(
            "SoldOut", "The server refused — {item} was not marked back on. Try again."
        )
    else:
        text = translate(
            "SoldOut", "The server refused — {item} was not marked sold out. Try again."
        )
    return text.format(item=name)


class SoldOutController(Reporter):
    """The sold-out state of the restaurant shown, and the staff's marks.

    Args:
        calls: the session's worker for REST calls (results come back on the Qt thread).
        refresh_menu: asks the menu loader to fetch the menu now (``LiveBoard.refresh_menu``);
            called after every 204 so the reconciliation starts as soon as the menu allows.
        clock: the terminal's clock, for the "as of" of a mark only (never compared with the
            server's times).

    Signals:
        changed(object): the effective ``SoldOut`` changed (a mark, a menu, a reset).
        failed(str item_id, str message): a mark failed; the message is in a cook's words.
        busy_changed(str item_id, bool busy): a mark of that item was sent / was answered.
        notice(str level, str message): the same failures, for the session's notice line.
        auth_expired(): the server refused the session for good.
    """

    changed = Signal(object)
    failed = Signal(str, str)
    busy_changed = Signal(str, bool)

    def __init__(
        self,
        calls: Worker,
        refresh_menu: Callable[[], None],
        clock: Callable[[], datetime] = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._refresh_menu = refresh_menu
        self._clock = clock
        self._epoch = Epoch()
        self._rest: RestClient | None = None
        self._rid: str | None = None
        self._marks: SoldOutMarks | None = None
        self._menu: Menu | None = None
        self._in_flight: set[str] = set()
        self.state = SoldOut()

    # -- the restaurant ----------------------------------------------------------------------
    def reset(self, rest: RestClient | None, restaurant_id: str | None) -> None:
        """A restaurant was opened (or closed with ``None``): forget every mark and answer."""
        self._epoch.advance()
        self._rest = rest
        self._rid = None if restaurant_id is None else canonical_id(restaurant_id)
        self._marks = None if restaurant_id is None else SoldOutMarks(restaurant_id)
        self._menu = None
        in_flight, self._in_flight = self._in_flight, set()
        for item_id in sorted(in_flight):
            self.busy_changed.emit(item_id, False)
        self._publish()

    @property
    def restaurant_id(self) -> str | None:
        return self._rid

    def marks(self) -> list[Mark]:
        """The pending marks: those no menu has shown yet."""
        return [] if self._marks is None else list(self._marks)

    # -- the menu ----------------------------------------------------------------------------
    def board_changed(self, change: Change) -> None:
        """The board's changes: a new menu on it reconciles the marks (`menu_changed`)."""
        if isinstance(change, MenuChanged):
            self.menu_changed(change.menu)

    @Slot(object)
    def menu_changed(self, menu: Menu | None) -> None:
        """The menu loader has a menu: reconcile the marks with it (another restaurant's is
        ignored)."""
        if self._marks is None or menu is None or canonical_id(menu.restaurant_id) != self._rid:
            return
        self._menu = menu
        for mark in self._marks.reconcile(menu):
            item = menu.item(mark.item_id)
            log.info(
                "sold-out mark of %s no longer pending (menu rebuilt %s, mark %s, menu says %s)",
                mark.item_id,
                menu.last_rebuilt_at.isoformat(),
                "available" if mark.available else "sold out",
                "gone" if item is None else "available" if item.is_available else "sold out",
            )
        self._publish()

    # -- marking -----------------------------------------------------------------------------
    def busy(self, menu_item_id: str) -> bool:
        """True while a mark of this item is on its way (a second tap is ignored)."""
        return canonical_id(menu_item_id) in self._in_flight

    def mark(self, menu_item_id: str, name: str, available: bool) -> bool:
        """Mark the item sold out (``available`` False) or back on. False when not sent: no
        restaurant open, or a mark of the same item still on its way."""
        rest, rid, marks = self._rest, self._rid, self._marks
        key = canonical_id(menu_item_id)
        if rest is None or rid is None or marks is None or key in self._in_flight:
            return False
        stamp = self._epoch.stamp()
        self._in_flight.add(key)
        self.busy_changed.emit(key, True)

        def done(date: datetime | None) -> None:
            if not self._epoch.current(stamp):
                return
            self._finish(key)
            seen = None if self._menu is None else self._menu.last_rebuilt_at
            marks.add(Mark(key, name, available, self._clock(), date, seen))
            if date is None:
                log.warning("the availability 204 had no Date: reconciling without it")
            self._publish()
            self._refresh_menu()

        def failed(exc: BaseException) -> None:
            if not self._epoch.current(stamp):
                return
            self._finish(key)
            if ends_session(exc):
                self.auth_expired.emit()
                return
            log.info("availability of %s failed: %s", key, exc)
            text = failure_text(exc, name, available)
            self.failed.emit(key, text)
            self.notice.emit("warning" if isinstance(exc, ServerUnavailable) else "error", text)

        self._calls.run(lambda: rest.set_item_availability(rid, key, available), done, failed)
        return True

    def _finish(self, key: str) -> None:
        self._in_flight.discard(key)
        self.busy_changed.emit(key, False)

    def _publish(self) -> None:
        state = SoldOut() if self._marks is None else self._marks.effective(self._menu)
        if state != self.state:
            self.state = state
            self.changed.emit(state)

"""`AcceptingOrders`: whether the selected restaurant takes orders, as this terminal knows it.

Read when a restaurant opens (and again after the next snapshot if that read failed), set by
the owner's pause switch. Two things depend on it: the switch, which would otherwise claim
"taking orders" until first toggled — wrong exactly when it matters, after someone paused on
another terminal — and auto-accept, which holds new orders back while the state is unknown or
paused rather than accept them for a paused restaurant.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kds.app.auto_accept import AutoAccept
from kds.app.i18n import translate
from kds.app.messages import action_text
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.net.errors import ends_session
from kds.net.rest import RestClient

__all__ = ["AcceptingOrders"]

log = logging.getLogger(__name__)


class AcceptingOrders(Reporter):
    """The accepting-orders state of the restaurant shown.

    Signals:
        changed(bool): the state was read or set (the pause switch shows it).
        notice(str level, str message): the switch could not be set, in words.
        auth_expired(): the server refused the session's tokens for good.

    Attributes:
        value: True / False, or None until read (or after the restaurant closed).
    """

    changed = Signal(bool)

    def __init__(
        self,
        calls: Worker,
        auto_accept: AutoAccept,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._auto_accept = auto_accept
        self._rest: RestClient | None = None
        self._rid: str | None = None
        self._loading = False
        self.value: bool | None = None

    def open(self, rest: RestClient, rid: str) -> None:
        """A restaurant was selected: forget the last one's state, read this one's."""
        self._rest, self._rid = rest, rid
        self._set(None)  # another restaurant's (or a stale) state must not hold
        self._load(rest, rid)

    def close(self) -> None:
        self._rest = self._rid = None
        self._loading = False
        self._set(None)

    def retry(self) -> None:
        """After a snapshot: read again if the last read failed."""
        rest, rid = self._rest, self._rid
        if rest is not None and rid is not None and not self._loading and self.value is None:
            self._load(rest, rid)

    def set(self, accepting: bool) -> None:
        """The owner's switch: pause or resume incoming orders."""
        rest, rid = self._rest, self._rid
        if rest is None or rid is None:
            return

        def done(_: object) -> None:
            if self._rid == rid:
                self._set(accepting)

        self._calls.run(
            lambda: rest.set_accepting_orders(rid, accepting),
            done,
            self._on_set_failed,
        )

    def _on_set_failed(self, exc: BaseException) -> None:
        if ends_session(exc):
            self.auth_expired.emit()
        else:
            text = translate("AcceptingOrders", "Could not change accepting orders: {reason}")
            self.notice.emit("error", text.format(reason=action_text(exc)))

    def _load(self, rest: RestClient, rid: str) -> None:
        self._loading = True

        def done(accepting: bool | None) -> None:
            if self._rid != rid:  # switched meanwhile
                return
            self._loading = False
            if accepting is not None:
                self._set(accepting)

        def failed(exc: BaseException) -> None:
            if self._rid == rid:
                self._loading = False
            log.info("restaurant info %s failed: %s", rid, type(exc).__name__)

        self._calls.run(lambda: rest.restaurant_info(rid).is_accepting_orders, done, failed)

    def _set(self, accepting: bool | None) -> None:
        self.value = accepting
        self._auto_accept.set_accepting(accepting)
        if accepting is not None:
            self.changed.emit(accepting)

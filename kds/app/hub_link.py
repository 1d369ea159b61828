"""The hub link: one hub client, its connection state and its restaurant subscription.

A state machine on the Qt thread, with an explicit state::

    DOWN --open()--> BUILDING --built--> CONNECTING --Connected--> SUBSCRIBING --ok--> LIVE
      ^                 |                    ^                       |   |            |
      |                 | build failed       +------ drop -----------+---+------------+
      +-- close() ------+--------------------+                       |
                                                          forbidden: REFUSED

``open(rest, rid)`` with a live connection switches restaurants in place (leave the old group,
join the new, LIVE again); without one it builds the client. A reconnect starts from
CONNECTING again: groups belong to a connection, so every new one subscribes afresh.

The client is built on a worker (its TLS context reads the CA store from disk) and started on
the Qt thread, so a link closed while building never starts a client at all. Order events do
not pass through here: the hub client decodes them on the socket reader thread
(``decode=read_event``) and emits ``order_event`` itself, a queued signal the controller's slot
receives on the Qt thread. State changes and subscription results carry stamps of two epochs
(``kds.core.epoch``): the hub client's (a closed or replaced client is not heard) and the
restaurant's (a subscription for a restaurant no longer shown is left again).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.i18n import translate
from kds.app.qt_thread import QtThread, Worker
from kds.app.reporting import Reporter
from kds.app.settings import SessionSettings
from kds.core.decode import read_event
from kds.core.epoch import Epoch
from kds.net.errors import AuthExpired, ConnectionLost, HubForbidden
from kds.net.hub import HubClient, HubState
from kds.net.rest import RestClient

__all__ = ["HubFactory", "HubLink", "LinkState", "default_hub_factory"]

log = logging.getLogger(__name__)

HubFactory = Callable[..., HubClient]
"""``factory(url, token_provider, *, ca_file, on_event, decode, on_state) -> HubClient``
(not started); ``default_hub_factory`` is the real one, tests and benches wrap it."""


def default_hub_factory(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    return HubClient(url, token_provider, **kwargs)


class LinkState(enum.Enum):
    DOWN = "down"  # no hub client: before the first restaurant, after close()
    BUILDING = "building"  # the client is being built on a worker
    CONNECTING = "connecting"  # started; waiting for the (re)connection
    SUBSCRIBING = "subscribing"  # connected; joining the restaurant's group
    LIVE = "live"  # connected and subscribed to the restaurant shown
    REFUSED = "refused"  # connected, but the hub refused the subscription (forbidden)


_CONNECTED = frozenset({LinkState.SUBSCRIBING, LinkState.LIVE, LinkState.REFUSED})


class HubLink(Reporter):
    """The hub link of one session (see the module docstring).

    Signals:
        order_event(str name, object event): an order event (``OrderEvent`` or ``Rejected``),
            emitted on the socket reader thread; connect it queued.
        subscribed(): subscribed to the restaurant shown (first time, after a switch, after every
            reconnect): the controller resyncs (rule 8).
        connection_changed(str state, str detail): ``connecting``, ``connected`` (LIVE),
            ``reconnecting``, ``disconnected``.
        notice(str level, str message): something the user should know.
        auth_expired(): the hub refused the session's tokens for good.
    """

    order_event = Signal(str, object)
    subscribed = Signal()
    connection_changed = Signal(str, str)

    def __init__(
        self,
        settings: SessionSettings,
        qt: QtThread,
        calls: Worker,
        restaurant: Epoch,
        *,
        hub_factory: HubFactory = default_hub_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._qt = qt
        self._calls = calls
        self._restaurant = restaurant  # the controller's: advanced on every switch and stop
        self._hub_factory = hub_factory
        self._hubs = Epoch()  # advanced when a client is built and when it is closed
        self.state = LinkState.DOWN
        self.hub: HubClient | None = None
        self._rid: str | None = None
        self._joined: set[str] = set()  # groups the current connection is in
        self._reported = ("", "")

    @property
    def is_live(self) -> bool:
        return self.state is LinkState.LIVE

    @property
    def _connected(self) -> bool:
        """The client is connected: the hub only reports state once it is started (after the
        build), so these states are exactly "Connected and not dropped since"."""
        return self.state in _CONNECTED

    # ------------------------------------------------------------------ controller side
    def open(self, rest: RestClient, restaurant_id: str) -> None:
        """Follow ``restaurant_id``: build the client, or switch the live connection's group."""
        self._rid = restaurant_id
        if self.state is LinkState.DOWN:
            self._build(rest)
        elif self.state in (LinkState.SUBSCRIBING, LinkState.LIVE, LinkState.REFUSED):
            self._report("connecting", "subscribing")
            self._subscribe()

    def close(self, *, wait: bool = False) -> None:
        """Stop the client (in the background unless ``wait``); nothing it says is heard."""
        was_down = self.state is LinkState.DOWN
        self._hubs.advance()
        hub, self.hub = self.hub, None
        self._rid = None
        self._joined.clear()
        self.state = LinkState.DOWN
        if hub is not None:
            if wait:
                hub.stop()
            else:
                self._calls.run(hub.stop, cleanup=True)
        if not was_down:
            self._report("disconnected", "")

    # ------------------------------------------------------------------ building
    def _build(self, rest: RestClient) -> None:
        stamp = self._hubs.advance()
        self.state = LinkState.BUILDING
        self._report("connecting", "")

        def on_state(state: HubState, error: BaseException | None) -> None:  # supervisor
            self._qt.post(lambda: self._on_hub_state(stamp, state, error))

        def build() -> HubClient:
            return self._hub_factory(
                self._settings.hub_url,
                rest.access_token,
                ca_file=self._settings.ca_file,
                on_event=self.order_event.emit,
                decode=read_event,
                on_state=on_state,
            )

        def built(hub: HubClient) -> None:
            if not self._hubs.current(stamp):
                return  # closed while building: it was never started
            self.hub = hub
            self.state = LinkState.CONNECTING
            hub.start()  # its Connected arrives later, through on_state

        def failed(exc: BaseException) -> None:
            if self._hubs.current(stamp):
                self.state = LinkState.DOWN
                text = translate("HubLink", "hub client failed to start: {error}")
                self._report("disconnected", text.format(error=exc))

        self._calls.run(build, built, failed)

    # ------------------------------------------------------------------ hub state
    def _on_hub_state(self, stamp: int, state: HubState, error: BaseException | None) -> None:
        if not self._hubs.current(stamp):
            return
        if state is HubState.CONNECTED:
            if not self._connected:
                self._joined.clear()  # groups belong to a connection: a new one has none
                self.state = LinkState.SUBSCRIBING
                self._subscribe()
            return
        self._joined.clear()
        self.state = LinkState.CONNECTING
        if state is HubState.DISCONNECTED and isinstance(error, AuthExpired):
            self.auth_expired.emit()
            return
        self._report(state.value.lower(), "" if error is None else str(error))

    # ------------------------------------------------------------------ subscription
    def _subscribe(self) -> None:
        hub, rid = self.hub, self._rid
        if hub is None or rid is None or not self._connected:
            return
        self.state = LinkState.SUBSCRIBING
        hub_stamp, rid_stamp = self._hubs.stamp(), self._restaurant.stamp()
        stale = sorted(self._joined - {rid})

        def call() -> None:
            for old in stale:
                try:
                    hub.invoke("UnsubscribeFromRestaurant", [old])
                except Exception as exc:  # never fails on the server; a drop resets groups
                    log.info("unsubscribe from %s failed: %s", old, type(exc).__name__)
            hub.invoke("SubscribeToRestaurant", [rid])

        def done(_: object) -> None:
            if not self._hubs.current(hub_stamp):
                return
            self._joined.difference_update(stale)
            self._joined.add(rid)
            if not self._restaurant.current(rid_stamp) or rid != self._rid:
                # Switched while subscribing: leave that group again (its events are ignored by
                # the new board anyway, this only saves traffic).
                self._calls.run(lambda: hub.invoke("UnsubscribeFromRestaurant", [rid]))
                self._joined.discard(rid)
                return
            self.state = LinkState.LIVE
            self._report("connected", "")
            self.subscribed.emit()

        def failed(exc: BaseException) -> None:
            if not self._hubs.current(hub_stamp) or not self._restaurant.current(rid_stamp):
                return
            if isinstance(exc, HubForbidden):
                self.state = LinkState.REFUSED
                self._report("disconnected", translate("HubLink", "forbidden"))
                text = translate(
                    "HubLink", "This account may not receive live orders for this restaurant."
                )
                self.notice.emit("error", text)
            elif isinstance(exc, ConnectionLost):
                pass  # the hub reconnects and we subscribe again on Connected
            elif self._connected:
                log.info("subscribe failed (%s); retrying", exc)
                QTimer.singleShot(1000, self, lambda: self._retry(hub_stamp, rid_stamp))

        self._calls.run(call, done, failed)

    def _retry(self, hub_stamp: int, rid_stamp: int) -> None:
        current = self._hubs.current(hub_stamp) and self._restaurant.current(rid_stamp)
        if current and self.state is LinkState.SUBSCRIBING:
            self._subscribe()

    # ------------------------------------------------------------------ reporting
    def _report(self, state: str, detail: str) -> None:
        if (state, detail) != self._reported:
            self._reported = (state, detail)
            self.connection_changed.emit(state, detail)

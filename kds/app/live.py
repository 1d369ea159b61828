"""Keeps the board of the selected restaurant live: hub, subscription, snapshot, resync, details.

The lifecycle (DESIGN.md, consistency rules 1, 3, 5, 8):

- ``start(rest, rid)``: new generation, empty board, snapshot at once (ticket headers first),
  hub started or (when already connected) unsubscribe the old restaurant, subscribe the new.
- hub Connected (first time and after every reconnect): subscribe, then resync
  (``kds.app.resync.Resync``: events buffered, every page of both queues, snapshot applied),
  then the details of pending tickets.
- details (``kds.app.details.DetailFetcher``): fetched once per ticket with bounded
  concurrency (a separate pool, so actions never queue behind 300 detail GETs); an event for
  an unknown open order triggers one (rule 5).

This module is the controller and the hub link: the hub's build, its epoch, the subscription.

Guards: every background result carries the generation it was started for; a result of an
older generation (the previous restaurant, or before a logout) is dropped on arrival, so
nothing of the previous restaurant can reach the new board. All board access is on the Qt
thread: hub callbacks are posted there first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kds.app.board_model import BoardModel
from kds.app.details import DetailFetcher
from kds.app.qt_thread import QtThread, Worker
from kds.app.resync import Resync
from kds.app.settings import SessionSettings
from kds.core.decode import Rejected, read_event
from kds.core.orders import ORDER_EVENT_NAMES, LifecycleResult, OrderEvent
from kds.core.outcome import ApplyOutcome
from kds.net.errors import AuthExpired, ConnectionLost, HubForbidden
from kds.net.hub import HubClient, HubState
from kds.net.rest import RestClient

__all__ = ["HubFactory", "LiveBoard", "default_hub_factory"]

log = logging.getLogger(__name__)

HubFactory = Callable[..., HubClient]
"""``factory(url, token_provider, *, ca_file, on_event, on_state) -> HubClient`` (not started)."""


def default_hub_factory(url: str, token_provider: Any, **kwargs: Any) -> HubClient:
    return HubClient(url, token_provider, **kwargs)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class LiveBoard(QObject):
    """The live feed of one session's selected restaurant into its ``BoardModel``.

    Signals:
        connection_changed(str state, str detail): ``connecting``, ``connected`` (hub up and
            subscribed: the board is live), ``reconnecting``, ``disconnected``.
        synced(object): a snapshot was applied (UTC ``datetime``).
        event_received(object): a hub order event arrived (UTC ``datetime``).
        notice(str level, str message): something the user should know.
        auth_expired(): the session's tokens were refused for good: back to login.
    """

    connection_changed = Signal(str, str)
    synced = Signal(object)
    event_received = Signal(object)
    notice = Signal(str, str)
    auth_expired = Signal()

    def __init__(
        self,
        settings: SessionSettings,
        model: BoardModel,
        qt: QtThread,
        calls: Worker,
        details: Worker,
        *,
        hub_factory: HubFactory = default_hub_factory,
        clock: Callable[[], datetime] = _utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._model = model
        self._qt = qt
        self._calls = calls
        self._hub_factory = hub_factory
        self._clock = clock
        self._gen = 0
        self._rest: RestClient | None = None
        self._rid: str | None = None
        self._hub: HubClient | None = None
        self._hub_connected = False
        # Every hub gets an epoch; callbacks carry it, so news from a hub that was stopped (or
        # is still being built for a session that logged out meanwhile) is dropped.
        self._hub_epoch = 0
        self._hub_building = False
        self._hubs_lock = threading.Lock()
        self._hubs_running: dict[int, HubClient] = {}  # epoch → started, not yet stopped
        self._joined: set[str] = set()  # restaurants the live hub connection is subscribed to
        self._state = ("", "")
        self._resync = Resync(settings, model, calls, clock, self)
        self._details = DetailFetcher(model, details, self)
        for part in (self._resync, self._details):
            part.notice.connect(self.notice)
            part.auth_expired.connect(self.auth_expired)
        self._resync.synced.connect(self._on_synced)
        self._safety_timer = QTimer(self)
        self._safety_timer.timeout.connect(self._on_safety_timer)

    # ------------------------------------------------------------------ public (Qt thread)
    @property
    def generation(self) -> int:
        return self._gen

    @property
    def hub(self) -> HubClient | None:
        return self._hub

    @property
    def details_in_flight(self) -> int:
        """Detail fetches started and not yet back on the Qt thread."""
        return self._details.in_flight

    @property
    def snapshot_count(self) -> int:
        """Snapshots applied so far (tests, bench, status bar)."""
        return self._resync.count

    @property
    def live(self) -> bool:
        """Hub connected and subscribed to the selected restaurant."""
        return self._hub_connected and self._rid in self._joined

    def start(self, rest: RestClient, restaurant_id: str) -> None:
        """Show ``restaurant_id``: clear, snapshot, (re)subscribe. Safe to call again to switch."""
        self._new_generation(rest, restaurant_id)
        board = self._model.reset(restaurant_id)
        assert board is not None
        self._resync.request()  # headers first, without waiting for the hub
        if self._hub is None and not self._hub_building:
            self._build_hub(rest)
        elif self._hub_connected and self._hub is not None:
            self._set_state("connecting", "subscribing")
            self._subscribe()

    def stop(self, *, wait: bool = False) -> None:
        """Forget the restaurant and close the hub (in the background unless ``wait``)."""
        self._new_generation()
        self._model.reset(None)
        had_hub = self._hub is not None or self._hub_building
        self._hub_epoch += 1
        self._hub = None
        self._hub_building = False
        self._hub_connected = False
        self._joined.clear()
        with self._hubs_lock:
            hubs = list(self._hubs_running.values())
            self._hubs_running.clear()
        for hub in hubs:
            if wait:
                hub.stop()
            else:
                self._calls.run(hub.stop, cleanup=True)
        if had_hub:
            self._set_state("disconnected", "")

    def apply_action_result(self, generation: int, result: LifecycleResult) -> None:
        """Apply our own action's 200 at once (rule 6); dropped if the restaurant changed."""
        board = self._model.board
        if generation != self._gen or board is None:
            return
        if board.apply_action_result(result) is ApplyOutcome.NEEDS_DETAIL:
            self._details.fetch()

    def resync(self) -> None:
        """Fetch a fresh snapshot now (e.g. the user pulled to refresh)."""
        self._resync.request()

    # ------------------------------------------------------------------ generations
    def _new_generation(
        self, rest: RestClient | None = None, restaurant_id: str | None = None
    ) -> None:
        """Everything still in flight belongs to the old restaurant (or to none) from now on."""
        self._gen += 1
        self._rest, self._rid = rest, restaurant_id
        self._resync.reset(rest, restaurant_id, self._gen)
        self._details.reset(rest, restaurant_id, self._gen)
        self._safety_timer.stop()

    @property
    def state(self) -> str:
        """The last ``connection_changed`` state."""
        return self._state[0]

    def _set_state(self, state: str, detail: str) -> None:
        if (state, detail) != self._state:
            self._state = (state, detail)
            self.connection_changed.emit(state, detail)

    # ------------------------------------------------------------------ hub lifecycle
    def _build_hub(self, rest: RestClient) -> None:
        """Build and start the hub on a worker: its TLS context loads the CA store from disk,
        which the Qt thread must not wait for."""
        self._hub_epoch += 1
        epoch = self._hub_epoch
        self._hub_building = True
        self._set_state("connecting", "")

        def on_event(name: str, payload: Any) -> None:  # socket reader thread
            if name in ORDER_EVENT_NAMES:  # decoded here: the Qt thread gets a typed value
                event = read_event(name, payload)
                self._qt.post(lambda: self._on_hub_event(epoch, event))

        def on_state(state: HubState, error: BaseException | None) -> None:  # supervisor
            self._qt.post(lambda: self._on_hub_state(epoch, state, error))

        def build() -> HubClient | None:
            hub = self._hub_factory(
                self._settings.hub_url,
                rest.access_token,
                ca_file=self._settings.ca_file,
                on_event=on_event,
                on_state=on_state,
            )
            with self._hubs_lock:
                if epoch != self._hub_epoch:
                    return None  # stopped while we were building: never start it
                self._hubs_running[epoch] = hub
                hub.start()
            return hub

        def built(hub: HubClient | None) -> None:
            if hub is None or epoch != self._hub_epoch:
                return
            self._hub = hub
            self._hub_building = False
            if self._hub_connected and not self.live:
                self._subscribe()  # it connected before this result reached the Qt thread

        def failed(exc: BaseException) -> None:
            if epoch == self._hub_epoch:
                self._hub_building = False
                self._set_state("disconnected", f"hub client failed to start: {exc}")

        self._calls.run(build, built, failed)

    # ------------------------------------------------------------------ hub callbacks
    def _on_hub_event(self, epoch: int, event: OrderEvent | Rejected) -> None:
        board = self._model.board
        if epoch != self._hub_epoch or board is None:
            return
        outcome = board.apply(event)
        self.event_received.emit(self._clock())
        if outcome is ApplyOutcome.NEEDS_DETAIL:
            self._details.fetch()

    def _on_hub_state(self, epoch: int, state: HubState, error: BaseException | None) -> None:
        if epoch != self._hub_epoch:
            return
        detail = "" if error is None else str(error)
        if state is HubState.CONNECTED:
            if not self._hub_connected:
                self._hub_connected = True
                self._joined.clear()  # groups belong to a connection: a new one has none
                if self._hub is not None:  # else: subscribed as soon as the build result lands
                    self._subscribe()
            return
        self._hub_connected = False
        self._joined.clear()
        self._safety_timer.stop()
        if state is HubState.DISCONNECTED and isinstance(error, AuthExpired):
            self.auth_expired.emit()
            return
        self._set_state(state.value.lower(), detail)

    # ------------------------------------------------------------------ subscription
    def _subscribe(self) -> None:
        hub, rid, gen = self._hub, self._rid, self._gen
        if hub is None or rid is None:
            return
        stale = sorted(self._joined - {rid})

        def call() -> None:
            for old in stale:
                try:
                    hub.invoke("UnsubscribeFromRestaurant", [old])
                except Exception as exc:  # never fails on the server; a drop resets groups
                    log.info("unsubscribe from %s failed: %s", old, type(exc).__name__)
            hub.invoke("SubscribeToRestaurant", [rid])

        self._calls.run(
            call,
            lambda _: self._on_subscribed(hub, gen, rid, stale),
            lambda exc: self._on_subscribe_failed(hub, gen, exc),
        )

    def _on_subscribed(self, hub: HubClient, gen: int, rid: str, left: list[str]) -> None:
        if hub is not self._hub:
            return
        self._joined.difference_update(left)
        self._joined.add(rid)
        if gen != self._gen or rid != self._rid:
            # Switched while subscribing: leave that group again (its events are ignored by
            # the new board anyway, this only saves traffic).
            self._calls.run(lambda: hub.invoke("UnsubscribeFromRestaurant", [rid]))
            self._joined.discard(rid)
            return
        self._set_state("connected", "")
        if self._settings.safety_resync_s > 0:
            self._safety_timer.start(int(self._settings.safety_resync_s * 1000))
        self._resync.request()  # rule 8: after every (re)subscribe

    def _on_subscribe_failed(self, hub: HubClient, gen: int, exc: BaseException) -> None:
        if hub is not self._hub or gen != self._gen:
            return
        if isinstance(exc, HubForbidden):
            self._set_state("disconnected", "forbidden")
            self.notice.emit(
                "error", "This account may not receive live orders for this restaurant."
            )
        elif isinstance(exc, ConnectionLost):
            pass  # the hub reconnects and we subscribe again on Connected
        elif self._hub_connected:
            log.info("subscribe failed (%s); retrying", exc)
            QTimer.singleShot(1000, self, lambda: self._retry_subscribe(hub, gen))

    def _retry_subscribe(self, hub: HubClient, gen: int) -> None:
        if hub is self._hub and gen == self._gen and self._hub_connected and not self.live:
            self._subscribe()

    # ------------------------------------------------------------------ snapshot (rules 1, 3)
    def _on_synced(self, at: datetime) -> None:
        self.synced.emit(at)
        self._details.snapshot_applied()

    def _on_safety_timer(self) -> None:
        if self.live:
            self._resync.request()

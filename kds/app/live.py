"""Keeps the board of the selected restaurant live: the controller of hub link, resync, details.

The lifecycle (DESIGN.md, consistency rules 1, 3, 5, 8):

- ``start(rest, rid)``: the restaurant epoch advances, the board is emptied, a snapshot is
  fetched at once (ticket headers first), and the hub link (``kds.app.hub_link.HubLink``)
  builds its client or switches its subscription.
- the link subscribed (first time and after every reconnect): resync
  (``kds.app.resync.Resync``: events buffered, every page of both queues, snapshot applied),
  then the details of pending tickets.
- the menu (``kds.app.menu_loader.MenuLoader``): fetched at once on the ``calls`` worker
  (its cached copy shown first), refreshed with its ETag, set on the model; a failure only
  raises a notice.
- details (``kds.app.details.DetailFetcher``): fetched once per ticket with bounded
  concurrency (a separate pool, so actions never queue behind 300 detail GETs); an event for
  an unknown open order triggers one (rule 5).

Three small state machines, each with its state enum, and this short controller. One
stale-callback mechanism (``kds.core.epoch.Epoch``): everything started for a restaurant
carries a stamp of the restaurant epoch, which ``start`` and ``stop`` advance, so nothing of
the previous restaurant can reach the new board. Hub order events need no stamp: they arrive
decoded, on the Qt thread through a queued signal, and the board ignores another restaurant's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kds.app.board_model import BoardModel
from kds.app.details import DetailFetcher
from kds.app.hub_link import HubFactory, HubLink, default_hub_factory
from kds.app.menu_loader import MenuLoader
from kds.app.qt_thread import QtThread, Worker
from kds.app.reporting import Reporter
from kds.app.resync import Resync
from kds.app.settings import SessionSettings
from kds.core.decode import Rejected
from kds.core.epoch import Epoch
from kds.core.orders import OrderEvent
from kds.core.outcome import ApplyOutcome
from kds.net.rest import RestClient

__all__ = ["HubFactory", "LiveBoard", "default_hub_factory"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class LiveBoard(Reporter):
    """The live feed of one session's selected restaurant into its ``BoardModel``.

    Signals:
        connection_changed(str state, str detail): ``connecting``, ``connected`` (hub up and
            subscribed: the board is live), ``reconnecting``, ``disconnected``.
        synced(object): a snapshot was applied (UTC ``datetime``).
        event_received(object): a hub order event arrived (UTC ``datetime``).
        notice(str level, str message): something the user should know.
        auth_expired(): the session's tokens were refused for good: back to login.

    Attributes:
        epoch: the restaurant epoch; work started for the restaurant shown carries its stamp.
        menu_loader: the menu's loader; its ``menu``, ``last_loaded_at``, ``failing`` and
            ``error`` are read-only state for a status line.
    """

    connection_changed = Signal(str, str)
    synced = Signal(object)
    event_received = Signal(object)

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
        self._clock = clock
        self.epoch = Epoch()
        self._link = HubLink(settings, qt, calls, self.epoch, hub_factory=hub_factory, parent=self)
        self._resync = Resync(settings, model, calls, clock, self.epoch, self)
        self._details = DetailFetcher(model, details, self.epoch, self)
        self.menu_loader = MenuLoader(settings, model, calls, clock, self.epoch, self)
        for part in (self._link, self._resync, self._details, self.menu_loader):
            self.forward(part)
        self._link.connection_changed.connect(self.connection_changed)
        # Emitted on the socket reader thread with a decoded event: queued to the Qt thread.
        self._link.order_event.connect(self._on_hub_event, Qt.ConnectionType.QueuedConnection)
        self._link.subscribed.connect(self._on_subscribed)
        self._resync.synced.connect(self._on_synced)
        self._safety_timer = QTimer(self)
        self._safety_timer.timeout.connect(self._on_safety_timer)

    # ------------------------------------------------------------------ public (Qt thread)
    @property
    def generation(self) -> int:
        """The restaurant epoch's current stamp."""
        return self.epoch.stamp()

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
        return self._link.is_live

    def start(self, rest: RestClient, restaurant_id: str, *, keep_board: bool = False) -> None:
        """Show ``restaurant_id``: clear, snapshot, (re)subscribe. Safe to call again to switch.

        ``keep_board``: the board shown is this restaurant's, restored from disk while the
        server was away: keep it (its acknowledged orders must not alert again) and let the
        snapshot settle it."""
        self._new_restaurant(rest, restaurant_id)
        board = self._model.board
        if not (keep_board and board is not None and board.restaurant_id == restaurant_id):
            self._model.reset(restaurant_id)
        self._resync.request()  # headers first, without waiting for the hub
        self.menu_loader.start(rest, restaurant_id)  # after the reset: set on the new board
        self._link.open(rest, restaurant_id)

    def stop(self, *, wait: bool = False) -> None:
        """Forget the restaurant and close the hub (in the background unless ``wait``)."""
        self._new_restaurant(None, None)
        self._model.reset(None)
        self._link.close(wait=wait)

    def fetch_details(self) -> None:
        """Fetch the details the board still lacks (an action's answer for an unknown order)."""
        self._details.fetch()

    def resync(self) -> None:
        """Fetch a fresh snapshot now (e.g. the user pulled to refresh)."""
        self._resync.request()

    def refresh_menu(self) -> None:
        """Fetch the menu now (with its ETag), e.g. after this terminal marked an item sold out.

        The public menu is a read model: the change may show only after the backend's rebuild.
        """
        self.menu_loader.refresh()

    # ------------------------------------------------------------------ internals
    def _new_restaurant(self, rest: RestClient | None, restaurant_id: str | None) -> None:
        """Everything still in flight belongs to the old restaurant (or to none) from now on."""
        self.epoch.advance()
        self._resync.reset(rest, restaurant_id)
        self._details.reset(rest, restaurant_id)
        self.menu_loader.stop()
        self._safety_timer.stop()

    def _on_hub_event(self, _name: str, event: OrderEvent | Rejected) -> None:
        board = self._model.board
        if board is None:
            return
        if board.apply(event) is ApplyOutcome.NEEDS_DETAIL:
            self._details.fetch()
        self.event_received.emit(self._clock())

    def _on_subscribed(self) -> None:
        if self._settings.safety_resync_s > 0:
            self._safety_timer.start(int(self._settings.safety_resync_s * 1000))
        self._resync.request()  # rule 8: after every (re)subscribe

    def _on_synced(self, at: datetime) -> None:
        self.synced.emit(at)
        self._details.snapshot_applied()

    def _on_safety_timer(self) -> None:
        if self.live:
            self._resync.request()

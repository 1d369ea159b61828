"""The client session as a Qt object: login, restaurants, the live board, actions, notices.

Usable with widgets (the GUI) or without (``kds tail`` on a ``QCoreApplication``). Every method
returns at once: network calls run on worker threads and their results come back to the Qt
thread as queued calls, where the signals below are emitted. See ``kds.app.live`` for how the
board is kept consistent with the backend.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from kds.app.accepting import AcceptingOrders
from kds.app.auto_accept import AutoAccept
from kds.app.board_keeper import BoardKeeper
from kds.app.board_model import BoardModel
from kds.app.direct_actions import DirectActions
from kds.app.live import HubFactory, LiveBoard, default_hub_factory
from kds.app.messages import SessionWords, login_failure
from kds.app.offline_start import OfflineStart
from kds.app.qt_thread import QtThread, Worker
from kds.app.restaurants import Restaurant, restaurant_to_open
from kds.app.settings import SessionSettings, StateFile
from kds.app.sign_in import RestFactory, SignIn, TokenStoreFactory
from kds.app.sold_out import SoldOutController
from kds.app.step_sender import StepSender
from kds.app.step_store import MEMORY, StepStore, step_store_path
from kds.core.actions import ActionRequest
from kds.core.board_snapshot import BoardSnapshot
from kds.core.changes import Change, UnknownStatusSeen
from kds.net.errors import AuthExpired, ServerUnavailable
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore

__all__ = ["Restaurant", "Session"]

log = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Session(QObject):
    """One signed-in terminal.

    Args:
        settings: server URL, CA file, user to resume with, tuning.
        rest_factory: ``(token_store) -> RestClient`` (default: ``RestClient`` on the settings).
        hub_factory: see ``kds.app.live.HubFactory`` (tests inject a fast retry policy).
        token_store_factory: ``(user) -> TokenStore`` (default: the OS keyring for that user).
        clock: UTC now, for ETAs and the synced/event times.
        state: the per-user state file (last restaurant, last user).

    Signals:
        login_succeeded(): signed in; ``restaurants()`` is filled.
        login_failed(str kind, str message): kind is one of ``wrong_password``, ``locked_out``,
            ``unreachable``, ``tls``, ``other`` (see ``kds.app.messages.LoginFailure``).
        restaurants_changed(): ``restaurants()`` changed.
        restaurant_selected(str restaurant_id, str name): the board now shows that restaurant.
        connection_changed(str state, str detail): ``connecting``, ``connected`` (live),
            ``reconnecting``, ``disconnected``; detail is the last error text or ``""``.
        synced(object): a snapshot was applied (UTC ``datetime``): "last successful sync".
        event_received(object): a hub event arrived (UTC ``datetime``): "last event Ns ago".
        action_started(str order_id, str action): a lifecycle call went out (``Action``).
        action_finished(str order_id, str action): it succeeded; the board already shows it.
            Also when an automatic request (auto-accept) found the order moved on: nothing
            went wrong, and the order's own event shows where it went.
        action_failed(str order_id, str action, str server_text): the server's own words.
        action_held(str order_id, str action): a cook's step found no server; it is kept and
            sent after the reconnect (``steps``).
        accepting_orders_changed(bool): the pause-incoming-orders switch was set, or read.
        sold_out_changed(object): what is sold out now (``kds.core.sold_out.SoldOut``): the
            menu's word, with this terminal's own marks over it until the menu catches up.
        sold_out_failed(str item_id, str message): marking an item failed, in words.
        notice(str level, str message): ``info``/``warning``/``error`` text for the user
            (forbidden, signed out, no keyring, server unreachable, unknown status, …).
        signed_out(): back to the login screen (logout, tokens refused, nothing to resume).

    Attributes:
        board: the ``BoardModel`` views render (one for the session's whole life).
        auto_accept: the terminal's ``AutoAccept`` (on when ``settings.auto_accept``).
        user: the signed-in user name, or ``None``.
        restaurant_id / restaurant_name: the selected restaurant, or ``None``.
        accepting: the selected restaurant's accepting-orders state (`AcceptingOrders`).
        steps: the cook's steps kept on disk until applied (`StepSender`).
        keeper: saves the open board as it changes (`BoardKeeper`).
        offline: shows the saved board when a start finds no server, and retries the sign-in
            (`OfflineStart`).
    """

    login_succeeded = Signal()
    login_failed = Signal(str, str)
    restaurants_changed = Signal()
    restaurant_selected = Signal(str, str)
    connection_changed = Signal(str, str)
    synced = Signal(object)
    event_received = Signal(object)
    action_started = Signal(str, str)
    action_finished = Signal(str, str)
    action_failed = Signal(str, str, str)
    action_held = Signal(str, str)
    accepting_orders_changed = Signal(bool)
    sold_out_changed = Signal(object)
    sold_out_failed = Signal(str, str)
    notice = Signal(str, str)
    signed_out = Signal()

    def __init__(
        self,
        settings: SessionSettings,
        *,
        rest_factory: RestFactory | None = None,
        hub_factory: HubFactory = default_hub_factory,
        token_store_factory: TokenStoreFactory | None = None,
        clock: Callable[[], datetime] = _utcnow,
        state: StateFile | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._clock = clock
        self._state = state or StateFile(settings.state_path)
        self._qt = QtThread(self)
        self._calls = Worker(self._qt, 4, "kds-call")
        self._details = Worker(self._qt, max(1, settings.detail_concurrency), "kds-detail")
        self._disk = Worker(self._qt, 1, "kds-disk")  # the step queue's writes, in order
        self.board = BoardModel(self)
        self.live = LiveBoard(
            settings, self.board, self._qt, self._calls, self._details,
            hub_factory=hub_factory, clock=clock, parent=self,
        )  # fmt: skip
        self.live.connection_changed.connect(self.connection_changed)
        self.live.synced.connect(self.synced)
        self.live.event_received.connect(self.event_received)
        self.live.notice.connect(self.notice)
        self.live.auth_expired.connect(self._on_auth_expired)
        self.auto_accept = AutoAccept(
            self.board, self.run, enabled=settings.auto_accept,
            eta_min=settings.auto_accept_eta_min, parent=self,
        )  # fmt: skip
        self.direct = DirectActions(
            self.board, self._calls, self.live.epoch, fetch_details=self.live.fetch_details,
            judge=self.auto_accept.judge_failure, clock=clock, parent=self,
        )  # fmt: skip
        self._report(self.direct)
        self.accepting = AcceptingOrders(self._calls, self.auto_accept, parent=self)
        self.accepting.changed.connect(self.accepting_orders_changed)
        self.accepting.notice.connect(self.notice)
        self.accepting.auth_expired.connect(self._on_auth_expired)
        self.sold_out = SoldOutController(self._calls, self.live.refresh_menu, clock, parent=self)
        self.board.changed.connect(self.sold_out.board_changed)
        self.board.changed.connect(self._on_change)
        self.sold_out.changed.connect(self.sold_out_changed)
        self.sold_out.failed.connect(self.sold_out_failed)
        self.sold_out.notice.connect(self.notice)
        self.sold_out.auth_expired.connect(self._on_auth_expired)
        self.live.synced.connect(lambda _at: self.accepting.retry())
        # Beside the state file; a read-only session (``kds tail``) keeps no steps or board.
        state_path = settings.state_path or self._state.path
        durable = not self._state.read_only
        queue_path = step_store_path(state_path) if durable else MEMORY
        self.steps = StepSender(
            self.board, self._calls, self._disk, lambda: StepStore(queue_path),
            resync=self.live.resync, fetch_details=self.live.fetch_details, clock=clock,
            parent=self,
        )  # fmt: skip
        self._report(self.steps)
        self.steps.held_back.connect(self.action_held)
        self.live.synced.connect(lambda _at: self.steps.synced())
        self.live.connection_changed.connect(
            lambda state, _detail: self.steps.connection_changed(state)
        )
        self.keeper = BoardKeeper(self.board, state_path, clock, saving=durable, parent=self)
        self.live.synced.connect(self.keeper.synced)
        self.offline = OfflineStart(
            self.board, self.keeper, self._calls, clock, self.resume, self,
            max_delay_s=settings.offline_retry_s,
        )  # fmt: skip
        self.offline.notice.connect(self.notice)
        self.offline.shown.connect(self._on_offline_shown)
        self.user: str | None = None
        self.restaurant_id: str | None = None
        self.restaurant_name: str | None = None
        self._restaurants: list[Restaurant] = []
        self.sign_in = SignIn(
            self._calls,
            rest_factory
            or (lambda tokens: RestClient(settings.base_url, tokens, ca_file=settings.ca_file)),
            token_store_factory or (lambda user: TokenStore(settings.base_url, user)),
            parent=self,
        )
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.sign_in.failed.connect(self._on_sign_in_failed)
        self._closed = False

    # ------------------------------------------------------------------ sign-in
    def login(self, user: str, password: str) -> None:
        """Sign in with a user name (the contract's ``email`` field) and password."""
        self.offline.end()  # a person signs in: the silent retries stop
        self.sign_in.login(user, password)

    def resume(self) -> None:
        """Sign in silently with the stored refresh token of the last user (no password).

        ``signed_out`` when there is nothing to resume or the token was refused. When the
        server cannot be reached: the last good board, marked offline, if one is saved
        (``restaurant_selected``, then ``connection_changed("disconnected", "offline since …")``),
        else ``login_failed`` ("unreachable … Trying again by itself."); either way it is tried
        again by itself (`OfflineStart`) until the server answers or someone signs in.
        """
        user = self.settings.user or self._state.last_user(self.settings.base_url)
        if not user:
            self.sign_in.cancel()
            self._qt.post(self.signed_out.emit)
            return
        self.sign_in.resume(user)

    def logout(self) -> None:
        """Sign out: stop the live board, forget the tokens, ``signed_out``."""
        self.offline.end()
        self._forget_restaurant()
        self.sign_in.sign_out()
        self.user = None
        self._restaurants = []
        self.restaurants_changed.emit()
        self.signed_out.emit()

    def _on_signed_in(self, user: str, rest: RestClient, restaurants: list[Restaurant]) -> None:
        shown = self.offline.showing(user)
        self.offline.end()
        keep = shown if any(r.restaurant_id == shown for r in restaurants) else None
        if keep is None:
            self._forget_restaurant()
        self.user = user
        self._restaurants = restaurants
        self._state.remember_user(self.settings.base_url, user)
        self.login_succeeded.emit()
        self.restaurants_changed.emit()
        if rest.tokens is not None and (text := rest.tokens.take_notice()):
            self.notice.emit("warning", SessionWords.keyring(text))
        if not restaurants:
            self.notice.emit("error", SessionWords.no_restaurants())
            return
        if keep is not None:  # the board shown offline: open it live, without a clear
            self.select_restaurant(keep, keep_board=True)
        elif self.settings.auto_select:
            remembered = self._state.last_restaurant(self.settings.base_url, user)
            chosen = restaurant_to_open(restaurants, self.settings.restaurant, remembered)
            if chosen is not None:
                self.select_restaurant(chosen)

    def _on_sign_in_failed(self, user: str, exc: BaseException, resuming: bool) -> None:
        if not resuming:
            self._login_failed(exc)
        elif isinstance(exc, AuthExpired):
            if self.offline.showing(user):
                self.logout()  # the saved board is not this terminal's to show any more
            else:
                self.signed_out.emit()
        elif isinstance(exc, ServerUnavailable):
            # No server: the last good board, marked offline (or the login screen, if nothing
            # is saved), while the sign-in retries by itself (a sign-in or sign-out ends it).
            rid = self._state.last_restaurant(self.settings.base_url, user)
            self.offline.begin(user, rid, lambda: self._login_failed(exc, retrying=True))
        else:
            self._login_failed(exc)

    def _login_failed(self, exc: BaseException, *, retrying: bool = False) -> None:
        self.login_failed.emit(*login_failure(exc, self.settings.base_url, retrying=retrying))

    def _report(self, sender: DirectActions | StepSender) -> None:
        """An action path's reports are the session's own."""
        sender.started.connect(self.action_started)
        sender.finished.connect(self.action_finished)
        sender.failed.connect(self.action_failed)
        sender.notice.connect(self.notice)
        sender.auth_expired.connect(self._on_auth_expired)

    def _on_auth_expired(self) -> None:
        if self.sign_in.rest is None:
            return
        self.notice.emit("warning", SessionWords.expired())
        self.logout()

    def _on_change(self, change: Change) -> None:
        if isinstance(change, UnknownStatusSeen):
            text = SessionWords.unknown_status(change.order_id[:8], change.value)
            self.notice.emit("warning", text)

    # ------------------------------------------------------------------ restaurants
    def restaurants(self) -> list[Restaurant]:
        """``(restaurant_id, name, role)`` of every restaurant the user may run."""
        return list(self._restaurants)

    def remembered_restaurant(self) -> str | None:
        if self.user is None:
            return None
        return self._state.last_restaurant(self.settings.base_url, self.user)

    def select_restaurant(self, restaurant_id: str, *, keep_board: bool = False) -> None:
        """Show ``restaurant_id``: unsubscribe the old one, clear, snapshot, subscribe.
        ``keep_board``: over the board restored from disk (`OfflineStart`), without a clear."""
        match = [r for r in self._restaurants if r.restaurant_id == restaurant_id.lower()]
        if self.sign_in.rest is None or self.user is None or not match:
            self.notice.emit("error", SessionWords.not_available())
            return
        chosen = match[0]
        self.restaurant_id, self.restaurant_name = chosen.restaurant_id, chosen.name
        self._state.remember_restaurant(
            self.settings.base_url, self.user, chosen.restaurant_id, chosen.name
        )
        last_synced = self.keeper.last_synced if keep_board else None
        self.keeper.open(self.user, chosen.restaurant_id, last_synced=last_synced)
        self.steps.reset(self.sign_in.rest, self.user, chosen.restaurant_id)
        self.live.start(self.sign_in.rest, chosen.restaurant_id, keep_board=keep_board)
        self.sold_out.reset(self.sign_in.rest, chosen.restaurant_id)
        self.restaurant_selected.emit(chosen.restaurant_id, chosen.name)
        self.accepting.open(self.sign_in.rest, chosen.restaurant_id)

    @property
    def accepting_orders(self) -> bool | None:
        """Whether the selected restaurant takes orders; None until read."""
        return self.accepting.value

    def _on_offline_shown(self, restaurant_id: str, snapshot: BoardSnapshot, words: str) -> None:
        """The saved board is on the model: show it as this restaurant's, offline."""
        self.user = snapshot.user
        self.restaurant_id = restaurant_id
        name = self._state.restaurant_name(restaurant_id)
        self.restaurant_name = name or SessionWords.restaurant()
        self.steps.reset(None, snapshot.user, restaurant_id)  # steps are held until online
        self.restaurant_selected.emit(restaurant_id, self.restaurant_name)
        self.connection_changed.emit("disconnected", words)

    def _forget_restaurant(self) -> None:
        self.keeper.close()
        self.restaurant_id = self.restaurant_name = None
        self.accepting.close()
        self.sold_out.reset(None, None)
        self.steps.reset(None, None, None)
        self.live.stop()

    # ------------------------------------------------------------------ actions (rule 6)
    def run(self, request: ActionRequest) -> None:
        """Send one kitchen action now, not kept (`DirectActions`: auto-accept's path);
        ``action_started``, then ``action_finished`` or ``action_failed``. Accept and reject
        answer the order's alert at once."""
        self.direct.run(self.sign_in.rest, self.restaurant_id, request)

    def take_step(self, request: ActionRequest, *, label: str, tapped_at: datetime) -> str | None:
        """A cook's step leaving its undo window (or a confirming dialog): kept on disk, then
        sent — at once while the server answers, after the reconnect otherwise (``steps``).
        Accept and reject answer the order's alert at once. Returns the kept step's id
        (``steps.settled`` tells how it ended), or None when it was refused at once."""
        return self.steps.take(request, label=label, tapped_at=tapped_at)

    def acknowledge(self, order_id: str) -> None:
        """Silence the new-order alert of ``order_id`` (tapped, accepted, rejected)."""
        board = self.board.board
        if board is not None:
            board.acknowledge(order_id)

    def set_accepting_orders(self, accepting: bool) -> None:
        """Owner switch: pause or resume incoming orders (``accepting_orders_changed``)."""
        self.accepting.set(accepting)

    def mark_item(self, menu_item_id: str, name: str, available: bool) -> None:
        """Staff: mark a menu item sold out (``available`` False) or back on; the result comes
        as ``sold_out_changed`` (at once after the 204) or ``sold_out_failed`` in words."""
        self.sold_out.mark(menu_item_id, name, available)

    def set_auto_accept(self, enabled: bool) -> None:
        """Switch this terminal's auto-accept on or off, at once (the settings dialog)."""
        self.auto_accept.set_enabled(enabled)

    # ------------------------------------------------------------------ teardown
    def shutdown(self) -> None:
        """Stop everything and wait for the worker threads (call once, at exit)."""
        if self._closed:
            return
        self._closed = True
        self.sign_in.cancel()
        self.offline.end()
        self.keeper.close(wait=True)  # the board on screen is on disk before the process ends
        self.live.stop(wait=True)
        self._qt.closed = True
        self._calls.shutdown()
        self._details.shutdown()
        self._disk.shutdown()
        self.steps.close()
        self.sign_in.close()  # the user's client, and those of sign-ins still on their way

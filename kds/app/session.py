"""The client session as a Qt object: login, restaurants, the live board, actions, notices.

Usable with widgets (the GUI) or without (``kds tail`` on a ``QCoreApplication``). Every method
returns at once: network calls run on worker threads and their results come back to the Qt
thread as queued calls, where the signals below are emitted. See ``kds.app.live`` for how the
board is kept consistent with the backend.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from kds.app.accepting import AcceptingOrders
from kds.app.auto_accept import AutoAccept
from kds.app.board_keeper import BoardKeeper
from kds.app.board_model import BoardModel
from kds.app.live import HubFactory, LiveBoard, default_hub_factory
from kds.app.messages import action_text, login_failure
from kds.app.offline_start import OfflineStart
from kds.app.qt_thread import QtThread, Worker
from kds.app.restaurants import Restaurant, load_restaurants, restaurant_to_open
from kds.app.settings import SessionSettings, StateFile
from kds.app.sold_out import SoldOutController
from kds.app.step_sender import StepSender
from kds.app.step_store import MEMORY, StepStore, step_store_path
from kds.core.actions import ActionRequest
from kds.core.board_snapshot import BoardSnapshot
from kds.core.changes import Change, MenuChanged, UnknownStatusSeen
from kds.core.epoch import Epoch
from kds.core.errors import ProtocolError
from kds.core.orders import LifecycleResult
from kds.core.outcome import ApplyOutcome
from kds.net.errors import AuthExpired, NetError, ServerUnavailable, ends_session
from kds.net.rest import RestClient
from kds.net.tokens import TokenStore

__all__ = ["Restaurant", "Session"]

log = logging.getLogger(__name__)


RestFactory = Callable[[TokenStore], RestClient]
TokenStoreFactory = Callable[[str], TokenStore]


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
        self._rest_factory = rest_factory or (
            lambda tokens: RestClient(settings.base_url, tokens, ca_file=settings.ca_file)
        )
        self._token_store_factory = token_store_factory or (
            lambda user: TokenStore(settings.base_url, user)
        )
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
        self.board.changed.connect(self._on_change)
        self.auto_accept = AutoAccept(
            self.board, self.run, enabled=settings.auto_accept,
            eta_min=settings.auto_accept_eta_min, parent=self,
        )  # fmt: skip
        self.accepting = AcceptingOrders(
            self._calls, self.auto_accept, self._on_request_failed, parent=self
        )
        self.accepting.changed.connect(self.accepting_orders_changed)
        self.sold_out = SoldOutController(self._calls, self.live.refresh_menu, clock, parent=self)
        self.sold_out.changed.connect(self.sold_out_changed)
        self.sold_out.failed.connect(self.sold_out_failed)
        self.sold_out.notice.connect(self.notice)
        self.sold_out.auth_expired.connect(self._on_auth_expired)
        self.live.synced.connect(self._on_synced)
        # Beside the state file; a read-only session (``kds tail``) keeps no steps or board.
        state_path = settings.state_path or self._state.path
        durable = not self._state.read_only
        queue_path = step_store_path(state_path) if durable else MEMORY
        self.steps = StepSender(
            self.board, self._calls, self._disk, lambda: StepStore(queue_path),
            resync=self.live.resync, fetch_details=self.live.fetch_details, clock=clock,
            parent=self,
        )  # fmt: skip
        self.steps.started.connect(self.action_started)
        self.steps.finished.connect(self.action_finished)
        self.steps.failed.connect(self.action_failed)
        self.steps.held_back.connect(self.action_held)
        self.steps.notice.connect(self.notice)
        self.steps.auth_expired.connect(self._on_auth_expired)
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
        self._rest: RestClient | None = None
        self._restaurants: list[Restaurant] = []
        self._signin = Epoch()  # sign-in results of an older attempt or user are dropped
        self._opening: set[RestClient] = set()  # sign-ins' clients not yet taken (shutdown)
        self._opening_lock = threading.Lock()
        self._closed = False

    # ------------------------------------------------------------------ sign-in
    def login(self, user: str, password: str) -> None:
        """Sign in with a user name (the contract's ``email`` field) and password."""
        gen = self._signin.advance()
        self.offline.end()  # a person signs in: the silent retries stop
        work = self._signing_in(user, lambda rest: rest.login(user, password))
        self._calls.run(
            work,
            lambda r: self._on_signed_in(gen, user, *r),
            lambda exc: self._on_login_error(gen, exc),
        )

    def resume(self) -> None:
        """Sign in silently with the stored refresh token of the last user (no password).

        ``signed_out`` when there is nothing to resume or the token was refused. When the
        server cannot be reached: the last good board, marked offline, if one is saved
        (``restaurant_selected``, then ``connection_changed("disconnected", "offline since …")``),
        else ``login_failed`` ("unreachable … Trying again by itself."); either way it is tried
        again by itself (`OfflineStart`) until the server answers or someone signs in.
        """
        user = self.settings.user or self._state.last_user(self.settings.base_url)
        gen = self._signin.advance()
        if not user:
            self._qt.post(self.signed_out.emit)
            return

        # AuthExpired when nothing is stored or it was refused
        work = self._signing_in(user, lambda rest: rest.refresh())

        def failed(exc: BaseException) -> None:
            if not self._signin.current(gen):
                return
            if isinstance(exc, AuthExpired):
                if self.offline.showing(user):
                    self.logout()  # the saved board is not this terminal's to show any more
                else:
                    self.signed_out.emit()
                return
            rid = self._state.last_restaurant(self.settings.base_url, user)
            if isinstance(exc, ServerUnavailable):
                # No server: the last good board, marked offline (or the login screen, if
                # nothing is saved), while the sign-in retries by itself.
                self.offline.begin(user, rid, lambda: self._on_login_error(gen, exc, retrying=True))
            else:
                self._on_login_error(gen, exc)

        self._calls.run(work, lambda r: self._on_signed_in(gen, user, *r), failed)

    def logout(self) -> None:
        """Sign out: stop the live board, forget the tokens, ``signed_out``."""
        self._signin.advance()
        self.offline.end()
        rest, self._rest = self._rest, None
        self._forget_restaurant()
        self.user = None
        self._restaurants = []
        if rest is not None:

            def work() -> None:
                if rest.tokens is not None:
                    rest.tokens.clear()
                rest.close()

            self._calls.run(work, cleanup=True)
        self.restaurants_changed.emit()
        self.signed_out.emit()

    def _signing_in(
        self, user: str, sign: Callable[[RestClient], object]
    ) -> Callable[[], tuple[RestClient, list[Restaurant]]]:
        """A sign-in's work for the calls worker: a client for ``user``, ``sign`` with it, the
        restaurants. The client is tracked until `_on_signed_in` takes it: a shutdown while it
        is on its way (its answer is then dropped) must still close its sockets."""

        def work() -> tuple[RestClient, list[Restaurant]]:
            rest = self._rest_factory(self._token_store_factory(user))
            with self._opening_lock:
                self._opening.add(rest)
            try:
                sign(rest)
                return rest, load_restaurants(rest)
            except BaseException:
                with self._opening_lock:
                    self._opening.discard(rest)
                rest.close()
                raise

        return work

    def _on_signed_in(
        self, gen: int, user: str, rest: RestClient, restaurants: list[Restaurant]
    ) -> None:
        with self._opening_lock:
            self._opening.discard(rest)
        if not self._signin.current(gen) or self._closed:
            self._calls.run(rest.close, cleanup=True)
            return
        old, self._rest = self._rest, rest
        if old is not None and old is not rest:
            self._calls.run(old.close, cleanup=True)
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
            self.notice.emit("warning", text)
        if not restaurants:
            self.notice.emit("error", "This account is not staff or owner of any restaurant.")
            return
        if keep is not None:  # the board shown offline: open it live, without a clear
            self.select_restaurant(keep, keep_board=True)
        elif self.settings.auto_select:
            remembered = self._state.last_restaurant(self.settings.base_url, user)
            chosen = restaurant_to_open(restaurants, self.settings.restaurant, remembered)
            if chosen is not None:
                self.select_restaurant(chosen)

    def _on_login_error(self, gen: int, exc: BaseException, *, retrying: bool = False) -> None:
        if not isinstance(exc, NetError | ProtocolError):
            # Not the server's answer but a fault of ours: the screen says "Login failed: <type>",
            # the log keeps the traceback (a chaos-world login once failed this way unseen).
            log.error("login failed unexpectedly", exc_info=exc)
        if self._signin.current(gen):
            kind, message = login_failure(exc, self.settings.base_url)
            if retrying:
                message += " Trying again by itself."
            self.login_failed.emit(kind, message)

    def _on_auth_expired(self) -> None:
        if self._rest is None:
            return
        self.notice.emit("warning", "Signed out: the session expired. Please log in again.")
        self.logout()

    def _on_change(self, change: Change) -> None:
        if isinstance(change, MenuChanged):
            self.sold_out.menu_changed(change.menu)
        elif isinstance(change, UnknownStatusSeen):
            self.notice.emit(
                "warning",
                f"Order {change.order_id[:8]} has a status this version does not know: "
                f"{change.value}.",
            )

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
        if self._rest is None or self.user is None or not match:
            self.notice.emit("error", "That restaurant is not available to this account.")
            return
        chosen = match[0]
        self.restaurant_id, self.restaurant_name = chosen.restaurant_id, chosen.name
        self._state.remember_restaurant(
            self.settings.base_url, self.user, chosen.restaurant_id, chosen.name
        )
        last_synced = self.keeper.last_synced if keep_board else None
        self.keeper.open(self.user, chosen.restaurant_id, last_synced=last_synced)
        self.steps.reset(self._rest, self.user, chosen.restaurant_id)
        self.live.start(self._rest, chosen.restaurant_id, keep_board=keep_board)
        self.sold_out.reset(self._rest, chosen.restaurant_id)
        self.restaurant_selected.emit(chosen.restaurant_id, chosen.name)
        self.accepting.open(self._rest, chosen.restaurant_id)

    @property
    def accepting_orders(self) -> bool | None:
        """Whether the selected restaurant takes orders; None until read."""
        return self.accepting.value

    def _on_synced(self, _at: datetime) -> None:
        if self._rest is not None:
            self.accepting.retry(self._rest)

    def _on_offline_shown(self, restaurant_id: str, snapshot: BoardSnapshot, words: str) -> None:
        """The saved board is on the model: show it as this restaurant's, offline."""
        self.user = snapshot.user
        self.restaurant_id = restaurant_id
        self.restaurant_name = self._state.restaurant_name(restaurant_id) or "Restaurant"
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
        """Send one kitchen action; ``action_started``, then ``action_finished`` or
        ``action_failed``. Accept and reject answer the order's alert at once. An automatic
        one's failure is judged by `AutoAccept.judge_failure` (moved on: no error)."""
        order_id, action = request.order_id, request.action
        if action.acknowledges:
            self.acknowledge(order_id)
        rest, rid, stamp = self._rest, self.restaurant_id, self.live.epoch.stamp()
        if rest is None or rid is None:
            self.action_failed.emit(order_id, action.value, "Not signed in to a restaurant.")
            return
        self.action_started.emit(order_id, action.value)
        now = self._clock()

        def done(result: LifecycleResult) -> None:
            board = self.board.board if self.live.epoch.current(stamp) else None
            if board is not None and board.apply(result) is ApplyOutcome.NEEDS_DETAIL:
                self.live.fetch_details()  # rule 6: applied at once; an unknown order's items
            self.action_finished.emit(order_id, action.value)

        def failed(exc: BaseException) -> None:
            notice = self.auto_accept.judge_failure(request, exc) if request.automatic else ""
            if notice is None:  # an automatic accept found the order moved on: no error
                self.action_finished.emit(order_id, action.value)
                return
            self.action_failed.emit(order_id, action.value, action_text(exc))
            if notice:
                self.notice.emit("error", notice)
            if ends_session(exc):
                self._on_auth_expired()
            elif isinstance(exc, AuthExpired):
                # The refresh token still works (see AccessRefusedAfterRefresh): stay signed in.
                log.warning("a freshly refreshed access token was refused; staying signed in")

        self._calls.run(lambda: rest.perform(rid, request, now), done, failed)

    def take_step(self, request: ActionRequest, *, label: str, tapped_at: datetime) -> str | None:
        """A cook's step leaving its undo window (or a confirming dialog): kept on disk, then
        sent — at once while the server answers, after the reconnect otherwise (``steps``).
        Accept and reject answer the order's alert at once. Returns the kept step's id
        (``steps.settled`` tells how it ended), or None when it was refused at once."""
        if request.action.acknowledges:
            self.acknowledge(request.order_id)
        return self.steps.take(request, label=label, tapped_at=tapped_at)

    def acknowledge(self, order_id: str) -> None:
        """Silence the new-order alert of ``order_id`` (tapped, accepted, rejected)."""
        board = self.board.board
        if board is not None:
            board.acknowledge(order_id)

    def set_accepting_orders(self, accepting: bool) -> None:
        """Owner switch: pause or resume incoming orders (``accepting_orders_changed``)."""
        if self._rest is not None:
            self.accepting.set(self._rest, accepting)

    def mark_item(self, menu_item_id: str, name: str, available: bool) -> None:
        """Staff: mark a menu item sold out (``available`` False) or back on; the result comes
        as ``sold_out_changed`` (at once after the 204) or ``sold_out_failed`` in words."""
        self.sold_out.mark(menu_item_id, name, available)

    def set_auto_accept(self, enabled: bool) -> None:
        """Switch this terminal's auto-accept on or off, at once (the settings dialog)."""
        self.auto_accept.set_enabled(enabled)

    def _on_request_failed(self, what: str, exc: BaseException) -> None:
        if ends_session(exc):
            self._on_auth_expired()
        else:
            self.notice.emit("error", f"{what}: {action_text(exc)}")

    # ------------------------------------------------------------------ teardown
    def shutdown(self) -> None:
        """Stop everything and wait for the worker threads (call once, at exit)."""
        if self._closed:
            return
        self._closed = True
        self._signin.advance()
        self.offline.end()
        self.keeper.close(wait=True)  # the board on screen is on disk before the process ends
        self.live.stop(wait=True)
        self._qt.closed = True
        self._calls.shutdown()
        self._details.shutdown()
        self._disk.shutdown()
        self.steps.close()
        with self._opening_lock:  # signed in after the Qt thread stopped listening
            opened, self._opening = list(self._opening), set()
        for rest in opened:
            rest.close()
        if self._rest is not None:
            self._rest.close()
            self._rest = None

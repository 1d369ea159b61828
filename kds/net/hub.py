"""The hub client: a reconnecting SignalR connection that never gives up, as a state machine.

A supervisor thread owns the connection's whole life. For every (re)connect it asks the token
provider for a token and builds a FRESH transport (signalrcore's own reconnect is never used:
it stalls for good after a real outage and reuses stale tokens, ``signalr-notes.md`` §2.2).
While connected it pings and runs a receive watchdog, and it tears a connection down with a
timeout (``kds.net.hub_connection``); calls wait in ``kds.net.hub_calls``.

States::

    DISCONNECTED --start()--> CONNECTING --handshake--> CONNECTED
         ^                        |  ^                      |
         |                 failure: retry per policy     drop / watchdog
         |                                                  v
         +----stop() from any state----------------- RECONNECTING --handshake--> CONNECTED

Callbacks run on library threads (events on the socket reader thread, state changes on the
supervisor thread); the app layer moves them to the Qt thread. Order events are decoded here,
on the reader thread, when a ``decode`` is given. Each callback is wrapped so one bad handler
cannot kill the loop. Resubscribing and resyncing after ``on_reconnected`` belong to
the app layer.
"""

from __future__ import annotations

import enum
import logging
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

from kds.net.errors import AuthExpired, ConnectionLost, ServerUnavailable
from kds.net.hub_calls import PendingCalls
from kds.net.hub_connection import Link, close_transport
from kds.net.hub_signalrcore import SignalrcoreTransport
from kds.net.hub_transport import HubTransport, NegotiateRejected, TransportHandlers
from kds.net.redact import install_redaction
from kds.net.retry import HubRetryPolicy, RetryPolicy

__all__ = ["HubClient", "HubState", "TokenProvider"]

log = logging.getLogger(__name__)

# token_provider(rejected): a usable access token. ``rejected`` is True when the hub refused the
# previous one (401), so the provider must refresh rather than hand back the cached token.
TokenProvider = Callable[[bool], str]
EventCallback = Callable[[str, Any], None]
StateCallback = Callable[["HubState", BaseException | None], None]


class HubState(enum.Enum):
    DISCONNECTED = "Disconnected"
    CONNECTING = "Connecting"
    CONNECTED = "Connected"
    RECONNECTING = "Reconnecting"


def _call_safely(what: str, fn: Callable[..., Any] | None, *args: Any) -> None:
    if fn is None:
        return
    try:
        fn(*args)
    except Exception:
        log.exception("hub callback %s raised; ignored so the connection keeps running", what)


class HubClient:
    """A SignalR hub connection that reconnects forever.

    Args:
        url: the hub URL, e.g. ``https://host/hubs/restaurant-orders``.
        token_provider: see ``TokenProvider``; may raise ``AuthExpired`` (then the client
            stops in ``DISCONNECTED`` with that error: only a new login can help).
        transport_factory: builds one fresh ``HubTransport`` per connection attempt (default:
            ``SignalrcoreTransport`` verifying TLS against the system CAs, or ``ca_file``).
        ca_file: extra CA bundle for wss:// and the negotiate POST (verification stays on).
        retry_policy: delays between attempts (default ``HubRetryPolicy``: never gives up).
        on_event: ``(name, payload)`` for every server→client invocation; ``payload`` is the
            single argument, or the argument list when there is not exactly one.
        decode: ``decode(name, payload)`` turns a payload into the value ``on_event`` gets,
            on the socket reader thread (``None``: skip the invocation). The app passes
            ``kds.core.decode.read_event``, so it receives typed order events, never dicts.
        on_state: ``(state, error)`` on every state change and every failed attempt.
        on_reconnected: after a connection other than the first came up.
        watchdog_timeout_s: tear down a connection that received nothing for this long.
        ping_interval_s: send a Ping when nothing was sent for this long.
        connect_timeout_s: budget for negotiate + connect + handshake.
        stop_timeout_s: budget for closing one transport.
        invoke_timeout_s: default per-call timeout for ``invoke``.
    """

    def __init__(
        self,
        url: str,
        token_provider: TokenProvider,
        *,
        transport_factory: Callable[[], HubTransport] | None = None,
        ca_file: str | None = None,
        retry_policy: RetryPolicy | None = None,
        on_event: EventCallback | None = None,
        decode: Callable[[str, Any], Any] | None = None,
        on_state: StateCallback | None = None,
        on_reconnected: Callable[[], None] | None = None,
        watchdog_timeout_s: float = 30.0,
        ping_interval_s: float = 15.0,
        connect_timeout_s: float = 10.0,
        stop_timeout_s: float = 5.0,
        invoke_timeout_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        install_redaction()  # signalrcore logs hub messages with their headers at DEBUG
        self.url = url
        self._token_provider = token_provider
        if transport_factory is None:
            # One SSLContext for every attempt: loading the CA store per reconnect is wasted work.
            tls = ssl.create_default_context(cafile=ca_file)

            def transport_factory() -> HubTransport:
                return SignalrcoreTransport(verify=tls)

        self._transport_factory = transport_factory
        self._policy: RetryPolicy = retry_policy or HubRetryPolicy()
        self.on_event = on_event
        self.decode = decode
        self.on_state = on_state
        self.on_reconnected = on_reconnected
        self.watchdog_timeout_s = watchdog_timeout_s
        self.ping_interval_s = ping_interval_s
        self.connect_timeout_s = connect_timeout_s
        self.stop_timeout_s = stop_timeout_s
        self.invoke_timeout_s = invoke_timeout_s
        self._clock = clock

        self._lock = threading.Lock()
        self._state = HubState.DISCONNECTED
        self._state_changed = threading.Condition(self._lock)
        self._wake = threading.Event()  # a drop, or stop(): the supervisor re-checks at once
        self._stopping = False
        # The live connection. Callbacks of a torn-down one must not touch the new one: each
        # connection's handlers act only while their link is still this one.
        self._link: Link | None = None
        self._calls = PendingCalls()
        self._supervisor: threading.Thread | None = None
        self.connections_made = 0  # successful handshakes since start(), for tests and UI

    # -- public API ------------------------------------------------------------------------
    @property
    def state(self) -> HubState:
        with self._lock:
            return self._state

    def start(self) -> None:
        """Begin connecting in the background. Only from ``DISCONNECTED``."""
        with self._lock:
            if self._state is not HubState.DISCONNECTED or self._supervisor is not None:
                raise RuntimeError(f"start() needs Disconnected, the hub is {self._state.value}")
            self._stopping = False
            self._wake.clear()
            self.connections_made = 0
            self._supervisor = threading.Thread(
                target=self._supervise, name="kds-hub-supervisor", daemon=True
            )
        self._set_state(HubState.CONNECTING, None)
        self._supervisor.start()

    def stop(self) -> None:
        """Close the connection and stop reconnecting. Idempotent; safe from any thread."""
        with self._lock:
            self._stopping = True
            supervisor = self._supervisor
            in_flight = self._link if self._state is not HubState.CONNECTED else None
        self._wake.set()
        if in_flight is not None:
            # A connect attempt may be blocked in the handshake (a frozen server): close its
            # transport from here so the supervisor's start() returns now, not at its timeout.
            threading.Thread(
                target=self._teardown,
                args=(in_flight.transport,),
                name="kds-hub-abort",
                daemon=True,
            ).start()
        # Called from a callback (the supervisor itself, or the socket reader that the
        # supervisor's teardown joins), joining would wait on ourselves: return at once and let
        # the supervisor finish on its own.
        here = threading.current_thread()
        on_library_thread = here is supervisor or here.name.startswith("Signalrcore")
        if supervisor is not None and not on_library_thread:
            supervisor.join(self.stop_timeout_s + self.connect_timeout_s + 1.0)
            if supervisor.is_alive():
                log.warning("hub supervisor did not stop in time; abandoned (daemon thread)")
        with self._lock:
            if self._supervisor is supervisor:
                self._supervisor = None

    def last_message_age_s(self) -> float | None:
        """Seconds since anything (event, completion, server Ping) arrived on the live
        connection, or ``None`` when not connected: the UI's "connection health" figure."""
        with self._lock:
            link = self._link if self._state is HubState.CONNECTED else None
        return None if link is None else max(0.0, self._clock() - link.last_received)

    def wait_for_state(self, state: HubState, timeout_s: float) -> bool:
        """Block until the hub is in ``state`` (True) or ``timeout_s`` passed (False)."""
        deadline = time.monotonic() + timeout_s
        with self._state_changed:
            while self._state is not state:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._state_changed.wait(remaining)
            return True

    def invoke(self, method: str, args: list[Any], timeout_s: float | None = None) -> Any:
        """Call a hub method and return its result.

        Raises:
            HubError / HubForbidden / HubUnauthorized: the server's error text.
            ConnectionLost: not connected, or the connection dropped before the completion.
            ServerUnavailable: no completion within ``timeout_s``.
        """
        timeout = self.invoke_timeout_s if timeout_s is None else timeout_s
        with self._lock:
            link = self._link
            if self._state is not HubState.CONNECTED or link is None or link.closed:
                raise ConnectionLost(f"hub call {method}: not connected ({self._state.value})")
            call = self._calls.add(method)  # under the lock: a teardown cannot miss it
        try:
            link.transport.invoke(method, args, call.invocation_id)
            link.last_sent = self._clock()
        except Exception as exc:
            self._calls.discard(call)
            self._on_closed(link, exc)
            raise ConnectionLost(f"hub call {method}: send failed") from exc
        if not call.done.wait(timeout):
            self._calls.discard(call)
            if not call.done.is_set():
                raise ServerUnavailable(f"hub call {method}: no answer within {timeout:g} s")
        if call.error is not None:
            raise call.error
        return call.result

    # -- transport callbacks (reader thread) -----------------------------------------------
    def _handlers_for(self, link: Link) -> TransportHandlers:
        def on_received() -> None:
            if link is self._link:
                link.last_received = self._clock()

        def on_invocation(target: str, args: list[Any]) -> None:
            if link is not self._link:
                return
            payload: Any = args[0] if len(args) == 1 else args
            try:  # a callback can never kill the reader
                decode, on_event = self.decode, self.on_event
                value = payload if decode is None else decode(target, payload)
                if value is not None and on_event is not None:
                    on_event(target, value)
            except Exception:
                log.exception("hub callback on_event(%s) raised; ignored", target)

        def on_closed(error: BaseException | None) -> None:
            self._on_closed(link, error)

        return TransportHandlers(on_received, on_invocation, self._calls.complete, on_closed)

    def _on_closed(self, link: Link, error: BaseException | None) -> None:
        with self._lock:
            if link.closed:
                return
            link.closed = True
            link.close_error = error
        self._wake.set()

    # -- supervisor ------------------------------------------------------------------------
    def _set_state(self, state: HubState, error: BaseException | None) -> None:
        with self._lock:
            changed = state is not self._state
            self._state = state
            self._state_changed.notify_all()
        if changed or error is not None:
            _call_safely("on_state", self.on_state, state, error)

    def _stop_requested(self) -> bool:
        with self._lock:
            return self._stopping

    def _supervise(self) -> None:
        attempt = 0
        lost_at = self._clock()
        last_error: BaseException | None = None
        token_rejected = False
        try:
            while not self._stop_requested():
                delay = self._policy.next_delay_s(attempt, self._clock() - lost_at, last_error)
                if delay is None:
                    self._set_state(HubState.DISCONNECTED, last_error)
                    return
                if delay > 0 and self._wake.wait(delay) and self._stop_requested():
                    break
                self._wake.clear()
                if self._stop_requested():  # re-check after every wait
                    break
                link = self._connect_once(token_rejected)
                if isinstance(link, BaseException):
                    last_error = link
                    if isinstance(link, AuthExpired):
                        self._set_state(HubState.DISCONNECTED, link)
                        return
                    token_rejected = isinstance(link, NegotiateRejected)
                    attempt += 1
                    self._set_state(self.state, link)  # same state, report the failure
                    continue
                token_rejected = False
                if self.connections_made > 1:  # with "connection lost" above: one line each way
                    log.info("hub reconnected after %.1f s", self._clock() - lost_at)
                attempt = 0
                last_error = self._run_connected(link)
                if self._stop_requested():
                    break
                lost_at = self._clock()
                log.info("hub connection lost (%s); reconnecting", last_error)
                self._set_state(HubState.RECONNECTING, last_error)
        finally:
            self._finish()

    def _connect_once(self, token_rejected: bool) -> Link | BaseException:
        transport: HubTransport | None = None
        try:
            token = self._token_provider(token_rejected)
            transport = self._transport_factory()
            now = self._clock()
            link = Link(transport, last_received=now, last_sent=now)
            with self._lock:
                self._link = link  # before start(): early messages find their link
            handlers = self._handlers_for(link)
            transport.start(self.url, token, handlers, self.connect_timeout_s)
        except Exception as exc:
            with self._lock:
                self._link = None
            if transport is not None:
                self._teardown(transport)
            log.info("hub connect attempt failed: %s", exc)
            return exc
        with self._lock:
            stopping = self._stopping
        if stopping or link.closed:
            error = link.close_error or ConnectionLost("closed during handshake")
            with self._lock:
                self._link = None
            self._teardown(transport)
            return error
        self.connections_made += 1
        first = self.connections_made == 1
        link.last_received = self._clock()  # the handshake answer counts as received
        self._set_state(HubState.CONNECTED, None)
        if not first:
            _call_safely("on_reconnected", self.on_reconnected)
        return link

    def _run_connected(self, link: Link) -> BaseException | None:
        """Watch one live connection until it drops, goes silent, or stop() is called."""
        error = link.watch(
            self._wake,
            self._stop_requested,
            self._clock,
            self.watchdog_timeout_s,
            self.ping_interval_s,
        )
        with self._lock:
            link.closed = True
            self._link = None
        self._calls.fail_all("connection lost")
        self._teardown(link.transport)
        return error

    def _teardown(self, transport: HubTransport) -> None:
        close_transport(transport, self.stop_timeout_s)

    def _finish(self) -> None:
        with self._lock:
            if self._supervisor is threading.current_thread():
                self._supervisor = None  # ended on its own (AuthExpired): start() may run again
            link, self._link = self._link, None
        self._calls.fail_all("hub stopped")
        if link is not None:
            self._teardown(link.transport)
        self._set_state(HubState.DISCONNECTED, None)

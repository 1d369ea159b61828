"""One hub connection as the supervisor sees it: its transport, its clocks, its watch, its close.

``HubClient``'s supervisor builds a fresh ``Link`` per connection and ``watch``es it until it
drops: a Ping whenever nothing was sent for ``ping_interval_s`` (signalrcore sends none without
its own auto-reconnect, and the server drops clients silent for 30 s), and a receive watchdog
that presumes the connection dead when nothing at all arrived for ``watchdog_timeout_s`` (the
server pings every 15 s). ``close_transport`` stops a transport in a helper thread with a
timeout, so a frozen socket can never hang the supervisor.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kds.net.errors import ConnectionLost
from kds.net.hub_transport import HubTransport

__all__ = ["Link", "close_transport"]

log = logging.getLogger(__name__)


@dataclass
class Link:
    """One live connection: its transport and what the supervisor needs to watch it."""

    transport: HubTransport
    last_received: float
    last_sent: float
    closed: bool = False
    close_error: BaseException | None = None

    def watch(
        self,
        wake: threading.Event,
        stop_requested: Callable[[], bool],
        clock: Callable[[], float],
        watchdog_timeout_s: float,
        ping_interval_s: float,
    ) -> BaseException | None:
        """Block until the connection drops (its error), goes silent, or a stop is requested
        (``None``). ``wake`` is set by a drop or a stop, so either is seen at once."""
        while True:
            now = clock()
            wait_s = min(
                watchdog_timeout_s - (now - self.last_received),
                ping_interval_s - (now - self.last_sent),
            )
            if wait_s > 0:
                wake.wait(min(wait_s, 1.0))
                wake.clear()
            if stop_requested():
                return None
            if self.closed:
                return self.close_error or ConnectionLost("server closed the connection")
            now = clock()
            if now - self.last_received >= watchdog_timeout_s:
                return ConnectionLost(f"nothing received for {watchdog_timeout_s:g} s (watchdog)")
            if now - self.last_sent >= ping_interval_s:
                try:
                    self.transport.send_ping()
                    self.last_sent = clock()
                except Exception as exc:
                    return exc


def close_transport(transport: HubTransport, timeout_s: float) -> None:
    """Stop ``transport`` in a helper thread, waiting at most ``timeout_s`` for it."""

    def close() -> None:
        try:
            transport.stop()
        except Exception as exc:
            log.debug("hub transport stop raised %s (ignored)", type(exc).__name__)

    helper = threading.Thread(target=close, name="kds-hub-teardown", daemon=True)
    helper.start()
    helper.join(timeout_s)
    if helper.is_alive():
        log.warning("hub transport did not close within %.1f s; abandoned", timeout_s)

"""Hub server settings, defaulting to ASP.NET Core SignalR's HubOptions and dispatcher options."""

from __future__ import annotations

from dataclasses import dataclass

from kds.server.signalr.protocol import MAX_MESSAGE_BYTES


@dataclass(frozen=True, slots=True)
class HubOptions:
    keepalive_s: float = 15.0
    client_timeout_s: float = 30.0
    handshake_timeout_s: float = 15.0
    max_message_bytes: int = MAX_MESSAGE_BYTES
    long_poll_timeout_s: float = 90.0
    # A negotiated connection with no transport request (or a long-poll connection with no poll
    # outstanding) for this long is disposed, as ASP.NET's DisconnectTimeout does.
    disconnect_timeout_s: float = 15.0
    detailed_errors: bool = False
    max_post_bytes: int = 1024 * 1024
    # A client that stops reading must not grow the server without bound: past this many
    # queued records its connection is dropped (ASP.NET applies pipe back-pressure instead).
    max_pending_records: int = 10_000

    @property
    def tick_s(self) -> float:
        """Heartbeat period: ASP.NET ticks every second; faster when tests shrink the timeouts."""
        return max(0.01, min(1.0, self.keepalive_s / 4, self.client_timeout_s / 4))

"""The seam the outbox publishes through; the SignalR side implements it for real hubs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class Broadcaster(Protocol):
    """Delivers hub messages to SignalR groups.

    `send_to_group` raising means the publish failed: the outbox keeps the row and retries it
    with backoff (contract section 9), so implementations should raise rather than swallow.
    """

    async def send_to_group(
        self, hub_path: str, group: str, target: str, arguments: list[Any]
    ) -> None: ...

    async def abort_connections(self, hub_path: str | None) -> int:
        """Drop every live connection of `hub_path` (all hubs when None) without a Close
        message, as a Wi-Fi drop would; returns how many were dropped."""
        ...

    async def close_all(self) -> None:
        """Send every connection a Close message (graceful shutdown)."""
        ...


class NullBroadcaster:
    """Sends nothing: used before hubs are wired in and by REST-only servers."""

    async def send_to_group(
        self, hub_path: str, group: str, target: str, arguments: list[Any]
    ) -> None:
        return None

    async def abort_connections(self, hub_path: str | None) -> int:
        return 0

    async def close_all(self) -> None:
        return None


@dataclass(frozen=True)
class SentMessage:
    """One message a RecordingBroadcaster was asked to send."""

    hub_path: str
    group: str
    target: str
    arguments: list[Any]


@dataclass
class RecordingBroadcaster:
    """Keeps what was sent, for unit tests; `fail_next` makes the next sends raise."""

    sent: list[SentMessage] = field(default_factory=list)
    fail_next: int = 0
    aborted: list[str | None] = field(default_factory=list)
    closed: bool = False

    async def send_to_group(
        self, hub_path: str, group: str, target: str, arguments: list[Any]
    ) -> None:
        if self.fail_next > 0:
            self.fail_next -= 1
            raise ConnectionError("RecordingBroadcaster: injected send failure")
        self.sent.append(SentMessage(hub_path, group, target, list(arguments)))

    async def abort_connections(self, hub_path: str | None) -> int:
        self.aborted.append(hub_path)
        return 0

    async def close_all(self) -> None:
        self.closed = True

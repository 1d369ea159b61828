"""ServerState: everything a request handler needs, reachable as `request.app.state.kds`."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kds.server.auth import Authenticator
from kds.server.broadcast import Broadcaster
from kds.server.config import ServerConfig
from kds.server.outbox import Outbox
from kds.server.store import Store


@dataclass
class ServerState:
    """The server's single object graph (no globals).

    Attributes:
        config: start-up options.
        store: the SQLite store.
        authenticator: tokens and principals; the hub side calls `authenticate(token)`.
        outbox: the publisher of domain events.
        broadcaster: where the outbox publishes (SignalR hubs, or NullBroadcaster).
        extras: a place for other subsystems (faults, simulator) keyed by name.
    """

    config: ServerConfig
    store: Store
    authenticator: Authenticator
    outbox: Outbox
    broadcaster: Broadcaster
    rng: random.Random = field(default_factory=random.Random)
    extras: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; wakes the outbox after commit (events may have been added)."""
        with self.store.transaction() as conn:
            yield conn
        self.outbox.wake()

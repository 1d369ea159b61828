"""ServerState: everything a request handler needs, reachable as `request.app.state.kds`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from starlette.requests import Request

from kds.server.auth import Authenticator
from kds.server.broadcast import Broadcaster
from kds.server.config import ServerConfig
from kds.server.faults import Faults
from kds.server.idempotency import IdempotencyCache
from kds.server.menu_view import MenuReadModel
from kds.server.outbox import Outbox
from kds.server.simulator import Simulator
from kds.server.store import Queries, Store


@dataclass
class ServerState:
    """The server's single object graph (no globals, no registry keyed by name).

    Attributes:
        config: start-up options.
        store: the database, behind the `Store` interface.
        authenticator: tokens and principals; the hub side calls `authenticate(token)`.
        outbox: the publisher of domain events.
        broadcaster: where the outbox publishes (the SignalR hubs, or a test double).
        rng: order numbers and ids of orders placed through the REST routes.
        faults: the active REST faults (dev surface, contract B3).
        idempotency: the Idempotency-Key cache of `orders/initiate`.
        simulator: scripted order flows and the simulated order stream (dev surface); built
            from this state's store and `write`.
        menus: the public menu documents behind their cache (`config.menu_cache_s`).
    """

    config: ServerConfig
    store: Store
    authenticator: Authenticator
    outbox: Outbox
    broadcaster: Broadcaster
    rng: random.Random = field(default_factory=random.Random)
    faults: Faults = field(default_factory=Faults)
    idempotency: IdempotencyCache = field(default_factory=IdempotencyCache)
    simulator: Simulator = field(init=False)
    menus: MenuReadModel = field(init=False)

    def __post_init__(self) -> None:
        self.simulator = Simulator(self.store, self.write)
        self.menus = MenuReadModel(self.config.menu_cache_s)

    @contextmanager
    def write(self) -> Iterator[Queries]:
        """One write transaction; wakes the outbox after commit (events may have been added)."""
        with self.store.transaction() as tx:
            yield tx
        self.outbox.wake()


def state_of(request: Request) -> ServerState:
    """The ServerState of the app serving `request` (set by `app.build_app`)."""
    state: ServerState = request.app.state.kds
    return state

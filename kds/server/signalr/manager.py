"""Connections, groups and broadcasts of every hub; implements the server's Broadcaster protocol.

A broadcast frame is encoded once per group send and the same string is queued on every member,
so fan-out cost per connection is one deque append (the writers batch whatever is queued).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import secrets
import time
from typing import Any

from kds.server.signalr import protocol as p
from kds.server.signalr.connection import LONG_POLLING, HubConnection
from kds.server.signalr.hub import Hub
from kds.server.signalr.options import HubOptions

log = logging.getLogger("kds.server.signalr")

CLOSE_ALL_GRACE_S = 1.0


def _random_id() -> str:
    # ASP.NET: 16 random bytes, base64url without padding.
    return base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b"=").decode()


class ConnectionManager:
    """Owns every connection of every hub mapped on this server.

    Groups are per hub and per connection; a connection leaves all its groups when it closes, so
    a reconnecting client (new connection id) has to join again, as with ASP.NET.
    """

    def __init__(self, options: HubOptions | None = None) -> None:
        self.options = options or HubOptions()
        self.hubs: dict[str, Hub] = {}
        self._by_token: dict[str, HubConnection] = {}
        self._live: dict[str, set[HubConnection]] = {}
        self._groups: dict[tuple[str, str], set[HubConnection]] = {}
        self._heartbeat: asyncio.Task[None] | None = None
        self._transport_ended = asyncio.Event()

    def add_hub(self, hub: Hub) -> None:
        self.hubs[hub.path] = hub
        self._live.setdefault(hub.path, set())

    # ------------------------------------------------------------ connection lifetime

    def create(self, hub: Hub, principal: Any, negotiate_version: int) -> HubConnection:
        connection_id = _random_id()
        # v1: a separate secret token; v0: the id doubles as the token (ASP.NET's rule).
        token = _random_id() if negotiate_version >= 1 else connection_id
        conn = HubConnection(self, hub, connection_id, token, principal)
        self._by_token[token] = conn
        self._live[hub.path].add(conn)
        self._ensure_heartbeat()
        return conn

    def get(self, token: str) -> HubConnection | None:
        return self._by_token.get(token)

    def forget(self, conn: HubConnection) -> None:
        """Called by ``HubConnection.close``: no more broadcasts, groups gone."""
        self._live.get(conn.hub.path, set()).discard(conn)
        for group in conn.groups:
            members = self._groups.get((conn.hub.path, group))
            if members is not None:
                members.discard(conn)
                if not members:
                    del self._groups[(conn.hub.path, group)]
        conn.groups.clear()
        conn.closed_at = time.monotonic()

    def dispose(self, conn: HubConnection) -> None:
        """The transport is finished with the connection: its id becomes unknown (404)."""
        conn.close(abort=True)
        if self._by_token.get(conn.token) is conn:
            del self._by_token[conn.token]
        self.transport_ended()

    def transport_ended(self) -> None:
        """A transport request finished (wakes ``close_all``)."""
        self._transport_ended.set()

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._live.values())

    # ------------------------------------------------------------ groups

    def add_to_group(self, conn: HubConnection, group: str) -> None:
        if conn.closed:
            return
        conn.groups.add(group)
        self._groups.setdefault((conn.hub.path, group), set()).add(conn)

    def remove_from_group(self, conn: HubConnection, group: str) -> None:
        conn.groups.discard(group)
        members = self._groups.get((conn.hub.path, group))
        if members is not None:
            members.discard(conn)
            if not members:
                del self._groups[(conn.hub.path, group)]

    def group_members(self, hub_path: str, group: str) -> frozenset[HubConnection]:
        return frozenset(self._groups.get((hub_path, group), ()))

    # ------------------------------------------------------------ Broadcaster protocol

    async def send_to_group(
        self, hub_path: str, group: str, target: str, arguments: list[Any]
    ) -> None:
        """Send an Invocation to every member; encoding errors raise (= a failed publish)."""
        members = self._groups.get((hub_path, group))
        if not members:
            return
        record = p.encode_invocation(target, arguments)
        for conn in tuple(members):  # a send may drop a stalled member (and change the set)
            if conn.handshake_done:
                conn.send(record)

    async def abort_connections(self, hub_path: str | None) -> int:
        """Drop transports with no Close message (a network cut); returns how many."""
        victims = [
            conn
            for path, conns in self._live.items()
            if hub_path is None or path == hub_path
            for conn in conns
        ]
        for conn in victims:
            conn.close(abort=True)
        log.info("aborted %d hub connection(s) on %s", len(victims), hub_path or "all hubs")
        return len(victims)

    async def close_all(self) -> None:
        """Send a Close message to every connection and give transports a moment to flush it.

        Bounded by CLOSE_ALL_GRACE_S (below the shutdown budget of ``__main__``): connections
        with no request in flight are disposed at once, the others get until the deadline.
        """
        for conn in list(self._by_token.values()):
            conn.close(p.CLOSE_RECORD)
            if not conn.transport_active:
                self.dispose(conn)
        deadline = time.monotonic() + CLOSE_ALL_GRACE_S
        while any(c.transport_active for c in self._by_token.values()):
            self._transport_ended.clear()
            try:
                await asyncio.wait_for(self._transport_ended.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        remaining = sum(1 for c in self._by_token.values() if c.transport_active)
        if remaining:
            log.info("%d connection(s) still open after close_all", remaining)

    # ------------------------------------------------------------ heartbeat

    def _ensure_heartbeat(self) -> None:
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = asyncio.get_running_loop().create_task(
                self._heartbeat_loop(), name="signalr-heartbeat"
            )

    async def _heartbeat_loop(self) -> None:
        """Keep-alive Pings, client timeout, handshake timeout, stale connection disposal.

        Runs only while connections exist, so nothing is left behind when the last one goes.
        """
        opts = self.options
        while self._by_token:
            await asyncio.sleep(opts.tick_s)
            now = time.monotonic()
            for conn in list(self._by_token.values()):
                self._tick(conn, now, opts)

    def _tick(self, conn: HubConnection, now: float, opts: HubOptions) -> None:
        if conn.closed:
            if not conn.transport_active and now - conn.closed_at > opts.disconnect_timeout_s:
                self.dispose(conn)
            return
        if conn.transport is None:
            if now - conn.created_at > opts.disconnect_timeout_s:
                self.dispose(conn)
            return
        if not conn.handshake_done:
            if now - conn.transport_started_at > opts.handshake_timeout_s:
                conn.handshake_timed_out()
            return
        if conn.transport == LONG_POLLING:
            # Long polling has inherent keep-alive: no Pings; a client that stops polling is gone.
            if not conn.transport_active and now - conn.last_active > opts.disconnect_timeout_s:
                conn.close(abort=True)
                self.dispose(conn)
            return
        if now - conn.last_sent >= opts.keepalive_s:
            conn.send(p.PING_RECORD)
        if conn.client_timeout_started and now - conn.last_received > opts.client_timeout_s:
            log.info("client timeout on connection %s", conn.log_id)
            conn.close(p.encode_close(allow_reconnect=True))

"""How logs name a hub connection (issue 19): never by the secret it is reached with."""

from __future__ import annotations

from kds.server.hubs import build_hubs
from kds.server.signalr import ConnectionManager
from kds.server.signalr.connection import HubConnection


def make(connection_id: str, token: str) -> HubConnection:
    hub = build_hubs(teamcart=False)[0]
    return HubConnection(ConnectionManager(), hub, connection_id, token, principal=None)


def test_a_v1_connection_is_logged_by_its_public_id() -> None:
    assert make("public-id", "secret-token").log_id == "public-id"


def test_a_v0_connection_whose_id_is_its_token_is_logged_by_a_hash() -> None:
    conn = make("secret-token", "secret-token")
    assert "secret-token" not in conn.log_id
    assert conn.log_id.startswith("v0#")
    assert conn.log_id == make("secret-token", "secret-token").log_id  # stable: lines match up

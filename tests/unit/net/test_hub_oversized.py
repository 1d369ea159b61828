"""HubClient on the real signalrcore stack against a server sending oversized frames (issue 19).

The refusal must look to ``HubClient`` like any other dropped socket: it reconnects, again and
again, and the log has one warning for all of it. The server here is raw loopback sockets: a
negotiate answer, the WebSocket upgrade, the SignalR handshake answer and then a frame header
declaring 100 MB.
"""

from __future__ import annotations

import json
import logging
import socket

import pytest

from kds.net import hub_frames
from kds.net.hub import HubClient, HubState
from tests.support.loopback_server import LoopbackServer
from tests.unit.net.test_hub_frames import frame
from tests.unit.net.test_hub_socket_limits import SWITCHING
from tests.unit.net.test_hub_state import FastPolicy, wait_until

NEGOTIATE = {
    "negotiateVersion": 1,
    "connectionId": "c1",
    "connectionToken": "t1",
    "availableTransports": [{"transport": "WebSockets", "transferFormats": ["Text"]}],
}


class OversizedHub(LoopbackServer):
    """A hub server whose every connection, once handshaken, declares a 100 MB message."""

    def __init__(self) -> None:
        self.sockets = 0
        super().__init__(self._hub, "test-oversized-hub")
        self.url = f"{self.base_url}/hubs/orders"

    def _hub(self, conn: socket.socket, request: bytes) -> None:
        if b"/negotiate" in request.split(b"\r\n", 1)[0]:
            body = json.dumps(NEGOTIATE).encode()
            head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n"
            conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + body)
            return
        self.sockets += 1
        conn.sendall(SWITCHING)
        conn.recv(4096)  # the client's handshake request
        conn.sendall(frame(b"{}\x1e") + frame(b"x" * 1024, declared=100 * 1024 * 1024))
        while conn.recv(4096):  # until the client drops us
            pass


def test_a_refused_message_is_a_drop_the_hub_client_reconnects_from_warning_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_frames, "_refusal_warned", False)
    caplog.set_level(logging.DEBUG, logger="kds.net")
    server = OversizedHub()
    states: list[HubState] = []
    hub = HubClient(
        server.url,
        lambda _rejected: "secret-token",
        retry_policy=FastPolicy(),
        on_state=lambda state, _error: states.append(state),
        connect_timeout_s=5.0,
    )
    try:
        hub.start()
        wait_until(lambda: hub.connections_made >= 3)
    finally:
        hub.stop()
        server.close()
    assert HubState.RECONNECTING in states
    refusals = [r for r in caplog.records if r.name == "kds.net.hub_frames"]
    assert len(refusals) >= 3
    assert [r.levelno for r in refusals].count(logging.WARNING) == 1
    assert refusals[0].levelno == logging.WARNING
    assert all("secret-token" not in r.getMessage() for r in caplog.records)

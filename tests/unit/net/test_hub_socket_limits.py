"""The hub socket against a hostile server: a 100 MB frame, 10,000 fragments (issue 19).

A raw loopback server answers the upgrade and then sends frames built here; the client under
test is ``TimedWebSocketClient`` with its reader thread, as ``SignalrcoreTransport`` runs it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from kds.net import hub_frames
from kds.net.hub_frames import MAX_HUB_MESSAGE_BYTES, MessageTooLarge
from kds.net.hub_socket import TimedWebSocketClient, describe_drop
from tests.support.loopback_server import read_head
from tests.unit.net.test_hub_frames import fragments, frame

SWITCHING = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"


class FrameServer:
    """Answers one upgrade, sends ``frames``, then waits for the client to close (or 5 s)."""

    def __init__(self, frames: bytes) -> None:
        self.frames = frames
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.client_closed = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="test-frame-server")
        self._thread.start()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn, contextlib.suppress(OSError):
            read_head(conn)
            conn.sendall(SWITCHING + self.frames)
            conn.settimeout(5)
            while conn.recv(4096):  # the client sends nothing here; b"" is its close
                pass
            self.client_closed.set()

    def close(self) -> None:
        self.listener.close()
        self._thread.join(10)


@dataclass
class Reader:
    """What the client's reader thread did: messages passed on, and what ended it."""

    client: TimedWebSocketClient
    received: list[object] = field(default_factory=list)
    ends: list[BaseException | None] = field(default_factory=list)
    ended: threading.Event = field(default_factory=threading.Event)

    def exited(self, error: BaseException | None) -> None:
        self.ends.append(error)
        self.ended.set()


@contextlib.contextmanager
def connected(frames: bytes) -> Iterator[tuple[FrameServer, Reader]]:
    server = FrameServer(frames)
    client = TimedWebSocketClient(
        url=f"ws://127.0.0.1:{server.port}/hubs/x?id=1",
        connection_id="1",
        on_message=lambda _app, message: reader.received.append(message),
        on_open=lambda: None,
        on_error=lambda *_: None,
        on_close=lambda: None,
    )
    reader = Reader(client)
    client.connect_timeout_s = 5.0
    client.on_reader_exit = reader.exited
    try:
        client.connect()
        yield server, reader
    finally:
        client.dispose()
        server.close()


@pytest.fixture
def fresh_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: no refusal warned yet."""
    monkeypatch.setattr(hub_frames, "_refusal_warned", False)


def refusals(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kds.net.hub_frames"]


def test_a_100_mb_frame_is_refused_at_once_logged_once_and_the_socket_closed(
    caplog: pytest.LogCaptureFixture, fresh_warning: None
) -> None:
    caplog.set_level(logging.DEBUG, logger="kds.net.hub_frames")
    hundred_mb = 100 * 1024 * 1024
    for _attempt in range(2):  # a reconnect to the same hostile server
        # The header declares 100 MB; only 4 KB follow: a client that tried to read it all
        # would wait for the rest instead of ending.
        with connected(frame(b"x" * 4096, declared=hundred_mb)) as (server, reader):
            assert reader.ended.wait(5)
            assert reader.received == []
            (error,) = reader.ends
            assert isinstance(error, MessageTooLarge)
            assert error.size == hundred_mb
            assert "dropped" in describe_drop(error)
            # The reader shut the socket down itself: the server sees the close before dispose.
            assert server.client_closed.wait(5)
            assert not reader.client.running
    records = refusals(caplog)
    assert [r.levelno for r in records] == [logging.WARNING, logging.DEBUG]
    text = records[0].getMessage()
    assert f"{hundred_mb} bytes" in text
    assert f"{MAX_HUB_MESSAGE_BYTES}-byte limit" in text
    assert "xxxx" not in text  # no payload in the log


def test_a_message_in_10000_fragments_arrives_whole() -> None:
    message = '{"type":1,"target":"OrderStatusChanged","arguments":[]}\x1e' * 1000
    payload = message.encode()  # 57,000 bytes
    size = -(-len(payload) // 10_000)  # 10,000 fragments (the last one shorter)
    with connected(fragments(payload, size) + frame(b"after")) as (_server, reader):
        pause = threading.Event()
        for _ in range(200):
            if len(reader.received) >= 2:
                break
            pause.wait(0.05)
        assert reader.received == [message, "after"]
        assert reader.ends == []  # still reading: nothing ended the connection

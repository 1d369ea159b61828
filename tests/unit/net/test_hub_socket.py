"""The socket client under ``SignalrcoreTransport``: connect and dispose racing each other.

Issue 14: under CPU load a ``stop()`` on one thread landed inside signalrcore's ``connect()`` on
another — ``RuntimeError: cannot join thread before it is started`` in the teardown, then
``OSError: [Errno 9]`` killing the reader thread that started on the closed socket. These run
against a real loopback socket that answers the upgrade like a server would.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from signalrcore.transport.sockets.errors import SocketHandshakeError

from kds.net.hub_socket import TimedWebSocketClient, UpgradeRefused

SWITCHING = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
REFUSED = b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\n\r\n"


class UpgradeServer:
    """Accepts connections; answers each upgrade with ``answer`` (or never, when ``None``)."""

    def __init__(self, answer: bytes | None) -> None:
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, name="test-upgrade-server")
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)
            if self.answer is None:
                continue
            with contextlib.suppress(OSError):
                request = b""
                while b"\r\n\r\n" not in request and (chunk := conn.recv(4096)):
                    request += chunk
                conn.sendall(self.answer)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._thread.join(5)
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def thread_errors() -> Iterator[list[BaseException | None]]:
    """Every exception that escapes any thread while the test runs."""
    escaped: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: escaped.append(args.exc_value)
    try:
        yield escaped
    finally:
        threading.excepthook = previous


def make_client(port: int, **callbacks: Any) -> TimedWebSocketClient:
    ends: list[BaseException | None] = []
    client = TimedWebSocketClient(
        url=f"ws://127.0.0.1:{port}/hubs/x?id=1",
        connection_id="1",
        on_message=callbacks.get("on_message", lambda *_: None),
        on_open=callbacks.get("on_open", lambda: None),
        on_error=lambda *_: None,
        on_close=lambda: None,
    )
    client.connect_timeout_s = 5.0
    client.on_reader_exit = ends.append
    client.reader_ends = ends  # type: ignore[attr-defined]
    return client


def socket_closed(client: TimedWebSocketClient) -> bool:
    sock = getattr(client, "sock", None)
    return sock is None or sock.fileno() == -1


def test_a_connect_and_dispose_leave_no_reader_and_no_socket() -> None:
    server = UpgradeServer(SWITCHING)
    try:
        client = make_client(server.port)
        client.connect()
        reader = client.recv_thread
        assert reader is not None
        assert reader.is_alive()
        client.dispose()
        assert not reader.is_alive()
        assert len(client.reader_ends) == 1  # type: ignore[attr-defined]
        assert socket_closed(client)
        client.dispose()  # idempotent
    finally:
        server.close()


def test_dispose_during_the_upgrade_read_ends_connect_and_starts_no_reader() -> None:
    server = UpgradeServer(None)  # accepts, never answers: connect() blocks reading the upgrade
    try:
        client = make_client(server.port)
        failed: list[BaseException] = []

        def connect() -> None:
            try:
                client.connect()
            except BaseException as exc:
                failed.append(exc)

        connecting = threading.Thread(target=connect)
        connecting.start()
        deadline = time.monotonic() + 5
        while getattr(client, "sock", None) is None and time.monotonic() < deadline:
            time.sleep(0.005)
        started = time.monotonic()
        client.dispose()
        connecting.join(5)
        assert time.monotonic() - started < 2  # woken by the shutdown, not by the 5 s timeout
        assert len(failed) == 1
        assert isinstance(failed[0], SocketHandshakeError | ConnectionAbortedError | OSError)
        assert client.recv_thread is None
        assert socket_closed(client)
    finally:
        server.close()


def test_dispose_before_the_socket_is_published_closes_it_and_connect_refuses() -> None:
    server = UpgradeServer(SWITCHING)
    try:
        client = make_client(server.port)
        opened: list[socket.socket] = []
        original = client.create_socket

        def create_then_stopped() -> socket.socket:
            sock = original()
            opened.append(sock)
            client.dispose()  # a stop() on another thread, landing right here
            return sock

        client.create_socket = create_then_stopped  # type: ignore[method-assign]
        with pytest.raises(ConnectionAbortedError):
            client.connect()
        assert opened[0].fileno() == -1
        assert client.recv_thread is None
    finally:
        server.close()


def test_a_refused_upgrade_names_its_status_and_closes_the_socket() -> None:
    server = UpgradeServer(REFUSED)
    try:
        client = make_client(server.port)
        with pytest.raises(UpgradeRefused) as refused:
            client.connect()
        assert refused.value.status == "401"
        assert "401 Unauthorized" in str(refused.value)
        assert client.recv_thread is None
        assert socket_closed(client)
    finally:
        server.close()


def test_a_reader_on_a_socket_already_closed_ends_quietly(
    thread_errors: list[BaseException | None],
) -> None:
    """The EBADF at ``sock.settimeout(None)``: the reader started after a stop() closed it."""
    server = UpgradeServer(SWITCHING)
    try:
        client = make_client(server.port)
        client.sock = socket.create_connection(("127.0.0.1", server.port))
        client.sock.close()
        reader = threading.Thread(target=client.run)
        reader.start()
        reader.join(5)
        assert thread_errors == []
        (ended_by,) = client.reader_ends  # type: ignore[attr-defined]
        assert isinstance(ended_by, OSError)
    finally:
        server.close()


def test_stop_racing_connect_never_kills_a_thread_or_leaks_a_reader(
    thread_errors: list[BaseException | None],
) -> None:
    """200 connects, each disposed from another thread at a random moment of the connect."""
    server = UpgradeServer(SWITCHING)
    rng = random.Random(14)
    clients: list[TimedWebSocketClient] = []
    try:
        for _ in range(200):
            client = make_client(server.port)
            clients.append(client)
            stopper = threading.Timer(rng.uniform(0, 0.002), client.dispose)
            stopper.start()
            with contextlib.suppress(OSError, SocketHandshakeError):
                client.connect()
            stopper.join(5)
            client.dispose()  # what SignalrcoreTransport.stop() does after signalrcore's stop
        assert thread_errors == []
        for client in clients:
            assert client.recv_thread is None or not client.recv_thread.is_alive()
            assert socket_closed(client)
    finally:
        server.close()

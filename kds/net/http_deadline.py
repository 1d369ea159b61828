"""A total deadline per HTTP call: connect, TLS, send and every read together.

httpx's timeouts are per operation: each read may take up to the read timeout, so a server that
trickles its answer a byte at a time (body or headers) holds a call for as long as it likes —
issue 19 measured a call with a 10 s timeout still running 18 s later. httpx has no total
timeout of its own, so it is enforced one level down, where every blocking socket operation
passes: ``deadline_transport()`` builds an ``httpx.HTTPTransport`` whose network streams give
each connect, TLS handshake, write and read at most the time left before the deadline that
``call_deadline()`` set for the current call. When none is left, the operation fails with
httpcore's own timeout error, so callers see an ordinary ``httpx`` timeout (a read timeout
once the connection is up) and map it as they already do.

The deadline lives in a ``ContextVar``: httpx's sync client does its I/O on the calling
thread, so each worker thread's call is bounded by its own deadline, also on a pooled
connection another call opened. Name resolution (``getaddrinfo``) happens inside
``socket.create_connection`` and is not interruptible; it is bounded by the system resolver.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

__all__ = ["call_deadline", "deadline_transport"]

_deadline: ContextVar[float | None] = ContextVar("kds_http_call_deadline", default=None)

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


@contextmanager
def call_deadline(seconds: float) -> Iterator[None]:
    """Every network operation in this block ends within ``seconds`` of its start, together.

    Only a transport from ``deadline_transport()`` honours it; nested blocks restore the outer
    deadline on exit.
    """
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _left(timeout: float | None, expired: type[httpcore.TimeoutException]) -> float | None:
    """``timeout`` cut to the time left before the current deadline; ``expired`` if none is."""
    at = _deadline.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise expired("the call's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation is cut to the current call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend, handing out deadline-bound streams."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_transport(verify: ssl.SSLContext | bool = True) -> httpx.HTTPTransport:
    """httpx's own transport (TLS ``verify`` as given), honouring ``call_deadline()``.

    httpx does not take a network backend, so the one its connection pool made is wrapped in
    place (httpcore's public ``NetworkBackend`` interface, on the pool's one private field);
    the check below makes an httpx that moved it fail at start-up, not silently.
    """
    transport = httpx.HTTPTransport(verify=verify)
    pool = transport._pool
    if not isinstance(getattr(pool, "_network_backend", None), httpcore.NetworkBackend):
        raise RuntimeError("httpx's connection pool has no network backend to bound")
    pool._network_backend = _DeadlineBackend(pool._network_backend)
    return transport

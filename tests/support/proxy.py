"""A loopback TCP proxy a test controls: blackhole, latency, reset, retarget.

Clients connect to ``proxy.url`` instead of the server's; the proxy forwards bytes both ways.
The faults are TCP-level, below HTTP and WebSocket, so they look to the client exactly like a
bad network:

- ``blackhole(True)``: nothing moves any more in either direction and new connections hang
  after the TCP accept (packets vanish; sockets stay open). ``blackhole(False)`` lets the held
  bytes through again, in order, as TCP would after a partition heals.
- ``latency(s)``: every chunk waits that long before it is forwarded (order is kept).
- ``reset()``: abort every open connection with a TCP RST, e.g. a NAT box rebooting.
- ``retarget(port)``: forward new connections elsewhere (the server came back on a new port).

One asyncio loop runs in a daemon thread; ``close()`` stops it and joins the thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Coroutine
from typing import Any

_RST_ON_CLOSE = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s


class TcpProxy:
    """Forward ``127.0.0.1:<port>`` → ``target_host:target_port``."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.port = 0
        self.connections_accepted = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="test-proxy", daemon=True)
        self._ready = threading.Event()
        self._server: asyncio.Server | None = None
        self._flowing: asyncio.Event | None = None
        self._delay_s = 0.0
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------ lifecycle
    def start(self) -> TcpProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        self._call(self._shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ faults (any thread)
    def blackhole(self, on: bool) -> None:
        def flip() -> None:
            assert self._flowing is not None
            if on:
                self._flowing.clear()
            else:
                self._flowing.set()

        self._loop.call_soon_threadsafe(flip)

    def latency(self, seconds: float) -> None:
        self._delay_s = max(0.0, seconds)

    def reset(self) -> None:
        """Abort every open connection (new ones are still accepted)."""

        async def abort() -> None:
            for writer in list(self._writers):
                sock = writer.get_extra_info("socket")
                if sock is not None:  # linger 0: the close sends a RST, not a FIN
                    with contextlib.suppress(OSError):
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RST_ON_CLOSE)
                writer.transport.abort()

        self._call(abort())

    def retarget(self, port: int) -> None:
        self.target_port = port

    def heal(self) -> None:
        """No blackhole, no latency."""
        self.latency(0.0)
        self.blackhole(False)

    # ------------------------------------------------------------ internals
    def _call(self, coro: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self) -> None:
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._server = await asyncio.start_server(self._on_client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _track(self, coro: Coroutine[Any, Any, None]) -> None:
        task = self._loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections_accepted += 1
        self._writers.add(writer)
        assert self._flowing is not None
        try:
            await self._flowing.wait()  # a blackhole swallows the SYN-ACK's follow-up too
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except (OSError, asyncio.CancelledError):
            self._writers.discard(writer)
            writer.transport.abort()
            return
        self._writers.add(up_writer)
        close_both = _closer(writer, up_writer, self._writers)
        self._track(self._pump(reader, up_writer, close_both))
        self._track(self._pump(up_reader, writer, close_both))

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, close: Callable[[], None]
    ) -> None:
        assert self._flowing is not None
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                await self._flowing.wait()
                if self._delay_s:
                    await asyncio.sleep(self._delay_s)
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            close()


def _closer(
    a: asyncio.StreamWriter, b: asyncio.StreamWriter, live: set[asyncio.StreamWriter]
) -> Callable[[], None]:
    def close() -> None:
        for writer in (a, b):
            live.discard(writer)
            with contextlib.suppress(Exception):
                writer.transport.abort()

    return close

"""The loopback TCP proxy the chaos tests drive: forwarding, latency, blackhole, reset."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.proxy import TcpProxy
from tests.support.server import ServerProcess


def test_forwarding_latency_blackhole_and_reset(module_dev_server: ServerProcess) -> None:
    with TcpProxy(module_dev_server.port) as proxy, httpx.Client(timeout=5) as client:
        assert client.get(f"{proxy.url}/ping").json() == "pong"

        proxy.latency(0.2)
        started = time.monotonic()
        client.get(f"{proxy.url}/ping")
        assert time.monotonic() - started >= 0.4  # request and response each held 0.2 s
        proxy.latency(0.0)

        proxy.blackhole(True)
        with pytest.raises(httpx.TimeoutException):
            client.get(f"{proxy.url}/ping", timeout=0.5)
        proxy.blackhole(False)
        with httpx.Client(timeout=5) as fresh:
            assert fresh.get(f"{proxy.url}/ping").json() == "pong"

        accepted = proxy.connections_accepted
        proxy.reset()  # the keep-alive connection is aborted; the client opens a new one
        assert client.get(f"{proxy.url}/ping").json() == "pong"
        assert proxy.connections_accepted > accepted

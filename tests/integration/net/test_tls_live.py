"""TLS: verification is always on, and a private CA file works for REST and the hub (wss)."""

from __future__ import annotations

import re
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from kds.net.errors import ServerUnavailable
from kds.net.hub import HubClient, HubState
from kds.net.rest import RestClient
from tests.support.helpers import PHO_HANOI, staff, wait_until

STAFF, PASSWORD = staff("pho-hanoi")
READY = re.compile(r"kds-server listening on http://(\S+)")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(https base URL, CA bundle path) of a kds-server subprocess serving TLS."""
    tmp = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "cert.pem", tmp / "key.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    out = tmp / "stdout"
    cmd = [sys.executable, "-m", "tests.integration.net.tls_server", str(cert_path), str(key_path)]
    cmd += ["--host", "127.0.0.1", "--port", "0", "--db", str(tmp / "kds.db"), "--dev"]
    cmd += ["--seed", "demo", "--outbox-interval-ms", "10", "--log-level", "warning"]
    root = Path(__file__).resolve().parents[3]
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, cwd=root)
    try:
        match = wait_until(lambda: READY.search(out.read_text()), 20)
        yield f"https://{match.group(1)}", str(ca_path)
    finally:
        proc.terminate()
        proc.wait(10)


def test_rest_with_ca_file(tls_server: tuple[str, str]) -> None:
    url, ca = tls_server
    rest = RestClient(url, ca_file=ca)
    try:
        rest.login(STAFF, PASSWORD)
        assert rest.me().email == STAFF
    finally:
        rest.close()


def test_rest_refuses_an_untrusted_certificate(tls_server: tuple[str, str]) -> None:
    url, _ = tls_server
    rest = RestClient(url)
    try:
        with pytest.raises(ServerUnavailable):
            rest.login(STAFF, PASSWORD)
    finally:
        rest.close()


def test_hub_over_wss_with_ca_file(tls_server: tuple[str, str]) -> None:
    url, ca = tls_server
    rest = RestClient(url, ca_file=ca)
    events: list[Any] = []
    hub = HubClient(
        f"{url}/hubs/restaurant-orders",
        rest.access_token,
        ca_file=ca,
        on_event=lambda name, payload: events.append(payload),
    )
    try:
        rest.login(STAFF, PASSWORD)
        hub.start()
        assert hub.wait_for_state(HubState.CONNECTED, 10)
        hub.invoke("SubscribeToRestaurant", [PHO_HANOI])
        body = {"restaurantId": PHO_HANOI, "items": [{"name": "Pho", "quantity": 1}]}
        trust = ssl.create_default_context(cafile=ca)
        placed = httpx.post(f"{url}/api/v1/dev/orders", json=body, verify=trust, timeout=10).json()
        wait_until(lambda: any(e.get("orderId") == placed["orderId"] for e in events))
    finally:
        hub.stop()
        rest.close()


def test_hub_refuses_an_untrusted_certificate(tls_server: tuple[str, str]) -> None:
    url, ca = tls_server
    rest = RestClient(url, ca_file=ca)
    errors: list[BaseException | None] = []
    hub = HubClient(
        f"{url}/hubs/restaurant-orders",
        rest.access_token,
        on_state=lambda state, error: errors.append(error),
    )
    try:
        rest.login(STAFF, PASSWORD)
        hub.start()
        wait_until(lambda: any(isinstance(e, ServerUnavailable) for e in errors), 10)
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:  # it must not connect behind our back
            assert hub.state is not HubState.CONNECTED
            time.sleep(0.05)  # sampling the state for a fixed window
    finally:
        hub.stop()
        rest.close()

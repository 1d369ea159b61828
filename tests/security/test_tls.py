"""TLS with a throw-away CA (trustme): refused by default in clear words, accepted with the CA.

The server runs behind TLS through the test-only launcher ``tests.integration.net.tls_server``
(kds-server itself leaves TLS to a reverse proxy). Checked at every client level: RestClient,
HubClient (negotiate + wss), and the product's Session (login failure kind and text; and a live
board over https/wss that receives a new order when the CA file is configured).
"""

from __future__ import annotations

import re
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme
from pytestqt.qtbot import QtBot

from kds.app.memory_keyring import MemoryKeyring
from kds.app.session import Session
from kds.app.settings import SessionSettings, StateFile
from kds.net.errors import ServerUnavailable
from kds.net.hub import HubClient
from kds.net.rest import RestClient
from kds.net.retry import HubRetryPolicy
from kds.net.tokens import TokenStore
from tests.support.helpers import PHO_HANOI, staff, wait_until

STAFF, PASSWORD = staff("pho-hanoi")
READY = re.compile(r"kds-server listening on http://(\S+)")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(https URL, CA file) of a kds-server on TLS with a certificate from a private CA."""
    tmp = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "cert.pem", tmp / "key.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    cmd = [sys.executable, "-m", "tests.integration.net.tls_server", str(cert_path), str(key_path)]
    cmd += ["--host", "127.0.0.1", "--port", "0", "--db", str(tmp / "kds.db"), "--dev"]
    cmd += ["--seed", "demo", "--outbox-interval-ms", "10", "--log-level", "warning"]
    out = tmp / "stdout"
    with out.open("wb") as sink, (tmp / "stderr").open("wb") as errors:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=errors, cwd=ROOT)
    try:
        match = wait_until(lambda: READY.search(out.read_text()), 20)
        yield f"https://{match.group(1)}", str(ca_path)
    finally:
        proc.terminate()
        proc.wait(10)


def test_rest_refuses_an_untrusted_certificate_in_clear_words(tls: tuple[str, str]) -> None:
    url, _ = tls
    rest = RestClient(url)
    try:
        with pytest.raises(ServerUnavailable) as caught:
            rest.login(STAFF, PASSWORD)
    finally:
        rest.close()
    text = str(caught.value)
    assert "TLS certificate is not trusted" in text
    assert "certificate" in text.split("(", 1)[1]  # the verifier's own reason, e.g. issuer
    assert "CA file" in text


def test_hub_refuses_an_untrusted_certificate_in_clear_words(tls: tuple[str, str]) -> None:
    url, ca = tls
    rest = RestClient(url, ca_file=ca)
    errors: list[BaseException] = []
    hub = HubClient(
        f"{url}/hubs/restaurant-orders",
        rest.access_token,
        retry_policy=HubRetryPolicy(delays_s=(0.0, 0.2), steady_s=0.2),
        on_state=lambda _state, error: errors.append(error) if error else None,
    )
    try:
        rest.login(STAFF, PASSWORD)
        hub.start()
        found = wait_until(lambda: [e for e in errors if isinstance(e, ServerUnavailable)], 10)
        assert "TLS certificate is not trusted" in str(found[0])
        assert hub.connections_made == 0
    finally:
        hub.stop()
        rest.close()


def _session(url: str, ca_file: str | None, tmp_path: Path) -> Session:
    settings = SessionSettings(url, ca_file=ca_file, auto_select=False, snapshot_retry_s=0.2)
    keyring_backend = MemoryKeyring()
    return Session(
        settings,
        token_store_factory=lambda user: TokenStore(url, user, backend=keyring_backend),
        state=StateFile(tmp_path / "state.json"),
    )


def test_session_login_without_the_ca_says_the_certificate_is_not_trusted(
    qtbot: QtBot, tls: tuple[str, str], tmp_path: Path
) -> None:
    url, _ = tls
    session = _session(url, None, tmp_path)
    try:
        with qtbot.waitSignal(session.login_failed, timeout=15_000) as failed:
            session.login(STAFF, PASSWORD)
        kind, message = failed.args
        assert kind == "tls"
        assert "certificate is not trusted" in message
        assert "CA file" in message
    finally:
        session.shutdown()


def test_session_with_the_ca_file_goes_live_over_https_and_wss(
    qtbot: QtBot, tls: tuple[str, str], tmp_path: Path
) -> None:
    url, ca = tls
    session = _session(url, ca, tmp_path)
    try:
        with qtbot.waitSignal(session.login_succeeded, timeout=15_000):
            session.login(STAFF, PASSWORD)
        session.select_restaurant(PHO_HANOI)
        qtbot.waitUntil(lambda: session.live.live, timeout=15_000)
        trust = ssl.create_default_context(cafile=ca)
        body = {"restaurantId": PHO_HANOI, "items": [{"name": "Pho", "quantity": 1}]}
        placed = httpx.post(f"{url}/api/v1/dev/orders", json=body, verify=trust, timeout=10)
        order_id = placed.json()["orderId"]
        qtbot.waitUntil(lambda: session.board.get(order_id) is not None, timeout=10_000)
    finally:
        session.shutdown()

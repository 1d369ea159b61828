"""The dev surface stays on this machine (issue 19): loopback `--host`, `Host` and `Origin`
checks, no CORS on dev routes, and fault patterns that cannot stall the server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import http
from tests.support.fixtures import DEV_ARGS, ServerFactory
from tests.support.helpers import PHO_HANOI
from tests.support.server import ServerProcess

OPEN_ORDERS = f"/api/v1/dev/restaurants/{PHO_HANOI}/open-orders"


@pytest.fixture(scope="module")
def url(module_dev_server: ServerProcess) -> str:
    return module_dev_server.url


def test_dev_on_a_non_loopback_host_refuses_to_start() -> None:
    cmd = [sys.executable, "-m", "kds.server", "--dev", "--host", "0.0.0.0", "--port", "0"]
    done = subprocess.run([*cmd, "--db", ":memory:"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--dev-allow-remote" in done.stderr
    assert "listening" not in done.stdout


def test_dev_allow_remote_starts_with_a_warning_and_answers_any_host(
    server_factory: ServerFactory,
) -> None:
    server = server_factory([*DEV_ARGS, "--host", "0.0.0.0", "--dev-allow-remote"])
    assert "WARNING" in server.stderr_text()
    assert "--dev-allow-remote" in server.stderr_text()
    local = f"http://127.0.0.1:{server.port}"
    response = http.get(f"{local}{OPEN_ORDERS}", headers={"Host": "kds.lan:5080"})
    assert response.status_code == 200


@pytest.mark.parametrize("host", ["rebind.evil.example", "192.168.1.5:5080", "0.0.0.0"])
def test_a_dev_route_refuses_a_foreign_host(url: str, host: str) -> None:
    """DNS rebinding: a page on rebind.evil.example resolving to 127.0.0.1 sends its own name."""
    response = http.get(f"{url}{OPEN_ORDERS}", headers={"Host": host})
    assert (response.status_code, response.content) == (403, b"")
    posted = http.post(f"{url}/api/v1/dev/faults/hub-drop", json={}, headers={"Host": host})
    assert posted.status_code == 403
    assert http.get(f"{url}/ping", headers={"Host": host}).status_code == 200  # not a dev route


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_a_dev_route_answers_a_loopback_host_with_any_port(url: str, host: str) -> None:
    for name in (host, f"{host}:5080"):
        assert http.get(f"{url}{OPEN_ORDERS}", headers={"Host": name}).status_code == 200


def test_a_dev_route_refuses_a_foreign_page_and_sends_no_cors(url: str) -> None:
    foreign = http.post(
        f"{url}/api/v1/dev/faults/clear",
        content=b"{}",
        headers={"Origin": "https://evil.example", "Content-Type": "text/plain"},
    )
    assert foreign.status_code == 403
    local = http.get(f"{url}{OPEN_ORDERS}", headers={"Origin": "http://localhost:3000"})
    assert local.status_code == 200
    assert not any(h.startswith("access-control-") for h in local.headers)
    preflight = http.request(
        "OPTIONS",
        f"{url}/api/v1/dev/faults/clear",
        headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_a_catastrophic_fault_pattern_does_not_stall_the_server(url: str) -> None:
    """`^/(a+)+$` against `/aaaa…!` backtracks for ages in `re`; RE2 answers at once."""
    fault = {"pathPattern": "^/(a+)+$", "status": 503, "count": 1}
    assert http.post(f"{url}/api/v1/dev/faults/rest", json=fault).status_code == 200
    assert http.get(f"{url}/{'a' * 40}!").status_code == 404  # no match, no fault
    assert http.get(f"{url}/{'a' * 40}").status_code == 503  # a match uses the fault up
    assert http.post(f"{url}/api/v1/dev/faults/clear", json={}).status_code == 200
    backref = http.post(f"{url}/api/v1/dev/faults/rest", json={"pathPattern": r"(a)\1", "count": 1})
    assert backref.status_code == 400
    assert "PathPattern" in backref.json()["errors"]

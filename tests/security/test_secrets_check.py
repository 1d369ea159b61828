"""The secrets check catches leaks: an inner pytest run (subprocess) leaks on purpose.

Each inner test leaks a different way — a DEBUG log line, a file under the XDG config dir, an
exception text, captured stdout of a token the client itself received, and kds-server output —
and all pass on their own; the plugin must fail the run anyway, name every place, and print
only hash prefixes. A clean inner run must pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.security.secrets_plugin import fingerprint

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "LeakyAccessToken_0123456789abcdefABCDEF-xyz"  # token-shaped, 43 characters
REFRESH = "LeakyRefreshToken_0123456789abcdefABCDEF-xy"
PASSWORD = "Sup3r secret pässword!"

LEAKY = f"""
import logging, os
from pathlib import Path
from tests.support import helpers
from kds.net import rest_session
from kds.net.errors import ServerUnavailable
from tests.support.server import ServerProcess

TOKEN, REFRESH, PASSWORD = {TOKEN!r}, {REFRESH!r}, {PASSWORD!r}


def test_logs_a_token():
    helpers.SECRETS.add(TOKEN)
    logging.getLogger("kds.leaky").debug("calling with Authorization: Bearer %s", TOKEN)


def test_writes_a_password_to_the_config_dir():
    helpers.SECRETS.add(PASSWORD)
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "kds"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text('{{"password": "%s"}}' % PASSWORD)


def test_exception_text_carries_a_token():
    try:
        raise ServerUnavailable("connect failed for ?access_token=" + TOKEN + "&x=1")
    except ServerUnavailable:
        pass


def test_prints_a_token_the_client_received():
    # Not registered by any helper: the plugin learns it from the client's token decoding.
    body = {{"tokenType": "Bearer", "accessToken": "x" * 8 + "ClientOnly_0123456789abcdefABCD",
            "expiresIn": 3600, "refreshToken": REFRESH}}
    tokens = rest_session.decode_token_response(body)
    print("refresh is", tokens.refresh_token)


def test_server_output_with_a_token(tmp_path):
    helpers.SECRETS.add(TOKEN)
    server = ServerProcess([], log_dir=str(tmp_path))
    server.stderr_path.write_text("GET /hubs/x?access_token=" + TOKEN + " 200\\n")
    server.close()
"""

CLEAN = """
import logging
from tests.support import helpers

def test_logs_nothing_secret():
    helpers.SECRETS.add("NotLoggedToken_0123456789abcdefABCDEF-xyz12")
    logging.getLogger("kds.clean").debug("login ok for %s", "staff.pho-hanoi@kds.example")
"""


def run_inner(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(source))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    cmd += ["-p", "tests.security.secrets_plugin", "-c", str(tmp_path / "pytest.ini")]
    cmd += ["--rootdir", str(tmp_path), str(tmp_path / "test_inner.py")]
    return subprocess.run(
        cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90, check=False
    )


def test_leaks_fail_the_run_and_are_named_by_place_and_hash(tmp_path: Path) -> None:
    result = run_inner(tmp_path, LEAKY)
    out = result.stdout + result.stderr
    assert "5 passed" in out, out  # every inner test passes on its own...
    assert result.returncode == 1, out  # ...and the run fails all the same
    assert "SECRETS LEAKED" in out
    for place in (
        "log record kds.leaky during test_inner.py::test_logs_a_token",
        "file under the test XDG home:",
        "ServerUnavailable text during test_inner.py::test_exception_text_carries_a_token",
        "Captured stdout call of test_inner.py::test_prints_a_token_the_client_received",
        "kds-server output (test test_inner.py::test_server_output_with_a_token)",
    ):
        assert place in out, f"{place!r} not reported:\n{out}"
    for secret in (TOKEN, PASSWORD, REFRESH):
        assert fingerprint(secret) in out
        assert secret not in out, "the report must not print the secret itself"


def test_a_clean_run_passes(tmp_path: Path) -> None:
    result = run_inner(tmp_path, CLEAN)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "SECRETS LEAKED" not in out


def test_learning_a_token_while_other_threads_log_never_raises() -> None:
    """Issue 14: ``learn`` (called inside ``RestClient.login``) walked the recent texts while a
    log record from another thread was appended: ``deque mutated during iteration`` failed the
    login of a chaos world about once in 30 under CPU load. A tiny GIL switch interval makes
    the interleaving happen within a few hundred calls."""
    import secrets
    import threading

    from tests.security.secrets_plugin import Scanner

    scanner = Scanner()
    for i in range(5_000):
        scanner.check("log", f"record {i}")
    stop = threading.Event()

    def log_from_another_thread() -> None:
        n = 0
        while not stop.is_set():
            scanner.check("log", f"GET /api/v1/orders {n}")
            n += 1

    other = threading.Thread(target=log_from_another_thread)
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    other.start()
    raised: list[BaseException] = []
    try:
        for _ in range(300):
            try:
                scanner.learn(secrets.token_urlsafe(32))
            except RuntimeError as exc:
                raised.append(exc)
    finally:
        stop.set()
        other.join(10)
        sys.setswitchinterval(previous)
    assert raised == []


def test_a_generated_example_equal_to_a_source_constant_is_no_leak() -> None:
    """Hypothesis draws strings from the project's own constants, the demo password among
    them; while a Hypothesis test runs, that password echoed in a decoder's error is its
    generated input, not a leak. Tokens, and secrets not in the source, are still caught."""
    from tests.security.secrets_plugin import Scanner
    from tests.support import helpers

    scanner = Scanner()
    scanner.learn(helpers.PASSWORD, TOKEN, PASSWORD)
    scanner.generating = True
    scanner.check("generated example", f"not a timestamp: {helpers.PASSWORD!r}")
    assert scanner.findings == []
    scanner.check("generated example with a token", f"Bearer {TOKEN}")
    scanner.check("generated example with another password", PASSWORD)
    assert len(scanner.findings) == 2
    scanner.generating = False
    scanner.check("ordinary test", f"logged {helpers.PASSWORD}")
    assert len(scanner.findings) == 3

"""Suite-wide secrets check: no password or token in any log, data/config file or exception text.

Registered for the whole suite from ``tests/conftest.py``. For the entire run it:

- puts the root logger at DEBUG with a handler that checks every record (message and
  traceback) — so the suite runs with DEBUG logging on, as a real debug session would;
- points ``XDG_DATA_HOME``/``XDG_CONFIG_HOME``/``XDG_STATE_HOME``/``XDG_CACHE_HOME`` at a
  private temp home (inherited by subprocesses), so every platformdirs file the client or a
  default-configured kds-server writes can be scanned at the end;
- learns every secret: the passwords and tokens of ``tests.support.helpers.SECRETS``, and every
  token the client itself receives (``kds.net`` token decoding is wrapped);
- checks the text of every ``NetError``/``ProtocolError`` the client builds, the captured
  stdout/stderr/log sections and failure texts of every test report, each kds-server
  subprocess's stdout/stderr before ``ServerProcess.close()`` removes it, and at the end every
  file under the temp XDG home.

A leak fails the run (exit status 1) and is reported by location with the SHA-256 prefix of the
secret — never the secret itself. Secrets learnt late are also checked against the last 20,000
texts seen, so a token logged before the test registered it is still caught.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
from collections import deque
from pathlib import Path
from typing import Any

import pytest

from tests.support import helpers

_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-]{20,}")
_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def fingerprint(secret: str) -> str:
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()[:12]


class Scanner:
    """Knows the secrets and the places seen; records findings (location, fingerprint).

    Thread-safe: log records arrive on every thread of the code under test while a REST worker
    ``learn``s the tokens it just received. Unlocked, ``learn``'s walk over ``_recent`` met
    another thread's append now and then under CPU load (``RuntimeError: deque mutated during
    iteration``) — raised inside ``RestClient.login``, it failed the login of a chaos world
    (issue 14: "login …: not within 20 s", POST 200 and no ``users/me``).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.tokens: set[str] = set()  # token-shaped: found by set lookup of candidates
        self.phrases: set[str] = set()  # anything else (passwords): substring search
        self._lengths: set[int] = set()
        self.findings: list[str] = []
        self._reported: set[tuple[str, str]] = set()
        self._recent: deque[tuple[str, str]] = deque(maxlen=5_000)
        self.where = "session"  # the running test's node id, for locations
        # True while a Hypothesis test runs. Hypothesis draws strings from the string
        # constants of the project's own modules, and the demo password is one (the seed data):
        # an example may *be* that password, and a decoder echoing its bad input is then no
        # leak. While generating, such phrases are not looked for; tokens (random, issued at
        # run time, never in the source) and every other phrase still are.
        self.generating = False
        self._in_source = _phrases_in_source()

    def learn(self, *secrets: object) -> None:
        with self._lock:
            self._learn(secrets)

    def _learn(self, secrets: tuple[object, ...]) -> None:
        for secret in secrets:
            if not isinstance(secret, str) or len(secret) < 8:
                continue
            if secret in self.tokens or secret in self.phrases:
                continue
            if _TOKEN_LIKE.fullmatch(secret):
                self.tokens.add(secret)
                self._lengths.add(len(secret))
            else:
                self.phrases.add(secret)
            for location, text in self._recent:  # logged before it was learnt?
                if secret in text:
                    self._found(location, secret)

    def sync(self) -> None:
        self.learn(*helpers.SECRETS)

    def check(self, location: str, text: str, *, remember: bool = True) -> None:
        if not text:
            return
        with self._lock:
            self._check(location, text, remember)

    def _check(self, location: str, text: str, remember: bool) -> None:
        tokens = self.tokens
        for candidate in _TOKEN_LIKE.findall(text):
            if candidate in tokens:
                self._found(location, candidate)
                continue
            for size in self._lengths:  # a token inside a longer run of token characters
                for start in range(len(candidate) - size + 1):
                    if candidate[start : start + size] in tokens:
                        self._found(location, candidate[start : start + size])
        for phrase in self.phrases:
            if phrase in text and not (self.generating and phrase in self._in_source):
                self._found(location, phrase)
        if remember:
            self._recent.append((location, text))

    def check_file(self, path: Path, what: str) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            return
        self.check(f"{what} {path}", data.decode("utf-8", errors="replace"), remember=False)

    def _found(self, location: str, secret: str) -> None:
        key = (location, secret)
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(f"{location}: {fingerprint(secret)}")


def _phrases_in_source() -> frozenset[str]:
    """The fixed secrets (``helpers.SECRETS``) that stand literally in ``kds/``'s source."""
    source = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (Path(__file__).resolve().parents[2] / "kds").rglob("*.py")
    )
    return frozenset(s for s in helpers.SECRETS if isinstance(s, str) and s in source)


class _LeakHandler(logging.Handler):
    def __init__(self, scanner: Scanner) -> None:
        super().__init__(logging.DEBUG)
        self.scanner = scanner
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + self._formatter.formatException(record.exc_info)
            if record.stack_info:
                text += "\n" + record.stack_info
            self.scanner.check(f"log record {record.name} during {self.scanner.where}", text)
        except Exception:  # a logging handler must never raise into the code under test
            self.handleError(record)


class SecretsCheck:
    """The plugin object (one per run)."""

    def __init__(self) -> None:
        self.scanner = Scanner()
        self.home = Path(tempfile.mkdtemp(prefix="kds-xdg-"))
        self._saved_env: dict[str, str | None] = {}
        self._undo: list[Any] = []
        self._handler = _LeakHandler(self.scanner)
        self._root_level = logging.getLogger().level

    # ---------------------------------------------------------------- set-up / tear-down
    def install(self) -> None:
        for name in _XDG:
            self._saved_env[name] = os.environ.get(name)
            target = self.home / name.lower()
            target.mkdir()
            os.environ[name] = str(target)
        root = logging.getLogger()
        root.addHandler(self._handler)
        root.setLevel(logging.DEBUG)
        # ``websockets`` is not a client dependency: only the tests' raw spec-level client
        # (tests/interop/rawclient.py) uses it, and it logs every request header at DEBUG.
        # Give it the same redaction the product puts on its own wire libraries.
        from kds.net.redact import install_redaction

        install_redaction(("websockets",))
        self._wrap_token_decoding()
        self._wrap_errors()
        self._wrap_server_close()

    def uninstall(self) -> None:
        root = logging.getLogger()
        root.removeHandler(self._handler)
        root.setLevel(self._root_level)
        for undo in reversed(self._undo):
            undo()
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(self.home, ignore_errors=True)

    def _patch(self, owner: Any, name: str, value: Any) -> None:
        old = getattr(owner, name)
        setattr(owner, name, value)
        self._undo.append(lambda: setattr(owner, name, old))

    def _wrap_token_decoding(self) -> None:
        # Only where the REST session (login, refresh) decodes a real HTTP response: the fuzz
        # tests feed made-up token bodies to kds.net.decode directly, and those are not secrets.
        from kds.net import rest_session

        original = rest_session.decode_token_response
        scanner = self.scanner

        @functools.wraps(original)
        def learning(obj: object) -> Any:
            result = original(obj)
            scanner.learn(result.access_token, result.refresh_token)
            return result

        self._patch(rest_session, "decode_token_response", learning)

    def _wrap_errors(self) -> None:
        from kds.core.errors import ProtocolError
        from kds.net.errors import NetError

        scanner = self.scanner
        for cls in (NetError, ProtocolError):
            original = cls.__init__

            def checking(self: Any, *args: Any, __init: Any = original, **kwargs: Any) -> None:
                __init(self, *args, **kwargs)
                with contextlib.suppress(Exception):
                    scanner.sync()
                    scanner.check(f"{type(self).__name__} text during {scanner.where}", str(self))

            self._patch(cls, "__init__", checking)

    def _wrap_server_close(self) -> None:
        from tests.support.server import ServerProcess

        original = ServerProcess.close
        scanner = self.scanner

        @functools.wraps(original)
        def scanning_close(server: ServerProcess) -> None:
            original_stop = server.stop
            with contextlib.suppress(Exception):
                original_stop()  # stop first: the process has flushed its output
            scanner.sync()
            for path in (server.stdout_path, server.stderr_path):
                scanner.check_file(path, f"kds-server output (test {scanner.where})")
            original(server)

        self._patch(ServerProcess, "close", scanning_close)

    # ---------------------------------------------------------------- hooks
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.scanner.where = item.nodeid
        test = getattr(item, "obj", None)
        self.scanner.generating = bool(getattr(test, "is_hypothesis_test", False))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.scanner.sync()
        for name, content in report.sections:  # "Captured log call", "Captured stdout setup"…
            self.scanner.check(f"{name} of {report.nodeid}", content)
        if report.failed:
            self.scanner.check(
                f"failure text of {report.nodeid} ({report.when})", report.longreprtext
            )

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.scanner.sync()
        self.scanner.where = "session end"
        for path in sorted(self.home.rglob("*")):
            if path.is_file():
                self.scanner.check_file(path, "file under the test XDG home:")
        if self.scanner.findings:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        findings = self.scanner.findings
        if findings:
            terminalreporter.section("SECRETS LEAKED", red=True, bold=True)
            terminalreporter.line(
                f"{len(findings)} place(s) show a password or token (secret by hash prefix):"
            )
            for line in findings[:200]:
                terminalreporter.line(f"  {line}")


_PLUGIN_NAME = "kds-secrets-check"


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.has_plugin(_PLUGIN_NAME):
        return
    check = SecretsCheck()
    check.install()
    config.pluginmanager.register(check, _PLUGIN_NAME)
    config.add_cleanup(check.uninstall)

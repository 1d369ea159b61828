"""Where the session's tokens live: the OS keyring when there is one, memory when there is not."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["REFRESH_AT_RATIO", "TokenStore", "Tokens"]

log = logging.getLogger(__name__)

# Refresh once 80 % of the access token's lifetime has passed: early enough that a slow network
# never makes us present an expired token, late enough not to churn refresh tokens.
REFRESH_AT_RATIO = 0.8

_SERVICE_PREFIX = "kds:"
NO_KEYRING_NOTICE = QT_TRANSLATE_NOOP(
    "TokenStore",
    "No usable system keyring was found: you will have to log in again after kds restarts.",
)
"""English; the session shows it translated (`kds.app.messages.SessionWords.keyring`)."""


@dataclass(frozen=True)
class Tokens:
    """One login's credentials. ``issued_at``/``expires_at`` are ``time.time()`` seconds."""

    access_token: str
    refresh_token: str
    issued_at: float
    expires_at: float

    def __repr__(self) -> str:  # never print the secrets, even in a debugger or a log line
        return f"Tokens(issued_at={self.issued_at:.0f}, expires_at={self.expires_at:.0f})"

    @property
    def lifetime_s(self) -> float:
        return max(0.0, self.expires_at - self.issued_at)

    def refresh_due_at(self) -> float:
        return self.issued_at + REFRESH_AT_RATIO * self.lifetime_s


class TokenStore:
    """Access token, refresh token and expiry for one (server URL, user).

    Persisted in the OS keyring (service ``kds:<server_url>``, username = the login name) so a
    restarted terminal stays signed in. Without a usable backend (``NoKeyringError``,
    ``KeyringLocked``, the ``fail`` backend, any other ``KeyringError``) the tokens stay in
    memory only: ``persistent`` turns ``False`` and ``take_notice()`` hands the UI one message,
    once. Thread-safe: REST workers and the hub supervisor read it concurrently.

    Attributes:
        server_url: the backend base URL the tokens belong to.
        user: the login name.
        persistent: whether the tokens survive a restart.
    """

    def __init__(
        self,
        server_url: str,
        user: str,
        *,
        backend: keyring.backend.KeyringBackend | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.user = user
        self._backend = backend
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: Tokens | None = None
        self._loaded = False
        self.persistent = not isinstance(self._keyring(), fail.Keyring)
        self._notice_pending = not self.persistent

    # -- keyring access --------------------------------------------------------------------
    @property
    def _service(self) -> str:
        return _SERVICE_PREFIX + self.server_url

    def _keyring(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _go_memory_only(self, exc: BaseException) -> None:
        if self.persistent:
            # The exception type only: keyring messages can echo what was being stored.
            log.warning("keyring unusable (%s); keeping tokens in memory", type(exc).__name__)
            self.persistent = False
            self._notice_pending = True

    def _read_keyring(self) -> Tokens | None:
        if not self.persistent:
            return None
        try:
            raw = self._keyring().get_password(self._service, self.user)
        except keyring.errors.KeyringError as exc:
            self._go_memory_only(exc)
            return None
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return Tokens(
                access_token=str(data["accessToken"]),
                refresh_token=str(data["refreshToken"]),
                issued_at=float(data["issuedAt"]),
                expires_at=float(data["expiresAt"]),
            )
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring unreadable stored tokens for this server")
            return None

    def _write_keyring(self, tokens: Tokens | None) -> None:
        if not self.persistent:
            return
        try:
            if tokens is None:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    self._keyring().delete_password(self._service, self.user)
                return
            blob = json.dumps(
                {
                    "accessToken": tokens.access_token,
                    "refreshToken": tokens.refresh_token,
                    "issuedAt": tokens.issued_at,
                    "expiresAt": tokens.expires_at,
                }
            )
            self._keyring().set_password(self._service, self.user, blob)
        except keyring.errors.KeyringError as exc:
            self._go_memory_only(exc)

    # -- public API ------------------------------------------------------------------------
    def for_user(self, user: str) -> TokenStore:
        """A store for another user on the same server, keyring backend and clock."""
        return TokenStore(self.server_url, user, backend=self._backend, clock=self._clock)

    def take_notice(self) -> str | None:
        """The one-time "tokens are not persisted" message for the UI, or ``None``."""
        with self._lock:
            if self._notice_pending and not self.persistent:
                self._notice_pending = False
                return NO_KEYRING_NOTICE
            return None

    def get(self) -> Tokens | None:
        """The current tokens (loaded from the keyring on first use), or ``None``."""
        with self._lock:
            if not self._loaded:
                self._loaded = True
                self._tokens = self._read_keyring()
            return self._tokens

    def save(self, access_token: str, refresh_token: str, expires_in_s: float) -> Tokens:
        """Store a fresh token response (``expiresIn`` seconds from now)."""
        now = self._clock()
        tokens = Tokens(access_token, refresh_token, now, now + max(0.0, float(expires_in_s)))
        with self._lock:
            self._loaded = True
            self._tokens = tokens
            self._write_keyring(tokens)
        return tokens

    def clear(self) -> None:
        """Forget the tokens (logout, or the refresh token was refused)."""
        with self._lock:
            self._loaded = True
            self._tokens = None
            self._write_keyring(None)

    def access_token(self) -> str | None:
        tokens = self.get()
        return tokens.access_token if tokens else None

    def refresh_token(self) -> str | None:
        tokens = self.get()
        return tokens.refresh_token if tokens else None

    def needs_refresh(self) -> bool:
        """True once 80 % of ``expiresIn`` has passed (and when there is no token at all)."""
        tokens = self.get()
        return tokens is None or self._clock() >= tokens.refresh_due_at()

    def expired(self) -> bool:
        tokens = self.get()
        return tokens is None or self._clock() >= tokens.expires_at

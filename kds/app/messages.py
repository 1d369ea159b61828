"""Turn typed network errors into the words a cook reads: login failure kinds and notice texts."""

from __future__ import annotations

import ssl

from kds.core.errors import ProtocolError
from kds.net.errors import AuthExpired, Forbidden, NetError, ServerUnavailable, ValidationFailed

__all__ = [
    "LOCKOUT_MINUTES",
    "LoginFailure",
    "action_text",
    "is_tls_error",
    "login_failure",
]

# Identity's default lockout (5 failures → 5 minutes, contract §2.2). The backend does not say
# how long is left, so the message states the policy's figure.
LOCKOUT_MINUTES = 5


class LoginFailure:
    """Kinds of ``Session.login_failed`` (first argument)."""

    WRONG_PASSWORD = "wrong_password"
    LOCKED_OUT = "locked_out"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    OTHER = "other"


def is_tls_error(exc: BaseException) -> bool:
    """True when ``exc`` (or anything in its cause chain) is a TLS/certificate failure."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ssl.SSLError | ssl.CertificateError):
            return True
        text = str(cur)
        if "CERTIFICATE_VERIFY_FAILED" in text or "SSL:" in text:
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def login_failure(exc: BaseException, server_url: str) -> tuple[str, str]:
    """``(kind, message)`` for a failed login or resume."""
    if isinstance(exc, AuthExpired):
        if exc.detail == "LockedOut":
            return (
                LoginFailure.LOCKED_OUT,
                f"Too many failed attempts: this account is locked for {LOCKOUT_MINUTES} minutes.",
            )
        if exc.detail == "Failed" or exc.status == 401:
            return LoginFailure.WRONG_PASSWORD, "Wrong user name or password."
        return LoginFailure.OTHER, "Your session has expired: please log in again."
    if is_tls_error(exc):
        return (
            LoginFailure.TLS,
            f"The secure connection to {server_url} failed: its certificate is not trusted "
            "(check the server address, or the CA file in the settings).",
        )
    if isinstance(exc, ServerUnavailable):
        return (
            LoginFailure.UNREACHABLE,
            f"The server {server_url} cannot be reached. Check the network and the address.",
        )
    if isinstance(exc, Forbidden):
        return LoginFailure.OTHER, "This account may not use the kitchen display."
    if isinstance(exc, NetError | ProtocolError):
        return LoginFailure.OTHER, f"Login failed: {exc}"
    return LoginFailure.OTHER, f"Login failed: {type(exc).__name__}"


def action_text(exc: BaseException) -> str:
    """The server's own words for a failed action (ProblemDetails detail, else title)."""
    if isinstance(exc, ValidationFailed) and exc.errors:
        # "EstimatedDeliveryTime: …" is the server's developer view; the cook reads the messages.
        return " ".join(msg for msgs in exc.errors.values() for msg in msgs)
    if isinstance(exc, NetError):
        if exc.detail:
            return exc.detail
        if isinstance(exc, Forbidden):
            return "Not allowed for this account."
        if isinstance(exc, ServerUnavailable):
            return "The server could not be reached; try again."
        if exc.title:
            return exc.title
    return str(exc) or type(exc).__name__

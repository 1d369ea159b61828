"""Turn typed network errors into the words a cook reads: login failure kinds and notice texts.

The words are translated as they are made (context ``"Messages"``); the server's own words (a
refusal's detail or title) are data and stay as sent.
"""

from __future__ import annotations

import ssl

from kds.app.i18n import translate
from kds.core.errors import ProtocolError
from kds.net.errors import AuthExpired, Forbidden, NetError, ServerUnavailable, ValidationFailed

__all__ = [
    "LOCKOUT_MINUTES",
    "LoginFailure",
    "SessionWords",
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


def login_failure(
    exc: BaseException, server_url: str, *, retrying: bool = False
) -> tuple[str, str]:
    """``(kind, message)`` for a failed login or resume; ``retrying``: the message says the
    sign-in is tried again by itself."""
    kind, message = _login_failure(exc, server_url)
    if retrying:
        message += " " + translate("Messages", "Trying again by itself.")
    return kind, message


def _login_failure(exc: BaseException, server_url: str) -> tuple[str, str]:
    if isinstance(exc, AuthExpired):
        if exc.detail == "LockedOut":
            return LoginFailure.LOCKED_OUT, translate(
                "Messages",
                "Too many failed attempts: this account is locked for %n minutes.",
                None,
                LOCKOUT_MINUTES,
            )
        if exc.detail == "Failed" or exc.status == 401:
            return LoginFailure.WRONG_PASSWORD, translate(
                "Messages", "Wrong user name or password."
            )
        return LoginFailure.OTHER, translate(
            "Messages", "Your session has expired: please log in again."
        )
    if is_tls_error(exc):
        text = translate(
            "Messages",
            "The secure connection to {server} failed: its certificate is not trusted "
            "(check the server address, or the CA file in the settings).",
        )
        return LoginFailure.TLS, text.format(server=server_url)
    if isinstance(exc, ServerUnavailable):
        text = translate(
            "Messages", "The server {server} cannot be reached. Check the network and the address."
        )
        return LoginFailure.UNREACHABLE, text.format(server=server_url)
    if isinstance(exc, Forbidden):
        return LoginFailure.OTHER, translate(
            "Messages", "This account may not use the kitchen display."
        )
    failed = translate("Messages", "Login failed: {reason}")
    if isinstance(exc, NetError | ProtocolError):
        return LoginFailure.OTHER, failed.format(reason=exc)
    return LoginFailure.OTHER, failed.format(reason=type(exc).__name__)


def action_text(exc: BaseException) -> str:
    """The server's own words for a failed action (ProblemDetails detail, else title); ours,
    translated, when the server said nothing."""
    if isinstance(exc, ValidationFailed) and exc.errors:
        # "EstimatedDeliveryTime: …" is the server's developer view; the cook reads the messages.
        return " ".join(msg for msgs in exc.errors.values() for msg in msgs)
    if isinstance(exc, NetError):
        if exc.detail:
            return exc.detail
        if isinstance(exc, Forbidden):
            return translate("Messages", "Not allowed for this account.")
        if isinstance(exc, ServerUnavailable):
            return translate("Messages", "The server could not be reached; try again.")
        if exc.title:
            return exc.title
    return str(exc) or type(exc).__name__


class SessionWords:
    """The sentences `kds.app.session.Session` says in its notices (context ``"Session"``),
    made in the screen's language when said."""

    @staticmethod
    def keyring(text: str) -> str:
        """`kds.net.tokens.NO_KEYRING_NOTICE` (marked ``"TokenStore"`` there), translated."""
        return translate("TokenStore", text)

    @staticmethod
    def no_restaurants() -> str:
        return translate("Session", "This account is not staff or owner of any restaurant.")

    @staticmethod
    def expired() -> str:
        return translate("Session", "Signed out: the session expired. Please log in again.")

    @staticmethod
    def unknown_status(number: str, value: str) -> str:
        text = translate(
            "Session", "Order {number} has a status this version does not know: {value}."
        )
        return text.format(number=number, value=value)

    @staticmethod
    def not_available() -> str:
        return translate("Session", "That restaurant is not available to this account.")

    @staticmethod
    def restaurant() -> str:
        """The name shown for a saved board whose restaurant's name was not kept."""
        return translate("Session", "Restaurant")

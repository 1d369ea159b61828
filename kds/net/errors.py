"""The typed errors of the network layer, so callers can react to what happened, not to text.

The hierarchy, drawn once::

    Exception
    ├── ValueError
    │   └── ProtocolError (kds.core.errors; .field) ── the server sent something off-contract
    │       └── UnknownStatusError
    └── NetError                        every failure talking to the backend
        ├── AuthExpired                 401 after one refresh (or refresh refused): log in again
        ├── Forbidden                   403: no staff/owner claim for that restaurant
        ├── NotFound                    404 (.title is the error code, e.g. AcceptOrder.NotFound)
        ├── InvalidTransition           400 Order.Invalid…: illegal status change (.title/.detail)
        ├── ValidationFailed            400 validation problem (.errors: field → messages)
        ├── Conflict                    409 (e.g. CancelOrder.InvalidStatusForCustomer)
        ├── ServerUnavailable           connect error, timeout, 5xx, unexpected status
        ├── HubError                    a hub invocation failed (.server_text as received)
        │   ├── HubForbidden            "HubException: Forbidden"
        │   └── HubUnauthorized         "HubException: Unauthorized"
        └── ConnectionLost              the hub connection dropped with the call in flight

Messages never contain tokens: they are built from status codes, ProblemDetails titles and
details, and hub error texts only, never from request headers or URLs with query strings.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping, Sequence

from kds.core.errors import ProtocolError, UnknownStatusError

__all__ = [
    "AccessRefusedAfterRefresh",
    "AuthExpired",
    "Conflict",
    "ConnectionLost",
    "Forbidden",
    "HubError",
    "HubForbidden",
    "HubUnauthorized",
    "InvalidTransition",
    "NetError",
    "NotFound",
    "ProtocolError",
    "ServerUnavailable",
    "UnknownStatusError",
    "ValidationFailed",
    "ends_session",
    "tls_failure",
]


class NetError(Exception):
    """Base of every failure talking to the backend.

    Attributes:
        status: the HTTP status, or ``None`` when no response arrived (or for hub errors).
        title: the ProblemDetails ``title`` (the backend's machine error code), or ``""``.
        detail: the ProblemDetails ``detail`` (human text), or ``""``.
    """

    def __init__(
        self, message: str, *, status: int | None = None, title: str = "", detail: str = ""
    ) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.detail = detail


class AuthExpired(NetError):
    """The session is over (refresh refused or a second 401): the user must log in again."""


class AccessRefusedAfterRefresh(AuthExpired):
    """A 401 for the access token this call had just refreshed, while the refresh token works.

    Still an ``AuthExpired`` for callers that only know that much, but not a reason to sign a
    kitchen screen out: the refresh token was accepted moments ago, so the access tokens were
    revoked again meanwhile (chaos seed 992: two expiries within one slow round trip signed
    out every terminal). The app retries later with its usual backoff; a refused *refresh*
    still raises plain ``AuthExpired`` and ends the session.
    """


def ends_session(exc: BaseException) -> bool:
    """True when `exc` means the user must sign in again (not a refusal right after a refresh)."""
    return isinstance(exc, AuthExpired) and not isinstance(exc, AccessRefusedAfterRefresh)


class Forbidden(NetError):
    """403: the token is valid but lacks the restaurant permission (no detail from the server)."""


class NotFound(NetError):
    """404: unknown order or route; ``title`` carries the backend's code when it sent one."""


class InvalidTransition(NetError):
    """400 ``Order.Invalid…``: the order is not in a status that allows this action."""


class ValidationFailed(NetError):
    """400 validation problem.

    Attributes:
        errors: PascalCase command property name (``""`` for whole-object rules) → messages.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = 400,
        title: str = "",
        detail: str = "",
        errors: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message, status=status, title=title, detail=detail)
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}


class Conflict(NetError):
    """409: the request conflicts with the order's state."""


class ServerUnavailable(NetError):
    """The server could not be reached, timed out, or failed (5xx or an unexpected status).

    Attributes:
        unsent: True when the request certainly never reached the server (no connection could
            be made): a kept step may then be cancelled by the cook again. False when it may
            have arrived (a timeout, a connection dropped mid-answer, a 5xx).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        title: str = "",
        detail: str = "",
        unsent: bool = False,
    ) -> None:
        super().__init__(message, status=status, title=title, detail=detail)
        self.unsent = unsent


class HubError(NetError):
    """A hub invocation failed.

    Attributes:
        server_text: the completion's ``error`` text exactly as the server sent it.
        method: the hub method that was invoked.
    """

    def __init__(self, message: str, *, server_text: str = "", method: str = "") -> None:
        super().__init__(message, detail=server_text)
        self.server_text = server_text
        self.method = method


class HubForbidden(HubError):
    """The hub refused the call: ``HubException: Forbidden`` (no permission for the resource)."""


class HubUnauthorized(HubError):
    """The hub refused the call: ``HubException: Unauthorized`` (no authenticated user)."""


class ConnectionLost(NetError):
    """The hub connection dropped (or was stopped) while the call was in flight."""


_HUB_EXCEPTION_MARK = "HubException: "


def hub_error_from_text(server_text: str, method: str) -> HubError:
    """Build the right ``HubError`` subclass from a completion's error text.

    ASP.NET appends ``HubException: <message>`` only for HubExceptions (contract §8.4), so the
    text after that mark is the only part worth matching; everything else stays a plain HubError.
    """
    _, mark, tail = server_text.partition(_HUB_EXCEPTION_MARK)
    reason = tail.strip() if mark else ""
    cls: type[HubError] = HubError
    if reason == "Forbidden":
        cls = HubForbidden
    elif reason == "Unauthorized":
        cls = HubUnauthorized
    return cls(f"hub call {method} failed: {server_text}", server_text=server_text, method=method)


def tls_failure(exc: BaseException) -> str | None:
    """The TLS problem behind ``exc`` (anywhere in its cause chain) in words, else ``None``.

    httpx reports an untrusted certificate as a bare ``ConnectError``; a message that says
    which certificate check failed, and what to configure, saves an installer an hour.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            reason = current.verify_message or current.reason or "verification failed"
            return (
                f"the server's TLS certificate is not trusted ({reason}); if it uses a "
                "private certificate authority, configure its CA file"
            )
        if isinstance(current, ssl.SSLError):
            return f"the TLS handshake failed ({current.reason or current})"
        current = current.__cause__ or current.__context__
    return None

"""The wire: REST client, hub client and token store, turning bytes into kds.core objects."""

from __future__ import annotations

from kds.net.errors import (
    AuthExpired,
    Conflict,
    ConnectionLost,
    Forbidden,
    HubError,
    HubForbidden,
    HubUnauthorized,
    InvalidTransition,
    NetError,
    NotFound,
    ProtocolError,
    ServerUnavailable,
    ValidationFailed,
)
from kds.net.hub import HubClient, HubState
from kds.net.redact import install_redaction
from kds.net.rest import RestClient
from kds.net.retry import HubRetryPolicy, RetryPolicy
from kds.net.tokens import TokenStore

__all__ = [
    "AuthExpired",
    "Conflict",
    "ConnectionLost",
    "Forbidden",
    "HubClient",
    "HubError",
    "HubForbidden",
    "HubRetryPolicy",
    "HubState",
    "HubUnauthorized",
    "InvalidTransition",
    "NetError",
    "NotFound",
    "ProtocolError",
    "RestClient",
    "RetryPolicy",
    "ServerUnavailable",
    "TokenStore",
    "ValidationFailed",
    "install_redaction",
]

"""Token extraction for hub routes: the `Authorization` header or the `access_token` query."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

Authenticate = Callable[[str], Any]  # token -> principal | None (or an awaitable of it)

_BEARER = "Bearer "  # ASP.NET's bearer handler accepts exactly this, case-sensitive


def query_params(scope: Mapping[str, Any]) -> dict[str, str]:
    """First value per key of the query string (ASP.NET reads keys case-insensitively)."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"), True):
        out.setdefault(key.lower(), value)
    return out


def header(scope: Mapping[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def extract_token(scope: Mapping[str, Any]) -> str | None:
    """The ``Authorization: Bearer`` header, else the ``access_token`` query (YummyZoom)."""
    auth = header(scope, b"authorization")
    if auth is not None:
        return auth[len(_BEARER) :] if auth.startswith(_BEARER) else None
    token = query_params(scope).get("access_token")
    return token or None


async def authenticate(scope: Mapping[str, Any], authenticator: Authenticate) -> Any | None:
    token = extract_token(scope)
    if not token:
        return None
    principal = authenticator(token)
    if inspect.isawaitable(principal):
        principal = await principal
    return principal

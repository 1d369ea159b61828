"""Map a non-2xx REST response onto the typed error hierarchy of ``kds.net.errors``.

The backend has two error writers with different shapes (contract §7): ProblemDetails from
result failures (``title`` = machine code), and FluentValidation's body with an ``errors`` map;
401s from the auth layer and 500s have empty bodies. Error bodies are read leniently: a garbled
body never hides the status that came with it.
"""

from __future__ import annotations

import json

import httpx

from kds.net.decode import decode_problem
from kds.net.errors import (
    AuthExpired,
    Conflict,
    Forbidden,
    InvalidTransition,
    NetError,
    NotFound,
    ServerUnavailable,
    ValidationFailed,
)

__all__ = ["error_for_response"]

_INVALID_TRANSITION_PREFIX = "Order.Invalid"


def error_for_response(resp: httpx.Response) -> NetError:
    """The ``NetError`` for a non-2xx response (the message names method, path and status)."""
    status = resp.status_code
    try:
        body = resp.json() if resp.content else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    problem = decode_problem(body)
    title, detail = problem.title, problem.detail
    where = f"{resp.request.method} {resp.request.url.path} → {status}"
    text = f"{where}: {title}" + (f" — {detail}" if detail else "") if title else where
    if status == 400:
        if problem.errors is not None or not title.startswith(_INVALID_TRANSITION_PREFIX):
            errors = problem.errors or {}
            return ValidationFailed(text, status=status, title=title, detail=detail, errors=errors)
        return InvalidTransition(text, status=status, title=title, detail=detail)
    cls: type[NetError] = NetError
    if status == 401:
        cls = AuthExpired
    elif status == 403:
        cls = Forbidden
    elif status == 404:
        cls = NotFound
    elif status == 409:
        cls = Conflict
    elif status >= 500 or status in (408, 429):
        cls = ServerUnavailable
    return cls(text, status=status, title=title, detail=detail)

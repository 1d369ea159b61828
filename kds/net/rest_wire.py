"""How a REST request and its answer look on the wire: endpoint names, timestamps, bodies, errors.

Leaf helpers of ``kds.net.rest.RestClient`` (each takes a value and returns one), kept apart so
the client module is the calls and their policy (auth, refresh, retries) only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from kds.core.actions import Action
from kds.core.errors import ProtocolError
from kds.net.errors import ServerUnavailable, tls_failure
from kds.net.rest_errors import error_for_response

__all__ = [
    "ENDPOINT",
    "checked",
    "http_date",
    "json_body",
    "problem_fields",
    "raw_row",
    "transport_errors",
    "utc_z",
]

ENDPOINT: dict[Action, str] = {
    Action.ACCEPT: "accept",
    Action.REJECT: "reject",
    Action.START: "preparing",
    Action.READY: "ready",
    Action.HAND_OVER: "delivered",
    Action.CANCEL: "cancel",
}
"""The lifecycle endpoint of each action: ``POST /orders/{orderId}/<endpoint>``."""


def utc_z(moment: datetime) -> str:
    """``2025-09-14T10:22:10.123456Z``: the only timestamp form the backend stores safely.

    A naive datetime is refused: the backend would read it as local time and 500 (§1).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamps sent to the backend must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def http_date(value: str | None) -> datetime | None:
    """An HTTP ``Date`` (RFC 9110 IMF-fixdate, or the obsolete forms) as an aware UTC datetime.

    ``None`` when absent or unreadable, or without a zone (a date is GMT by definition, but a
    value that does not say so is not one this client trusts to compare with the server's
    other timestamps).
    """
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


@contextmanager
def transport_errors(method: str, path: str) -> Iterator[None]:
    """A request that could not be made or answered becomes ``ServerUnavailable``."""
    try:
        yield
    except httpx.ConnectTimeout as exc:
        raise ServerUnavailable(f"{method} {path}: timed out", unsent=True) from exc
    except httpx.TimeoutException as exc:
        raise ServerUnavailable(f"{method} {path}: timed out") from exc
    except httpx.TransportError as exc:
        reason = tls_failure(exc) or type(exc).__name__
        # No connection, no request: a refused or unreachable server never saw it.
        unsent = isinstance(exc, httpx.ConnectError)
        raise ServerUnavailable(f"{method} {path}: {reason}", unsent=unsent) from exc


def checked(resp: httpx.Response) -> httpx.Response:
    if 200 <= resp.status_code < 300:
        return resp
    raise error_for_response(resp)


def problem_fields(resp: httpx.Response) -> dict[str, str]:
    err = error_for_response(resp)
    return {"title": err.title, "detail": err.detail}


def json_body(resp: httpx.Response) -> Any:
    if not resp.content:
        raise ProtocolError("", f"empty body from {resp.request.url.path} ({resp.status_code})")
    try:
        return resp.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ProtocolError("", f"body from {resp.request.url.path} is not JSON") from None


def raw_row(obj: object) -> object:
    """The page decoder for `RestClient.all_order_rows`: rows stay as the server sent them."""
    return obj

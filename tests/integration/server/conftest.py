"""Shared helpers for the server contract tests: a per-module token cache and request helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support import http
from tests.support.helpers import auth, login
from tests.support.server import ServerProcess

Tokens = Callable[[tuple[str, str]], dict[str, str]]


def utc_in(minutes: float) -> str:
    """A UTC timestamp `minutes` from now, ending in Z."""
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture(scope="module")
def headers_for(module_dev_server: ServerProcess) -> Tokens:
    """`headers_for(account)` → Authorization headers, logging in once per account."""
    cache: dict[tuple[str, str], dict[str, str]] = {}

    def get(account: tuple[str, str]) -> dict[str, str]:
        if account not in cache:
            cache[account] = auth(login(module_dev_server.url, *account))
        return cache[account]

    return get


def command(
    url: str, oid: str, action: str, headers: dict[str, str], **body: Any
) -> httpx.Response:
    return http.post(f"{url}/api/v1/orders/{oid}/{action}", json=body, headers=headers)


def assert_forbidden(response: httpx.Response) -> None:
    """Contract 7.3: 403, application/json; charset=utf-8, no `detail`."""
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "type": "https://tools.ietf.org/html/rfc7231#section-6.5.3",
        "title": "Forbidden",
        "status": 403,
    }


def assert_problem(response: httpx.Response, status: int, title: str, detail: str) -> None:
    """Contract 7.1: problem+json {type, title, status, detail}, nothing else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert list(body) == ["type", "title", "status", "detail"]
    assert (body["title"], body["status"], body["detail"]) == (title, status, detail)


def assert_validation(response: httpx.Response, errors: dict[str, list[str]]) -> None:
    """Contract 7.2: application/json; charset=utf-8 with the errors dictionary."""
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["type"] == "https://tools.ietf.org/html/rfc7231#section-6.5.1"
    assert body["title"] == "One or more validation errors occurred."
    assert body["status"] == 400
    assert body["errors"] == errors
    assert body["detail"] == " | ".join(f"{k}: {', '.join(v)}" for k, v in errors.items())


def assert_challenge(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.content == b""
    assert response.headers["www-authenticate"] == "Bearer"

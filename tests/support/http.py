"""One-shot HTTP calls for tests against the loopback server (no TLS set-up: ~20 ms saved each)."""

from __future__ import annotations

from typing import Any

import httpx


def request(method: str, url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", 10)
    with httpx.Client(verify=False) as client:  # plain http on 127.0.0.1: no CA bundle needed
        return client.request(method, url, **kwargs)


def get(url: str, **kwargs: Any) -> httpx.Response:
    return request("GET", url, **kwargs)


def post(url: str, **kwargs: Any) -> httpx.Response:
    return request("POST", url, **kwargs)


def put(url: str, **kwargs: Any) -> httpx.Response:
    return request("PUT", url, **kwargs)

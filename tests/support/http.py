"""One-shot HTTP calls for tests against the loopback server (no TLS set-up: ~20 ms saved each).

These calls carry real tokens (``?access_token=…``, ``Authorization``) and httpx logs every
request line at DEBUG, which the suite runs at: like the product's own clients, this one puts
the product's redaction on the loggers of the wire libraries it uses (httpx, httpcore — not
``kds``: the secrets check's own leak test logs through ``kds.leaky`` and must be caught)
before its first request. Without it a test file run on its own leaked its tokens to the log:
only an earlier test's ``RestClient`` had installed the redaction.
"""

from __future__ import annotations

from typing import Any

import httpx

from kds.net.redact import install_redaction

install_redaction(("httpx", "httpcore"))


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

"""Login failure kinds and words, and the text of a failed action."""

from __future__ import annotations

import ssl

import httpx

from kds.app.messages import LoginFailure, action_text, is_tls_error, login_failure
from kds.net.errors import (
    AuthExpired,
    Forbidden,
    InvalidTransition,
    ServerUnavailable,
    ValidationFailed,
)

URL = "https://kds.test"


def test_login_failures_have_kinds_and_words() -> None:
    assert login_failure(AuthExpired("x", status=401, detail="Failed"), URL)[0] == (
        LoginFailure.WRONG_PASSWORD
    )
    kind, text = login_failure(AuthExpired("x", status=401, detail="LockedOut"), URL)
    assert kind == LoginFailure.LOCKED_OUT
    assert "5 minutes" in text
    kind, text = login_failure(ServerUnavailable("POST /users/login: ConnectError"), URL)
    assert kind == LoginFailure.UNREACHABLE
    assert URL in text
    try:
        try:
            raise ssl.SSLCertVerificationError("certificate verify failed")
        except ssl.SSLError as inner:
            raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]") from inner
    except httpx.ConnectError as middle:
        wrapped = ServerUnavailable("POST /users/login: ConnectError")
        wrapped.__cause__ = middle
    assert is_tls_error(wrapped)
    assert login_failure(wrapped, URL)[0] == LoginFailure.TLS
    assert login_failure(RuntimeError("boom"), URL)[0] == LoginFailure.OTHER


def test_action_text_prefers_the_servers_detail() -> None:
    err = InvalidTransition("...", status=400, title="Order.X", detail="Cannot do that.")
    assert action_text(err) == "Cannot do that."
    too_soon = ValidationFailed(
        "...",
        detail="EstimatedDeliveryTime: Estimated delivery time must be at least 5 minutes "
        "in the future.",
        errors={
            "EstimatedDeliveryTime": [
                "Estimated delivery time must be at least 5 minutes in the future."
            ]
        },
    )
    assert action_text(too_soon) == (
        "Estimated delivery time must be at least 5 minutes in the future."
    )
    assert action_text(Forbidden("...", status=403, title="Forbidden")) == (
        "Not allowed for this account."
    )

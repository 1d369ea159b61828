"""Pure pieces of the app layer and CLI: login failure kinds, state file, restaurant matching."""

from __future__ import annotations

import io
import json
import ssl
from pathlib import Path

import httpx

from kds.app.messages import LoginFailure, action_text, is_tls_error, login_failure
from kds.app.settings import StateFile
from kds.cli.output import TailWriter
from kds.cli.tail import match_restaurant
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


def test_state_file_remembers_per_user_and_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.json"
    state = StateFile(path)
    assert state.last_restaurant(URL, "a") is None
    state.remember_restaurant(URL, "a", "rid-a")
    state.remember_restaurant(URL + "/", "b", "rid-b")
    state.remember_user(URL, "b")
    assert StateFile(path).last_restaurant(URL, "a") == "rid-a"
    assert StateFile(path).last_restaurant(URL, "b") == "rid-b"
    assert StateFile(path).last_user(URL + "/") == "b"
    assert "token" not in path.read_text().lower()
    StateFile(path, read_only=True).remember_restaurant(URL, "a", "other")
    assert StateFile(path).last_restaurant(URL, "a") == "rid-a"
    path.write_text("{not json")
    assert StateFile(path).last_restaurant(URL, "a") is None
    StateFile(path).remember_restaurant(URL, "a", "again")
    assert StateFile(path).last_restaurant(URL, "a") == "again"


def test_restaurant_matches_id_slug_or_name() -> None:
    rows = [("6f1c2a9e-0000-4000-8000-000000000001", "Pho Hanoi", "RestaurantStaff")]
    rid = rows[0][0]
    for wanted in (rid, rid.upper(), "pho-hanoi", "Pho Hanoi", "PHO HANOI", " pho hanoi "):
        assert match_restaurant(wanted, rows) == rid
    assert match_restaurant("sushi-ko", rows) is None


def test_tail_writer_json_lines_are_flushed_objects() -> None:
    buf = io.StringIO()
    out = TailWriter(True, buf)
    out.notice("warning", "Server unreachable")
    out.remove("o1", None)
    out.closed = True
    out.alert("o2", "ORD-2")  # nothing after the board line
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == [
        {"type": "notice", "level": "warning", "message": "Server unreachable"},
        {"type": "remove", "orderId": "o1", "status": None},
    ]

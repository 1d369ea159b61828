"""Login failure kinds and words, and the text of a failed action."""

from __future__ import annotations

import ssl

import httpx

from kds.app.messages import (
    LoginFailure,
    SessionWords,
    action_text,
    is_tls_error,
    login_failure,
)
from kds.net.errors import (
    AuthExpired,
    Forbidden,
    InvalidTransition,
    ServerUnavailable,
    ValidationFailed,
)
from kds.net.tokens import NO_KEYRING_NOTICE

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


def test_login_failures_and_session_notices_in_vietnamese(vietnamese: None) -> None:
    assert login_failure(AuthExpired("x", status=401, detail="Failed"), URL) == (
        LoginFailure.WRONG_PASSWORD,
        "Sai tên đăng nhập hoặc mật khẩu.",
    )
    assert login_failure(AuthExpired("x", status=401, detail="LockedOut"), URL)[1] == (
        "Sai quá nhiều lần: tài khoản bị khóa 5 phút."
    )
    down = ServerUnavailable("POST /users/login: ConnectError")
    assert login_failure(down, URL, retrying=True)[1] == (
        f"Không kết nối được máy chủ {URL}. Kiểm tra mạng và địa chỉ. Đang tự thử lại."
    )
    assert login_failure(RuntimeError("boom"), URL)[1] == (
        "Đăng nhập không thành công: RuntimeError"
    )
    # Our words translated; the server's own words stay as sent.
    assert action_text(Forbidden("...", status=403, title="Forbidden")) == (
        "Tài khoản này không được phép."
    )
    refused = InvalidTransition("...", status=400, title="Order.X", detail="Cannot do that.")
    assert action_text(refused) == "Cannot do that."
    assert SessionWords.expired() == "Đã đăng xuất: phiên đăng nhập hết hạn. Hãy đăng nhập lại."
    assert SessionWords.unknown_status("1a2b3c4d", "Teleported") == (
        "Đơn 1a2b3c4d có trạng thái mà phiên bản này không biết: Teleported."
    )
    assert SessionWords.keyring(NO_KEYRING_NOTICE) == (
        "Không tìm thấy kho khóa của hệ thống: phải đăng nhập lại sau khi kds khởi động lại."
    )

"""The redaction filter: no bearer token or token field survives into a formatted record."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kds.net.redact import RedactingFilter, install_redaction, redact

TOKEN = "CfDJ8Nq-opaque_token.value/with+chars=="


@pytest.mark.parametrize(
    "text",
    [
        f"Authorization: Bearer {TOKEN}",
        f"{{'Authorization': 'Bearer {TOKEN}'}}",
        f'{{"headers": {{"Authorization": "Bearer {TOKEN}"}}}}',
        f"GET /hubs/restaurant-orders?id=abc&access_token={TOKEN} HTTP/1.1",
        f'{{"accessToken":"{TOKEN}","refreshToken":"{TOKEN}"}}',
        f"refresh_token={TOKEN}",
        f"authorization: bearer {TOKEN}",
        f"GET /hubs/restaurant-orders?access%5Ftoken={TOKEN} HTTP/1.1",
        f"wss://kds.test/hubs/restaurant-orders?id={TOKEN}",
        f"POST /hubs/restaurant-orders?ID={TOKEN}&v=1 HTTP/1.1",
        f"GET http://h/hubs/restaurant-orders?v=1&i%64={TOKEN}",
    ],
)
def test_redact_removes_token(text: str) -> None:
    out = redact(text)
    assert TOKEN not in out
    assert "***" in out


def test_redact_keeps_innocent_text() -> None:
    text = "GET /api/v1/restaurants/6f1c/orders/new?pageNumber=1&pageSize=100 200"
    assert redact(text) == text
    other = "GET /api/v1/orders?id=6f1c&valid=1 200"  # an id outside a hub URL is data
    assert redact(other) == other


def test_filter_rewrites_message_and_args(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("kds.test.redact")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.DEBUG, logger="kds.test.redact"):
        logger.debug("sending %s with %r and %d", f"Bearer {TOKEN}", {"access_token": TOKEN}, 3)
        logger.info(f"url ?access_token={TOKEN}")
        logger.info("mapping %(h)s", {"h": f"Authorization: Bearer {TOKEN}"})
    text = caplog.text
    assert TOKEN not in text
    assert "with" in text
    assert " 3" in text


def test_installed_filter_covers_child_loggers(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    install_redaction()  # idempotent
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("httpcore.http11").debug("send_request_headers %s", f"Bearer {TOKEN}")
        logging.getLogger("SignalRCoreClient").debug(
            f'{{"type":1,"headers":{{"Authorization":"Bearer {TOKEN}"}}}}'
        )
        logging.getLogger("kds.net.deep.child").warning("x Bearer %s", TOKEN)
    assert caplog.records
    assert TOKEN not in caplog.text


def test_exception_text_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    logger = logging.getLogger("kds.test.exc")
    with caplog.at_level(logging.ERROR, logger="kds.test.exc"):
        try:
            raise ValueError(f"bad header Bearer {TOKEN}")
        except ValueError:
            logger.exception("failed")
    assert "failed" in caplog.text
    assert TOKEN not in caplog.text


@given(
    token=st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.",
        min_size=8,
        max_size=400,
    ),
    template=st.sampled_from(
        [
            "Authorization: Bearer {}",
            "{{'Authorization': 'Bearer {}'}}",
            '{{"type":1,"headers":{{"Authorization":"Bearer {}"}}}}',
            "wss://h/hubs/r?id=x&access_token={}&v=1",
            '{{"accessToken":"{}","expiresIn":3600}}',
            "refreshToken={}",
        ]
    ),
)
def test_any_opaque_token_is_redacted(token: str, template: str) -> None:
    # Counted, not just "not in": a token may also be part of the template's own text
    # (hypothesis found "Authoriz"), and that occurrence is no leak.
    assert redact(template.format(token)).count(token) <= template.format("").count(token)

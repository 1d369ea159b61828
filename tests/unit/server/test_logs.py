"""Log redaction: tokens never reach a log line."""

from __future__ import annotations

import logging
import sys

import pytest

from kds.server.logs import (
    RedactingFilter,
    RedactingFormatter,
    clean,
    escape_controls,
    escape_url_bytes,
    redact,
    redact_query,
)


def test_tokens_are_redacted_from_log_lines() -> None:
    line = (
        "GET /hubs/restaurant-orders?id=abc&access_token=s3cr3t.t0k3n HTTP/1.1"
        ' "Authorization": "Bearer abc.def"'
    )
    cleaned = redact(line)
    assert "s3cr3t" not in cleaned
    assert "abc.def" not in cleaned
    assert "access_token=***" in cleaned
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "headers %s", ({"authorization": "Bearer zzz"},), None
    )
    assert "zzz" not in RedactingFormatter("%(message)s").format(record)


@pytest.mark.parametrize(
    "name",
    [
        "access_token",
        "ACCESS_TOKEN",
        "Access_Token",
        "access%5Ftoken",
        "access%5ftoken",
        "%61ccess_token",
        "access%255Ftoken",  # encoded twice
        "access_token%20",
        "refresh_token",
        "refreshToken",
        "token",
        "TOKEN",
        "t%6Fken",
        "connectionToken",
        "id_token",
        "x+token",
    ],
)
def test_every_spelling_of_a_token_parameter_loses_its_value(name: str) -> None:
    query = f"a=1&{name}=s3cr3t%2Bv%61lue&b=2"
    assert redact_query(query, hub=False) == f"a=1&{name}=***&b=2"
    assert "s3cr3t" not in redact(f"GET /api/v1/users/me?{query} 401")


def test_every_occurrence_is_redacted_whatever_the_value() -> None:
    query = "access_token=one&access_token=two&ACCESS%5FTOKEN=three&access_token=&token=%00x"
    assert redact_query(query, hub=False) == (
        "access_token=***&access_token=***&ACCESS%5FTOKEN=***&access_token=***&token=***"
    )


def test_id_is_the_connection_token_on_hub_paths_only() -> None:
    assert redact_query("id=conn-secret&negotiateVersion=1", hub=True) == (
        "id=***&negotiateVersion=1"
    )
    assert redact_query("ID=a&i%64=b&%49D=c", hub=True) == "ID=***&i%64=***&%49D=***"
    assert redact_query("id=42", hub=False) == "id=42"
    line = '127.0.0.1:1 - "WebSocket /hubs/restaurant-orders?id=conn-secret" [accepted]'
    assert "conn-secret" not in redact(line)
    assert "id=42" in redact("GET /api/v1/things?id=42 200")


def test_other_parameters_and_names_without_values_are_kept() -> None:
    query = "negotiateVersion=1&pageNumber=2&access_token&tokens_left=3"
    assert redact_query(query, hub=True) == query


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\x0ab"),
        ("a\r\nb", "a\\x0d\\x0ab"),
        ("a\x00b", "a\\x00b"),
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("a\x85b", "a\\x85b"),
        ("a\u2028b", "a\\u2028b"),
        ("plain /path?q=1 é", "plain /path?q=1 é"),
    ],
)
def test_control_characters_are_escaped(raw: str, shown: str) -> None:
    assert escape_controls(raw) == shown


def test_url_bytes_keep_printable_ascii_and_percent_encode_the_rest() -> None:
    assert escape_url_bytes(b"/a%0ab c\n\x00\xc3\xa9") == "/a%0ab%20c%0A%00%C3%A9"


def test_the_filter_leaves_one_clean_line_per_record() -> None:
    record = logging.LogRecord(
        "uvicorn.error",
        logging.INFO,
        __file__,
        1,
        '%s - "WebSocket %s" [accepted]',
        ("127.0.0.1:1", "/hubs/x\n2026-01-01 INFO forged?id=conn&access%5Ftoken=tok\x00"),
        None,
    )
    assert RedactingFilter().filter(record)
    message = record.getMessage()
    assert message == (
        '127.0.0.1:1 - "WebSocket /hubs/x\\x0a2026-01-01 INFO forged?id=***&access%5Ftoken=***'
        '" [accepted]'
    )
    line = RedactingFormatter("%(levelname)s %(message)s").format(record)
    assert "\n" not in line
    assert "\x00" not in line


def test_the_formatter_escapes_the_message_but_keeps_the_traceback_lines() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "kds.server.x", logging.ERROR, __file__, 1, "path %s", ("/a\nb?token=zz",), exc_info
    )
    text = RedactingFormatter("%(message)s").format(record)
    first, *traceback = text.split("\n")
    assert first == "path /a\\x0ab?token=***"
    assert traceback[0] == "Traceback (most recent call last):"


def test_a_huge_target_is_cleaned_in_one_pass() -> None:
    # Quadratic patterns would take minutes on this (and trip the test timeout).
    path = "/api/v1/" + "a/" * 100_000
    line = f"GET {path} 404"
    assert clean(line) == line
    assert clean(f"GET {path}?token=x&{'b=' * 50_000}") == f"GET {path}?token=***&{'b=' * 50_000}"

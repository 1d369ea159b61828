"""Log redaction: tokens never reach a log line."""

from __future__ import annotations

import logging

from kds.server.logs import RedactingFormatter, redact


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

"""Logging to stderr with secrets redacted (`access_token` query values, Authorization headers)."""

from __future__ import annotations

import logging
import re

_ACCESS_TOKEN = re.compile(r"(access_token=)[^&\s\"']+", re.IGNORECASE)
# Any bearer credential, whatever carried it (header dicts, tuples, raw request lines).
_BEARER = re.compile(r"(bearer\s+)[A-Za-z0-9\-._~+/=]+", re.IGNORECASE)


def redact(text: str) -> str:
    return _BEARER.sub(r"\1***", _ACCESS_TOKEN.sub(r"\1***", text))


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks token values wherever they ended up in the message."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())

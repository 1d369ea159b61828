"""Logging to stderr with secrets redacted (`access_token` query values, Authorization headers)."""

from __future__ import annotations

import logging
import re

from kds.server.signalr import RedactingFilter

_ACCESS_TOKEN = re.compile(r"(access_token=)[^&\s\"']+", re.IGNORECASE)
# Any bearer credential, whatever carried it (header dicts, tuples, raw request lines).
_BEARER = re.compile(r"(bearer\s+)[A-Za-z0-9\-._~+/=]+", re.IGNORECASE)
# Logger filters see only records logged on that very logger (not on its children), so name
# each logger whose records may carry a request URL or headers.
_REDACTED_LOGGERS = (
    "kds.server",
    "kds.server.signalr",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
)


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


def install_log_redaction() -> None:
    """Scrub ``access_token`` values and bearer tokens from request lines the server logs.

    Belt and braces: ``configure_logging`` also redacts at the handler; these filters keep an
    app built by ``build_app`` safe under any other logging setup (tests, embedding).
    """
    for name in _REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())

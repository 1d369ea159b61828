"""A logging filter that blanks bearer tokens and token-bearing fields out of every log record.

Third-party loggers are the risk: signalrcore logs every encoded hub message (which carries the
``Authorization`` header) at DEBUG, and httpx/httpcore log request lines and headers. Rather than
trust each library, the filter rewrites the record itself — message and args — before any
handler formats it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["REDACTED", "RedactingFilter", "install_redaction", "redact"]

REDACTED = "***"

# Loggers the filter goes on: ours and those of the wire libraries we drive.
DEFAULT_LOGGERS = ("kds", "httpx", "httpcore", "signalrcore", "SignalRCoreClient")

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Authorization: Bearer x", "'Authorization': 'Bearer x'", b"Bearer x" in reprs: the token
    # is whatever follows "Bearer " up to a quote, whitespace, comma or closing bracket.
    (re.compile(r"(Bearer\s+)[^\s'\",;}\])]+", re.IGNORECASE), r"\1" + REDACTED),
    # access_token=... in URLs (the hub query fallback), its name percent-encoded too
    # ("access%5Ftoken", which a server decodes to the same parameter).
    (re.compile(r"(access(?:_|%5f)token=)[^&\s'\"]+", re.IGNORECASE), r"\1" + REDACTED),
    # JSON token responses and refresh bodies: "accessToken": "..." / "refreshToken": "...".
    (
        re.compile(r"([\"']?(?:access|refresh)_?token[\"']?\s*[:=]\s*[\"']?)[^\"'\s,}&]+", re.I),
        r"\1" + REDACTED,
    ),
)


# A hub URL's query: its ``id`` is the SignalR connection token, as good as a credential for
# that connection while it lives (signalrcore logs the URL it connects to).
_HUB_QUERY = re.compile(r"(/hubs/[^\s?'\"]*\?)([^\s'\"#]*)")
_HUB_ID = re.compile(r"(^|&)((?:id|i%64|%69d|%69%64)=)[^&]*", re.IGNORECASE)


def _redact_hub_query(match: re.Match[str]) -> str:
    return match.group(1) + _HUB_ID.sub(r"\1\2" + REDACTED, match.group(2))


def redact(text: str) -> str:
    """Return ``text`` with every bearer token, token field and hub connection token replaced
    by ``***``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _HUB_QUERY.sub(_redact_hub_query, text)


class RedactingFilter(logging.Filter):
    """Formats the record's message once, redacted, so no formatter can print a token.

    Redacting ``msg`` and ``args`` separately is not enough: ``"Bearer %s"`` with the token in
    ``args`` only becomes a secret after formatting. The record keeps the redacted text as
    ``msg`` with empty ``args``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError, KeyError):
            text = f"{record.msg} {record.args!r}"
        record.msg = redact(text)
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # Format the traceback now, redacted, so handlers reuse the cached text.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


_installed: dict[str, RedactingFilter] = {}


def install_redaction(names: Iterable[str] = DEFAULT_LOGGERS) -> None:
    """Attach one shared ``RedactingFilter`` to each named logger (idempotent).

    A filter on a logger applies to records created on that logger only, so the children that
    log on their own (``httpcore.http11``, ``kds.net.hub``) would escape it. Every logger under
    the given names, existing now or created later, is therefore also covered through
    ``logging.setLogRecordFactory``, the one hook that sees every record at creation.
    ``kds.server`` is left alone: the reference server redacts its own logs, and may share a
    process with the client in tests.
    """
    for name in names:
        if name not in _installed:
            flt = RedactingFilter()
            logging.getLogger(name).addFilter(flt)
            _installed[name] = flt
    _install_factory(tuple(_installed))


_factory_prefixes: tuple[str, ...] = ()
_EXEMPT = "kds.server."


def _install_factory(prefixes: tuple[str, ...]) -> None:
    global _factory_prefixes
    first = not _factory_prefixes
    _factory_prefixes = prefixes
    if not first:
        return
    previous = logging.getLogRecordFactory()
    flt = RedactingFilter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        name = record.name
        if name.startswith(_EXEMPT) or name == _EXEMPT[:-1]:
            return record
        if any(name == p or name.startswith(p + ".") for p in _factory_prefixes):
            flt.filter(record)
        return record

    logging.setLogRecordFactory(factory)

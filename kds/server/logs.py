"""Logging to stderr, one line per record: secrets redacted, text from requests escaped.

Two rules hold for every line the server writes, whatever logger it came through:

* **No credential.** A query parameter is judged by its *decoded* name (percent-encoding and
  `+` undone, case ignored, separators dropped), the way the server itself reads it — so
  `access_token`, `access%5Ftoken`, `ACCESS_TOKEN`, `refresh_token`, `token`, any other
  `…token` and, on `/hubs/` paths, `id` (the SignalR connection token, a bearer credential
  for its connection) lose their value, every occurrence, whatever the value's encoding.
  Bearer tokens and `Authorization` headers anywhere in a line are masked too.
* **No forged line.** Control characters (CR, LF, NUL, ESC, …) and Unicode line separators
  taken from a request are shown escaped (`\\x0a`; a logged URL percent-encodes them, `%0A`).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote_plus

REDACTED = "***"

# ------------------------------------------------------------------ query parameters
# Names (decoded, lower-case, letters and digits only) whose value is a credential, besides
# every name ending in "token" (access_token, refresh_token, token, connectionToken, …).
_SECRET_NAMES = frozenset({"authorization", "password", "apikey", "secret"})
_NOT_ALNUM = re.compile(r"[\W_]+")


def _decoded(name: str) -> str:
    """The name as a server reads it; undone repeatedly, so double encoding hides nothing."""
    for _ in range(4):
        step = unquote_plus(name, errors="replace")
        if step == name:
            break
        name = step
    return name


def is_secret_param(name: str, *, hub: bool) -> bool:
    """Whether a query parameter of that (raw) name carries a credential."""
    key = _NOT_ALNUM.sub("", _decoded(name).lower())
    return key.endswith("token") or key in _SECRET_NAMES or (hub and key == "id")


def is_hub_path(path: str) -> bool:
    """Hub requests carry the connection token as `id` (any case: over-redacting is safe)."""
    return "/hubs" in path.lower()


def redact_query(query: str, *, hub: bool) -> str:
    """A raw query string with every credential's value replaced by `***`.

    Split exactly as the server's parser splits it (on `&`, the name ends at the first `=`),
    so whatever the server would take as a credential is what gets masked.
    """
    parts = query.split("&")
    for i, part in enumerate(parts):
        name, eq, _value = part.partition("=")
        if eq and is_secret_param(name, hub=hub):
            parts[i] = f"{name}={REDACTED}"
    return "&".join(parts)


# ------------------------------------------------------------------ escaping
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """Control characters and line separators as `\\xNN` / `\\uNNNN`: one record, one line."""
    return _CONTROL.sub(lambda m: _escaped(m.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_url_bytes(raw: bytes) -> str:
    """Bytes of a request target as text: anything but printable ASCII percent-encoded."""
    return "".join(chr(b) if 0x21 <= b <= 0x7E else f"%{b:02X}" for b in raw)


# ------------------------------------------------------------------ free text
# Each pattern may only start where its run of characters starts (the lookbehinds): a long
# request path without `?` or `=` then costs one scan, not one per position (quadratic).
# A URL's query inside a line (split on `&` only, as the server splits it).
_URL_QUERY = re.compile(r"(?<![^\s?#\"'<>])(?P<path>[^\s?#\"'<>]*)\?(?P<query>[^\s#\"'<>]*)")
# Any other `name=value` in a line (a query cut by a quote, a form body, a message).
_PAIR = re.compile(
    r"(?<![^\s=&?#;\"',:(){}\[\]<>])(?P<name>[^\s=&?#;\"',:(){}\[\]<>]+)=(?P<value>[^\s&#;\"',]*)"
)
# "accessToken": "…" and the like in JSON or a dict's repr.
_TOKEN_FIELD = re.compile(r"([\"'][\w-]*token[\"']\s*:\s*[\"'])[^\"']*", re.IGNORECASE)
_AUTH_HEADER = re.compile(
    r"(authorization['\"]?\s*[:=,]\s*['\"]?)(bearer\s+)?[^\s'\",}]+", re.IGNORECASE
)
_BEARER = re.compile(r"(bearer\s+)[A-Za-z0-9\-._~+/=%]+", re.IGNORECASE)


def redact(text: str) -> str:
    """A log line with every credential in it replaced by `***` (idempotent).

    `id` counts as a connection token when the line mentions `/hubs` anywhere: the path and
    its query need not be next to each other in a free-text message.
    """
    hub = is_hub_path(text)

    def url(match: re.Match[str]) -> str:
        return f"{match.group('path')}?{redact_query(match.group('query'), hub=hub)}"

    def pair(match: re.Match[str]) -> str:
        if not is_secret_param(match.group("name"), hub=hub):
            return match.group()
        return f"{match.group('name')}={REDACTED}"

    text = _URL_QUERY.sub(url, text)
    text = _PAIR.sub(pair, text)
    text = _TOKEN_FIELD.sub(rf"\1{REDACTED}", text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{REDACTED}", text)
    return _BEARER.sub(rf"\1{REDACTED}", text)


def clean(message: str) -> str:
    """What of a record's message may reach a log line: escaped, then redacted."""
    return redact(escape_controls(message))


# ------------------------------------------------------------------ logging set-up
# Logger filters see only records logged on that very logger (not on its children), so name
# each logger whose records may carry a request URL or headers.
_REDACTED_LOGGERS = (
    "kds.server",
    "kds.server.signalr",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message once, cleaned (`clean`), so no formatter can leak it.

    The message is formatted first: with `"Bearer %s"` the token only appears once the args
    are in. A traceback keeps its lines (it is ours, not the request's) but is redacted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        record.msg, record.args = clean(message), None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class RedactingFormatter(logging.Formatter):
    """Formats as usual with the message line escaped; then masks tokens in the whole text."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return escape_controls(super().formatMessage(record))

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def install_log_redaction() -> None:
    """Clean the records of the loggers that may carry a request line (`RedactingFilter`).

    Belt and braces: ``configure_logging`` also cleans at the handler; these filters keep an
    app built by ``build_app`` safe under any other logging setup (tests, embedding).
    """
    for name in _REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())

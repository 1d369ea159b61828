"""Pure SignalR JSON hub protocol: record framing, handshake and message parsing/encoding.

No sockets and no asyncio here, so the byte-level rules (ASP.NET Core's TextMessageFormat and
JsonHubProtocol) can be tested exhaustively; any bad input comes out as ``ProtocolError`` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from kds.server import strict_json

RECORD_SEPARATOR = b"\x1e"
RS = "\x1e"  # the same separator for outgoing text records
MAX_MESSAGE_BYTES = 32 * 1024
JSON_PROTOCOL_VERSION = 2  # ASP.NET Core 8+ accepts any json version <= 2


class ProtocolError(Exception):
    """The peer broke the wire protocol; the connection should be closed with an error."""


class MessageTooLargeError(ProtocolError):
    """A record exceeded MaximumReceiveMessageSize (ASP.NET closes the connection)."""


class HandshakeError(ProtocolError):
    """The handshake was refused; ``str(err)`` is ASP.NET's exact response text."""


class RecordBuffer:
    """Splits incoming bytes on 0x1E and keeps a partial trailing record for the next chunk.

    Clients may batch several records in one frame or POST and may (in theory) split one record
    across frames; ASP.NET buffers both ways, so we do too.
    """

    def __init__(self, max_record_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._pending = bytearray()
        self._max = max_record_bytes

    @property
    def pending_bytes(self) -> int:
        return len(self._pending)

    def feed(self, data: bytes) -> list[bytes]:
        """Return the complete records (without separator) now available, in order."""
        self._pending += data
        records: list[bytes] = []
        start = 0
        while True:
            end = self._pending.find(RECORD_SEPARATOR, start)
            if end < 0:
                break
            # ASP.NET looks for the separator within the first max bytes: record + 0x1E <= max.
            if end - start + 1 > self._max:
                self._pending.clear()
                raise MessageTooLargeError(self._too_large())
            records.append(bytes(self._pending[start:end]))
            start = end + 1
        del self._pending[:start]
        if len(self._pending) >= self._max:
            self._pending.clear()
            raise MessageTooLargeError(self._too_large())
        return records

    def _too_large(self) -> str:
        return (
            f"The maximum message size of {self._max}B was exceeded. "
            "The message size can be configured in AddHubOptions."
        )


# ---------------------------------------------------------------- handshake


@dataclass(frozen=True, slots=True)
class HandshakeRequest:
    protocol: str
    version: int


HANDSHAKE_OK = "{}" + RS
HANDSHAKE_PARSE_ERROR = "An unexpected error occurred during connection handshake."
HANDSHAKE_CANCELED = "Handshake was canceled."


def parse_handshake(record: bytes) -> HandshakeRequest:
    """Parse ``{"protocol":..,"version":..}``; raise ProtocolError if it is not one."""
    obj = _load_object(record)
    protocol = obj.get("protocol")
    version = obj.get("version")
    if not isinstance(protocol, str):
        raise ProtocolError("Missing required property 'protocol'.")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProtocolError("Missing required property 'version'.")
    return HandshakeRequest(protocol, version)


def check_handshake(request: HandshakeRequest) -> None:
    """Raise HandshakeError with ASP.NET's text unless this is json with a version <= 2."""
    if request.protocol != "json":
        raise HandshakeError(f"The protocol '{request.protocol}' is not supported.")
    if request.version > JSON_PROTOCOL_VERSION:
        raise HandshakeError(
            f"The server does not support version {request.version} of the 'json' protocol."
        )


def encode_handshake_error(text: str) -> str:
    return _dump({"error": text})


# ---------------------------------------------------------------- hub messages

INVOCATION = 1
STREAM_ITEM = 2
COMPLETION = 3
STREAM_INVOCATION = 4
CANCEL_INVOCATION = 5
PING = 6
CLOSE = 7
ACK = 8
SEQUENCE = 9


@dataclass(frozen=True, slots=True)
class Invocation:
    target: str
    arguments: list[Any]
    invocation_id: str | None = None
    stream_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StreamInvocation:
    invocation_id: str
    target: str
    arguments: list[Any]


@dataclass(frozen=True, slots=True)
class StreamItem:
    invocation_id: str
    item: Any


@dataclass(frozen=True, slots=True)
class Completion:
    invocation_id: str
    result: Any = None
    error: str | None = None
    has_result: bool = False


@dataclass(frozen=True, slots=True)
class CancelInvocation:
    invocation_id: str


@dataclass(frozen=True, slots=True)
class Ping:
    pass


@dataclass(frozen=True, slots=True)
class Close:
    error: str | None = None
    allow_reconnect: bool = False


@dataclass(frozen=True, slots=True)
class Ignored:
    """Ack, Sequence or a future message type: ASP.NET skips them, so do we."""

    type: int


HubMessage = (
    Invocation
    | StreamInvocation
    | StreamItem
    | Completion
    | CancelInvocation
    | Ping
    | Close
    | Ignored
)


def parse_message(record: bytes) -> HubMessage:
    """Parse one JSON record (without separator) into a typed message."""
    obj = _load_object(record)
    kind = obj.get("type")
    if isinstance(kind, bool) or not isinstance(kind, int):
        raise ProtocolError("Missing required property 'type'.")
    if kind == INVOCATION:
        inv_id = _opt_str(obj, "invocationId")
        stream_ids = obj.get("streamIds", [])
        if not isinstance(stream_ids, list) or not all(isinstance(s, str) for s in stream_ids):
            raise ProtocolError("Expected 'streamIds' to be an array of strings.")
        return Invocation(_req_str(obj, "target"), _args(obj), inv_id, stream_ids)
    if kind == STREAM_INVOCATION:
        return StreamInvocation(_req_str(obj, "invocationId"), _req_str(obj, "target"), _args(obj))
    if kind == STREAM_ITEM:
        if "item" not in obj:
            raise ProtocolError("Missing required property 'item'.")
        return StreamItem(_req_str(obj, "invocationId"), obj["item"])
    if kind == COMPLETION:
        inv_id = _req_str(obj, "invocationId")
        error = _opt_str(obj, "error")
        if error is not None and "result" in obj:
            raise ProtocolError("The 'error' and 'result' properties are mutually exclusive.")
        return Completion(inv_id, obj.get("result"), error, "result" in obj)
    if kind == CANCEL_INVOCATION:
        return CancelInvocation(_req_str(obj, "invocationId"))
    if kind == PING:
        return Ping()
    if kind == CLOSE:
        allow = obj.get("allowReconnect", False)
        if not isinstance(allow, bool):
            raise ProtocolError("Expected 'allowReconnect' to be of type Boolean.")
        return Close(_opt_str(obj, "error"), allow)
    return Ignored(kind)


def parse_records(buffer: RecordBuffer, data: bytes) -> list[HubMessage]:
    """Feed ``data`` and parse every complete record (convenience for tests and tools)."""
    return [parse_message(r) for r in buffer.feed(data)]


# ---------------------------------------------------------------- encoding (server → client)

PING_RECORD = '{"type":6}' + RS
CLOSE_RECORD = '{"type":7}' + RS
CLOSE_WITH_ERROR = "Connection closed with an error."


def encode_invocation(target: str, arguments: list[Any]) -> str:
    """A non-blocking server→client Invocation record; encode once, send to many."""
    return _dump({"type": INVOCATION, "target": target, "arguments": arguments})


def encode_completion(invocation_id: str, *, result: Any = None, error: str | None = None) -> str:
    """Exactly ``result`` or ``error``; a void method gives ``"result":null`` as in ASP.NET."""
    if error is not None:
        return _dump({"type": COMPLETION, "invocationId": invocation_id, "error": error})
    return _dump({"type": COMPLETION, "invocationId": invocation_id, "result": result})


def encode_close(error: str | None = None, allow_reconnect: bool = False) -> str:
    """ASP.NET writes ``error`` only when set and ``allowReconnect`` only when true."""
    msg: dict[str, Any] = {"type": CLOSE}
    if error is not None:
        msg["error"] = error
    if allow_reconnect:
        msg["allowReconnect"] = True
    return _dump(msg)


def encode(obj: dict[str, Any]) -> str:
    return _dump(obj)


# ---------------------------------------------------------------- helpers


def _dump(obj: Any) -> str:
    """Outgoing records are text: JSON uses the Text transfer format (WebSocket text frames)."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + RS


def _load_object(record: bytes) -> dict[str, Any]:
    """One record under System.Text.Json's reader rules, as ASP.NET's JsonHubProtocol reads it:
    nesting deeper than 64, NaN/Infinity, invalid UTF-8 or a lone surrogate in any string
    close the connection with an error. Numbers are left to argument binding, as there."""
    try:
        obj = strict_json.loads(record, max_abs_number=None)
    except strict_json.JsonRefused as exc:
        raise ProtocolError(f"Invalid JSON record: {exc.reason}.") from None
    if not isinstance(obj, dict):
        raise ProtocolError("Expected a JSON object.")
    return obj


def _req_str(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str):
        raise ProtocolError(f"Missing required property '{name}'.")
    return value


def _opt_str(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(f"Expected '{name}' to be of type String.")
    return value


def _args(obj: dict[str, Any]) -> list[Any]:
    value = obj.get("arguments")
    if not isinstance(value, list):
        raise ProtocolError("Missing required property 'arguments'.")
    return value


__all__ = [
    "HANDSHAKE_OK",
    "MAX_MESSAGE_BYTES",
    "RECORD_SEPARATOR",
    "CancelInvocation",
    "Close",
    "Completion",
    "HandshakeError",
    "HandshakeRequest",
    "HubMessage",
    "Ignored",
    "Invocation",
    "MessageTooLargeError",
    "Ping",
    "ProtocolError",
    "RecordBuffer",
    "StreamInvocation",
    "StreamItem",
    "check_handshake",
    "encode_close",
    "encode_completion",
    "encode_invocation",
    "parse_handshake",
    "parse_message",
]

"""The fuzz targets: each feeds one input through a real decoding path and says what escaped.

A target returns normally when the input was handled (accepted, or refused with one of the
typed errors the layer is allowed to raise) and raises ``Escaped`` when anything else came
out. The same targets serve the hypothesis tests (CI, 10k cases) and ``bench/fuzz_soak.py``
(≥ 1M cases), so the soak measures exactly what CI checks.

Allowed errors, per layer:
- core/net DTO decoders: ``kds.core.errors.ProtocolError`` (``UnknownStatusError`` included).
- client hub frames: nothing may escape the frame path at all (a bad record is skipped, a bad
  event is counted as rejected by the board); a completion's error text must become a typed
  ``HubError``.
- server protocol: ``kds.server.signalr.protocol.ProtocolError`` (and its subclasses).
- server REST bodies: ``kds.server.strict_json.JsonRefused`` (the binder's empty 400); a body
  carrying a hostile value (deep nesting, NaN, a huge number, a lone surrogate) must be refused.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable

from signalrcore.protocol.json_hub_protocol import JsonHubProtocol

from kds.core import decode as core_decode
from kds.core.board import Board
from kds.core.decode import Rejected, read_event
from kds.core.errors import ProtocolError
from kds.core.orders import OrderEvent
from kds.net import decode as net_decode
from kds.net.errors import HubError
from kds.net.hub import HubClient
from kds.net.hub_calls import PendingCall, PendingCalls
from kds.net.hub_connection import Link
from kds.net.hub_signalrcore import _LockedWebsocketTransport
from kds.server import strict_json
from kds.server.signalr import protocol as server_protocol

RESTAURANT_ID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
_RS = "\x1e"
_TLS = ssl.create_default_context()  # built once: only handed to transports that never connect


class Escaped(AssertionError):
    """An untyped error (or a wrong result) came out of a decoding path."""

    def __init__(self, target: str, exc: BaseException | str) -> None:
        what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        super().__init__(f"{target}: {what}")
        self.target = target


def _guard(name: str, fn: Callable[[], object], allowed: tuple[type[BaseException], ...]) -> None:
    try:
        fn()
    except allowed:
        return
    except Exception as exc:
        raise Escaped(name, exc) from exc


# ------------------------------------------------------------------ DTO decoders (objects)
CORE_DECODERS: dict[str, Callable[[object], object]] = {
    "decode_summary": core_decode.decode_summary,
    "decode_detail": core_decode.decode_detail,
    "decode_lifecycle_result": core_decode.decode_lifecycle_result,
    "decode_event": lambda obj: core_decode.decode_event("ReceiveOrderStatusChanged", obj),
}
NET_DECODERS: dict[str, Callable[[object], object]] = {
    "decode_token_response": net_decode.decode_token_response,
    "decode_user_profile": net_decode.decode_user_profile,
    "decode_page": lambda obj: net_decode.decode_page(obj, core_decode.decode_summary),
    "decode_restaurant_info": net_decode.decode_restaurant_info,
    "decode_problem": net_decode.decode_problem,
}
DECODERS = {**CORE_DECODERS, **NET_DECODERS}


def dto(name: str, obj: object) -> None:
    """One JSON value through one DTO decoder: a result or a ``ProtocolError``."""
    _guard(name, lambda: DECODERS[name](obj), (ProtocolError,))


def dto_bytes(name: str, data: bytes) -> None:
    """Raw bytes as an HTTP body would bring them: invalid JSON never reaches a decoder."""
    try:
        obj = json.loads(data)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError: RestClient's ProtocolError path
        return
    dto(name, obj)


# ------------------------------------------------------------------ client hub frames
class ClientFrames:
    """The client's real frame path, wired without a socket.

    signalrcore's JSON protocol + our record-by-record parse and route
    (``_LockedWebsocketTransport.on_message``) → ``HubClient``'s transport handlers →
    ``read_event`` (the hub's decoder, as ``LiveBoard`` wires it) → ``on_event`` →
    ``Board.apply``, and completions → ``hub_error_from_text``. One instance is reused
    (building signalrcore objects is slow); ``feed`` checks one frame.
    """

    def __init__(self) -> None:
        self.board = Board(RESTAURANT_ID)
        self.escaped: list[BaseException] = []
        self.hub = HubClient(
            "http://127.0.0.1:9/hubs/restaurant-orders",
            lambda: "not-a-token",
            on_event=self._on_event,
            decode=read_event,
            transport_factory=lambda: None,  # type: ignore[arg-type,return-value]  # never started
        )
        self._link = Link(transport=None, last_received=0.0, last_sent=0.0)  # type: ignore[arg-type]
        self.hub._link = self._link  # the handlers check that their link is the current one
        handlers = self.hub._handlers_for(self._link)
        self.transport = _LockedWebsocketTransport(
            sink=handlers,
            connect_timeout_s=1.0,
            url="ws://127.0.0.1:9/h",
            protocol=JsonHubProtocol(version=1),
            headers={},
            ssl_context=_TLS,
        )
        self.transport.handshake_received = True

    def _on_event(self, name: str, event: OrderEvent | Rejected) -> None:
        try:
            self.board.apply(event)
        except Exception as exc:  # HubClient would log and swallow it: record it instead
            self.escaped.append(exc)

    def _expect_completions(self) -> dict[str, PendingCall]:
        """Calls with invocation ids "0".."3", which the fuzzed frames may complete."""
        pending = {str(i): PendingCall("SubscribeToRestaurant", str(i)) for i in range(4)}
        calls: PendingCalls = self.hub._calls  # the table the handlers complete into
        with calls._lock:
            calls._calls.clear()
            calls._calls.update(pending)
        return pending

    def feed(self, frame: str) -> None:
        pending = self._expect_completions()
        self.escaped.clear()
        _guard("client_frame", lambda: self.transport.on_message(None, frame), ())
        if self.escaped:
            raise Escaped("client_frame(on_event)", self.escaped[0])
        for call in pending.values():
            error = call.error if call.done.is_set() else None
            if error is not None and not isinstance(error, HubError):
                raise Escaped("client_completion", f"untyped error {error!r}")


_client_local = threading.local()


def client_frame(frame: str) -> None:
    """One WebSocket text frame (any text) through the client's frame path."""
    frames: ClientFrames | None = getattr(_client_local, "frames", None)
    if frames is None:
        frames = _client_local.frames = ClientFrames()
    frames.feed(frame)


def client_frame_bytes(data: bytes) -> None:
    """Bytes as websocket-client would hand them over: text frames are UTF-8 decoded first."""
    client_frame(data.decode("utf-8", errors="replace"))


# ------------------------------------------------------------------ server protocol
def server_records(chunks: list[bytes]) -> None:
    """Chunks of one connection's byte stream through the server's record buffer and parser."""

    def run() -> None:
        buffer = server_protocol.RecordBuffer()
        first = True
        for chunk in chunks:
            for record in buffer.feed(chunk):
                if first:
                    first = False
                    server_protocol.check_handshake(server_protocol.parse_handshake(record))
                else:
                    server_protocol.parse_message(record)

    _guard("server_records", run, (server_protocol.ProtocolError,))


def server_message(record: bytes) -> None:
    """One record (no separator) through the handshake parser and the message parser."""
    _guard(
        "server_handshake",
        lambda: server_protocol.check_handshake(server_protocol.parse_handshake(record)),
        (server_protocol.ProtocolError,),
    )
    _guard(
        "server_message",
        lambda: server_protocol.parse_message(record),
        (server_protocol.ProtocolError,),
    )


# ------------------------------------------------------------------ server REST bodies
def server_body(data: bytes, *, hostile: bool) -> None:
    """Bytes as a REST request brings them, through the server's one body reader.

    ``hostile``: the bytes carry a value System.Text.Json refuses, so reading them must fail.
    """
    try:
        strict_json.loads(data)
    except strict_json.JsonRefused:
        return
    except Exception as exc:
        raise Escaped("server_body", exc) from exc
    if hostile:
        raise Escaped("server_body", "a hostile body was read as JSON")

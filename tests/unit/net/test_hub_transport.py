"""The signalrcore transport's own parsing and URL handling, without sockets."""

from __future__ import annotations

import ssl
from typing import Any

from signalrcore.protocol.json_hub_protocol import JsonHubProtocol

from kds.net.hub_signalrcore import _LockedWebsocketTransport
from kds.net.hub_transport import negotiate_url, ws_url

RS = "\x1e"


def transport(sink: list[Any]) -> _LockedWebsocketTransport:
    t = _LockedWebsocketTransport(
        connect_timeout_s=1.0,
        url="ws://127.0.0.1:1/hubs/x?id=abc",
        protocol=JsonHubProtocol(version=1),
        headers={},
        ssl_context=ssl.create_default_context(),
        on_message=sink.extend,
    )
    t.handshake_received = True
    return t


def test_bad_records_are_skipped_and_good_ones_delivered() -> None:
    sink: list[Any] = []
    t = transport(sink)
    frame = (
        '{"type":1,"target":"A","arguments":[1]}'
        + RS
        + "not json"
        + RS
        + '{"type":1,"target":"B","arguments":[2],"surprise":true}'
        + RS
        + '{"type":99}'
        + RS
        + '{"type":6}'
        + RS
        + '{"type":3,"invocationId":"0","result":7}'
        + RS
    )
    t.on_message(None, frame)
    kinds = [(type(m).__name__, getattr(m, "target", None)) for m in sink]
    assert kinds == [
        ("InvocationMessage", "A"),
        ("InvocationMessage", "B"),  # unknown fields are ignored, as ASP.NET does
        ("PingMessage", None),
        ("CompletionMessage", None),
    ]
    assert t.bad_records == 2


def test_urls() -> None:
    assert (
        negotiate_url("https://h:8443/hubs/r")
        == "https://h:8443/hubs/r/negotiate?negotiateVersion=1"
    )
    assert (
        negotiate_url("http://h/hubs/r/?x=1") == "http://h/hubs/r/negotiate?x=1&negotiateVersion=1"
    )
    assert ws_url("https://h:8443/hubs/r", "t/k+n") == "wss://h:8443/hubs/r?id=t%2Fk%2Bn"
    assert ws_url("http://h/hubs/r", "abc") == "ws://h/hubs/r?id=abc"

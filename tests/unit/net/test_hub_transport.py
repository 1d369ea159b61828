"""The signalrcore transport's own parsing and URL handling, without sockets."""

from __future__ import annotations

import ssl
from typing import Any

from signalrcore.protocol.json_hub_protocol import JsonHubProtocol

from kds.net.hub_signalrcore import _LockedWebsocketTransport
from kds.net.hub_transport import TransportHandlers, negotiate_url, ws_url

RS = "\x1e"


def transport(sink: list[Any]) -> _LockedWebsocketTransport:
    """A transport past its handshake whose sink records what it routes, in order."""
    handlers = TransportHandlers(
        on_received=lambda: sink.append(("received",)),
        on_invocation=lambda target, args: sink.append(("invocation", target, args)),
        on_completion=lambda iid, result, error: sink.append(("completion", iid, result, error)),
        on_closed=lambda error: sink.append(("closed", error)),
    )
    t = _LockedWebsocketTransport(
        sink=handlers,
        connect_timeout_s=1.0,
        url="ws://127.0.0.1:1/hubs/x?id=abc",
        protocol=JsonHubProtocol(version=1),
        headers={},
        ssl_context=ssl.create_default_context(),
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
    assert sink == [
        ("received",),  # the frame arrived (the Ping is nothing more than that)
        ("invocation", "A", [1]),
        ("invocation", "B", [2]),  # unknown fields are ignored, as ASP.NET does
        ("completion", "0", 7, None),
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

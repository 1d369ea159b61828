"""A minimal byte-level SignalR client for tests: exact frames in, parsed records out.

Written from the spec, independent of the server code, so the tests check the wire and not our
own parser.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

RS = "\x1e"


def negotiate(url: str, hub: str, token: str | None, version: int | None = 1) -> httpx.Response:
    query = "" if version is None else f"?negotiateVersion={version}"
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{url}{hub}/negotiate{query}", headers=headers, timeout=5)


def ws_url(url: str, hub: str, conn_id: str | None) -> str:
    base = url.replace("http://", "ws://", 1) + hub
    return base if conn_id is None else f"{base}?id={conn_id}"


def split_records(payload: str) -> list[dict[str, Any]]:
    assert payload.endswith(RS), f"payload does not end with a record separator: {payload!r}"
    return [json.loads(r) for r in payload.split(RS)[:-1]]


class RawHub:
    """One WebSocket hub connection; keeps unread records and the raw frames it saw."""

    def __init__(self, ws: ClientConnection, negotiation: dict[str, Any] | None) -> None:
        self.ws = ws
        self.negotiation = negotiation or {}
        self.frames: list[str | bytes] = []
        self._pending: deque[dict[str, Any]] = deque()
        self._ids = itertools.count()

    @classmethod
    def open(
        cls,
        url: str,
        hub: str,
        token: str,
        *,
        handshake: str | None = '{"protocol":"json","version":1}',
        negotiate_version: int = 1,
    ) -> RawHub:
        response = negotiate(url, hub, token, negotiate_version)
        response.raise_for_status()
        body = response.json()
        conn_id = body.get("connectionToken", body["connectionId"])
        ws = connect(
            ws_url(url, hub, conn_id),
            additional_headers={"Authorization": f"Bearer {token}"},
            open_timeout=5,
            ping_interval=None,
            legacy=True,  # a plain connection object; the test closes it
        )
        raw = cls(ws, body)
        if handshake is not None:
            raw.send_text(handshake + RS)
            assert raw.recv_frame() == "{}" + RS
        return raw

    def send_text(self, text: str) -> None:
        self.ws.send(text)

    def send(self, *messages: dict[str, Any]) -> None:
        self.ws.send("".join(json.dumps(m) + RS for m in messages))

    def recv_frame(self, timeout_s: float = 5.0) -> str | bytes:
        frame = self.ws.recv(timeout=timeout_s)
        self.frames.append(frame)
        return frame

    def recv(self, timeout_s: float = 5.0, *, skip_pings: bool = True) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            while self._pending:
                record = self._pending.popleft()
                if not (skip_pings and record.get("type") == 6):
                    return record
            frame = self.recv_frame(max(0.01, deadline - time.monotonic()))
            assert isinstance(frame, str), "JSON protocol records must come in text frames"
            self._pending.extend(split_records(frame))

    def invoke(self, target: str, *args: Any, timeout_s: float = 5.0) -> dict[str, Any]:
        """Blocking call; returns its Completion (other records are kept for later ``recv``)."""
        inv_id = str(next(self._ids))
        self.send({"type": 1, "invocationId": inv_id, "target": target, "arguments": list(args)})
        deadline = time.monotonic() + timeout_s
        kept: list[dict[str, Any]] = []
        try:
            while True:
                record = self.recv(max(0.01, deadline - time.monotonic()))
                if record.get("type") == 3 and record.get("invocationId") == inv_id:
                    return record
                kept.append(record)
        finally:
            self._pending.extendleft(reversed(kept))

    def close(self) -> None:
        self.ws.close()

    def __enter__(self) -> RawHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""A minimal SignalR hub that streams order events at a paced rate, for client capacity runs.

kds-server publishes through its SQLite outbox at roughly 1,500 events/s on one core, which
caps any end-to-end throughput figure. To measure how many events/s a *client* sustains, this
hub (Starlette + uvicorn, negotiate v1 + WebSockets + JSON protocol) answers one hub method,
``Blast(rate_per_s, seconds)``: it completes the call, then sends ``ReceiveOrderPlaced``
invocations at that rate, each payload a realistic ``OrderStatusBroadcastDto`` plus a
``publishedNs`` wall-clock stamp. Run as ``python bench/_firehose.py`` (prints its URL).
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
import uuid
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

RS = "\x1e"
RESTAURANT = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
TICK_S = 0.002


def payload(n: int) -> dict[str, Any]:
    return {
        "orderId": str(uuid.uuid4()),
        "orderNumber": f"ORD-20260101-120000-000-{1000 + n % 8999}",
        "status": "Placed",
        "restaurantId": RESTAURANT,
        "lastUpdateTimestamp": "2026-01-01T12:00:00.123456Z",
        "estimatedDeliveryTime": None,
        "actualDeliveryTime": None,
        "deliveredAt": None,
        "occurredOnUtc": "2026-01-01T12:00:00.123456Z",
        "eventId": str(uuid.uuid4()),
        "publishedNs": 0,
    }


async def negotiate(request: Request) -> JSONResponse:
    token = uuid.uuid4().hex
    return JSONResponse(
        {
            "negotiateVersion": 1,
            "connectionId": uuid.uuid4().hex,
            "connectionToken": token,
            "availableTransports": [{"transport": "WebSockets", "transferFormats": ["Text"]}],
        }
    )


async def blast(ws: WebSocket, rate: float, seconds: float) -> None:
    total = int(rate * seconds)
    templates = [payload(n) for n in range(min(total, 5000))]
    started = time.monotonic()
    sent = 0
    while sent < total:
        due = min(total, int((time.monotonic() - started) * rate) + 1)
        while sent < due:
            body = templates[sent % len(templates)]
            body["eventId"] = str(uuid.uuid4())
            body["publishedNs"] = time.time_ns()
            frame = {"type": 1, "target": "ReceiveOrderPlaced", "arguments": [body]}
            await ws.send_text(json.dumps(frame) + RS)
            sent += 1
        await asyncio.sleep(TICK_S)


async def hub(ws: WebSocket) -> None:
    await ws.accept()
    tasks: set[asyncio.Task[None]] = set()
    buffer = ""
    handshaken = False
    try:
        while True:
            buffer += await ws.receive_text()
            *records, buffer = buffer.split(RS)
            for record in records:
                if not handshaken:
                    handshaken = True
                    await ws.send_text("{}" + RS)
                    continue
                msg = json.loads(record)
                if msg.get("type") == 1 and msg.get("target") == "Blast":
                    rate, seconds = msg["arguments"]
                    reply = {"type": 3, "invocationId": msg["invocationId"], "result": None}
                    await ws.send_text(json.dumps(reply) + RS)
                    task = asyncio.create_task(blast(ws, float(rate), float(seconds)))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                elif msg.get("type") == 1 and "invocationId" in msg:
                    reply = {"type": 3, "invocationId": msg["invocationId"], "result": None}
                    await ws.send_text(json.dumps(reply) + RS)
    except WebSocketDisconnect:
        for task in tasks:
            task.cancel()


app = Starlette(
    routes=[
        Route("/hubs/firehose/negotiate", negotiate, methods=["POST"]),
        WebSocketRoute("/hubs/firehose", hub),
    ]
)


def main() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    print(f"firehose listening on http://127.0.0.1:{port}", flush=True)
    config = uvicorn.Config(app, log_level="warning", ws_ping_interval=None, ws_ping_timeout=None)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())

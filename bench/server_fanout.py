"""Hub fan-out benchmark: N WebSocket connections subscribed to one restaurant on a real kds-server.

Measures, for N in (100, 500) (``--quick``: fewer orders and a smaller burst):
- publish→receipt latency p50/p99 of ``ReceiveOrderPlaced``: receipt time minus the DTO's
  ``occurredOnUtc``. The server runs with ``--outbox-interval-ms 1`` and the outbox is woken on
  commit, so occurred→hand-off is ~1 ms and this is an upper bound of hand-off→receipt;
- messages/s out (records delivered; the writers batch queued records into one frame): a
  redeliver burst (``/api/v1/dev/faults/redeliver``) of K events to N connections, N×K messages
  over (last receipt − request start), and sustained: orders placed over REST by 4 concurrent
  callers, every resulting message over (last receipt − first request);
both with a minimal raw asyncio WebSocket client and, in the same run, with the official JS
client (N connections in one node process). Prints a table, writes
``bench/results/server_fanout.json``.

Run: ``.venv/bin/python bench/server_fanout.py [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.helpers import PHO_HANOI, login, staff  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

HUB = "/hubs/restaurant-orders"
RS = "\x1e"
from _common import machine, now_iso, results_path  # noqa: E402

RESULTS = results_path("server_fanout")
OCCURRED = '"occurredOnUtc":"'


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class RawWebSocket(asyncio.Protocol):
    """A minimal client-side WebSocket over asyncio: upgrade, masked text frames out, unmasked
    frames in. Just enough for the benchmark, so client overhead stays small next to the server's.
    """

    def __init__(self, on_records: Any) -> None:
        self.transport: asyncio.Transport | None = None
        self.upgraded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.texts: asyncio.Queue[str] = asyncio.Queue()
        self.on_records = on_records  # called with (receipt_time, payload) once subscribed
        self._buffer = bytearray()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        now = time.time()
        self._buffer += data
        if not self.upgraded.done():
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(self._buffer[:12])
            del self._buffer[: end + 4]
            if not status.startswith(b"HTTP/1.1 101"):
                self.upgraded.set_exception(RuntimeError(f"upgrade refused: {status!r}"))
                return
            self.upgraded.set_result(None)
        buf = self._buffer
        while len(buf) >= 2:
            opcode, length, offset = buf[0] & 0x0F, buf[1] & 0x7F, 2
            if length == 126:
                if len(buf) < 4:
                    return
                length, offset = int.from_bytes(buf[2:4], "big"), 4
            elif length == 127:
                if len(buf) < 10:
                    return
                length, offset = int.from_bytes(buf[2:10], "big"), 10
            if len(buf) < offset + length:
                return
            payload = bytes(buf[offset : offset + length])
            del buf[: offset + length]
            if opcode == 1:
                if self.on_records is None:
                    self.texts.put_nowait(payload.decode())
                else:
                    self.on_records(now, payload)

    def send_text(self, text: str) -> None:
        assert self.transport is not None
        data = text.encode()
        mask = os.urandom(4)
        header = bytearray([0x81])
        if len(data) < 126:
            header.append(0x80 | len(data))
        else:
            header.append(0x80 | 126)
            header += len(data).to_bytes(2, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.transport.write(bytes(header) + mask + masked)


class RawFleet:
    """N raw WebSocket hub connections; records per-message receipt latency and counts."""

    def __init__(self, url: str, token: str, size: int) -> None:
        self.url, self.token, self.size = url, token, size
        self.sockets: list[RawWebSocket] = []
        self.latencies_ms: list[float] = []
        self.received = 0
        self.last_receipt = 0.0
        self._epoch_cache: dict[str, float] = {}

    async def open(self) -> None:
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {self.token}"}) as http:
            for start in range(0, self.size, 50):
                batch = range(start, min(start + 50, self.size))
                self.sockets += await asyncio.gather(*(self._open_one(http) for _ in batch))

    async def _open_one(self, http: httpx.AsyncClient) -> RawWebSocket:
        body = (await http.post(f"{self.url}{HUB}/negotiate?negotiateVersion=1")).json()
        host, port = self.url.removeprefix("http://").split(":")
        loop = asyncio.get_running_loop()
        _, ws = await loop.create_connection(lambda: RawWebSocket(None), host, int(port))
        key = base64.b64encode(os.urandom(16)).decode()
        assert ws.transport is not None
        ws.transport.write(
            (
                f"GET {HUB}?id={body['connectionToken']} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                f"Authorization: Bearer {self.token}\r\n\r\n"
            ).encode()
        )
        await ws.upgraded
        ws.send_text('{"protocol":"json","version":1}' + RS)
        assert await ws.texts.get() == "{}" + RS
        subscribe = {
            "type": 1,
            "invocationId": "0",
            "target": "SubscribeToRestaurant",
            "arguments": [PHO_HANOI],
        }
        ws.send_text(json.dumps(subscribe) + RS)
        reply = await ws.texts.get()
        assert '"result":null' in reply, reply
        ws.on_records = self._on_records
        return ws

    def _epoch(self, stamp: str) -> float:
        value = self._epoch_cache.get(stamp)
        if value is None:
            value = datetime.fromisoformat(stamp).timestamp()
            self._epoch_cache[stamp] = value
        return value

    def _on_records(self, now: float, payload: bytes) -> None:
        for record in payload.decode().split(RS)[:-1]:
            if '"target":"ReceiveOrderPlaced"' not in record:
                continue
            self.received += 1
            self.last_receipt = now
            at = record.find(OCCURRED)
            if at >= 0:
                stamp = record[at + len(OCCURRED) : record.index('"', at + len(OCCURRED))]
                self.latencies_ms.append((now - self._epoch(stamp)) * 1000)

    def reset(self) -> None:
        self.latencies_ms = []
        self.received = 0

    async def close(self) -> None:
        for ws in self.sockets:
            if ws.transport is not None:
                ws.transport.close()


async def wait_for(predicate: Any, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.005)
    return True


async def place_orders(url: str, count: int, gap_s: float) -> None:
    body = {"restaurantId": PHO_HANOI, "items": [{"name": "Bench bowl", "quantity": 1}]}
    async with httpx.AsyncClient(timeout=30) as http:
        for _ in range(count):
            response = await http.post(f"{url}/api/v1/dev/orders", json=body)
            response.raise_for_status()
            await asyncio.sleep(gap_s)


async def raw_phase(url: str, token: str, size: int, orders: int, burst: int) -> dict[str, float]:
    fleet = RawFleet(url, token, size)
    await fleet.open()
    try:
        await place_orders(url, 2, 0.05)  # warm-up
        await wait_for(lambda: fleet.received >= 2 * size, 30)
        fleet.reset()
        await place_orders(url, orders, 0.05)
        await wait_for(lambda: fleet.received >= orders * size, 60)
        fleet.reset()
        await place_orders(url, orders, 0.05)
        complete = await wait_for(lambda: fleet.received >= orders * size, 60)
        latencies = list(fleet.latencies_ms)
        fleet.reset()
        started = time.time()
        async with httpx.AsyncClient(timeout=30) as http:
            response = await http.post(f"{url}/api/v1/dev/faults/redeliver", json={"count": burst})
            response.raise_for_status()
        expected = int(response.json()["redelivered"]) * size
        burst_ok = await wait_for(lambda: fleet.received >= expected, 120)
        elapsed = fleet.last_receipt - started
        burst_rate = fleet.received / elapsed if elapsed > 0 else float("nan")
        # Sustained: orders placed over REST as fast as 4 concurrent callers manage.
        fleet.reset()
        started = time.time()
        await asyncio.gather(*(place_orders(url, orders // 4, 0) for _ in range(4)))
        sustained_ok = await wait_for(lambda: fleet.received >= (orders // 4) * 4 * size, 120)
        sustained = fleet.received / (fleet.last_receipt - started)
        return {
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 99),
            "complete": float(complete and burst_ok and sustained_ok),
            "messages_per_s": burst_rate,
            "sustained_per_s": sustained,
        }
    finally:
        await fleet.close()


def js_phase(url: str, token: str, size: int, orders: int) -> dict[str, float]:
    node = shutil.which("node")
    script = ROOT / "tests" / "interop" / "fanout.mjs"
    if node is None or not (ROOT / "tests" / "interop" / "node_modules").is_dir():
        raise SystemExit("node and tests/interop/node_modules are needed: run scripts/setup")
    env = {
        **os.environ,
        "KDS_HUB_URL": url + HUB,
        "KDS_TOKEN": token,
        "KDS_RID": PHO_HANOI,
        "KDS_CONNECTIONS": str(size),
    }
    proc = subprocess.Popen(
        [node, str(script)],
        cwd=script.parent,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None

    def command(cmd: str) -> dict[str, Any]:
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write(cmd + "\n")
        proc.stdin.flush()
        return dict(json.loads(proc.stdout.readline()))

    try:
        ready = json.loads(proc.stdout.readline())
        assert ready["event"] == "ready", ready
        asyncio.run(place_orders(url, 2, 0.05))
        deadline = time.monotonic() + 30
        while len(command("report")["latencies_ms"]) < 2 * size and time.monotonic() < deadline:
            time.sleep(0.05)  # bench pacing, not a test
        command("reset")
        asyncio.run(place_orders(url, orders, 0.05))
        deadline = time.monotonic() + 60
        latencies: list[float] = []
        while time.monotonic() < deadline:
            latencies = [float(v) for v in command("report")["latencies_ms"]]
            if len(latencies) >= orders * size:
                break
            time.sleep(0.05)
        command("stop")
        return {
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 99),
            "complete": float(len(latencies) >= orders * size),
        }
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, for CI")
    args = parser.parse_args(argv)
    sizes = (100, 500)  # --quick keeps the sizes (the keys name them) and takes fewer samples
    orders, burst = (12, 30) if args.quick else (40, 100)
    results: dict[str, Any] = {}
    rows: list[tuple[str, int, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(
            ["--dev", "--seed", "demo", "--outbox-interval-ms", "1", "--log-level", "warning"],
            str(Path(tmp) / "kds.db"),
            log_dir=tmp,
        ).start()
        try:
            token = login(server.url, *staff("pho-hanoi"))
            for size in sizes:
                raw = asyncio.run(raw_phase(server.url, token, size, orders, burst))
                js = js_phase(server.url, token, size, orders)
                rows.append(
                    (
                        "raw asyncio",
                        size,
                        raw["p50_ms"],
                        raw["p99_ms"],
                        raw["messages_per_s"],
                        raw["sustained_per_s"],
                    )
                )
                nan = float("nan")
                rows.append(("@microsoft/signalr", size, js["p50_ms"], js["p99_ms"], nan, nan))
                results[f"fanout_p50_ms_{size}_conn"] = round(raw["p50_ms"], 2)
                results[f"fanout_p99_ms_{size}_conn"] = round(raw["p99_ms"], 2)
                results[f"messages_out_per_s_{size}_conn"] = round(raw["messages_per_s"], 1)
                results[f"sustained_messages_out_per_s_{size}_conn"] = round(
                    raw["sustained_per_s"], 1
                )
                results[f"js_client_p50_ms_{size}_conn"] = round(js["p50_ms"], 2)
                results[f"js_client_p99_ms_{size}_conn"] = round(js["p99_ms"], 2)
                if not (raw["complete"] and js["complete"]):
                    print(f"warning: not every message arrived at {size} connections")
        finally:
            server.stop()
    print(
        f"{'client':<20} {'conns':>6} {'p50 ms':>9} {'p99 ms':>9} {'burst msg/s':>12} "
        f"{'sustained msg/s':>16}"
    )
    for client, size, p50, p99, rate, sustained in rows:
        rate_text = "" if rate != rate else f"{rate:,.0f}"
        sustained_text = "" if sustained != sustained else f"{sustained:,.0f}"
        print(
            f"{client:<20} {size:>6} {p50:>9.2f} {p99:>9.2f} {rate_text:>12} {sustained_text:>16}"
        )
    results["machine"] = machine()
    results["at"] = now_iso()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

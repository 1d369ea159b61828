"""The lines ``kds tail`` prints: JSON objects (``--json``) or the same as readable text."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from kds.core.ticket import Ticket

__all__ = ["TailWriter", "iso"]


def iso(moment: datetime | None) -> str | None:
    """``2025-09-14T10:22:10.123456Z`` (UTC), or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class TailWriter:
    """Writes one record per line and flushes it at once (scripts read the stream live)."""

    def __init__(self, json_lines: bool, stream: TextIO | None = None) -> None:
        self.json_lines = json_lines
        self.stream = stream or sys.stdout
        self.closed = False

    def write(self, record: dict[str, Any]) -> None:
        if self.closed:
            return
        if self.json_lines:
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        else:
            line = _readable(record)
        try:
            self.stream.write(line + "\n")
            self.stream.flush()
        except BrokenPipeError:  # `kds tail | head`: the reader left; nothing more to say
            pass

    def connection(self, state: str, at: datetime) -> None:
        self.write({"type": "connection", "state": state, "at": iso(at)})

    def upsert(self, ticket: Ticket) -> None:
        order = {
            "orderId": ticket.order_id,
            "orderNumber": ticket.order_number,
            "status": ticket.status.value,
            "lastUpdateTimestamp": iso(ticket.last_update_timestamp),
            "estimatedDeliveryTime": iso(ticket.estimated_delivery_time),
        }
        self.write({"type": "upsert", "order": order})

    def remove(self, order_id: str, status: str | None) -> None:
        self.write({"type": "remove", "orderId": order_id, "status": status})

    def alert(self, order_id: str, order_number: str) -> None:
        self.write({"type": "alert", "orderId": order_id, "orderNumber": order_number})

    def notice(self, level: str, message: str) -> None:
        self.write({"type": "notice", "level": level, "message": message})

    def board(self, tickets: list[Ticket]) -> None:
        orders = [
            {
                "orderId": t.order_id,
                "status": t.status.value,
                "lastUpdateTimestamp": iso(t.last_update_timestamp),
            }
            for t in tickets
        ]
        self.write({"type": "board", "orders": orders})


def _readable(record: dict[str, Any]) -> str:
    kind = record["type"]
    if kind == "connection":
        return f"{record['at']}  connection  {record['state']}"
    if kind == "upsert":
        o = record["order"]
        eta = f"  eta {o['estimatedDeliveryTime']}" if o["estimatedDeliveryTime"] else ""
        return f"upsert  {o['orderNumber']}  {o['status']}  ({o['orderId']}){eta}"
    if kind == "remove":
        return f"remove  {record['orderId']}  {record['status'] or 'closed'}"
    if kind == "alert":
        return f"ALERT   new order {record['orderNumber']}  ({record['orderId']})"
    if kind == "notice":
        return f"{record['level'].upper()}: {record['message']}"
    if kind == "board":
        lines = [f"board: {len(record['orders'])} open orders"]
        lines += [f"  {o['status']:<16} {o['orderId']}" for o in record["orders"]]
        return "\n".join(lines)
    return json.dumps(record)

"""The lines ``kds tail`` prints: JSON objects (``--json``) or the same as readable text.

An upsert lists the order's lines (``None`` while its detail is pending), each placed by the
restaurant's menu (``kds.core.ticket_lines.place_lines``): its category name ("Other" without
a menu or for an item the menu does not know) and the names of its allergen and dietary tags.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from kds.core.menu import Menu
from kds.core.ticket import Ticket
from kds.core.ticket_lines import place_lines

__all__ = ["TailWriter", "iso", "lines"]


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

    def upsert(self, ticket: Ticket, menu: Menu | None = None) -> None:
        order = {
            "orderId": ticket.order_id,
            "orderNumber": ticket.order_number,
            "status": ticket.status.value,
            "lastUpdateTimestamp": iso(ticket.last_update_timestamp),
            "estimatedDeliveryTime": iso(ticket.estimated_delivery_time),
            "lines": None if ticket.detail_pending else lines(ticket, menu),
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


def lines(ticket: Ticket, menu: Menu | None) -> list[dict[str, Any]]:
    """The order's lines in its own sequence, each with its category and tag names."""
    return [
        {
            "name": line.item.name,
            "quantity": line.item.quantity,
            "category": line.info.category_name,
            "allergens": [tag.name for tag in line.info.allergens],
            "dietary": [tag.name for tag in line.info.dietary],
        }
        for line in place_lines(ticket.items, menu)
    ]


def _readable_line(line: dict[str, Any]) -> str:
    """``    2 × Phở Bò Tái  [Phở]  allergens: Gluten, Đậu phộng``"""
    text = f"    {line['quantity']} × {line['name']}  [{line['category']}]"
    if line["allergens"]:
        text += f"  allergens: {', '.join(line['allergens'])}"
    return text


def _readable(record: dict[str, Any]) -> str:
    kind = record["type"]
    if kind == "connection":
        return f"{record['at']}  connection  {record['state']}"
    if kind == "upsert":
        o = record["order"]
        eta = f"  eta {o['estimatedDeliveryTime']}" if o["estimatedDeliveryTime"] else ""
        head = f"upsert  {o['orderNumber']}  {o['status']}  ({o['orderId']}){eta}"
        return "\n".join([head, *(_readable_line(line) for line in o["lines"] or ())])
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

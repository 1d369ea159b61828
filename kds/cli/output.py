"""The lines ``kds tail`` prints: JSON objects (``--json``) or the same as readable text.

An upsert lists the order's lines (``None`` while its detail is pending), each placed by the
restaurant's menu (``kds.core.ticket_lines.place_lines``): its category name ("Other" without
a menu or for an item the menu does not know) and the names of its allergen and dietary tags.

With a station (``kds tail --station NAME``) the writer prints what that station's screen
shows (``kds.core.stations.station_slice``): only the orders with lines for it, each with only
its lines, ``"hiddenLines"`` (lines at other stations) and ``"station"``; an order that leaves
the station's screen while open (a new menu moved its lines) is printed as a ``remove`` with
``"status": null`` and ``"reason": "station"``. Removes, alerts and the final board line name
only orders the station shows.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from kds.core.menu import Menu
from kds.core.stations import Station, StationSlice, station_slice, unknown_categories
from kds.core.ticket import Ticket
from kds.core.ticket_lines import place_lines

__all__ = ["TailWriter", "iso", "lines", "missing_categories_warning"]


def iso(moment: datetime | None) -> str | None:
    """``2025-09-14T10:22:10.123456Z`` (UTC), or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class TailWriter:
    """Writes one record per line and flushes it at once (scripts read the stream live)."""

    def __init__(
        self, json_lines: bool, stream: TextIO | None = None, station: Station | None = None
    ) -> None:
        self.json_lines = json_lines
        self.stream = stream or sys.stdout
        self.closed = False
        self.station = station
        self._shown: set[str] = set()  # orders printed as on the station's screen

    def _slice(self, ticket: Ticket, menu: Menu | None) -> StationSlice | None:
        """What the station shows of `ticket` (None: not on its screen); never None without
        a station."""
        return station_slice(ticket, menu, self.station)

    def shows(self, ticket: Ticket, menu: Menu | None) -> bool:
        """True if `ticket` is printed at all (always, without a station)."""
        return self.station is None or self._slice(ticket, menu) is not None

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
        order: dict[str, Any] = {
            "orderId": ticket.order_id,
            "orderNumber": ticket.order_number,
            "status": ticket.status.value,
            "lastUpdateTimestamp": iso(ticket.last_update_timestamp),
            "estimatedDeliveryTime": iso(ticket.estimated_delivery_time),
            "lines": None if ticket.detail_pending else lines(ticket, menu),
        }
        if self.station is None:
            self.write({"type": "upsert", "order": order})
            return
        shown = self._slice(ticket, menu)
        if shown is None:
            if ticket.order_id in self._shown:  # it left this station's screen
                self._shown.discard(ticket.order_id)
                self.write({**self._removed(ticket.order_id, None), "reason": "station"})
            return
        self._shown.add(ticket.order_id)
        if order["lines"] is not None:
            order["lines"] = lines(ticket, menu, shown.indices)
        order["hiddenLines"] = shown.hidden
        order["station"] = self.station.name
        self.write({"type": "upsert", "order": order})

    def _removed(self, order_id: str, status: str | None) -> dict[str, Any]:
        record: dict[str, Any] = {"type": "remove", "orderId": order_id, "status": status}
        if self.station is not None:
            record["station"] = self.station.name
        return record

    def remove(self, order_id: str, status: str | None) -> None:
        if self.station is not None:
            if order_id not in self._shown:
                return
            self._shown.discard(order_id)
        self.write(self._removed(order_id, status))

    def alert(
        self,
        order_id: str,
        order_number: str,
        ticket: Ticket | None = None,
        menu: Menu | None = None,
    ) -> None:
        """A new order's alert; with a station only for an order on its screen (a station
        shows New orders only with ``show_new``)."""
        if self.station is not None:
            if ticket is None:
                if not self.station.show_new:
                    return
            elif not self.shows(ticket, menu):
                return
        self.write({"type": "alert", "orderId": order_id, "orderNumber": order_number})

    def notice(self, level: str, message: str) -> None:
        self.write({"type": "notice", "level": level, "message": message})

    def board(self, tickets: list[Ticket], menu: Menu | None = None) -> None:
        """The final line: the open orders (with a station: those on its screen)."""
        tickets = [t for t in tickets if self.shows(t, menu)]
        orders = [
            {
                "orderId": t.order_id,
                "status": t.status.value,
                "lastUpdateTimestamp": iso(t.last_update_timestamp),
            }
            for t in tickets
        ]
        self.write({"type": "board", "orders": orders})


def lines(
    ticket: Ticket, menu: Menu | None, only: frozenset[int] | None = None
) -> list[dict[str, Any]]:
    """The order's lines in its own sequence, each with its category and tag names; with
    `only`, just the lines at those places in the order (a station's)."""
    return [
        {
            "name": line.item.name,
            "quantity": line.item.quantity,
            "category": line.info.category_name,
            "allergens": [tag.name for tag in line.info.allergens],
            "dietary": [tag.name for tag in line.info.dietary],
        }
        for line in place_lines(ticket.items, menu)
        if only is None or line.index in only
    ]


def missing_categories_warning(station: Station, menu: Menu | None) -> str | None:
    """The warning for the station's categories `menu` lacks, or None if it has them all."""
    missing = unknown_categories(station, menu)
    if not missing:
        return None
    restaurant = f" of restaurant {menu.restaurant_id}" if menu is not None else ""
    return (
        f"station {station.name!r}: {', '.join(repr(c) for c in missing)} "
        f"{'is not a category' if len(missing) == 1 else 'are not categories'} of the menu"
        f"{restaurant} (check the station's profile in config.toml)"
    )


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
        body = [head, *(_readable_line(line) for line in o["lines"] or ())]
        if o.get("hiddenLines"):
            n = o["hiddenLines"]
            body.append(f"    +{n} {'line' if n == 1 else 'lines'} at other stations")
        return "\n".join(body)
    if kind == "remove":
        if record.get("reason") == "station":
            return f"remove  {record['orderId']}  not at station {record['station']}"
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

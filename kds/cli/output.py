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

The readable lines speak the reader's language (`kds.cli.language`; the record's words: kinds,
states, statuses and levels); the JSON lines are the records themselves, English keys and wire
values, whatever the language. The data (item, category and tag names, the server's and the
session's messages) is printed as it comes.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from kds.cli.language import translate
from kds.core.menu import Menu
from kds.core.stations import Station, StationSlice, station_slice, unknown_categories
from kds.core.ticket import Ticket
from kds.core.ticket_lines import place_lines
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["TailWriter", "iso", "lines", "missing_categories_warning"]

# The record's words as a reader sees them (the JSON keeps the wire values).
_STATES = {
    "connected": QT_TRANSLATE_NOOP("TailWriter", "connected"),
    "reconnecting": QT_TRANSLATE_NOOP("TailWriter", "reconnecting"),
    "disconnected": QT_TRANSLATE_NOOP("TailWriter", "disconnected"),
}
_STATUSES = {
    "AwaitingPayment": QT_TRANSLATE_NOOP("TailWriter", "AwaitingPayment"),
    "Placed": QT_TRANSLATE_NOOP("TailWriter", "Placed"),
    "Accepted": QT_TRANSLATE_NOOP("TailWriter", "Accepted"),
    "Preparing": QT_TRANSLATE_NOOP("TailWriter", "Preparing"),
    "ReadyForDelivery": QT_TRANSLATE_NOOP("TailWriter", "ReadyForDelivery"),
    "Delivered": QT_TRANSLATE_NOOP("TailWriter", "Delivered"),
    "Cancelled": QT_TRANSLATE_NOOP("TailWriter", "Cancelled"),
    "Rejected": QT_TRANSLATE_NOOP("TailWriter", "Rejected"),
}
_LEVELS = {
    "error": QT_TRANSLATE_NOOP("TailWriter", "ERROR"),
    "warning": QT_TRANSLATE_NOOP("TailWriter", "WARNING"),
    "info": QT_TRANSLATE_NOOP("TailWriter", "INFO"),
}


def _word(table: dict[str, str], value: str) -> str:
    """`value` in the reader's language when `table` knows it, else as it came."""
    return translate("TailWriter", table[value]) if value in table else value


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
    restaurant = (
        translate("TailWriter", " of restaurant {restaurant}").format(restaurant=menu.restaurant_id)
        if menu is not None
        else ""
    )
    if len(missing) == 1:
        text = translate(
            "TailWriter",
            "station {station}: {categories} is not a category of the menu{restaurant} "
            "(check the station's profile in config.toml)",
        )
    else:
        text = translate(
            "TailWriter",
            "station {station}: {categories} are not categories of the menu{restaurant} "
            "(check the station's profile in config.toml)",
        )
    return text.format(
        station=repr(station.name),
        categories=", ".join(repr(c) for c in missing),
        restaurant=restaurant,
    )


def _readable_line(line: dict[str, Any]) -> str:
    """``    2 × Phở Bò Tái  [Phở]  allergens: Gluten, Đậu phộng``"""
    text = f"    {line['quantity']} × {line['name']}  [{line['category']}]"
    if line["allergens"]:
        allergens = translate("TailWriter", "allergens: {names}")
        text += "  " + allergens.format(names=", ".join(line["allergens"]))
    return text


def _readable(record: dict[str, Any]) -> str:
    kind = record["type"]
    if kind == "connection":
        state = _word(_STATES, record["state"])
        shown = translate("TailWriter", "connection  {state}").format(state=state)
        return f"{record['at']}  {shown}"
    if kind == "upsert":
        return _readable_upsert(record["order"])
    if kind == "remove":
        if record.get("reason") == "station":
            text = translate("TailWriter", "remove  {order}  not at station {station}")
            return text.format(order=record["orderId"], station=record["station"])
        status = record["status"]
        final = _word(_STATUSES, status) if status else translate("TailWriter", "closed")
        return translate("TailWriter", "remove  {order}  {status}").format(
            order=record["orderId"], status=final
        )
    if kind == "alert":
        return translate("TailWriter", "ALERT   new order {number}  ({order})").format(
            number=record["orderNumber"], order=record["orderId"]
        )
    if kind == "notice":
        return f"{_word(_LEVELS, record['level']).upper()}: {record['message']}"
    if kind == "board":
        # "1 open orders" as before: scripts may match this line (a count, not a plural form).
        count = len(record["orders"])
        lines = [translate("TailWriter", "board: {count} open orders").format(count=count)]
        lines += [f"  {_word(_STATUSES, o['status']):<16} {o['orderId']}" for o in record["orders"]]
        return "\n".join(lines)
    return json.dumps(record)


def _readable_upsert(o: dict[str, Any]) -> str:
    """``upsert  1042  Accepted  (id)  eta …`` and the order's lines below it."""
    eta = ""
    if o["estimatedDeliveryTime"]:
        eta = "  " + translate("TailWriter", "eta {time}").format(time=o["estimatedDeliveryTime"])
    head = translate("TailWriter", "upsert  {number}  {status}  ({order}){eta}").format(
        number=o["orderNumber"], status=_word(_STATUSES, o["status"]), order=o["orderId"], eta=eta
    )
    body = [head, *(_readable_line(line) for line in o["lines"] or ())]
    if o.get("hiddenLines"):
        n = o["hiddenLines"]
        body.append("    " + translate("TailWriter", "+%n lines at other stations", None, n))
    return "\n".join(body)

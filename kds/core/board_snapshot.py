"""The last good board as a JSON document, so a restarted terminal can show it before the server
answers (issue 18, item 3). Pure values and functions, no I/O: `kds.app.board_store` keeps the
file.

A snapshot holds the open tickets with their queue row and detail, which new orders were already
acknowledged, and the menu the lines were placed by. It is written in this client's own format,
not the backend's: every field of the value types (`Ticket`, `OrderSummary`, `OrderDetail`,
`Menu`, …) under its Python name, money as decimal strings (exact: ``"12.50"`` stays
``"12.50"``), times as ISO 8601 in UTC with microseconds. One generic codec walks the
dataclasses' type hints, so a field added to a value type is saved with no code here (bump
`SNAPSHOT_VERSION` then: an older file no longer decodes and is set aside).

The menu is saved as the decoded ``Menu``, not the raw menu document: the app only ever holds
the decoded one (``RestClient.menu`` decodes on its worker), the decoded form round-trips
exactly (menu order, tag kinds and "Other" placement do not depend on re-reading a lenient
document), and it is a fraction of the document's size (no prices or descriptions).

Decoding is strict per field (``ProtocolError`` naming the JSON path: ``tickets[3].detail.
items[0].quantity``) but forgiving per ticket: a ticket that cannot be read is left out and
reported in `BoardSnapshot.problems`, the others are restored. A bad menu is dropped and
reported the same way; a bad ``acknowledged`` list is dropped (those new orders alert again,
the safe side). Only a document that is not a snapshot of this version at all raises.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from kds.core import fields as f
from kds.core.board import Board
from kds.core.errors import ProtocolError
from kds.core.menu import Menu
from kds.core.orders import OPEN_STATUSES, OrderStatus
from kds.core.ticket import Ticket

__all__ = [
    "SNAPSHOT_KIND",
    "SNAPSHOT_VERSION",
    "BoardSnapshot",
    "capture",
    "decode",
    "encode",
    "restore_board",
]

SNAPSHOT_KIND = "kds.board-snapshot"
SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class BoardSnapshot:
    """The board of one restaurant as one user last saw it.

    Attributes:
        restaurant_id: canonical lowercase GUID of the board's restaurant.
        user: who was signed in (the store keeps one file per user and restaurant).
        saved_at: the terminal's clock when the snapshot was taken.
        last_synced_at: when the board last agreed with the server (the last snapshot
            applied, server-truth time), None if it never did; "last synced HH:MM".
        tickets: the open tickets, queue order, each with its row and detail if known.
        acknowledged: ids of new (Placed) orders whose alert was already answered: they do
            not alert again when restored. A Placed ticket not listed here alerts.
        menu: the menu the lines were placed by (stations and allergens work offline), or None.
        problems: what `decode` could not read (not encoded, not compared): one
            ``ProtocolError`` per ticket left out, the menu or the acknowledged list dropped.
    """

    restaurant_id: str
    user: str
    saved_at: datetime
    last_synced_at: datetime | None
    tickets: tuple[Ticket, ...]
    acknowledged: frozenset[str]
    menu: Menu | None
    problems: tuple[ProtocolError, ...] = field(default=(), compare=False)


# ------------------------------------------------------------------ taking and restoring


def capture(
    board: Board,
    *,
    user: str,
    saved_at: datetime,
    last_synced_at: datetime | None,
    menu: Menu | None,
) -> BoardSnapshot:
    """The snapshot of ``board`` now (cheap: tickets are immutable; call it on the board's
    thread, encode and write anywhere)."""
    tickets = tuple(board.open_orders())
    alerting = {a.order_id for a in board.unacknowledged_alerts()}
    acknowledged = frozenset(
        t.order_id for t in tickets if t.status is OrderStatus.PLACED and t.order_id not in alerting
    )
    return BoardSnapshot(
        board.restaurant_id, user, saved_at, last_synced_at, tickets, acknowledged, menu
    )


def restore_board(board: Board, snapshot: BoardSnapshot) -> int:
    """Fill the empty ``board`` with the snapshot's tickets as provisional truth
    (`Board.restore`); the number of tickets shown. ValueError for another restaurant's."""
    if snapshot.restaurant_id != board.restaurant_id:
        raise ValueError(
            f"snapshot of restaurant {snapshot.restaurant_id} on the board of {board.restaurant_id}"
        )
    return board.restore(snapshot.tickets, snapshot.acknowledged)


# ------------------------------------------------------------------ the document


def encode(snapshot: BoardSnapshot) -> dict[str, object]:
    """The snapshot as a JSON-able dict (`json.dumps` needs no ``default``)."""
    enc_ticket, _ = _codec(Ticket)
    enc_menu, _ = _codec(Menu)
    return {
        "kind": SNAPSHOT_KIND,
        "version": SNAPSHOT_VERSION,
        "restaurant_id": snapshot.restaurant_id,
        "user": snapshot.user,
        "saved_at": _enc_time(snapshot.saved_at),
        "last_synced_at": None
        if snapshot.last_synced_at is None
        else _enc_time(snapshot.last_synced_at),
        "acknowledged": sorted(snapshot.acknowledged),
        "menu": None if snapshot.menu is None else enc_menu(snapshot.menu),
        "tickets": [enc_ticket(t) for t in snapshot.tickets],
    }


def decode(obj: object) -> BoardSnapshot:
    """Read a document `encode` wrote (after a JSON round trip).

    Raises ``ProtocolError`` when the document as a whole is unusable (not a snapshot, another
    version, a bad restaurant, user or time); a bad ticket, menu or acknowledged list only
    lands in ``problems``.
    """
    o = f.json_object(obj, "")
    if f.get(o, "kind") != SNAPSHOT_KIND:
        raise ProtocolError("kind", f"not a board snapshot: {o.get('kind')!r}")
    version = f.get(o, "version")
    if version != SNAPSHOT_VERSION:
        raise ProtocolError("version", f"snapshot version {version!r}, expected {SNAPSHOT_VERSION}")
    restaurant_id = f.guid(o, "restaurant_id")
    user = f.string(o, "user")
    saved_at = f.timestamp(o, "saved_at")
    last_synced_at = f.nullable(o, "last_synced_at", f.timestamp)
    raw_tickets = f.json_list(o, "tickets")
    problems: list[ProtocolError] = []
    tickets = _tickets(raw_tickets, restaurant_id, problems)
    acknowledged: frozenset[str] = frozenset()
    try:
        acknowledged = frozenset(
            _codec(tuple[str, ...])[1](f.get(o, "acknowledged"), "acknowledged")
        )
    except ProtocolError as exc:
        problems.append(exc)
    menu: Menu | None = None
    try:
        menu = _codec(Menu | None)[1](f.get(o, "menu"), "menu")
        if menu is not None and menu.restaurant_id != restaurant_id:
            raise ProtocolError("menu.restaurant_id", "the menu of another restaurant")
    except ProtocolError as exc:
        menu = None
        problems.append(exc)
    return BoardSnapshot(
        restaurant_id,
        user,
        saved_at,
        last_synced_at,
        tuple(tickets),
        acknowledged,
        menu,
        tuple(problems),
    )


def _tickets(
    raw: Iterable[object], restaurant_id: str, problems: list[ProtocolError]
) -> list[Ticket]:
    _, dec_ticket = _codec(Ticket)
    tickets: dict[str, Ticket] = {}
    for i, item in enumerate(raw):
        path = f"tickets[{i}]"
        try:
            ticket: Ticket = dec_ticket(item, path)
            if ticket.status not in OPEN_STATUSES:
                raise ProtocolError(f"{path}.status", f"not an open status: {ticket.status}")
            for part, value in (("summary", ticket.summary), ("detail", ticket.detail)):
                if value is not None and value.restaurant_id != restaurant_id:
                    raise ProtocolError(f"{path}.{part}.restaurant_id", "another restaurant's")
                if value is not None and value.order_id != ticket.order_id:
                    raise ProtocolError(f"{path}.{part}.order_id", "another order's")
            if ticket.order_id in tickets:
                raise ProtocolError(f"{path}.order_id", f"listed twice: {ticket.order_id}")
        except ProtocolError as exc:
            problems.append(exc)
            continue
        tickets[ticket.order_id] = ticket
    return list(tickets.values())


# ------------------------------------------------------------------ the generic codec

Encoder = Callable[[Any], object]
Decoder = Callable[[object, str], Any]


def _enc_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise TypeError(f"naive datetime {value!r} cannot be saved")
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _dec_time(value: object, path: str) -> datetime:
    return f.parse_timestamp(value, path)


def _dec_str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise ProtocolError(path, f"expected a string, got {f.kind(value)}")
    return value


def _dec_int(value: object, path: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError(path, f"expected an integer, got {f.kind(value)}")
    return value


def _dec_bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ProtocolError(path, f"expected true or false, got {f.kind(value)}")
    return value


def _dec_decimal(value: object, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ProtocolError(path, f"expected a decimal string, got {f.kind(value)}")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ProtocolError(path, f"not a decimal: {value!r}") from None
    if not result.is_finite():
        raise ProtocolError(path, f"not a finite number: {value!r}")
    return result


def _identity(value: Any) -> object:
    return value


@functools.cache
def _codec(tp: Any) -> tuple[Encoder, Decoder]:
    """The encoder and decoder of one annotated type, built once per type."""
    simple: dict[Any, tuple[Encoder, Decoder]] = {
        str: (_identity, _dec_str),
        int: (_identity, _dec_int),
        bool: (_identity, _dec_bool),
        Decimal: (str, _dec_decimal),
        datetime: (_enc_time, _dec_time),
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_codec(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _nullable_codec(next(a for a in args if a is not type(None)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_codec(args[0])
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_codec(tp)
    raise TypeError(f"no snapshot codec for {tp!r}")


def _enum_codec(tp: type[Enum]) -> tuple[Encoder, Decoder]:
    def dec(value: object, path: str) -> Enum:
        try:
            return tp(_dec_str(value, path))
        except ValueError:
            raise ProtocolError(path, f"unknown {tp.__name__} {value!r}") from None

    return (lambda v: v.value), dec


def _nullable_codec(inner: Any) -> tuple[Encoder, Decoder]:
    enc, dec = _codec(inner)
    return (
        (lambda v: None if v is None else enc(v)),
        (lambda v, p: None if v is None else dec(v, p)),
    )


def _tuple_codec(inner: Any) -> tuple[Encoder, Decoder]:
    enc, dec = _codec(inner)

    def decode_list(value: object, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ProtocolError(path, f"expected an array, got {f.kind(value)}")
        return tuple(dec(x, f"{path}[{i}]") for i, x in enumerate(value))

    return (lambda v: [enc(x) for x in v]), decode_list


def _dataclass_codec(tp: type) -> tuple[Encoder, Decoder]:
    hints = get_type_hints(tp)
    plan = [(fl.name, *_codec(hints[fl.name])) for fl in dataclasses.fields(tp) if fl.init]

    def enc(value: Any) -> object:
        return {name: e(getattr(value, name)) for name, e, _ in plan}

    def dec(value: object, path: str) -> Any:
        o = f.json_object(value, path)
        return tp(**{name: d(f.get(o, name, path), f.join(path, name)) for name, _, d in plan})

    return enc, dec

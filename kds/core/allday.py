"""All-day counts: how many of each item the kitchen still has to make, with their choices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kds.core.lanes import Lane, lane_of
from kds.core.menu import Menu
from kds.core.orders import OrderItem
from kds.core.stations import Station, station_slice
from kds.core.ticket import Ticket

__all__ = ["AllDay", "AllDayItem", "ChoiceCount", "all_day"]

_COUNTED_LANES = frozenset({Lane.NEW, Lane.IN_PROGRESS})


@dataclass(frozen=True, slots=True)
class ChoiceCount:
    """How many of an item's units carry one customization choice."""

    group_name: str
    choice_name: str
    quantity: int

    @property
    def text(self) -> str:
        return f"{self.group_name}: {self.choice_name} ×{self.quantity}"


@dataclass(frozen=True, slots=True)
class AllDayItem:
    """One menu item's total across the counted tickets, with its choices grouped under it."""

    name: str
    quantity: int
    choices: tuple[ChoiceCount, ...]
    menu_item_ids: tuple[str, ...] = ()
    """The ``menuItemId``s of the lines counted (first seen first): what "86" marks."""

    @property
    def text(self) -> str:
        """E.g. ``Pho Bo ×7: Size: Large ×3, Spice: Hot ×2``."""
        head = f"{self.name} ×{self.quantity}"
        if not self.choices:
            return head
        return f"{head}: " + ", ".join(c.text for c in self.choices)


@dataclass(frozen=True, slots=True)
class AllDay:
    """The all-day list, plus how many tickets could not be counted yet.

    Attributes:
        tickets_pending: New or In-progress tickets whose detail (items) has not arrived, so
            the totals may still grow; the view should say so rather than look complete.
    """

    items: tuple[AllDayItem, ...]
    tickets_counted: int
    tickets_pending: int


def all_day(
    tickets: Iterable[Ticket], *, menu: Menu | None = None, station: Station | None = None
) -> AllDay:
    """Sum item quantities over New and In-progress tickets (Ready ones are already made).

    Items are keyed by name (the order-time snapshot of the menu item's name); a choice counts
    the quantity of every line that carries it. Largest totals first, then by name.

    With a `station`, only what that station's screen shows counts (`station_slice`): its
    tickets (New ones only with ``show_new``) and, of those, only its lines and the "Other"
    ones; `menu` places the lines (without it every line is "Other", so all count). Without a
    station (the expo view) `menu` changes nothing.
    """
    totals: Counter[str] = Counter()
    choices: dict[str, Counter[tuple[str, str]]] = {}
    ids: dict[str, dict[str, None]] = {}
    counted = pending = 0
    for ticket in tickets:
        if lane_of(ticket.status) not in _COUNTED_LANES:
            continue
        lines: Iterable[OrderItem]
        if station is None:
            if ticket.detail is None:
                pending += 1
                continue
            lines = ticket.detail.items
        else:
            part = station_slice(ticket, menu, station)
            if part is None:
                continue
            if part.loading:
                pending += 1
                continue
            lines = (placed.item for placed in part.lines)
        counted += 1
        for line in lines:
            totals[line.name] += line.quantity
            ids.setdefault(line.name, {})[line.menu_item_id] = None
            per_item = choices.setdefault(line.name, Counter())
            for c in line.customizations:
                per_item[(c.group_name, c.choice_name)] += line.quantity
    items = tuple(
        AllDayItem(
            name=name,
            quantity=quantity,
            menu_item_ids=tuple(ids[name]),
            choices=tuple(
                ChoiceCount(group, choice, n)
                for (group, choice), n in sorted(
                    choices[name].items(), key=lambda kv: (-kv[1], kv[0])
                )
            ),
        )
        for name, quantity in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return AllDay(items=items, tickets_counted=counted, tickets_pending=pending)

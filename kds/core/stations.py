"""Kitchen stations: which part of each order a station's screen shows.

A station (the bar, the grill) is a named list of menu category names. Its screen shows the
orders with lines for its categories, only those lines, and how many lines are at other
stations ("+N lines at other stations"). The expo view (no station) shows every order whole.

Rules, each chosen so that a station never hides work it cannot place:

- **Names** match after `normalise_name` (Unicode NFC, then case folding): ``"ĐỒ UỐNG & KHÁC"``
  typed on one keyboard equals the menu's decomposed ``"Đồ uống & Khác"``.
- **"Other" lines** (an item the menu does not know, an item whose category the menu lacks,
  or every line while the menu has not loaded) show on *every* station, never on none.
  Without a menu a station therefore shows every line of every order it shows.
- **Statuses**: a station shows orders from Accepted on (Accepted, Preparing, Ready); New
  (Placed) ones too when its profile says ``show_new``. The lifecycle steps stay with the
  expo / all view; the station only marks its part "done here" (``kds.app.done_here``).
- **An order whose detail has not arrived** is shown (status permitting) as *loading*, with
  no lines and nothing hidden: its lines are unknown, and hiding it could hide work.
- **An order with lines** is shown only if at least one of them is for the station (its
  categories, or "Other").
- **A category the menu does not have** is listed by `unknown_categories` (warn once, and the
  screen says which categories it shows: `shown_categories`); it hides nothing by itself.

Pure values and functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kds.core.ids import canonical_id
from kds.core.menu import Menu, normalise_name
from kds.core.orders import OrderStatus
from kds.core.ticket import Ticket
from kds.core.ticket_lines import LineGroup, PlacedLine, group_lines

__all__ = [
    "EXPO",
    "STATION_STATUSES",
    "Station",
    "StationProfiles",
    "StationSlice",
    "shown_categories",
    "station_slice",
    "stations_for",
    "unclaimed_categories",
    "unknown_categories",
]

EXPO = "all"
"""The ``station`` value that picks the expo / all view explicitly (as does leaving it unset).
Reserved: no station profile may be called this."""

STATION_STATUSES: frozenset[OrderStatus] = frozenset(
    {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY_FOR_DELIVERY}
)
"""The statuses a station shows whatever its profile; Placed too with ``show_new``."""


@dataclass(frozen=True, slots=True)
class Station:
    """A station profile.

    Attributes:
        name: the profile's name as configured (``bar``).
        categories: the menu category names it shows, as written in the config.
        show_new: show New (Placed) orders too, before anyone accepted them.
    """

    name: str
    categories: tuple[str, ...]
    show_new: bool = False

    @property
    def wanted(self) -> frozenset[str]:
        """Its category names, normalised for matching."""
        return frozenset(normalise_name(c) for c in self.categories)

    def shows_status(self, status: OrderStatus) -> bool:
        return status in STATION_STATUSES or (self.show_new and status is OrderStatus.PLACED)

    def shows_group(self, group: LineGroup) -> bool:
        """True for the lines of one of its categories, and for "Other" lines (every station)."""
        return group.is_other or normalise_name(group.name) in self.wanted


@dataclass(frozen=True)
class StationProfiles:
    """Every station profile of the config.

    Attributes:
        default: the ``[stations]`` table: the profiles of every restaurant without its own.
        by_restaurant: `canonical_id` → that restaurant's own profiles, which *replace* the
            default ones for it (a restaurant's menu has its own category names).
    """

    default: Mapping[str, Station] = field(default_factory=dict)
    by_restaurant: Mapping[str, Mapping[str, Station]] = field(default_factory=dict)

    def names(self) -> frozenset[str]:
        """Every profile name, of any restaurant."""
        found = set(self.default)
        for stations in self.by_restaurant.values():
            found.update(stations)
        return frozenset(found)


def stations_for(profiles: StationProfiles, restaurant_id: str | None) -> Mapping[str, Station]:
    """The station profiles of one restaurant: its own if configured, else the default ones."""
    if restaurant_id is not None:
        own = profiles.by_restaurant.get(canonical_id(restaurant_id))
        if own is not None:
            return MappingProxyType(dict(own))
    return MappingProxyType(dict(profiles.default))


@dataclass(frozen=True, slots=True)
class StationSlice:
    """What one screen shows of a ticket.

    Attributes:
        groups: the lines shown, grouped as `group_lines` groups them (menu order, "Other"
            last, each group's lines in the order's sequence); every group for the expo.
        hidden: how many lines are at other stations ("+N lines at other stations").
        loading: the order's detail has not arrived: its lines are not known yet.
    """

    groups: tuple[LineGroup, ...]
    hidden: int = 0
    loading: bool = False

    @property
    def lines(self) -> tuple[PlacedLine, ...]:
        """The lines shown, in display order."""
        return tuple(line for group in self.groups for line in group.lines)

    @property
    def indices(self) -> frozenset[int]:
        """The shown lines' places in the order (`PlacedLine.index`)."""
        return frozenset(line.index for group in self.groups for line in group.lines)


def station_slice(
    ticket: Ticket, menu: Menu | None, station: Station | None
) -> StationSlice | None:
    """What `station`'s screen shows of `ticket` (None: the ticket is not on that screen).

    ``station=None`` is the expo view: every ticket, every line, nothing hidden. See the module
    docstring for the rules.
    """
    groups = group_lines(ticket.items, menu)
    if station is None:
        return StationSlice(groups, loading=ticket.detail_pending)
    if not station.shows_status(ticket.status):
        return None
    if ticket.detail_pending:
        return StationSlice((), loading=True)
    wanted = station.wanted
    shown = tuple(g for g in groups if g.is_other or normalise_name(g.name) in wanted)
    if not shown:
        return None
    hidden = sum(len(g.lines) for g in groups) - sum(len(g.lines) for g in shown)
    return StationSlice(shown, hidden=hidden)


def unknown_categories(station: Station, menu: Menu | None) -> tuple[str, ...]:
    """The station's category names (as written, in its order) the menu has no category for.

    Without a menu nothing is known to be missing: ``()``.
    """
    if menu is None:
        return ()
    return tuple(c for c in _unique(station.categories) if menu.category_named(c) is None)


def shown_categories(station: Station, menu: Menu | None) -> tuple[str, ...]:
    """The menu's categories the station shows, as the menu spells them, in menu order (for an
    on-screen "shows: …" line). Without a menu: its names as written (nothing is placed yet,
    so the screen shows every line anyway)."""
    if menu is None:
        return tuple(_unique(station.categories))
    wanted = station.wanted
    return tuple(c.name for c in menu.categories if normalise_name(c.name) in wanted)


def unclaimed_categories(stations: Iterable[Station], menu: Menu) -> tuple[str, ...]:
    """The menu's categories no station shows: their lines appear on the expo view only."""
    wanted: set[str] = set()
    for station in stations:
        wanted |= station.wanted
    return tuple(c.name for c in menu.categories if normalise_name(c.name) not in wanted)


def _unique(names: Iterable[str]) -> list[str]:
    """`names` without repeats (after normalising), first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(normalise_name(name), name)
    return list(seen.values())

"""What this terminal shows as sold out ("86'd"): the menu, overridden by its own recent marks.

The backend's public menu is a read model behind a five-minute cache (contract 4.1a): after a
``PUT …/availability`` answers 204 the menu can still say the old value for minutes. So the
terminal keeps its own marks on top of the menu (``SoldOutMarks``) and lets the menu win again
only once the menu is known to have been rebuilt after the change.

"Known" compares two clocks of the **same server**: the 204's ``Date`` header and the menu's
``lastRebuiltAt``. The terminal's own clock is never compared with either (a kitchen tablet's
clock can be minutes off). A ``Date`` has one-second resolution and servers cache it (Kestrel
and uvicorn both refresh it once a second), so it can read up to about two seconds *before* the
change was made; a menu rebuilt within that window might predate the change. So a mark has two
steps:

- **confirmed** by a menu rebuilt at or after ``Date`` that agrees with it: the mark is no longer
  pending (the panel stops showing it as the terminal's word alone), but it still guards the
  item against a *disagreeing* menu rebuilt before ``Date + DATE_SLACK``, which might predate
  the change. (Menus are rebuilt after changes, often within a second of one, and the reference
  server keeps ``lastRebuiltAt`` while nothing changes, so waiting for ``Date + DATE_SLACK``
  alone could leave a correct mark pending until the next unrelated menu change.)
- **settled** by a menu rebuilt at or after ``Date + DATE_SLACK``: the mark is gone and the menu
  is the truth, whatever it says.
A 204 without a readable ``Date`` (a proxy stripped it) has no server time to compare. Such a
mark settles at the first menu that was rebuilt after the newest menu the terminal held when
the 204 came *and* agrees with the mark. That never shows a menu older than the one the cook
already saw, and a menu that agrees with the mark cannot flip it; the cost is that if someone
else changes the item back meanwhile, the mark stays until a menu agrees or the restaurant is
reopened — an off-contract case, so the simpler rule is kept.

Pure values, no I/O, no clock reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kds.core.ids import canonical_id
from kds.core.menu import Menu

__all__ = ["DATE_SLACK", "Mark", "SoldOut", "SoldOutItem", "SoldOutMarks"]

DATE_SLACK = timedelta(seconds=2)
"""How far a ``Date`` header can read before the change it answers (resolution + caching)."""


@dataclass(frozen=True)
class Mark:
    """One availability change this terminal made and the server confirmed (204).

    Attributes:
        item_id: the menu item (canonical lowercase GUID).
        name: the item's name when it was marked (for notices and the sold-out panel).
        available: what it was set to (False: sold out).
        at_local: when the 204 came, on the **terminal's** clock: shown to the cook as "as of
            HH:MM" next to the rest of this screen's times; never compared with server times.
        server_date: the 204's ``Date`` (**server** clock), or None when it had none.
        seen_rebuilt_at: ``lastRebuiltAt`` (**server** clock) of the newest menu the terminal
            held when the 204 came, or None; used only when ``server_date`` is None.
    """

    item_id: str
    name: str
    available: bool
    at_local: datetime
    server_date: datetime | None = None
    seen_rebuilt_at: datetime | None = None

    def confirmed_by(self, menu: Menu) -> bool:
        """True when ``menu`` was rebuilt at or after the 204's ``Date`` and agrees with it."""
        if self.server_date is None or menu.last_rebuilt_at < self.server_date:
            return False
        item = menu.item(self.item_id)
        return item is not None and item.is_available == self.available

    def settled_by(self, menu: Menu, slack: timedelta = DATE_SLACK) -> bool:
        """True when ``menu`` is known to show the server as it was after this change.

        The menu is then the truth for this item, even when it disagrees with the mark: that
        means someone else (another terminal, the owner's back office) changed it afterwards.
        """
        if self.server_date is not None:
            return menu.last_rebuilt_at >= self.server_date + slack
        if self.seen_rebuilt_at is not None and menu.last_rebuilt_at <= self.seen_rebuilt_at:
            return False
        item = menu.item(self.item_id)
        return item is None or item.is_available == self.available


@dataclass(frozen=True)
class SoldOutItem:
    """One sold-out item as the panel lists it.

    ``as_of`` is an aware datetime for "as of HH:MM" (convert to local time to show it). For an
    item this terminal marked it is the mark's ``at_local`` (this terminal's clock: the moment
    the cook saw the 204, also after the menu caught up). For an item only the menu reports it
    is the menu's ``lastRebuiltAt`` (the server's clock): the menu says nothing about when the
    item was marked, only that it was sold out when the document was rebuilt. ``pending`` is
    True while the terminal's mark is ahead of the menu.
    """

    item_id: str
    name: str
    as_of: datetime
    pending: bool = False


@dataclass(frozen=True)
class SoldOut:
    """The effective sold-out set: ``items`` by name, and membership by any spelling of an id."""

    items: tuple[SoldOutItem, ...] = ()
    ids: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", frozenset(i.item_id for i in self.items))

    def __contains__(self, menu_item_id: object) -> bool:
        return isinstance(menu_item_id, str) and canonical_id(menu_item_id) in self.ids

    def __iter__(self) -> Iterator[SoldOutItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, menu_item_id: str) -> SoldOutItem | None:
        key = canonical_id(menu_item_id)
        return next((i for i in self.items if i.item_id == key), None)


class SoldOutMarks:
    """The marks of one restaurant, and the sold-out set they make with a menu.

    Args:
        restaurant_id: the restaurant the marks belong to; another restaurant's menu is ignored.
        slack: see ``DATE_SLACK``.
    """

    def __init__(self, restaurant_id: str, slack: timedelta = DATE_SLACK) -> None:
        self.restaurant_id = canonical_id(restaurant_id)
        self._slack = slack
        self._marks: dict[str, Mark] = {}  # pending: the menu has not shown them yet
        self._confirmed: dict[str, Mark] = {}  # shown by a menu, still guarding (see above)
        # When a sold-out mark settled with the menu agreeing, its "as of" (the cook's moment)
        # is kept while the menu still says sold out, so the panel's time does not jump to the
        # next rebuild's.
        self._since: dict[str, datetime] = {}

    def __len__(self) -> int:
        """The number of pending marks."""
        return len(self._marks)

    def __iter__(self) -> Iterator[Mark]:
        """The pending marks, oldest first."""
        return iter(self._marks.values())

    def get(self, menu_item_id: str) -> Mark | None:
        """The item's pending mark, if any."""
        return self._marks.get(canonical_id(menu_item_id))

    def guarding(self) -> list[Mark]:
        """Confirmed marks still guarding against a menu that may predate them."""
        return list(self._confirmed.values())

    def add(self, mark: Mark) -> None:
        """A confirmed change: it replaces any earlier mark of the item."""
        key = canonical_id(mark.item_id)
        if key != mark.item_id:
            mark = Mark(
                key, mark.name, mark.available, mark.at_local, mark.server_date,
                mark.seen_rebuilt_at,
            )  # fmt: skip
        self._marks[key] = mark
        self._confirmed.pop(key, None)
        self._since.pop(key, None)

    def clear(self) -> None:
        self._marks.clear()
        self._confirmed.clear()
        self._since.clear()

    def _applies(self, menu: Menu | None) -> bool:
        return menu is not None and canonical_id(menu.restaurant_id) == self.restaurant_id

    def reconcile(self, menu: Menu | None) -> list[Mark]:
        """Bring the marks up to ``menu``; return the marks no longer pending (oldest first).

        A pending mark is confirmed when the menu shows it (``Mark.confirmed_by``) and settled
        once the menu's rebuild is past the change (``Mark.settled_by``, server clock against
        server clock); a settled mark is gone, and the menu is the truth for that item even if
        it disagrees (someone else changed it after us). A mark for an item the menu no longer
        has is dropped by the same rule: a settled menu without the item means it was deleted,
        while a menu from before the change may just predate a newly added item.
        """
        if menu is None or not self._applies(menu):
            return []
        left: list[Mark] = []
        for mark in list(self._marks.values()):
            if mark.settled_by(menu, self._slack):
                self._settle(mark, menu)
                left.append(mark)
            elif mark.confirmed_by(menu):
                del self._marks[mark.item_id]
                self._confirmed[mark.item_id] = mark
                left.append(mark)
        for mark in list(self._confirmed.values()):
            if mark.settled_by(menu, self._slack):
                self._settle(mark, menu)
        for key in list(self._since):
            item = menu.item(key)
            if item is None or item.is_available:
                del self._since[key]
        return left

    def _settle(self, mark: Mark, menu: Menu) -> None:
        self._marks.pop(mark.item_id, None)
        self._confirmed.pop(mark.item_id, None)
        item = menu.item(mark.item_id)
        if not mark.available and item is not None and not item.is_available:
            self._since[mark.item_id] = mark.at_local

    def effective(self, menu: Menu | None) -> SoldOut:
        """The menu's sold-out items with every pending mark applied over them.

        A pending "back on" mark hides a stale "sold out" in the menu, and a pending "sold
        out" mark shows an item the stale menu still offers. Without a menu (not loaded yet, or
        another restaurant's) only the marks count.
        """
        found: dict[str, SoldOutItem] = {}
        if menu is not None and self._applies(menu):
            for item in menu.items:
                if not item.is_available:
                    as_of = self._since.get(item.id, menu.last_rebuilt_at)
                    found[item.id] = SoldOutItem(item.id, item.name, as_of)
        for pending, marks in ((False, self._confirmed), (True, self._marks)):
            for mark in marks.values():
                if mark.available:
                    found.pop(mark.item_id, None)
                else:
                    found[mark.item_id] = SoldOutItem(
                        mark.item_id, mark.name, mark.at_local, pending=pending
                    )
        return SoldOut(tuple(sorted(found.values(), key=lambda i: (i.name.casefold(), i.item_id))))

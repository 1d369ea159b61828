"""An order's lines placed by the menu: each with its category and tags, grouped in menu order.

The board, the all-day count, the station filter and `kds tail` all need the same answer to
"where does this line belong", so it is computed here once, purely. Without a menu (not loaded
yet, or failed to load) every line is "Other" and keeps the order's own sequence: a ticket is
never held back or emptied because the menu is missing. A line the menu does not know is
"Other" too, never dropped. Within a category the lines keep the order's sequence.

"Other" is our word, not the menu's: `OTHER_GROUP` marks it for translation (context
``TicketLines``), and the screen translates it where it shows the heading; every other group
name is the menu's and is shown as spelt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kds.core.menu import OTHER_CATEGORY, OTHER_ORDER, LineInfo, Menu
from kds.core.orders import OrderItem
from kds.core.words import QT_TRANSLATE_NOOP

__all__ = ["OTHER_GROUP", "LineGroup", "PlacedLine", "group_lines", "place_lines"]

OTHER_GROUP = QT_TRANSLATE_NOOP("TicketLines", "Other")
"""The name of the group of lines the menu does not place: `kds.core.menu.OTHER_CATEGORY`,
marked here for the catalogue (in English; ``translate("TicketLines", OTHER_GROUP)`` where it
is shown)."""

_NO_MENU = LineInfo(category_id=None, category_name=OTHER_CATEGORY, order=OTHER_ORDER)


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """An order line with what the menu says of it. ``index`` is its place in the order."""

    index: int
    item: OrderItem
    info: LineInfo


@dataclass(frozen=True, slots=True)
class LineGroup:
    """The lines of one category, in the order's sequence.

    Attributes:
        category_id: ``None`` for "Other" (no menu, unknown item, or an item whose category
            the menu lacks).
        name: the category's name as the menu spells it (data: never translated); for
            "Other", `OTHER_GROUP` (our word: translated where shown).
    """

    category_id: str | None
    name: str
    order: int
    lines: tuple[PlacedLine, ...]

    @property
    def is_other(self) -> bool:
        return self.category_id is None


def place_lines(items: Iterable[OrderItem], menu: Menu | None) -> tuple[PlacedLine, ...]:
    """Each line with its category and tags (all "Other" without a menu), in order sequence."""
    if menu is None:
        return tuple(PlacedLine(i, item, _NO_MENU) for i, item in enumerate(items))
    return tuple(
        PlacedLine(i, item, menu.resolve(item.menu_item_id)) for i, item in enumerate(items)
    )


def group_lines(items: Iterable[OrderItem], menu: Menu | None) -> tuple[LineGroup, ...]:
    """The lines grouped by category, categories in menu order and "Other" last."""
    groups: dict[str | None, list[PlacedLine]] = {}
    first: dict[str | None, LineInfo] = {}
    for line in place_lines(items, menu):
        key = line.info.category_id
        groups.setdefault(key, []).append(line)
        first.setdefault(key, line.info)
    ordered = sorted(groups, key=lambda k: (first[k].order, first[k].category_name))
    return tuple(
        LineGroup(key, first[key].category_name, first[key].order, tuple(groups[key]))
        for key in ordered
    )

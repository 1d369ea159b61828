"""A restaurant's public menu (contract §4.1a) as the board needs it, and its decoder.

The board uses the menu to place each order line: its category (kitchen stations match on
category names) and its tags (allergens and dietary marks). Only that part of the document is
kept; prices, descriptions and customization groups are not read.

Decoding follows ``kds.core.decode``: a value of the wrong type or a missing required field
raises ``ProtocolError`` naming its JSON path, unknown extra fields are ignored. References
are read leniently, because the document is a read model rebuilt after menu events: an item
whose category is missing falls under "Other", a tag id missing from the legend is skipped, an
id in ``categories.order`` without an entry is skipped. ``Menu.resolve`` never fails: an id the
menu does not know (an item deleted since the order was placed, a free-text line) resolves to
the "Other" category, sorted after every real one. Pure values, no I/O.
"""

from __future__ import annotations

import sys
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kds.core import fields as f
from kds.core.errors import ProtocolError
from kds.core.ids import canonical_id

__all__ = [
    "OTHER_CATEGORY",
    "OTHER_ORDER",
    "LineInfo",
    "Menu",
    "MenuCategory",
    "MenuItem",
    "Tag",
    "TagKind",
    "decode_menu",
    "normalise_name",
]

OTHER_CATEGORY = "Other"
"""The category name of a line whose item the menu does not place."""

OTHER_ORDER = sys.maxsize
"""The ``order`` of the "Other" category: after every real category."""


def normalise_name(name: str) -> str:
    """A name as compared by lookups: Unicode NFC, then case folded ("Món Chính" = "món chính").

    NFC again after folding: folding can leave a decomposed sequence (``"ǰ"`` folds to
    ``"ǰ"`` decomposed), and a name typed on one keyboard must equal the same name from another.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


class TagKind(StrEnum):
    """What the board does with a tag: allergens and dietary marks are shown, others kept."""

    ALLERGEN = "Allergen"
    DIETARY = "Dietary"
    OTHER = "Other"


@dataclass(frozen=True)
class Tag:
    """A tag of the menu's legend. ``category`` is the document's text (``"SpiceLevel"``, or a
    category this client does not know); ``kind`` is what the board makes of it."""

    id: str
    name: str
    category: str
    kind: TagKind


@dataclass(frozen=True)
class MenuCategory:
    """A menu category. ``order`` is its place in the menu (0 first); ``display_order`` is the
    document's own ``displayOrder``."""

    id: str
    name: str
    display_order: int
    order: int


@dataclass(frozen=True)
class MenuItem:
    """A menu item with its tags split by kind, each tuple in the item's own tag order."""

    id: str
    name: str
    category_id: str
    is_available: bool
    allergens: tuple[Tag, ...] = ()
    dietary: tuple[Tag, ...] = ()
    other_tags: tuple[Tag, ...] = ()


@dataclass(frozen=True)
class LineInfo:
    """Where an order line belongs on the board.

    ``category_id`` is ``None`` for "Other" (``known`` False when the menu has no such item at
    all; True with "Other" when the item's category is missing from the document). ``order``
    sorts categories in menu order, "Other" last (``OTHER_ORDER``).
    """

    category_id: str | None
    category_name: str
    order: int
    allergens: tuple[Tag, ...] = ()
    dietary: tuple[Tag, ...] = ()
    other_tags: tuple[Tag, ...] = ()
    known: bool = False
    is_available: bool = True

    @property
    def is_other(self) -> bool:
        return self.category_id is None


_OTHER = LineInfo(category_id=None, category_name=OTHER_CATEGORY, order=OTHER_ORDER)


@dataclass(frozen=True)
class Menu:
    """The decoded menu: categories and items in menu order, and when it was rebuilt."""

    restaurant_id: str
    last_rebuilt_at: datetime
    categories: tuple[MenuCategory, ...]
    items: tuple[MenuItem, ...]
    _items: Mapping[str, MenuItem] = field(init=False, repr=False, compare=False)
    _categories: Mapping[str, MenuCategory] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_items", {i.id: i for i in self.items})
        object.__setattr__(self, "_categories", {c.id: c for c in self.categories})

    def item(self, menu_item_id: str) -> MenuItem | None:
        return self._items.get(canonical_id(menu_item_id))

    def category(self, category_id: str) -> MenuCategory | None:
        return self._categories.get(canonical_id(category_id))

    def category_named(self, name: str) -> MenuCategory | None:
        """The first category (in menu order) whose name equals ``name`` after normalising."""
        wanted = normalise_name(name)
        return next((c for c in self.categories if normalise_name(c.name) == wanted), None)

    def resolve(self, menu_item_id: object) -> LineInfo:
        """The category and tags of an order line's ``menuItemId``; "Other" if unknown."""
        if not isinstance(menu_item_id, str):
            return _OTHER
        item = self._items.get(canonical_id(menu_item_id))
        if item is None:
            return _OTHER
        category = self._categories.get(item.category_id)
        tags = {"allergens": item.allergens, "dietary": item.dietary, "other_tags": item.other_tags}
        if category is None:
            return LineInfo(
                None,
                OTHER_CATEGORY,
                OTHER_ORDER,
                **tags,
                known=True,
                is_available=item.is_available,
            )
        return LineInfo(
            category.id,
            category.name,
            category.order,
            **tags,
            known=True,
            is_available=item.is_available,
        )


# -- decoding ---------------------------------------------------------------------------------

_KINDS = {normalise_name(k.value): k for k in (TagKind.ALLERGEN, TagKind.DIETARY)}


def _guid_key(key: object, path: str) -> str:
    if not isinstance(key, str):
        raise ProtocolError(path, f"expected a GUID key, got {f.kind(key)}")
    try:
        return str(uuid.UUID(key))
    except ValueError:
        raise ProtocolError(path, f"not a GUID: {key!r}") from None


def _by_id(o: f.Fields, key: str, prefix: str) -> f.Fields:
    """The ``byId`` dictionary of the section ``key``."""
    section = f.json_object(f.get(o, key, prefix), f.join(prefix, key))
    path = f.join(prefix, key)
    return f.json_object(f.get(section, "byId", path), f.join(path, "byId"))


def _guids(o: f.Fields, key: str, prefix: str) -> list[str]:
    path = f.join(prefix, key)
    return [_guid_key(v, f"{path}[{i}]") for i, v in enumerate(f.json_list(o, key, prefix))]


def _legend(o: f.Fields) -> dict[str, Tag]:
    legend: dict[str, Tag] = {}
    for key, raw in _by_id(o, "tagLegend", "").items():
        path = f"tagLegend.byId.{key}"
        tag_id = _guid_key(key, path)
        entry = f.json_object(raw, path)
        category = f.string(entry, "category", path)
        kind = _KINDS.get(normalise_name(category), TagKind.OTHER)
        legend[tag_id] = Tag(tag_id, f.string(entry, "name", path), category, kind)
    return legend


def _categories(o: f.Fields) -> tuple[list[MenuCategory], dict[str, list[str]]]:
    """Categories in menu order (``order``, then any others by displayOrder and name), and each
    one's ``itemOrder``."""
    section = f.json_object(f.get(o, "categories"), "categories")
    listed = _guids(section, "order", "categories")
    by_id = f.json_object(f.get(section, "byId", "categories"), "categories.byId")
    found: dict[str, tuple[str, int, list[str]]] = {}
    for key, raw in by_id.items():
        path = f"categories.byId.{key}"
        _guid_key(key, path)
        entry = f.json_object(raw, path)
        cid = f.guid(entry, "id", path)
        found[cid] = (
            f.string(entry, "name", path),
            f.integer(entry, "displayOrder", path),
            _guids(entry, "itemOrder", path),
        )
    unlisted = sorted(
        (cid for cid in found if cid not in listed), key=lambda c: (found[c][1], found[c][0], c)
    )
    ordered = list(dict.fromkeys(cid for cid in listed if cid in found)) + unlisted
    categories = [
        MenuCategory(cid, found[cid][0], found[cid][1], order) for order, cid in enumerate(ordered)
    ]
    return categories, {cid: found[cid][2] for cid in ordered}


def _item(raw: object, path: str, legend: Mapping[str, Tag]) -> MenuItem:
    entry = f.json_object(raw, path)
    tags = [legend[t] for t in _guids(entry, "dietaryTagIds", path) if t in legend]
    tags = list(dict.fromkeys(tags))
    return MenuItem(
        id=f.guid(entry, "id", path),
        name=f.string(entry, "name", path),
        category_id=f.guid(entry, "categoryId", path),
        is_available=f.boolean(entry, "isAvailable", path),
        allergens=tuple(t for t in tags if t.kind is TagKind.ALLERGEN),
        dietary=tuple(t for t in tags if t.kind is TagKind.DIETARY),
        other_tags=tuple(t for t in tags if t.kind is TagKind.OTHER),
    )


def decode_menu(obj: object) -> Menu:
    """Decode the public menu document (contract §4.1a); ``ProtocolError`` if malformed."""
    o = f.json_object(obj, "")
    legend = _legend(o)
    categories, item_orders = _categories(o)
    items: dict[str, MenuItem] = {}
    for key, raw in _by_id(o, "items", "").items():
        path = f"items.byId.{key}"
        _guid_key(key, path)
        item = _item(raw, path, legend)
        items.setdefault(item.id, item)
    # Menu order: each category's itemOrder (ids of its own items), then the rest by name.
    ordered: dict[str, MenuItem] = {}
    for category in categories:
        for iid in item_orders[category.id]:
            item_or_none = items.get(iid)
            if item_or_none is not None and item_or_none.category_id == category.id:
                ordered.setdefault(iid, item_or_none)
    rest = sorted((i for i in items.values() if i.id not in ordered), key=lambda i: (i.name, i.id))
    return Menu(
        restaurant_id=f.guid(o, "restaurantId"),
        last_rebuilt_at=f.timestamp(o, "lastRebuiltAt"),
        categories=tuple(categories),
        items=(*ordered.values(), *rest),
    )

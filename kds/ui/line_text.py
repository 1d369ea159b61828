"""What a ticket's lines and note say, as plain-text spans with a role each: pure, no widgets.

Why spans and not HTML: item, choice, category, tag and note text all come from the server
(and from customers). Built into HTML, one forgotten ``escape`` turns a customer's note into
markup; as spans, text is only ever inserted as text (`kds.ui.styled_text.StyledText` inserts
each span with a character format) and its look comes from its `Role`, which the widget maps
to the theme. Text that is data is kept as sent (names are never translated or rewritten);
the upper case of allergen words and tags is the font's capitalization, not the text's.
Our own words (the note's heading, "Loading items…", the "Other" heading) are translated as
the units are made (context ``LineText``; "Other" is ``TicketLines``'s).

A ticket is cut into *units* — each item line (with its category's heading when the ticket
spans categories), then the note — so the board can continue a tall ticket in the next
column between units.

What is shown is first cut to the backend contract's caps (`kds.core.ticket_caps`: at most 50
lines, 500 characters of any text), here, the one door every painted ticket goes through —
the board's cards, their continuations, the recall panel — so a hostile order cannot freeze
the screen; a marker says what was cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLocale

from kds.app.i18n import translate
from kds.core.ids import canonical_id
from kds.core.menu import Menu
from kds.core.stations import Station, station_slice
from kds.core.ticket import Ticket
from kds.core.ticket_caps import MAX_LINES, cap_ticket
from kds.core.ticket_lines import OTHER_GROUP, LineGroup, PlacedLine
from kds.ui.text import allergy_matches, characters_cut_text

__all__ = [
    "ELSEWHERE",
    "EXPO_PLACEMENT",
    "ITEMS",
    "NOTE",
    "Para",
    "Placement",
    "Role",
    "Span",
    "Unit",
    "allergy_spans",
    "choices_cut_text",
    "group_heading",
    "item_sold_out",
    "line_unit",
    "lines_cut_text",
    "note_unit",
    "ticket_units",
]

ITEMS = "ticketItems"
NOTE = "ticketNote"
ELSEWHERE = "ticketElsewhere"


class Role(Enum):
    """How a span looks; `StyledText` maps each to the theme's colours and sizes."""

    QUANTITY = "quantity"  # "2 ×": bold
    NAME = "name"  # the item's name as ordered
    CHOICE = "choice"  # "Size: Large": a step smaller, muted
    ALLERGY_WORD = "allergy_word"  # an allergy word in a choice or note: bold, allergy colour, caps
    ALLERGEN = "allergen"  # a menu allergen tag: "⚠ PEANUTS" on the allergy colour
    DIETARY = "dietary"  # a menu dietary tag: small, muted
    SOLD_OUT = "sold_out"  # "⊘ SOLD OUT": the item is 86'd now
    CATEGORY = "category"  # the menu category heading: small, muted, caps
    NOTE_HEAD = "note_head"  # "✎ NOTE:": bold
    ALLERGY_HEAD = "allergy_head"  # "⚠ ALLERGY — NOTE:": bold, allergy colour
    TEXT = "text"  # plain text in the unit's font
    LOADING = "loading"  # "Loading items…": italic, muted
    ELSEWHERE = "elsewhere"  # "+2 lines at other stations": italic, muted
    CUT = "cut"  # "+9,950 more lines not shown (…)": over the contract's caps; bold, critical


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    role: Role = Role.TEXT


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: spans on a line that wraps; `indent` in steps (a choice is one in)."""

    spans: tuple[Span, ...]
    indent: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True, slots=True)
class Unit:
    """A part the board may continue in the next column: an item line or the note.

    Attributes:
        name: ``ITEMS``, ``NOTE`` or ``ELSEWHERE`` (the widget's object name: its font, box).
        paras: what it says.
        line: the order line's index for an item unit (``None`` for the note, the loading line).
        allergen: the line carries an allergen tag, or the note an allergy word.
    """

    name: str
    paras: tuple[Para, ...]
    line: int | None = None
    allergen: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


def allergy_spans(text: str, role: Role = Role.TEXT) -> tuple[Span, ...]:
    """`text` in `role`, with every allergy word (English or Vietnamese) as `ALLERGY_WORD`."""
    spans: list[Span] = []
    last = 0
    for start, end in allergy_matches(text):
        if start > last:
            spans.append(Span(text[last:start], role))
        spans.append(Span(text[start:end], Role.ALLERGY_WORD))
        last = end
    if last < len(text) or not spans:
        spans.append(Span(text[last:], role))
    return tuple(spans)


def _unbroken(text: str) -> str:
    """A tag as one unit on the line: its spaces made non-breaking (a chip never splits
    mid-name unless it is wider than the whole line)."""
    return text.replace(" ", "\u00a0")


def line_unit(
    line: PlacedLine, heading: str | None = None, sold_out: bool = False, choices_cut: int = 0
) -> Unit:
    """One order line: ``2 × name`` and its allergen and dietary tags, its choices under it.

    `heading` is its category's name when the line opens a group on a ticket that spans
    several; `sold_out` flags an item the kitchen has run out of. A line without allergen tags
    says nothing about allergens (it is not "safe": the menu may simply not tag it).
    `choices_cut` choices were cut (over `kds.core.ticket_caps.MAX_CHOICES`): said under them.
    """
    paras: list[Para] = []
    if heading is not None:
        paras.append(Para((Span(heading, Role.CATEGORY),)))
    item, info = line.item, line.info
    head = [Span(f"{item.quantity} × ", Role.QUANTITY), Span(item.name, Role.NAME)]
    # The marks follow the name on its line (wrapping under it when the line is full): a line
    # of its own for them would cost a row on every tagged line of a rush board.
    if sold_out:
        head += [Span("  "), Span(_unbroken(translate("LineText", "⊘ SOLD OUT")), Role.SOLD_OUT)]
    for tag in info.allergens:
        head += [Span(" "), Span(_unbroken(f"⚠ {tag.name}"), Role.ALLERGEN)]
    for i, tag in enumerate(info.dietary):
        head += [Span("  " if i == 0 else " · "), Span(_unbroken(tag.name), Role.DIETARY)]
    paras.append(Para(tuple(head)))
    paras.extend(
        Para(allergy_spans(f"{c.group_name}: {c.choice_name}", Role.CHOICE), indent=1)
        for c in item.customizations
    )
    if choices_cut:
        paras.append(Para((Span(choices_cut_text(choices_cut), Role.CUT),), indent=1))
    return Unit(ITEMS, tuple(paras), line=line.index, allergen=bool(info.allergens))


def note_unit(note: str) -> Unit | None:
    """The customer's note, headed ALLERGY when it names one, else NOTE; None for no note."""
    note = note.strip()
    if not note:
        return None
    body = allergy_spans(note)
    allergy = any(s.role is Role.ALLERGY_WORD for s in body)
    head = (
        Span(translate("LineText", "⚠ ALLERGY — NOTE: "), Role.ALLERGY_HEAD)
        if allergy
        else Span(translate("LineText", "✎ NOTE: "), Role.NOTE_HEAD)
    )
    return Unit(NOTE, (Para((head, *body)),), allergen=allergy)


@dataclass(frozen=True)
class Placement:
    """How a screen places a ticket's lines: by which menu, which items are sold out now
    (canonical ids, `kds.core.ids.canonical_id`; None: as the menu says, before the session's
    sold-out state, which lays this terminal's own marks over the lagging menu), and for which
    station (None: the expo view, every line)."""

    menu: Menu | None = None
    sold_out: frozenset[str] | None = None
    station: Station | None = None


EXPO_PLACEMENT = Placement()


def ticket_units(ticket: Ticket, placement: Placement = EXPO_PLACEMENT) -> list[Unit]:
    """A ticket's units: its lines grouped by menu category in menu order, then its note.

    Category headings show only when the lines shown span more than one category (a heading
    over every line of a one-category ticket would cost a line of height and say little).
    On a station screen only the station's lines (and "Other" ones) are shown, followed by
    "+N lines at other stations"; the note is shown on every station (it may name an allergy).
    Lines over the contract's 50 are cut first (`cap_ticket`; a station shows its part of the
    50 shown), then said: "+N more lines not shown (over the 50-line limit)".
    """
    capped = cap_ticket(ticket, marker=characters_cut_text)
    ticket = capped.ticket
    shown = station_slice(ticket, placement.menu, placement.station)
    if shown is None:  # not one of the station's orders (a panel shows it): all of it
        shown = station_slice(ticket, placement.menu, None)
    if ticket.detail is None or shown is None or shown.loading:
        return [
            Unit(ITEMS, (Para((Span(translate("LineText", "Loading items…"), Role.LOADING),)),))
        ]
    headed = len(shown.groups) > 1
    units = [
        line_unit(
            line,
            heading=group_heading(group) if headed and i == 0 else None,
            sold_out=item_sold_out(line.item.menu_item_id, placement),
            choices_cut=capped.choices_cut.get(line.index, 0),
        )
        for group in shown.groups
        for i, line in enumerate(group.lines)
    ]
    hidden = shown.hidden  # a plain name: lupdate skips a plural whose count is `a.b`
    if hidden:
        text = translate("LineText", "+%n lines at other stations", None, hidden)
        units.append(Unit(ELSEWHERE, (Para((Span(text, Role.ELSEWHERE),)),)))
    if capped.lines_cut:
        text = lines_cut_text(capped.lines_cut)
        units.append(Unit(ELSEWHERE, (Para((Span(text, Role.CUT),)),)))
    note = note_unit(ticket.note)
    if note is not None:
        units.append(note)
    return units


def group_heading(group: LineGroup) -> str:
    """A category heading: the menu's name as spelt (data), or "Other" in the screen's language."""
    return translate("TicketLines", OTHER_GROUP) if group.is_other else group.name


def item_sold_out(menu_item_id: str, placement: Placement) -> bool:
    """Whether the item is sold out on this screen: by the session's sold-out ids once it has
    any word on them (this terminal's marks over the lagging menu), else by the menu."""
    if placement.sold_out is not None:
        return canonical_id(menu_item_id) in placement.sold_out
    item = placement.menu.item(menu_item_id) if placement.menu is not None else None
    return item is not None and not item.is_available


def lines_cut_text(cut: int) -> str:
    """The marker line under a ticket whose lines were cut (`kds.core.ticket_caps`), the count
    in the locale's digits ("+9,950" / "+9.950"). Two strings, not a ``%n`` plural: the count is
    grouped, and English reads right without its catalogue."""
    count = QLocale().toString(cut)
    if cut == 1:
        text = translate("LineText", "+1 more line not shown (over the {limit}-line limit)")
    else:
        text = translate("LineText", "+{count} more lines not shown (over the {limit}-line limit)")
    return text.format(count=count, limit=MAX_LINES)


def choices_cut_text(cut: int) -> str:
    """The marker under a line whose choices were cut (`kds.core.ticket_caps.MAX_CHOICES`)."""
    if cut == 1:
        return translate("LineText", "+1 more choice not shown")
    return translate("LineText", "+{count} more choices not shown").format(
        count=QLocale().toString(cut)
    )

"""What a ticket may show at most: the backend contract's caps, applied to what is painted.

A real order holds at most 50 lines and a note of at most 500 characters (backend contract
§6.3: `InitiateOrderCommandValidator`, the note's check at creation). A server that breaks
the contract — hostile, or simply broken — must not freeze the kitchen screen: laying out a
1 MB note or 10,000 lines took the GUI thread seconds and hundreds of MB (issue 19). So the
ticket a card paints is first cut here, purely and once, to those caps:

- **Lines**: the first `MAX_LINES` in the order's sequence (a real order's maximum: nothing a
  real order holds is ever cut). The rest are counted, and the card says so in a marker line,
  `kds.ui.line_text` ("+9,950 more lines not shown (over the 50-line limit)", in the screen's
  language). Lines are cut
  *before* a station takes its part, so the cap costs the same whatever the order's size.
- **Choices per line**: the first `MAX_CHOICES` (the contract sets no cap; a line with more is
  not one a cook can read either), the rest counted in `CappedTicket.choices_cut` and said
  ("+N more choices not shown").
- **Free text** — the order note, item names, a choice's group and name: every string the
  server (or a customer) wrote — at most `MAX_TEXT` characters, the contract's longest (item
  names are at most 200, so a real one is never cut), then `cut_text`'s marker: "… (+1,048,076
  more characters not shown)". The cut never splits a character from its combining marks
  (decomposed Vietnamese: "ệ" as e + two marks).

Only what is painted is capped: the board, the all-day counts and `kds tail` keep the order
as sent (a count must not lie about what the kitchen has to make; a card only has to stay
readable and responsive). The allergy-word scan runs on the shown text, so it sees every word
shown; a word past the 500th character of a note is cut unseen — the trade-off of a cap, and
the contract's own limit: a real note never has one there.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kds.core.orders import Customization, OrderItem
from kds.core.ticket import Ticket

__all__ = [
    "MAX_CHOICES",
    "MAX_LINES",
    "MAX_TEXT",
    "CappedTicket",
    "cap_ticket",
    "characters_cut_text",
    "cut_text",
]

MAX_LINES = 50
"""Lines shown per ticket: a real order's maximum (contract: at most 50 lines per order)."""

MAX_TEXT = 500
"""Characters shown of one free text: the note's cap in the contract, its longest text."""

MAX_CHOICES = 20
"""Choices shown per line (the contract has no cap: ours, far above any real menu's)."""

_NO_CUTS: Mapping[int, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class CappedTicket:
    """A ticket as a card may show it.

    Attributes:
        ticket: the ticket itself when nothing is over a cap (the common case: no copy), else a
            copy with its detail's lines, choices and texts cut.
        lines_cut: how many of the order's lines are not shown (0: none).
        choices_cut: line index (`PlacedLine.index`) → how many of its choices are not shown;
            only lines that lost some.
    """

    ticket: Ticket
    lines_cut: int = 0
    choices_cut: Mapping[int, int] = field(default_factory=lambda: _NO_CUTS)


def characters_cut_text(cut: int) -> str:
    """The marker after a text cut short, in English: "… (+1,048,076 more characters not
    shown)". The screen passes its own, in its language (`kds.ui.text.characters_cut_text`)."""
    return f"… (+{cut:,} more characters not shown)"


def cut_text(
    text: str, limit: int = MAX_TEXT, marker: Callable[[int], str] = characters_cut_text
) -> str:
    """`text` if at most `limit` characters, else its first `limit` or fewer with a marker
    (`marker` of how many characters were cut).

    The cut backs off over combining marks, so a base character is never shown without the
    marks that belong to it (a decomposed "ệ" is dropped whole, not shown as a bare "e").
    """
    if len(text) <= limit:
        return text
    end = limit
    # text[end] is the first character not shown: while it is a mark, the character before
    # it (the base it belongs to) goes too
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end] + marker(len(text) - end)


def cap_ticket(ticket: Ticket, marker: Callable[[int], str] = characters_cut_text) -> CappedTicket:
    """`ticket` cut to what a card shows (see the module docstring); cheap for any size: it
    looks at the first `MAX_LINES` lines only, and copies nothing when nothing is over.
    `marker` says how many characters a cut text lost (the screen's words)."""
    detail = ticket.detail
    if detail is None:
        return CappedTicket(ticket)
    items = detail.items
    lines_cut = max(0, len(items) - MAX_LINES)
    choices_cut: dict[int, int] = {}
    shown = tuple(
        _cap_item(i, item, choices_cut, marker) for i, item in enumerate(items[:MAX_LINES])
    )
    note = cut_text(detail.note, marker=marker)
    changed = lines_cut or note is not detail.note
    if not changed and all(new is old for new, old in zip(shown, items, strict=False)):
        return CappedTicket(ticket)
    capped = dataclasses.replace(detail, items=shown, note=note)
    return CappedTicket(
        dataclasses.replace(ticket, detail=capped),
        lines_cut,
        MappingProxyType(choices_cut) if choices_cut else _NO_CUTS,
    )


def _cap_item(
    index: int, item: OrderItem, choices_cut: dict[int, int], marker: Callable[[int], str]
) -> OrderItem:
    """`item` itself when within every cap, else a copy cut to them (choices cut counted)."""
    choices = item.customizations
    if len(choices) > MAX_CHOICES:
        choices_cut[index] = len(choices) - MAX_CHOICES
        choices = choices[:MAX_CHOICES]
    capped = tuple(_cap_choice(c, marker) for c in choices)
    name = cut_text(item.name, marker=marker)
    same = len(capped) == len(item.customizations) and all(
        new is old for new, old in zip(capped, item.customizations, strict=True)
    )
    if name is item.name and same:
        return item
    return dataclasses.replace(item, name=name, customizations=capped)


def _cap_choice(choice: Customization, marker: Callable[[int], str]) -> Customization:
    group = cut_text(choice.group_name, marker=marker)
    name = cut_text(choice.choice_name, marker=marker)
    if group is choice.group_name and name is choice.choice_name:
        return choice
    return dataclasses.replace(choice, group_name=group, choice_name=name)

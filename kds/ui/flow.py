"""Where each ticket goes on the rush board: a pure plan of columns and pages, no widgets.

The board is one time-ordered flow (oldest first) of equal columns, read like a newspaper:
down a column, then the next one to the right, then the next page. Why one flow rather than a
column per status: with status columns an empty status holds a third of the screen while
another overflows (19 New tickets in one lane, two empty lanes beside it); one flow spends
every column on what is open, and the status is on each ticket's header instead.

A ticket that does not fit the rest of a column continues in the next one under a "cont."
header, if at least `min_split` of its lines fit under its head here (and at least one is left
for the continuation); otherwise it starts the next column, as a ticket of `min_split` lines or
fewer always does. Why split at all: moving every ticket that does not fit to the next column
left a third of a rush board's columns empty at the foot. Its head (number, status, step)
always stays in its first segment, so the step a cook taps never moves to a continuation.
A unit taller than a whole column (a 500-character note on a small screen) is given a column
to itself and cut there: the plan says so (`Segment.clipped`) so the view can
mark it rather than hide it silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Block", "FlowPlan", "Segment", "neighbour", "plan_flow"]


@dataclass(frozen=True, slots=True)
class Block:
    """One ticket as the planner sees it, measured at the column width.

    Attributes:
        key: the order id.
        head: the height of its head (number, status, timer, payment, step buttons).
        units: the heights of its splittable parts in order (item lines, then the note).
    """

    key: str
    head: int
    units: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """One card on screen: a ticket's head and first units, or a continuation of it.

    Attributes:
        key: the order id.
        page, column: where it stands (column within its page, 0-based).
        top, height: its vertical span in the column, in pixels.
        first: True for the segment that holds the head (and so the step).
        start, stop: the units it shows, ``units[start:stop]``.
        clipped: a unit in it is taller than the column and is cut at the column's foot.
    """

    key: str
    page: int
    column: int
    top: int
    height: int
    first: bool
    start: int
    stop: int
    clipped: bool = False


@dataclass(frozen=True, slots=True)
class FlowPlan:
    """The whole board's placement.

    Attributes:
        segments: every card, in flow order.
        pages: how many pages the board needs (at least 1).
        page_of: order id → the page of its first segment (the page its step is on).
    """

    segments: tuple[Segment, ...]
    pages: int
    page_of: dict[str, int]

    def on_page(self, page: int) -> Iterable[Segment]:
        return (s for s in self.segments if s.page == page)


def _fitting(units: Sequence[int], room: int) -> Iterable[int]:
    """The leading units that fit in `room` px."""
    for unit in units:
        if unit > room:
            return
        room -= unit
        yield unit


def plan_flow(
    blocks: Sequence[Block],
    *,
    column_height: int,
    columns: int,
    gap: int,
    padding: int,
    cont_head: int,
    min_split: int = 1,
) -> FlowPlan:
    """Pack `blocks` (already oldest first) into columns of `column_height` px, `columns` a page.

    `padding` is added once per card (its bottom margin); `gap` is the space between two
    cards in a column; `cont_head` is the height of a continuation's "#1234 cont." header.
    """
    columns = max(1, columns)
    column_height = max(1, column_height)
    segments: list[Segment] = []
    page_of: dict[str, int] = {}
    slot = 0  # column index over all pages
    y = 0

    def next_column() -> None:
        nonlocal slot, y
        slot += 1
        y = 0

    for block in blocks:
        units = block.units
        whole = block.head + sum(units) + padding
        if y > 0 and y + whole > column_height and whole <= column_height:
            room = column_height - y - block.head - padding
            fits = sum(1 for _ in _fitting(units, room))
            if len(units) <= min_split or fits < min_split or fits == len(units):
                next_column()  # a short ticket, or too little of it fits here: move it whole
        start, first = 0, True
        while True:
            header = block.head if first else cont_head
            room = column_height - y - header - padding
            stop = start
            while stop < len(units) and units[stop] <= room:
                room -= units[stop]
                stop += 1
            if stop == start and start < len(units) and y > 0:
                next_column()  # not even its first unit fits under the header: fresh column
                continue
            clipped = stop == start and start < len(units)
            if clipped:  # taller than a whole column: it gets one, cut at the foot
                stop = start + 1
            height = min(header + sum(units[start:stop]) + padding, column_height - y)
            page, column = divmod(slot, columns)
            segments.append(
                Segment(block.key, page, column, y, height, first, start, stop, clipped)
            )
            if first:
                page_of[block.key] = page
            y += height + gap
            start, first = stop, False
            if start >= len(units):
                break
            next_column()
    pages = max(1, (segments[-1].page + 1) if segments else 1)
    return FlowPlan(tuple(segments), pages, page_of)


def neighbour(plan: FlowPlan, key: str, d_column: int, columns: int) -> str | None:
    """The ticket whose first card is `d_column` columns beside `key`'s (pages run on as
    further columns), or None at either end: the arrow keys' left and right."""
    firsts = [s for s in plan.segments if s.first]
    here = next((s for s in firsts if s.key == key), None)
    if here is None:
        return None
    slot = here.page * columns + here.column + d_column
    target = next((s for s in firsts if s.page * columns + s.column == slot), None)
    return None if target is None else target.key

"""The rush board's packing plan: order, no overlap, no split while a ticket fits a column."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kds.ui.flow import Block, neighbour, plan_flow

PARAMS = {"gap": 8, "padding": 10, "cont_head": 30}


def plan(blocks: list[Block], height: int = 400, columns: int = 3):
    return plan_flow(blocks, column_height=height, columns=columns, **PARAMS)


def test_short_tickets_fill_a_column_then_the_next_then_the_next_page() -> None:
    blocks = [Block(f"o{i}", 100, (40,)) for i in range(8)]  # 150 px each, 2 a column
    result = plan(blocks)
    places = [(s.key, s.page, s.column, s.top) for s in result.segments]
    assert places[0] == ("o0", 0, 0, 0)
    assert places[1] == ("o1", 0, 0, 158)
    assert places[2] == ("o2", 0, 1, 0)
    assert places[6] == ("o6", 1, 0, 0)
    assert result.pages == 2
    assert result.page_of["o7"] == 1


def test_a_one_line_ticket_moves_on_whole() -> None:
    result = plan([Block("a", 100, (100,)), Block("b", 100, (160,))])
    b = [s for s in result.segments if s.key == "b"]
    assert len(b) == 1
    assert b[0].column == 1
    assert b[0].top == 0


def test_a_longer_ticket_fills_the_foot_of_a_column_and_continues() -> None:
    result = plan([Block("a", 100, (60,)), Block("b", 100, (50, 50, 50, 50))])
    b = [s for s in result.segments if s.key == "b"]
    assert [(s.column, s.first, s.start, s.stop) for s in b] == [(0, True, 0, 2), (1, False, 2, 4)]
    assert b[0].top == 178  # right under "a": the foot of column 0 is used


def test_a_ticket_moves_whole_when_not_one_line_would_stay_with_its_head() -> None:
    result = plan([Block("a", 100, (180,)), Block("b", 100, (60, 60, 60))])
    b = [s for s in result.segments if s.key == "b"]
    assert len(b) == 1
    assert b[0].column == 1


def test_a_ticket_taller_than_a_column_continues_with_its_head_first() -> None:
    result = plan([Block("long", 100, (80,) * 8)])  # 100 + 640 + 10 > 400
    parts = [s for s in result.segments if s.key == "long"]
    assert [p.first for p in parts] == [True] + [False] * (len(parts) - 1)
    assert parts[0].start == 0
    assert parts[-1].stop == 8
    assert [p.column for p in parts] == list(range(len(parts)))
    assert parts[0].stop == 3  # 100 + 3×80 + 10 = 350 ≤ 400 < 430


def test_a_unit_taller_than_a_column_is_cut_and_says_so() -> None:
    result = plan([Block("a", 100, (50,)), Block("note", 100, (20, 900))])
    parts = [s for s in result.segments if s.key == "note"]
    assert parts[-1].clipped
    assert parts[-1].height <= 400
    assert not parts[0].clipped


def test_no_blocks_is_one_empty_page() -> None:
    result = plan([])
    assert result.pages == 1
    assert result.segments == ()


blocks_strategy = st.lists(
    st.builds(
        Block,
        key=st.just(""),
        head=st.integers(20, 200),
        units=st.lists(st.integers(5, 300), max_size=12).map(tuple),
    ),
    max_size=40,
)


@given(blocks_strategy, st.integers(150, 1100), st.integers(1, 7))
def test_every_unit_once_in_order_and_no_card_overlaps_or_overflows(
    raw: list[Block], height: int, columns: int
) -> None:
    blocks = [Block(f"o{i}", b.head, b.units) for i, b in enumerate(raw)]
    result = plan(blocks, height, columns)
    by_key: dict[str, list] = {}
    for segment in result.segments:
        by_key.setdefault(segment.key, []).append(segment)
    assert list(by_key) == [b.key for b in blocks]  # flow order is the blocks' order
    for block in blocks:
        parts = by_key[block.key]
        assert parts[0].first
        assert not any(p.first for p in parts[1:])
        covered = [i for p in parts for i in range(p.start, p.stop)]
        assert covered == list(range(len(block.units)))
        fits_a_column = block.head + sum(block.units) + PARAMS["padding"] <= height
        if fits_a_column and len(parts) > 1:
            assert parts[0].top > 0  # split only to fill the foot of a column in use
            assert parts[0].stop >= 1  # with a line at least under its head
    slots: dict[tuple[int, int], list] = {}
    for segment in result.segments:
        assert 0 <= segment.column < columns
        assert segment.top + segment.height <= height
        slots.setdefault((segment.page, segment.column), []).append(segment)
    for cards in slots.values():
        for above, below in itertools.pairwise(cards):
            assert above.top + above.height <= below.top
    assert result.pages == max((s.page for s in result.segments), default=0) + 1


def test_neighbour_is_the_first_card_beside_across_pages() -> None:
    blocks = [Block(f"o{i}", 40, (20,)) for i in range(6)]
    plan = plan_flow(blocks, column_height=130, columns=2, gap=4, padding=4, cont_head=10)
    firsts = {s.key: (s.page, s.column) for s in plan.segments if s.first}
    for key, (page, column) in firsts.items():
        right = neighbour(plan, key, 1, 2)
        if right is not None:
            rp, rc = firsts[right]
            assert rp * 2 + rc == page * 2 + column + 1
    assert neighbour(plan, "missing", 1, 2) is None
    last = max(firsts, key=lambda k: firsts[k][0] * 2 + firsts[k][1])
    assert neighbour(plan, last, 1, 2) is None

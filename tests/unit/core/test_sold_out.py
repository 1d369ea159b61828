"""The terminal's sold-out view: marks over a lagging menu, settled on server clocks only."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kds.core.menu import Menu, MenuItem
from kds.core.sold_out import DATE_SLACK, Mark, SoldOut, SoldOutItem, SoldOutMarks

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"
IDS = [f"0b7e1c7e-1111-4222-8333-94445555000{n}" for n in range(4)]
NAMES = ["Phở bò", "Bún chả", "Trà đá", "Chè"]
T0 = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
LOCAL = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)  # the terminal's clock, an hour off on purpose


def menu(
    rebuilt: datetime, unavailable: Collection[int] = (), rid: str = RID, count: int = 4
) -> Menu:
    items = tuple(
        MenuItem(IDS[n], NAMES[n], "c", is_available=n not in unavailable) for n in range(count)
    )
    return Menu(rid, rebuilt, (), items)


def mark(n: int, available: bool, date: datetime | None, **kw: object) -> Mark:
    return Mark(IDS[n], NAMES[n], available, LOCAL, date, **kw)  # type: ignore[arg-type]


def one(state: SoldOut, n: int) -> SoldOutItem:
    item = state.get(IDS[n])
    assert item is not None
    return item


def test_menu_only_items_are_sold_out_as_of_the_rebuild() -> None:
    marks = SoldOutMarks(RID)
    state = marks.effective(menu(T0, {1}))
    assert [(i.item_id, i.name, i.as_of, i.pending) for i in state] == [
        (IDS[1], "Bún chả", T0, False)
    ]
    assert IDS[1].upper() in state
    assert IDS[0] not in state
    assert 42 not in state


def test_a_mark_wins_over_a_stale_menu_until_the_rebuild_passes_its_date() -> None:
    marks = SoldOutMarks(RID)
    date = T0 + timedelta(seconds=10)
    marks.add(mark(0, False, date))
    stale = menu(date + DATE_SLACK - timedelta(microseconds=1))
    assert marks.reconcile(stale) == []
    state = marks.effective(stale)
    assert one(state, 0).pending
    assert one(state, 0).as_of == LOCAL
    fresh = menu(date + DATE_SLACK, {0})
    assert [m.item_id for m in marks.reconcile(fresh)] == [IDS[0]]
    assert len(marks) == 0
    after = marks.effective(fresh)
    # Settled and agreeing: the cook's "as of" stays, not the rebuild's.
    assert one(after, 0).as_of == LOCAL
    assert not one(after, 0).pending


def test_an_agreeing_menu_confirms_but_a_disagreeing_one_in_the_window_cannot_flip() -> None:
    """A menu rebuilt at/after Date that shows the mark confirms it (no longer pending); one
    rebuilt before Date + slack that disagrees may predate the change, so it is not believed."""
    marks = SoldOutMarks(RID)
    date = T0 + timedelta(seconds=10)
    marks.add(mark(0, False, date))
    shows = menu(date + timedelta(milliseconds=300), {0})
    assert [m.item_id for m in marks.reconcile(shows)] == [IDS[0]]
    assert len(marks) == 0
    assert [m.item_id for m in marks.guarding()] == [IDS[0]]
    assert not one(marks.effective(shows), 0).pending
    early = menu(date + timedelta(seconds=1))  # disagrees, but may predate the change
    assert marks.reconcile(early) == []
    assert one(marks.effective(early), 0).as_of == LOCAL
    later = menu(date + DATE_SLACK)  # someone put it back on: the menu is the truth now
    assert marks.reconcile(later) == []
    assert marks.guarding() == []
    assert IDS[0] not in marks.effective(later)


def test_a_menu_before_the_date_never_confirms() -> None:
    marks = SoldOutMarks(RID)
    marks.add(mark(0, False, T0))
    assert marks.reconcile(menu(T0 - timedelta(microseconds=1), {0})) == []
    assert len(marks) == 1


def test_a_back_on_mark_hides_a_stale_sold_out() -> None:
    marks = SoldOutMarks(RID)
    date = T0 + timedelta(seconds=10)
    marks.add(mark(2, True, date))
    assert IDS[2] not in marks.effective(menu(T0, {2}))
    assert marks.reconcile(menu(T0, {2})) == []


def test_a_settled_menu_is_the_truth_even_when_it_disagrees() -> None:
    """Someone else put it back on after us: the newer menu wins."""
    marks = SoldOutMarks(RID)
    marks.add(mark(0, False, T0))
    newer = menu(T0 + timedelta(minutes=5))
    assert len(marks.reconcile(newer)) == 1
    assert IDS[0] not in marks.effective(newer)


def test_the_date_is_a_second_coarse_so_a_rebuild_just_after_it_does_not_settle() -> None:
    marks = SoldOutMarks(RID)
    marks.add(mark(0, False, T0))
    assert marks.reconcile(menu(T0 + timedelta(seconds=1, milliseconds=500))) == []
    assert IDS[0] in marks.effective(menu(T0 + timedelta(seconds=1, milliseconds=500)))


def test_an_item_gone_from_a_settled_menu_drops_its_mark_but_not_from_a_stale_one() -> None:
    marks = SoldOutMarks(RID)
    marks.add(mark(3, False, T0))
    assert marks.reconcile(menu(T0, count=3)) == []  # the stale menu may predate the item
    assert IDS[3] in marks.effective(menu(T0, count=3))
    assert len(marks.reconcile(menu(T0 + timedelta(minutes=5), count=3))) == 1
    assert len(marks.effective(menu(T0 + timedelta(minutes=5), count=3))) == 0


def test_another_restaurants_menu_is_ignored() -> None:
    marks = SoldOutMarks(RID)
    marks.add(mark(0, False, T0))
    other = menu(T0 + timedelta(hours=1), {1}, rid=OTHER_RID)
    assert marks.reconcile(other) == []
    assert marks.effective(other).ids == {IDS[0]}
    assert marks.effective(None).ids == {IDS[0]}


def test_without_a_date_a_later_agreeing_menu_settles() -> None:
    marks = SoldOutMarks(RID)
    seen = T0
    marks.add(mark(0, False, None, seen_rebuilt_at=seen))
    assert marks.reconcile(menu(seen, {0})) == []  # not rebuilt since: could be before us
    assert marks.reconcile(menu(seen + timedelta(minutes=5))) == []  # disagrees: may lag
    assert IDS[0] in marks.effective(menu(seen + timedelta(minutes=5)))
    assert len(marks.reconcile(menu(seen + timedelta(minutes=10), {0}))) == 1


def test_ids_are_canonical() -> None:
    marks = SoldOutMarks(RID.upper())
    marks.add(Mark(IDS[0].upper(), NAMES[0], False, LOCAL, T0))
    assert marks.get(IDS[0]) is not None
    assert len(marks.reconcile(menu(T0 + timedelta(minutes=1), {0}))) == 1


def test_a_new_mark_replaces_the_old_one() -> None:
    marks = SoldOutMarks(RID)
    marks.add(mark(0, False, T0))
    marks.add(mark(0, True, T0 + timedelta(seconds=30)))
    assert len(marks) == 1
    assert IDS[0] not in marks.effective(menu(T0 + timedelta(seconds=10), {0}))


# -- the property: never a stale flip, always the menu once it has caught up ------------------


@dataclass
class _Server:
    """A server whose public menu lags: rebuilds are explicit steps."""

    now: datetime
    truth: list[bool]
    rebuilt: Menu

    def rebuild(self) -> None:
        off = {n for n, ok in enumerate(self.truth) if not ok}
        self.rebuilt = menu(self.now, off)


STEP = st.one_of(
    st.tuples(st.just("tick"), st.integers(1, 4_000)),  # milliseconds pass on the server
    st.tuples(st.just("rebuild"), st.just(0)),
    st.tuples(st.just("fetch"), st.just(0)),  # the terminal gets the (cached) menu
    st.tuples(st.just("mark"), st.integers(0, 7)),  # item n % 4, sold out if n < 4
    st.tuples(st.just("other"), st.integers(0, 7)),  # another terminal changes it
)


@given(
    steps=st.lists(STEP, max_size=60),
    date_lag_ms=st.lists(st.integers(0, 999), min_size=60, max_size=60),
)
def test_never_a_stale_flip_and_the_menu_once_caught_up(
    steps: list[tuple[str, int]], date_lag_ms: list[int]
) -> None:
    server = _Server(T0, [True] * 4, menu(T0))
    held = server.rebuilt
    marks = SoldOutMarks(RID)
    committed: dict[int, tuple[bool, datetime, datetime]] = {}  # n → (value, commit, Date)
    for index, (kind, arg) in enumerate(steps):
        if kind == "tick":
            server.now += timedelta(milliseconds=arg)
        elif kind == "rebuild":
            server.rebuild()
        elif kind == "fetch":
            held = server.rebuilt
        elif kind in ("mark", "other"):
            n, value = arg % 4, arg >= 4
            server.truth[n] = value
            if kind == "mark":
                # The Date header: cached up to a second, then truncated to the second.
                seen = server.now - timedelta(milliseconds=date_lag_ms[index])
                date = seen.replace(microsecond=0)
                marks.add(Mark(IDS[n], NAMES[n], value, LOCAL, date))
                committed[n] = (value, server.now, date)
            server.now += timedelta(microseconds=1)
        marks.reconcile(held)
        state = marks.effective(held)
        for n in range(4):
            shown_available = IDS[n] not in state
            menu_available = held.item(IDS[n]).is_available  # type: ignore[union-attr]
            if n in committed:
                value, commit, date = committed[n]
                if held.last_rebuilt_at < commit:
                    # The menu predates our change: the terminal shows what it set.
                    assert shown_available is value, (index, n)
                if held.last_rebuilt_at >= date + DATE_SLACK:
                    # The menu has caught up: it is the truth, whatever it says.
                    assert shown_available is menu_available, (index, n)
                    assert marks.get(IDS[n]) is None
                    assert all(m.item_id != IDS[n] for m in marks.guarding())
            else:
                assert shown_available is menu_available

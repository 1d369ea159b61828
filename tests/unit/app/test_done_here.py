"""The "done here" store: per restaurant and station, kept across restarts, never a crash."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from kds.app.done_here import DoneHere, done_here_path

RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
OTHER_RID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e02"


def oid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return done_here_path(tmp_path / "kds" / "state.json")


def test_the_file_sits_beside_the_state_file(tmp_path: Path) -> None:
    assert done_here_path(tmp_path / "state.json") == tmp_path / "state.done-here.json"
    assert done_here_path(tmp_path / "bar.json") == tmp_path / "bar.done-here.json"


def test_marks_survive_a_restart_and_recall_brings_an_order_back(path: Path) -> None:
    bar = DoneHere(path, RID, "bar")
    assert not bar.is_done(oid(1))
    bar.mark(oid(1))
    bar.mark(oid(2))
    again = DoneHere(path, RID, "bar")  # a restart: a new instance reads what the old wrote
    assert again.order_ids == {oid(1), oid(2)}
    again.unmark(oid(1))
    again.unmark(oid(9))  # never marked: nothing
    assert DoneHere(path, RID, "bar").order_ids == {oid(2)}


def test_stations_and_restaurants_keep_their_own_marks(path: Path) -> None:
    DoneHere(path, RID, "bar").mark(oid(1))
    kitchen = DoneHere(path, RID, "bep")
    kitchen.mark(oid(2))
    DoneHere(path, OTHER_RID, "bar").mark(oid(3))
    assert DoneHere(path, RID, "bar").order_ids == {oid(1)}
    assert DoneHere(path, RID, "bep").order_ids == {oid(2)}
    assert DoneHere(path, OTHER_RID, "bar").order_ids == {oid(3)}
    kitchen.unmark(oid(2))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"version": 1, "done": {RID: {"bar": [oid(1)]}, OTHER_RID: {"bar": [oid(3)]}}}


def test_forget_except_keeps_only_orders_still_open(path: Path) -> None:
    bar = DoneHere(path, RID, "bar")
    for n in (1, 2, 3):
        bar.mark(oid(n))
    bar.forget_except([oid(2), oid(7)])
    assert bar.order_ids == {oid(2)}
    assert DoneHere(path, RID, "bar").order_ids == {oid(2)}
    bar.forget_except([])
    assert json.loads(path.read_text(encoding="utf-8")) == {"version": 1, "done": {}}


def test_the_file_is_private_and_written_atomically(path: Path) -> None:
    DoneHere(path, RID, "bar").mark(oid(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


@pytest.mark.parametrize(
    "text",
    ["{not json", "[1, 2]", '{"done": 3}', f'{{"done": {{"{RID}": {{"bar": "x"}}}}}}', "\xff"],
)
def test_a_corrupt_file_is_logged_and_treated_as_empty(
    path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="kds.app.done_here"):
        bar = DoneHere(path, RID, "bar")
    assert bar.order_ids == set()
    assert "done-here file" in caplog.text
    bar.mark(oid(1))  # and it is replaced by a good one at the next mark
    assert DoneHere(path, RID, "bar").order_ids == {oid(1)}


def test_ids_of_the_wrong_type_are_skipped(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "done": {RID: {"bar": [oid(1), 2, None]}}}))
    assert DoneHere(path, RID, "bar").order_ids == {oid(1)}


def test_a_file_that_cannot_be_written_keeps_the_marks_for_this_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    bar = DoneHere(blocker / "state.done-here.json", RID, "bar")  # its directory is a file
    with caplog.at_level(logging.WARNING, logger="kds.app.done_here"):
        bar.mark(oid(1))
    assert bar.is_done(oid(1))
    assert "could not write done-here file" in caplog.text

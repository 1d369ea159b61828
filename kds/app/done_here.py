"""The orders a station terminal marked "done here": this terminal's part of them is made.

"Done here" is local to one terminal: the expo does not see it, two terminals of one station
do not share it, and the order's lifecycle steps (Preparing, Ready) stay with the expo view. It
is kept across restarts, per restaurant and station, in a small JSON file next to the
user-state file (`kds.app.settings.StateFile`):

    {"version": 1, "done": {"<restaurant id>": {"<station>": ["<order id>", ...]}}}

The file says which of a customer's orders were in the kitchen, so it is created mode 0600.
Every write re-reads the file (another restaurant's or station's entries are kept) and is
atomic: temporary file, fsync, rename. A file that cannot be read or parsed is logged and
treated as empty; one that cannot be written is logged and the marks still hold for this run.
Never a crash: losing a mark costs the cook a tap. Pure Python, no Qt.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from kds.app.atomic_file import write_json_atomic

__all__ = ["DONE_HERE_VERSION", "DoneHere", "done_here_path"]

log = logging.getLogger(__name__)

DONE_HERE_VERSION = 1


def done_here_path(state_path: Path) -> Path:
    """The store beside a user-state file: ``state.json`` → ``state.done-here.json`` (so a
    terminal run with another ``--state`` file keeps its own marks too)."""
    return state_path.with_name(f"{state_path.stem}.done-here.json")


class DoneHere:
    """The order ids this terminal marked done for one restaurant and station.

    Args:
        path: the JSON file (`done_here_path` of the state file).
        restaurant_id: the restaurant whose orders these are.
        station: the station's profile name.
    """

    def __init__(self, path: Path, restaurant_id: str, station: str) -> None:
        self.path = path
        self.restaurant_id = restaurant_id
        self.station = station
        self._done: set[str] = set(self._ids(self._read()))

    # ------------------------------------------------------------------ the marks

    def is_done(self, order_id: str) -> bool:
        return order_id in self._done

    @property
    def order_ids(self) -> frozenset[str]:
        return frozenset(self._done)

    def mark(self, order_id: str) -> None:
        """This terminal's part of `order_id` is done (saved at once)."""
        if order_id not in self._done:
            self._done.add(order_id)
            self._save()

    def unmark(self, order_id: str) -> None:
        """Bring `order_id` back (recall); nothing if it was not marked."""
        if order_id in self._done:
            self._done.discard(order_id)
            self._save()

    def forget_except(self, open_order_ids: Iterable[str]) -> None:
        """Drop the marks of orders no longer on the board, so the file stays small. Call it
        with the ids of every open order (and those still in recall, to keep their marks)."""
        keep = self._done.intersection(open_order_ids)
        if keep != self._done:
            self._done = keep
            self._save()

    # ------------------------------------------------------------------ the file

    def _read(self) -> dict[str, object]:
        """The file's object; {} when absent or unreadable (logged)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable done-here file %s (%s)", self.path, type(exc).__name__)
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("done"), dict):
            log.warning("ignoring done-here file %s (not the expected JSON object)", self.path)
            return {}
        return data

    def _ids(self, data: dict[str, object]) -> list[str]:
        done = data.get("done")
        stations = done.get(self.restaurant_id) if isinstance(done, dict) else None
        ids = stations.get(self.station) if isinstance(stations, dict) else None
        if ids is None:
            return []
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            log.warning("done-here file %s: skipping what is no order id", self.path)
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def _save(self) -> None:
        data = self._read()
        done = data.get("done")
        if not isinstance(done, dict):
            done = {}
        stations = done.get(self.restaurant_id)
        if not isinstance(stations, dict):
            stations = {}
        if self._done:
            stations[self.station] = sorted(self._done)
        else:
            stations.pop(self.station, None)
        if stations:
            done[self.restaurant_id] = stations
        else:
            done.pop(self.restaurant_id, None)
        self._write({"version": DONE_HERE_VERSION, "done": done})

    def _write(self, data: dict[str, object]) -> bool:
        """Atomically replace the file (mode 0600); False (logged) when it cannot be written."""
        return write_json_atomic(self.path, data, what="done-here file")

"""One SQLite (WAL) connection, its lock and its raw statements; the query groups build on it."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kds.server.store.schema import ADDED_COLUMNS, SCHEMA

log = logging.getLogger("kds.server.store")

Params = tuple[Any, ...] | dict[str, Any]
R = TypeVar("R")
T = TypeVar("T")


def record_of(cls: type[R], row: sqlite3.Row, **converted: Any) -> R:
    """A record (dataclass or TypedDict) from a row whose columns are named as its fields.

    Every field is read from the column of the same name, except those given in `converted`:
    the columns stored differently from the record (an enum, a 0/1 flag, JSON). One home for
    the column-to-field mapping, so a new column only has to be added to the record.
    """
    values = {name: row[name] for name in cls.__annotations__ if name not in converted}
    return cls(**values, **converted)


class Connection:
    """One SQLite connection shared by the server.

    Statements are small and indexed, so they run inline on the event loop (measured in
    bench/server_rest.py); the lock only guards against a caller on another thread (sign-in
    runs its password hash in a worker thread). The lock is re-entrant, and
    `SqliteStore.transaction()` holds it throughout, so every statement issued inside the block
    joins the transaction.
    """

    def __init__(self, path: str) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable in WAL mode against process crashes (SIGKILL), which is what the
        # restart tests exercise; only an OS crash can lose the last commits.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.executescript(SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Bring a database written by an older kds-server up to `SCHEMA` (see ADDED_COLUMNS)."""
        for table, column, definition in ADDED_COLUMNS:
            present = {row["name"] for row in self.conn.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
                log.info("database upgraded: added column %s.%s", table, column)

    # Raw SQL: the typed query mixins build on these; tests use them to inspect the database.
    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def one_of(
        self, convert: Callable[[sqlite3.Row], T], sql: str, params: Params = ()
    ) -> T | None:
        """The first row through `convert` (a record builder), or None when there is none."""
        row = self.one(sql, params)
        return None if row is None else convert(row)

    def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self.conn.execute(sql, params).fetchall())

    def execute(self, sql: str, params: Params = ()) -> int:
        """One write (autocommitted outside a transaction); returns the number of rows changed."""
        with self._lock:
            return self.conn.execute(sql, params).rowcount

"""SqliteStore: the query groups over one shared connection, plus transactions and shutdown."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kds.server.store.accounts import AccountRows
from kds.server.store.catalog import CatalogRows
from kds.server.store.events import EventRows
from kds.server.store.orders import OrderRows


class Queries(OrderRows, AccountRows, CatalogRows, EventRows):
    """Every read and write, inside or outside a transaction.

    What `transaction()` yields is typed as this class, not the store: code handed a
    transaction can neither open a nested one (SQLite refuses) nor close the database.
    """


class SqliteStore(Queries):
    """One WAL-mode SQLite file (or `:memory:`).

    `transaction()` yields the store itself: with one connection, every call made inside the
    block is part of the transaction.
    """

    @contextmanager
    def transaction(self) -> Iterator[Queries]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception, serialized with every other
        writer (the connection's lock is held throughout)."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def close(self) -> None:
        """Checkpoints the WAL into the database file (so it is complete on its own), closes."""
        with self._lock:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()

"""SqliteStore: the SQLite implementation of the `Store` interface."""

from __future__ import annotations

from kds.server.store.accounts import AccountRows
from kds.server.store.catalog import CatalogRows
from kds.server.store.events import EventRows
from kds.server.store.orders import OrderRows


class SqliteStore(OrderRows, AccountRows, CatalogRows, EventRows):
    """One WAL-mode SQLite file (or `:memory:`): the query groups over one shared connection.

    `transaction()` yields the store itself: with one connection, every call made inside the
    block is part of the transaction.
    """

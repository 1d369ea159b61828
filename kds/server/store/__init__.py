"""The server's persistence: the `Store` interface and its SQLite implementation.

Everything that touches the database goes through here; no other module holds SQL.
"""

from __future__ import annotations

from kds.server.store.interface import Queries, Store
from kds.server.store.orders import HistoryQuery
from kds.server.store.sqlite import SqliteStore

__all__ = ["HistoryQuery", "Queries", "SqliteStore", "Store"]

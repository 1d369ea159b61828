"""The server's persistence: typed reads and writes over one SQLite database.

Everything that touches the database goes through here; no other module holds SQL. The rules
callers rely on:

* A method called on the object `transaction()` yields runs inside that transaction; the
  transaction commits when the block ends and rolls back if it raises. An order change and
  its outbox rows are always written in one transaction (contract section 9).
* A method called on the store itself outside a transaction is its own atomic statement.
* Times are µs since the Unix epoch (UTC); money is in cents; ids are lowercase GUID strings.

`Queries` (every read and write) and `Store` (those plus transactions and shutdown) are the
types the rest of the server names. There is one backend, so they are its classes, documented
once, on the methods themselves; a second backend would turn them into Protocols.
"""

from __future__ import annotations

from typing import TypeAlias

from kds.server.store.orders import HistoryQuery
from kds.server.store.sqlite import Queries, SqliteStore

Store: TypeAlias = SqliteStore

__all__ = ["HistoryQuery", "Queries", "SqliteStore", "Store"]

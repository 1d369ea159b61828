"""SQL for the outbox table: rows written with an order change, read and marked by the publisher."""

from __future__ import annotations

from kds.server.records import OutboxEvent
from kds.server.store.connection import Connection, record_of


class EventRows(Connection):
    """Outbox rows; `insert_event` belongs in the transaction that changes the order."""

    def insert_event(
        self,
        event_id: str,
        event_type: str,
        order_id: str,
        occurred_us: int,
        delivered_at_us: int | None,
    ) -> None:
        """A pending row, due at once."""
        self.execute(
            "INSERT INTO outbox (event_id, type, order_id, occurred_us, next_attempt_us,"
            " delivered_at_us) VALUES (?, ?, ?, ?, ?, ?)",
            (event_id, event_type, order_id, occurred_us, occurred_us, delivered_at_us),
        )

    def due_events(self, now_us: int, limit: int) -> list[OutboxEvent]:
        """Unpublished rows whose next attempt is due, oldest first."""
        rows = self.all(
            "SELECT * FROM outbox WHERE processed_us IS NULL AND next_attempt_us <= ?"
            " ORDER BY occurred_us, seq LIMIT ?",
            (now_us, limit),
        )
        return [record_of(OutboxEvent, row) for row in rows]

    def last_published(self, count: int) -> list[OutboxEvent]:
        """The last `count` published rows, in the order they were published."""
        rows = self.all(
            "SELECT * FROM (SELECT * FROM outbox WHERE processed_us IS NOT NULL"
            " ORDER BY processed_us DESC, seq DESC LIMIT ?) ORDER BY processed_us, seq",
            (count,),
        )
        return [record_of(OutboxEvent, row) for row in rows]

    def order_events(self, order_id: str) -> list[OutboxEvent]:
        """Every outbox row of one order, oldest first: its changes as the server made them
        (one row per transition; the chaos checker counts them against the cooks' taps)."""
        rows = self.all("SELECT * FROM outbox WHERE order_id = ? ORDER BY seq", (order_id,))
        return [record_of(OutboxEvent, row) for row in rows]

    def mark_published(self, seq: int, now_us: int) -> None:
        self.execute("UPDATE outbox SET processed_us = ? WHERE seq = ?", (now_us, seq))

    def schedule_retry(self, seq: int, attempt: int, next_attempt_us: int) -> None:
        self.execute(
            "UPDATE outbox SET attempt = ?, next_attempt_us = ? WHERE seq = ?",
            (attempt, next_attempt_us, seq),
        )

    def outbox_backlog(self) -> tuple[int, int]:
        """(pending rows, highest attempt among them; 0 when none)."""
        row = self.one(
            "SELECT COUNT(*) AS pending, MAX(attempt) AS max_attempt FROM outbox"
            " WHERE processed_us IS NULL"
        )
        assert row is not None
        return int(row["pending"]), int(row["max_attempt"] or 0)

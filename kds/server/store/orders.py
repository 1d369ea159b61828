"""SQL for orders: reads for the queues, history and detail; the writes of the lifecycle rules."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from kds.server.records import HistoryEntry, Order
from kds.server.status import STATUS_RANK, OrderStatus
from kds.server.store.connection import Connection, record_of

_COLUMNS = (
    "id, restaurant_id, customer_id, order_number, status, status_rank, placement_us,"
    " last_update_us, note, currency, subtotal_c, discount_c, delivery_fee_c, tip_c, tax_c,"
    " total_c, payment_method, payment_status, paid_online_c, cod_c, street, city, state,"
    " country, postal_code, items"
)


@dataclass(frozen=True)
class HistoryQuery:
    """The `orders/history` filters; None or empty means "no filter"."""

    statuses: tuple[str, ...] = ()  # case-insensitive, as the client sent them
    from_us: int | None = None
    to_us: int | None = None
    keyword: str = ""  # lower-cased; matched in order number, customer name and phone


def order_of(row: sqlite3.Row) -> Order:
    return record_of(
        Order, row, status=OrderStatus(row["status"]), items=tuple(json.loads(row["items"]))
    )


def _marks(values: tuple[Any, ...]) -> str:
    return ",".join("?" * len(values))


class OrderRows(Connection):
    """Order queries; inside `transaction()` they run in that transaction."""

    def order(self, order_id: str) -> Order | None:
        return self.one_of(order_of, "SELECT * FROM orders WHERE id = ?", (order_id,))

    def order_status(self, order_id: str) -> OrderStatus | None:
        row = self.one("SELECT status FROM orders WHERE id = ?", (order_id,))
        return None if row is None else OrderStatus(row["status"])

    def order_number_taken(self, number: str) -> bool:
        return self.one("SELECT 1 FROM orders WHERE order_number = ?", (number,)) is not None

    def count_orders(self, restaurant_id: str, statuses: tuple[OrderStatus, ...]) -> int:
        row = self.one(
            f"SELECT COUNT(*) AS n FROM orders WHERE restaurant_id = ?"
            f" AND status IN ({_marks(statuses)})",
            (restaurant_id, *statuses),
        )
        return 0 if row is None else int(row["n"])

    def list_orders(
        self,
        restaurant_id: str,
        statuses: tuple[OrderStatus, ...],
        *,
        by_rank: bool,
        limit: int = -1,
        offset: int = 0,
    ) -> list[Order]:
        """Oldest first; with `by_rank`, status priority (the active queue's order) first.
        A negative `limit` means no limit."""
        order_by = "status_rank, placement_us, id" if by_rank else "placement_us, id"
        rows = self.all(
            f"SELECT * FROM orders WHERE restaurant_id = ? AND status IN ({_marks(statuses)})"
            f" ORDER BY {order_by} LIMIT ? OFFSET ?",
            (restaurant_id, *statuses, limit, offset),
        )
        return [order_of(row) for row in rows]

    def order_ids_of_customer(
        self, customer_id: str, statuses: tuple[OrderStatus, ...]
    ) -> list[str]:
        rows = self.all(
            f"SELECT id FROM orders WHERE customer_id = ? AND status IN ({_marks(statuses)})",
            (customer_id, *statuses),
        )
        return [row["id"] for row in rows]

    def history_page(
        self,
        restaurant_id: str,
        terminal: tuple[OrderStatus, ...],
        query: HistoryQuery,
        limit: int,
        offset: int,
    ) -> tuple[int, list[HistoryEntry]]:
        """(total count, one page) of terminal orders, newest first, with their customers."""
        where = ["o.restaurant_id = ?", f"o.status IN ({_marks(terminal)})"]
        params: list[Any] = [restaurant_id, *terminal]
        if query.statuses:
            where.append(f"lower(o.status) IN ({_marks(query.statuses)})")
            params += [s.lower() for s in query.statuses]
        if query.from_us is not None:
            where.append("o.placement_us >= ?")
            params.append(query.from_us)
        if query.to_us is not None:
            where.append("o.placement_us <= ?")
            params.append(query.to_us)
        if query.keyword:
            where.append(
                "(instr(lower(o.order_number), ?) > 0 OR instr(lower(coalesce(u.name, '')), ?) > 0"
                " OR instr(lower(coalesce(u.phone, '')), ?) > 0)"
            )
            params += [query.keyword] * 3
        sql_where = " AND ".join(where)
        joined = "FROM orders o LEFT JOIN users u ON u.id = o.customer_id"
        count = self.one(f"SELECT COUNT(*) AS n {joined} WHERE {sql_where}", tuple(params))
        total = 0 if count is None else int(count["n"])
        rows = self.all(
            f"SELECT o.*, u.name AS customer_name, u.phone AS customer_phone {joined}"
            f" WHERE {sql_where} ORDER BY o.placement_us DESC, o.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        entries = [
            HistoryEntry(order_of(row), row["customer_name"], row["customer_phone"]) for row in rows
        ]
        return total, entries

    # ------------------------------------------------------------ writes
    def insert_order(self, order: Order) -> None:
        """A new order; its version starts at 0, its ETA and delivery time unset."""
        self.execute(
            f"INSERT INTO orders ({_COLUMNS}) VALUES ({', '.join('?' * 26)})",
            (
                order.id,
                order.restaurant_id,
                order.customer_id,
                order.order_number,
                order.status,
                STATUS_RANK[order.status],
                order.placement_us,
                order.last_update_us,
                order.note,
                order.currency,
                order.subtotal_c,
                order.discount_c,
                order.delivery_fee_c,
                order.tip_c,
                order.tax_c,
                order.total_c,
                order.payment_method,
                order.payment_status,
                order.paid_online_c,
                order.cod_c,
                order.street,
                order.city,
                order.state,
                order.country,
                order.postal_code,
                json.dumps(list(order.items)),
            ),
        )

    def move_order(
        self,
        order_id: str,
        status: OrderStatus,
        last_update_us: int,
        eta_us: int | None,
        actual_delivery_us: int | None,
    ) -> None:
        """A lifecycle step: the new status and times; the version goes up by one."""
        self.execute(
            "UPDATE orders SET status = ?, status_rank = ?, version = version + 1,"
            " last_update_us = ?, eta_us = ?, actual_delivery_us = ? WHERE id = ?",
            (status, STATUS_RANK[status], last_update_us, eta_us, actual_delivery_us, order_id),
        )

    def settle_order(
        self, order_id: str, status: OrderStatus, payment_status: str, paid: bool, now_us: int
    ) -> None:
        """The payment webhook's write: new status and payment status; `paid` records the
        total as paid online. The version goes up by one."""
        paid_online = ", paid_online_c = total_c" if paid else ""
        self.execute(
            "UPDATE orders SET status = ?, status_rank = ?, version = version + 1,"
            f" last_update_us = ?, payment_status = ?{paid_online} WHERE id = ?",
            (status, STATUS_RANK[status], now_us, payment_status, order_id),
        )

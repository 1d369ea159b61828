"""SQL for users, their restaurant roles and the opaque tokens (stored by SHA-256 hash)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kds.server.records import Credentials, TokenRecord, User
from kds.server.store.connection import Connection, record_of


def _user_of(row: sqlite3.Row) -> User:
    return record_of(User, row, roles=list(json.loads(row["roles"])))


def _credentials_of(row: sqlite3.Row) -> Credentials:
    return record_of(Credentials, row, user_id=row["id"])


def _token_of(row: sqlite3.Row) -> TokenRecord:
    return record_of(TokenRecord, row, revoked=bool(row["revoked"]))


def _by_user_name(user_name: str | None) -> tuple[str, tuple[Any, ...]]:
    """A token filter for one user (by name, case-insensitively), or none for everybody."""
    if user_name is None:
        return "", ()
    return " AND user_id IN (SELECT id FROM users WHERE user_name = ? COLLATE NOCASE)", (user_name,)


class AccountRows(Connection):
    """Users, roles and tokens; inside `transaction()` they run in that transaction."""

    # ------------------------------------------------------------ users
    def user(self, user_id: str) -> User | None:
        return self.one_of(_user_of, "SELECT * FROM users WHERE id = ?", (user_id,))

    def user_id_by_name(self, user_name: str) -> str | None:
        """The id of exactly that user name (case-sensitive)."""
        row = self.one("SELECT id FROM users WHERE user_name = ?", (user_name,))
        return None if row is None else str(row["id"])

    def user_exists(self, user_id: str) -> bool:
        return self.one("SELECT 1 FROM users WHERE id = ?", (user_id,)) is not None

    def insert_user(self, user: User, password_hash: str) -> None:
        self.execute(
            "INSERT INTO users (id, user_name, email, name, phone, password_hash, roles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                user.id,
                user.user_name,
                user.email,
                user.name,
                user.phone,
                password_hash,
                json.dumps(user.roles),
            ),
        )

    def restaurant_roles(self, user_id: str) -> list[tuple[str, str]]:
        """(restaurant id, `Owner` | `Staff`) for every restaurant the user works for."""
        rows = self.all(
            "SELECT restaurant_id, role FROM restaurant_roles WHERE user_id = ?", (user_id,)
        )
        return [(row["restaurant_id"], row["role"]) for row in rows]

    def add_restaurant_role(self, user_id: str, restaurant_id: str, role: str) -> None:
        """Idempotent: an existing assignment is kept."""
        self.execute(
            "INSERT OR IGNORE INTO restaurant_roles (user_id, restaurant_id, role)"
            " VALUES (?, ?, ?)",
            (user_id, restaurant_id, role),
        )

    # ------------------------------------------------------------ sign-in
    def credentials(self, user_name: str) -> Credentials | None:
        """Looked up by user name case-insensitively, as Identity normalizes names."""
        return self.one_of(
            _credentials_of,
            "SELECT id, password_hash, failed_count, lockout_end_us FROM users"
            " WHERE user_name = ? COLLATE NOCASE",
            (user_name,),
        )

    def count_failure(self, user_id: str, threshold: int, until_us: int) -> bool:
        """One more failed sign-in, counted and judged in one statement; True if it locked.

        At `threshold` failures the account is locked until `until_us` and the count starts
        again from zero (Identity's AccessFailedAsync). Read-modify-write in one UPDATE, so
        concurrent failures can never overwrite each other's count.
        """
        rows = self.all(
            "UPDATE users SET"
            " failed_count = CASE WHEN failed_count + 1 >= :threshold THEN 0"
            " ELSE failed_count + 1 END,"
            " lockout_end_us = CASE WHEN failed_count + 1 >= :threshold THEN :until"
            " ELSE lockout_end_us END"
            " WHERE id = :id RETURNING failed_count = 0 AS locked",
            {"threshold": threshold, "until": until_us, "id": user_id},
        )
        return bool(rows and rows[0]["locked"])

    def record_login(self, user_id: str, now_us: int) -> None:
        self.execute(
            "UPDATE users SET failed_count = 0, lockout_end_us = NULL, last_login_us = ?"
            " WHERE id = ?",
            (now_us, user_id),
        )

    # ------------------------------------------------------------ tokens
    def insert_token(
        self, token_hash: str, kind: str, user_id: str, expires_us: int, principal: str
    ) -> None:
        self.execute(
            "INSERT INTO tokens (hash, kind, user_id, expires_us, principal)"
            " VALUES (?, ?, ?, ?, ?)",
            (token_hash, kind, user_id, expires_us, principal),
        )

    def token(self, token_hash: str, kind: str) -> TokenRecord | None:
        """One indexed lookup: hubs authenticate every connection with it."""
        return self.one_of(
            _token_of,
            "SELECT user_id, expires_us, revoked, principal FROM tokens"
            " WHERE hash = ? AND kind = ?",
            (token_hash, kind),
        )

    def revoke_token(self, token_hash: str) -> bool:
        """Compare-and-set: True only for the one caller that revoked a live token."""
        return bool(
            self.execute(
                "UPDATE tokens SET revoked = 1 WHERE hash = ? AND revoked = 0", (token_hash,)
            )
        )

    def expire_access_tokens(self, user_name: str | None, now_us: int) -> int:
        """Every live access token (of that user) expires now; returns how many."""
        where, params = _by_user_name(user_name)
        return self.execute(
            "UPDATE tokens SET expires_us = ? WHERE kind = 'access' AND expires_us > ?" + where,
            (now_us, now_us, *params),
        )

    def revoke_tokens(self, user_name: str | None) -> int:
        """Access and refresh tokens (of that user) become invalid; returns how many."""
        where, params = _by_user_name(user_name)
        return self.execute("UPDATE tokens SET revoked = 1 WHERE revoked = 0" + where, params)

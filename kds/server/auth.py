"""Principals, opaque bearer tokens (stored as SHA-256 hashes), login, refresh and policies."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from kds.server.clock import now_us
from kds.server.passwords import verify_password
from kds.server.store import Store

LOCKOUT_FAILURES = 5  # ASP.NET Identity defaults (contract 2.2)
LOCKOUT_US = 5 * 60 * 1_000_000
ACTIVE_FOR_CUSTOMER = ("AwaitingPayment", "Placed", "Accepted", "Preparing", "ReadyForDelivery")


@dataclass(frozen=True)
class Principal:
    """The claims snapshot a token carries (taken at issue time, as the real backend does)."""

    user_id: str
    user_name: str
    roles: frozenset[str]
    permissions: frozenset[str]

    def to_json(self) -> str:
        return json.dumps(
            {
                "user_id": self.user_id,
                "user_name": self.user_name,
                "roles": sorted(self.roles),
                "permissions": sorted(self.permissions),
            }
        )

    @staticmethod
    def from_json(text: str) -> Principal:
        data = json.loads(text)
        return Principal(
            user_id=data["user_id"],
            user_name=data["user_name"],
            roles=frozenset(data["roles"]),
            permissions=frozenset(data["permissions"]),
        )


def can_own(principal: Principal, restaurant_id: str) -> bool:
    """MustBeRestaurantOwner: `permission = RestaurantOwner:{id}`; no admin bypass."""
    return f"RestaurantOwner:{restaurant_id.lower()}" in principal.permissions


def can_staff(principal: Principal, restaurant_id: str) -> bool:
    """MustBeRestaurantStaff: staff or owner of that restaurant; no admin bypass."""
    rid = restaurant_id.lower()
    return (
        f"RestaurantStaff:{rid}" in principal.permissions
        or f"RestaurantOwner:{rid}" in principal.permissions
    )


def is_admin(principal: Principal) -> bool:
    return "Administrator" in principal.roles or "UserAdmin:*" in principal.permissions


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginFailed(Exception):
    """Sign-in refused; `args[0]` is the Identity SignInResult text (`Failed`, `LockedOut`)."""


class Authenticator:
    """Issues and checks opaque tokens; `authenticate` is one indexed SELECT (cheap per call)."""

    def __init__(self, store: Store, access_ttl_s: int, refresh_ttl_s: int) -> None:
        self.store = store
        self.access_ttl_us = access_ttl_s * 1_000_000
        self.refresh_ttl_us = refresh_ttl_s * 1_000_000
        self.access_ttl_s = access_ttl_s

    def authenticate(self, token: str) -> Principal | None:
        """The principal of a live access token; None for unknown, expired or revoked ones."""
        if not token:
            return None
        row = self.store.one(
            "SELECT principal, expires_us, revoked FROM tokens WHERE hash = ? AND kind = 'access'",
            (token_hash(token),),
        )
        if row is None or row["revoked"] or row["expires_us"] <= now_us():
            return None
        return Principal.from_json(row["principal"])

    def build_principal(self, user_id: str) -> Principal | None:
        """Claims as YummyZoomClaimsPrincipalFactory builds them at sign-in (contract 2.3)."""
        user = self.store.one("SELECT id, user_name, roles FROM users WHERE id = ?", (user_id,))
        if user is None:
            return None
        roles = frozenset(json.loads(user["roles"]))
        perms = {f"UserOwner:{user_id}"}
        if "Administrator" in roles:
            perms.add("UserAdmin:*")
        for rr in self.store.all(
            "SELECT restaurant_id, role FROM restaurant_roles WHERE user_id = ?", (user_id,)
        ):
            kind = "RestaurantOwner" if rr["role"] == "Owner" else "RestaurantStaff"
            perms.add(f"{kind}:{rr['restaurant_id']}")
        marks = ",".join("?" * len(ACTIVE_FOR_CUSTOMER))
        for o in self.store.all(
            f"SELECT id FROM orders WHERE customer_id = ? AND status IN ({marks})",
            (user_id, *ACTIVE_FOR_CUSTOMER),
        ):
            perms.add(f"OrderOwner:{o['id']}")
        return Principal(user_id, user["user_name"], roles, frozenset(perms))

    def issue(self, principal: Principal) -> dict[str, Any]:
        """A new access + refresh token pair, in the Identity `AccessTokenResponse` shape."""
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = now_us()
        snapshot = principal.to_json()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO tokens (hash, kind, user_id, expires_us, principal)"
                " VALUES (?, 'access', ?, ?, ?)",
                (token_hash(access), principal.user_id, now + self.access_ttl_us, snapshot),
            )
            conn.execute(
                "INSERT INTO tokens (hash, kind, user_id, expires_us, principal)"
                " VALUES (?, 'refresh', ?, ?, ?)",
                (token_hash(refresh), principal.user_id, now + self.refresh_ttl_us, snapshot),
            )
        return {
            "tokenType": "Bearer",
            "accessToken": access,
            "expiresIn": self.access_ttl_s,
            "refreshToken": refresh,
        }

    def login(self, user_name: str, password: str) -> dict[str, Any]:
        """PasswordSignInAsync with lockoutOnFailure; raises LoginFailed(result text)."""
        user = self.store.one(
            "SELECT id, password_hash, failed_count, lockout_end_us FROM users"
            " WHERE user_name = ? COLLATE NOCASE",
            (user_name,),
        )
        if user is None:
            raise LoginFailed("Failed")
        now = now_us()
        if user["lockout_end_us"] is not None and user["lockout_end_us"] > now:
            raise LoginFailed("LockedOut")
        if not verify_password(password, user["password_hash"]):
            failures = user["failed_count"] + 1
            if failures >= LOCKOUT_FAILURES:
                self.store.execute(
                    "UPDATE users SET failed_count = 0, lockout_end_us = ? WHERE id = ?",
                    (now + LOCKOUT_US, user["id"]),
                )
                raise LoginFailed("LockedOut")
            self.store.execute(
                "UPDATE users SET failed_count = ? WHERE id = ?", (failures, user["id"])
            )
            raise LoginFailed("Failed")
        self.store.execute(
            "UPDATE users SET failed_count = 0, lockout_end_us = NULL, last_login_us = ?"
            " WHERE id = ?",
            (now, user["id"]),
        )
        principal = self.build_principal(user["id"])
        if principal is None:  # deleted between the two reads
            raise LoginFailed("Failed")
        return self.issue(principal)

    def refresh(self, refresh_token: str) -> dict[str, Any] | None:
        """Rotate: the old refresh token dies, claims are rebuilt; None when it is not valid."""
        digest = token_hash(refresh_token)
        row = self.store.one(
            "SELECT user_id, expires_us, revoked FROM tokens WHERE hash = ? AND kind = 'refresh'",
            (digest,),
        )
        if row is None or row["revoked"] or row["expires_us"] <= now_us():
            return None
        # Only one caller can win the rotation: the UPDATE is the compare-and-set.
        if not self.store.execute(
            "UPDATE tokens SET revoked = 1 WHERE hash = ? AND revoked = 0", (digest,)
        ):
            return None
        principal = self.build_principal(row["user_id"])
        return None if principal is None else self.issue(principal)

    def _user_filter(self, user_name: str | None) -> tuple[str, tuple[Any, ...]]:
        if user_name is None:
            return "", ()
        return " AND user_id IN (SELECT id FROM users WHERE user_name = ? COLLATE NOCASE)", (
            user_name,
        )

    def expire_access(self, user_name: str | None) -> int:
        """Every live access token (of that user) expires now; refresh tokens stay valid."""
        where, params = self._user_filter(user_name)
        now = now_us()
        return self.store.execute(
            "UPDATE tokens SET expires_us = ? WHERE kind = 'access' AND expires_us > ?" + where,
            (now, now, *params),
        )

    def revoke(self, user_name: str | None) -> int:
        """Access and refresh tokens (of that user) become invalid."""
        where, params = self._user_filter(user_name)
        return self.store.execute("UPDATE tokens SET revoked = 1 WHERE revoked = 0" + where, params)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization` header; the prefix is exactly `Bearer ` (case-sensitive)."""
    if authorization is None or not authorization.startswith("Bearer "):
        return None
    token = authorization[len("Bearer ") :].strip()
    return token or None

"""Principals, opaque bearer tokens (stored as SHA-256 hashes), login, refresh and policies."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from kds.server.clock import now_us
from kds.server.passwords import dummy_hash, verify_password
from kds.server.status import ACTIVE_FOR_CUSTOMER
from kds.server.store import Store

LOCKOUT_FAILURES = 5  # ASP.NET Identity defaults (contract 2.2)
LOCKOUT_US = 5 * 60 * 1_000_000


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


@dataclass
class _UserLock:
    """One user's sign-in lock and how many sign-ins hold or await it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Authenticator:
    """Issues and checks opaque tokens; `authenticate` is one indexed lookup (cheap per call)."""

    def __init__(
        self,
        store: Store,
        access_ttl_s: int,
        refresh_ttl_s: int,
        verify: Callable[[str, str], bool] = verify_password,
    ) -> None:
        self.store = store
        self._verify = verify
        self._dummy_hash = dummy_hash()  # made now, so no sign-in pays for it
        self._sign_ins: dict[str, _UserLock] = {}
        self.access_ttl_us = access_ttl_s * 1_000_000
        self.refresh_ttl_us = refresh_ttl_s * 1_000_000
        self.access_ttl_s = access_ttl_s

    def authenticate(self, token: str) -> Principal | None:
        """The principal of a live access token; None for unknown, expired or revoked ones."""
        if not token:
            return None
        record = self.store.token(token_hash(token), "access")
        if record is None or record.revoked or record.expires_us <= now_us():
            return None
        return Principal.from_json(record.principal)

    def build_principal(self, user_id: str) -> Principal | None:
        """Claims as YummyZoomClaimsPrincipalFactory builds them at sign-in (contract 2.3)."""
        user = self.store.user(user_id)
        if user is None:
            return None
        roles = frozenset(user.roles)
        perms = {f"UserOwner:{user_id}"}
        if "Administrator" in roles:
            perms.add("UserAdmin:*")
        for restaurant_id, role in self.store.restaurant_roles(user_id):
            kind = "RestaurantOwner" if role == "Owner" else "RestaurantStaff"
            perms.add(f"{kind}:{restaurant_id}")
        for order_id in self.store.order_ids_of_customer(user_id, ACTIVE_FOR_CUSTOMER):
            perms.add(f"OrderOwner:{order_id}")
        return Principal(user_id, user.user_name, roles, frozenset(perms))

    def issue(self, principal: Principal) -> dict[str, Any]:
        """A new access + refresh token pair, in the Identity `AccessTokenResponse` shape."""
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = now_us()
        snapshot = principal.to_json()
        user_id = principal.user_id
        with self.store.transaction() as tx:
            tx.insert_token(
                token_hash(access), "access", user_id, now + self.access_ttl_us, snapshot
            )
            tx.insert_token(
                token_hash(refresh), "refresh", user_id, now + self.refresh_ttl_us, snapshot
            )
        return {
            "tokenType": "Bearer",
            "accessToken": access,
            "expiresIn": self.access_ttl_s,
            "refreshToken": refresh,
        }

    async def login(self, user_name: str, password: str) -> dict[str, Any]:
        """PasswordSignInAsync with lockoutOnFailure; raises LoginFailed(result text).

        The lockout check, the password check and the failure count run as one step per user
        (`_one_at_a_time`): otherwise concurrent wrong passwords all pass the lockout check
        before any failure is counted, each is verified (so an attacker gets as many guesses
        as it sends at once), and the counts overwrite each other. Store calls run on the event
        loop like every other store call; only the ~35 ms hash goes to a worker thread, so a
        queued sign-in holds no thread. An unknown user costs the same hash (against a dummy).
        """
        user = self.store.credentials(user_name)
        if user is None:
            await run_in_threadpool(self._verify, password, self._dummy_hash)
            raise LoginFailed("Failed")
        async with self._one_at_a_time(user.user_id):
            user = self.store.credentials(user_name)  # re-read: the one before may have locked
            if user is None:  # deleted meanwhile
                raise LoginFailed("Failed")
            now = now_us()
            if user.lockout_end_us is not None and user.lockout_end_us > now:
                raise LoginFailed("LockedOut")
            if not await run_in_threadpool(self._verify, password, user.password_hash):
                locked = self.store.count_failure(user.user_id, LOCKOUT_FAILURES, now + LOCKOUT_US)
                raise LoginFailed("LockedOut" if locked else "Failed")
            self.store.record_login(user.user_id, now)
        principal = self.build_principal(user.user_id)
        if principal is None:  # deleted between the two reads
            raise LoginFailed("Failed")
        return self.issue(principal)

    @contextlib.asynccontextmanager
    async def _one_at_a_time(self, user_id: str) -> AsyncIterator[None]:
        """Sign-ins of one user in turn; the lock is dropped when nobody holds or awaits it.

        An asyncio lock: every caller runs on the event loop, so the dict needs no lock.
        """
        entry = self._sign_ins.setdefault(user_id, _UserLock())
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._sign_ins[user_id]

    def refresh(self, refresh_token: str) -> dict[str, Any] | None:
        """Rotate: the old refresh token dies, claims are rebuilt; None when it is not valid."""
        digest = token_hash(refresh_token)
        record = self.store.token(digest, "refresh")
        if record is None or record.revoked or record.expires_us <= now_us():
            return None
        # Only one caller can win the rotation: the revocation is a compare-and-set.
        if not self.store.revoke_token(digest):
            return None
        principal = self.build_principal(record.user_id)
        return None if principal is None else self.issue(principal)

    def expire_access(self, user_name: str | None) -> int:
        """Every live access token (of that user) expires now; refresh tokens stay valid."""
        return self.store.expire_access_tokens(user_name, now_us())

    def revoke(self, user_name: str | None) -> int:
        """Access and refresh tokens (of that user) become invalid."""
        return self.store.revoke_tokens(user_name)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization` header; the prefix is exactly `Bearer ` (case-sensitive)."""
    if authorization is None or not authorization.startswith("Bearer "):
        return None
    token = authorization[len("Bearer ") :].strip()
    return token or None

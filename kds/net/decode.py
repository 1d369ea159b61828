"""Decoders for the non-order DTOs: tokens, users/me, PaginatedList, restaurant info, problems.

Same rules as ``kds.core.decode``: pure functions on parsed JSON that return typed values or
raise ``ProtocolError`` naming the JSON path of the first bad value; unknown extra fields are
ignored. ``decode_problem`` is the exception: it reads error bodies, which must never mask the
HTTP status that came with them, so it tolerates anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from kds.core import fields as f
from kds.core.errors import ProtocolError
from kds.core.fields import parse_timestamp

__all__ = [
    "Claim",
    "Page",
    "Problem",
    "RestaurantInfo",
    "RestaurantRole",
    "TokenResponse",
    "UserProfile",
    "decode_page",
    "decode_problem",
    "decode_restaurant_info",
    "decode_token_response",
    "decode_user_profile",
]

T = TypeVar("T")


# -- value types ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TokenResponse:
    """``POST /users/login`` and ``/users/refresh`` (opaque tokens: never decode them)."""

    token_type: str
    access_token: str
    expires_in_s: int
    refresh_token: str

    def __repr__(self) -> str:
        return f"TokenResponse(token_type={self.token_type!r}, expires_in_s={self.expires_in_s})"


@dataclass(frozen=True, slots=True)
class Claim:
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class RestaurantRole:
    """One ``permission`` claim ``RestaurantOwner:{id}`` / ``RestaurantStaff:{id}``."""

    role: str  # "RestaurantOwner" or "RestaurantStaff"
    restaurant_id: str


@dataclass(frozen=True, slots=True)
class UserProfile:
    """``GET /users/me``."""

    user_id: str
    name: str | None
    email: str | None
    phone_number: str | None
    address: Any
    last_login_at: datetime | None
    roles: tuple[str, ...]
    claims: tuple[Claim, ...]

    def restaurant_roles(self) -> tuple[RestaurantRole, ...]:
        """The restaurants this user may run a KDS for (owner counts as staff, contract §2.3).

        One entry per restaurant, owner preferred over staff, in claim order.
        """
        found: dict[str, str] = {}
        for claim in self.claims:
            if claim.type != "permission":
                continue
            role, _, rid = claim.value.partition(":")
            if role not in ("RestaurantOwner", "RestaurantStaff"):
                continue
            try:
                rid = str(uuid.UUID(rid))
            except ValueError:
                continue
            if found.get(rid) != "RestaurantOwner":
                found[rid] = role
        return tuple(RestaurantRole(role, rid) for rid, role in found.items())


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """``PaginatedList<T>`` (no ``pageSize`` field on the wire)."""

    items: tuple[T, ...]
    page_number: int
    total_pages: int
    total_count: int
    has_previous_page: bool
    has_next_page: bool


@dataclass(frozen=True, slots=True)
class RestaurantInfo:
    """``GET /restaurants/{id}/info`` — the fields a KDS header needs; the rest is ignored."""

    restaurant_id: str
    name: str
    logo_url: str | None
    is_accepting_orders: bool | None


@dataclass(frozen=True, slots=True)
class Problem:
    """An error body: ProblemDetails (either writer, contract §7) or nothing usable."""

    title: str = ""
    detail: str = ""
    errors: Mapping[str, tuple[str, ...]] | None = None


# -- decoders ------------------------------------------------------------------------------
def decode_token_response(obj: object) -> TokenResponse:
    o = f.json_object(obj, "")
    access = f.string(o, "accessToken")
    refresh = f.string(o, "refreshToken")
    if not access:
        raise ProtocolError("accessToken", "empty token")
    if not refresh:
        raise ProtocolError("refreshToken", "empty token")
    expires = f.positive_seconds(o, "expiresIn")
    token_type = o.get("tokenType", "Bearer")
    if token_type != "Bearer":
        raise ProtocolError("tokenType", f"expected 'Bearer', got {token_type!r}")
    return TokenResponse("Bearer", access, int(expires), refresh)


def decode_user_profile(obj: object) -> UserProfile:
    o = f.json_object(obj, "")
    claims_raw = f.json_list(o, "claims")
    claims = []
    for i, c in enumerate(claims_raw):
        co = f.json_object(c, f"claims[{i}]")
        claims.append(
            Claim(f.string(co, "type", f"claims[{i}]"), f.string(co, "value", f"claims[{i}]"))
        )
    roles = []
    for i, r in enumerate(f.json_list(o, "roles")):
        if not isinstance(r, str):
            raise ProtocolError(f"roles[{i}]", f"expected a string, got {f.kind(r)}")
        roles.append(r)
    last_login = o.get("lastLoginAt")
    return UserProfile(
        user_id=f.string(o, "userId"),
        name=f.nullable(o, "name", f.string),
        email=f.nullable(o, "email", f.string),
        phone_number=f.nullable(o, "phoneNumber", f.string),
        address=o.get("address"),
        last_login_at=None if last_login is None else parse_timestamp(last_login, "lastLoginAt"),
        roles=tuple(roles),
        claims=tuple(claims),
    )


def decode_page(obj: object, item: Callable[[object], T]) -> Page[T]:
    """Decode a PaginatedList; ``item`` decodes one element (its errors get ``items[i].``)."""
    o = f.json_object(obj, "")
    items: list[T] = []
    for i, raw in enumerate(f.json_list(o, "items")):
        try:
            items.append(item(raw))
        except ProtocolError as exc:
            field = f"items[{i}].{exc.field}" if exc.field else f"items[{i}]"
            raise ProtocolError(field, exc.problem) from exc
    return Page(
        items=tuple(items),
        page_number=f.integer(o, "pageNumber"),
        total_pages=f.integer(o, "totalPages"),
        total_count=f.integer(o, "totalCount"),
        has_previous_page=f.boolean(o, "hasPreviousPage"),
        has_next_page=f.boolean(o, "hasNextPage"),
    )


def decode_restaurant_info(obj: object) -> RestaurantInfo:
    o = f.json_object(obj, "")
    accepting = o.get("isAcceptingOrders")
    if accepting is not None and not isinstance(accepting, bool):
        raise ProtocolError("isAcceptingOrders", f"expected true or false, got {f.kind(accepting)}")
    return RestaurantInfo(
        restaurant_id=f.guid(o, "restaurantId"),
        name=f.string(o, "name"),
        logo_url=f.nullable(o, "logoUrl", f.string),
        is_accepting_orders=accepting,
    )


def decode_problem(obj: object) -> Problem:
    """Best effort: ``title``/``detail`` strings and an ``errors`` map of string lists."""
    if not isinstance(obj, Mapping):
        return Problem()
    title = obj.get("title")
    detail = obj.get("detail")
    errors_raw = obj.get("errors")
    errors: dict[str, tuple[str, ...]] | None = None
    if isinstance(errors_raw, Mapping):
        errors = {}
        for key, msgs in errors_raw.items():
            if isinstance(msgs, list):
                errors[str(key)] = tuple(str(m) for m in msgs)
            elif isinstance(msgs, str):
                errors[str(key)] = (msgs,)
    if not isinstance(title, str):
        # The dev endpoints' 409s use {"code", "message"}; read them the same way.
        title = obj.get("code") if isinstance(obj.get("code"), str) else ""
    if not isinstance(detail, str):
        detail = obj.get("message") if isinstance(obj.get("message"), str) else ""
    return Problem(str(title), str(detail), errors)

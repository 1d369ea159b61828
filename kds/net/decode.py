"""Decoders for the non-order DTOs: tokens, users/me, PaginatedList, restaurant info, problems.

Same rules as ``kds.core.decode``: pure functions on parsed JSON that return typed values or
raise ``ProtocolError`` naming the JSON path of the first bad value; unknown extra fields are
ignored. ``decode_problem`` is the exception: it reads error bodies, which must never mask the
HTTP status that came with them, so it tolerates anything.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from kds.core.decode import parse_timestamp
from kds.core.errors import ProtocolError

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
_MISSING: Any = object()


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
    o = _object(obj, "")
    access = _str(o, "accessToken")
    refresh = _str(o, "refreshToken")
    if not access:
        raise ProtocolError("accessToken", "empty token")
    if not refresh:
        raise ProtocolError("refreshToken", "empty token")
    expires = _get(o, "expiresIn")
    if (
        isinstance(expires, bool)
        or not isinstance(expires, int | float)
        or not math.isfinite(expires)  # JSON "Infinity"/"NaN" parse; int() of them raises
        or expires <= 0
    ):
        raise ProtocolError("expiresIn", f"expected a positive number of seconds, got {expires!r}")
    token_type = o.get("tokenType", "Bearer")
    if token_type != "Bearer":
        raise ProtocolError("tokenType", f"expected 'Bearer', got {token_type!r}")
    return TokenResponse("Bearer", access, int(expires), refresh)


def decode_user_profile(obj: object) -> UserProfile:
    o = _object(obj, "")
    claims_raw = _list(o, "claims")
    claims = []
    for i, c in enumerate(claims_raw):
        co = _object(c, f"claims[{i}]")
        claims.append(Claim(_str(co, "type", f"claims[{i}]"), _str(co, "value", f"claims[{i}]")))
    roles = []
    for i, r in enumerate(_list(o, "roles")):
        if not isinstance(r, str):
            raise ProtocolError(f"roles[{i}]", f"expected a string, got {_kind(r)}")
        roles.append(r)
    last_login = o.get("lastLoginAt")
    return UserProfile(
        user_id=_str(o, "userId"),
        name=_opt_str(o, "name"),
        email=_opt_str(o, "email"),
        phone_number=_opt_str(o, "phoneNumber"),
        address=o.get("address"),
        last_login_at=None if last_login is None else parse_timestamp(last_login, "lastLoginAt"),
        roles=tuple(roles),
        claims=tuple(claims),
    )


def decode_page(obj: object, item: Callable[[object], T]) -> Page[T]:
    """Decode a PaginatedList; ``item`` decodes one element (its errors get ``items[i].``)."""
    o = _object(obj, "")
    items: list[T] = []
    for i, raw in enumerate(_list(o, "items")):
        try:
            items.append(item(raw))
        except ProtocolError as exc:
            field = f"items[{i}].{exc.field}" if exc.field else f"items[{i}]"
            raise ProtocolError(field, exc.problem) from exc
    return Page(
        items=tuple(items),
        page_number=_int(o, "pageNumber"),
        total_pages=_int(o, "totalPages"),
        total_count=_int(o, "totalCount"),
        has_previous_page=_bool(o, "hasPreviousPage"),
        has_next_page=_bool(o, "hasNextPage"),
    )


def decode_restaurant_info(obj: object) -> RestaurantInfo:
    o = _object(obj, "")
    accepting = o.get("isAcceptingOrders")
    if accepting is not None and not isinstance(accepting, bool):
        raise ProtocolError("isAcceptingOrders", f"expected true or false, got {_kind(accepting)}")
    return RestaurantInfo(
        restaurant_id=_guid(o, "restaurantId"),
        name=_str(o, "name"),
        logo_url=_opt_str(o, "logoUrl"),
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


# -- field readers -------------------------------------------------------------------------
def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _object(obj: object, path: str) -> Mapping[str, object]:
    if not isinstance(obj, Mapping):
        raise ProtocolError(path, f"expected a JSON object, got {_kind(obj)}")
    return obj


def _get(o: Mapping[str, object], key: str, prefix: str = "") -> object:
    value = o.get(key, _MISSING)
    if value is _MISSING:
        raise ProtocolError(_join(prefix, key), "required field is missing")
    return value


def _str(o: Mapping[str, object], key: str, prefix: str = "") -> str:
    value = _get(o, key, prefix)
    if not isinstance(value, str):
        raise ProtocolError(_join(prefix, key), f"expected a string, got {_kind(value)}")
    return value


def _opt_str(o: Mapping[str, object], key: str) -> str | None:
    value = o.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(key, f"expected a string or null, got {_kind(value)}")
    return value


def _guid(o: Mapping[str, object], key: str) -> str:
    value = _str(o, key)
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ProtocolError(key, f"not a GUID: {value!r}") from None


def _int(o: Mapping[str, object], key: str) -> int:
    value = _get(o, key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(key, f"expected an integer, got {_kind(value)}")
    return value


def _bool(o: Mapping[str, object], key: str) -> bool:
    value = _get(o, key)
    if not isinstance(value, bool):
        raise ProtocolError(key, f"expected true or false, got {_kind(value)}")
    return value


def _list(o: Mapping[str, object], key: str) -> list[object]:
    value = _get(o, key)
    if not isinstance(value, list):
        raise ProtocolError(key, f"expected an array, got {_kind(value)}")
    return value

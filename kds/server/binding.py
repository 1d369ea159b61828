"""Request binding as minimal APIs do it: GUID routes, JSON bodies, query values, bearer auth."""

from __future__ import annotations

import re
import uuid
from types import UnionType
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request

from kds.server.auth import Principal, bearer_token
from kds.server.clock import MIN_US, NotUtcError, parse_utc
from kds.server.responses import Challenge, Empty, Validation
from kds.server.state import state_of
from kds.server.strict_json import JsonRefused, loads

MAX_BODY_BYTES = 1024 * 1024
ZERO_GUID = "00000000-0000-0000-0000-000000000000"
_GUID = re.compile(
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)


def parse_guid(text: str) -> str | None:
    """Canonical lowercase "D" form, or None when it is not a GUID."""
    if not _GUID.match(text):
        return None
    return str(uuid.UUID(text))


class GuidConvertor(Convertor[str]):
    """`{id:guid}`: anything else does not match the route, giving an empty 404."""

    regex = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"

    def convert(self, value: str) -> str:
        return str(uuid.UUID(value))

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("guid", GuidConvertor())


class Body:
    """A JSON object read case-insensitively (System.Text.Json web defaults)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = {k.lower(): v for k, v in data.items()}

    def has(self, name: str) -> bool:
        return name.lower() in self._data

    def raw(self, name: str) -> Any:
        return self._data.get(name.lower())

    def guid(self, name: str) -> str:
        """A non-nullable Guid: missing → all zeros; null or not a GUID → binding 400."""
        if not self.has(name):
            return ZERO_GUID
        return self._guid_value(self.raw(name))

    def opt_guid(self, name: str) -> str | None:
        value = self.raw(name)
        return None if value is None else self._guid_value(value)

    @staticmethod
    def _guid_value(value: Any) -> str:
        guid = parse_guid(value) if isinstance(value, str) else None
        if guid is None:
            raise Empty(400)
        return guid

    def opt_str(self, name: str) -> str | None:
        value = self.raw(name)
        if value is not None and not isinstance(value, str):
            raise Empty(400)
        return value

    def boolean(self, name: str, *, required: bool = False) -> bool | None:
        value = self.raw(name)
        if value is None and not required:
            return None
        if not isinstance(value, bool):
            raise Empty(400)
        return value

    def integer(self, name: str) -> int | None:
        value: int | None = self._json_number(name, int)
        return value

    def number(self, name: str) -> float | None:
        value = self._json_number(name, int | float)
        return None if value is None else float(value)

    def _json_number(self, name: str, kind: type | UnionType) -> Any:
        """null → None; a value of `kind` → itself; anything else → binding 400. JSON
        true/false never binds to a number, though Python counts a bool as an int."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, kind):
            raise Empty(400)
        return value

    def utc(self, name: str, key: str, errors: Validation) -> int | None:
        """A DateTime: null → None; not a timestamp → 400; not UTC → a validation error.

        Refusing non-UTC values is our deliberate deviation: the real backend most likely
        fails them with an empty 500 (contract sections 1 and 13)."""
        value = self.raw(name)
        if value is None:
            return None
        return utc_value(value, key, errors)


def utc_value(value: Any, key: str, errors: Validation) -> int | None:
    if not isinstance(value, str):
        raise Empty(400)
    try:
        return parse_utc(value)
    except NotUtcError:
        errors.add(key, f"'{key}' must be a UTC timestamp ending in 'Z'.")
        return MIN_US
    except ValueError:
        raise Empty(400) from None


async def read_body(request: Request) -> Body:
    """The JSON object body: > 1 MB → 413; malformed, not an object, or refused by
    `strict_json` (deeper than 64, NaN/Infinity, |x| >= 10^16, a lone surrogate, not UTF-8)
    → the binder's empty 400 (contract 3, step 1), before any handler or validator runs."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Empty(413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise Empty(413)
        chunks.append(chunk)
    try:
        data = loads(b"".join(chunks))
    except JsonRefused:
        raise Empty(400) from None
    if not isinstance(data, dict):
        raise Empty(400)
    return Body(data)


def query_int(request: Request, name: str, default: int) -> int:
    """An int query value; a value that does not parse is a binding failure (empty 400)."""
    value = _query(request, name)
    if value is None or value == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise Empty(400) from None
    if not -(2**31) <= number < 2**31:  # an Int32 that does not fit fails binding
        raise Empty(400)
    return number


def query_str(request: Request, name: str) -> str | None:
    return _query(request, name)


def _query(request: Request, name: str) -> str | None:
    lowered = name.lower()
    for key, value in request.query_params.multi_items():
        if key.lower() == lowered:
            return value
    return None


def principal_of(request: Request) -> Principal:
    """The caller, or the bearer challenge (401, empty, `WWW-Authenticate: Bearer`)."""
    token = bearer_token(request.headers.get("authorization"))
    authenticator = state_of(request).authenticator
    principal: Principal | None = None if token is None else authenticator.authenticate(token)
    if principal is None:
        raise Challenge()
    return principal

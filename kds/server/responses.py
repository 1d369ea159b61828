"""The backend's response writers (contract section 7) and the typed errors that select them."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

JSON_UTF8 = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json"

TYPE_400 = "https://tools.ietf.org/html/rfc7231#section-6.5.1"
TYPE_403 = "https://tools.ietf.org/html/rfc7231#section-6.5.3"
TYPE_404 = "https://tools.ietf.org/html/rfc7231#section-6.5.4"
TYPE_409 = "https://tools.ietf.org/html/rfc7231#section-6.5.8"
TYPE_500 = "https://tools.ietf.org/html/rfc7231#section-6.6.1"
TYPE_401_HANDLER = "https://tools.ietf.org/html/rfc7235#section-3.1"
TYPE_401_LOGIN = "https://tools.ietf.org/html/rfc9110#section-15.5.2"
_RESULT_TYPES = {400: TYPE_400, 404: TYPE_404, 409: TYPE_409}


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON, as System.Text.Json writes it."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(obj), status_code=status, media_type=JSON_UTF8, headers=headers)


def empty(status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(b"", status_code=status, headers=headers)


class ApiError(Exception):
    """An error that renders as one exact backend response."""

    def response(self) -> Response:
        raise NotImplementedError


class Empty(ApiError):
    """A bodiless status: 400 binding failures, 404 route misses, 413 too large."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status

    def response(self) -> Response:
        return empty(self.status)


class Challenge(ApiError):
    """The bearer handler's 401: empty body and `WWW-Authenticate: Bearer` (contract 2.1)."""

    def response(self) -> Response:
        return empty(401, {"WWW-Authenticate": "Bearer"})


class ResultProblem(ApiError):
    """A Result-pattern failure (7.1): problem+json `{type, title, status, detail}`."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(title)
        self.status, self.title, self.detail = status, title, detail

    def response(self) -> Response:
        body = {
            "type": _RESULT_TYPES.get(self.status, TYPE_500),
            "title": self.title or "Error",
            "status": self.status,
            "detail": self.detail,
        }
        return Response(dumps(body), status_code=self.status, media_type=PROBLEM_JSON)


class ValidationFailed(ApiError):
    """FluentValidation failure (7.2): application/json with `errors` keyed by property."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors

    def response(self) -> Response:
        detail = " | ".join(f"{key}: {', '.join(msgs)}" for key, msgs in self.errors.items())
        body = {
            "type": TYPE_400,
            "title": "One or more validation errors occurred.",
            "status": 400,
            "detail": detail,
            "errors": self.errors,
        }
        return json_response(body, 400)


class Forbidden(ApiError):
    """ForbiddenAccessException (7.3): 403 with no `detail`."""

    def response(self) -> Response:
        return json_response({"type": TYPE_403, "title": "Forbidden", "status": 403}, 403)


class ConflictCode(ApiError):
    """The dev endpoints' `{code, message}` conflicts (contract 11, B3)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message

    def response(self) -> Response:
        return json_response({"code": self.code, "message": self.message}, self.status)


class Validation:
    """Collects FluentValidation-style messages in rule order, then raises once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def check(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

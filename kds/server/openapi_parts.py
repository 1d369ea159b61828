"""Building blocks of the OpenAPI document: responses, errors, parameters, operations."""

from __future__ import annotations

from typing import Any

from kds.server.openapi_schemas import GUID, Schema, ref

JSON = "application/json"


def content(schema: Schema, media: str = JSON) -> dict[str, Any]:
    return {"content": {media: {"schema": schema}}}


def ok(description: str, schema: Schema | None = None, status: str = "200") -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if schema is not None:
        response.update(content(schema))
    return {status: response}


# No `content` on 400s: binding failures (malformed JSON, wrong types) have an empty body, and
# OpenAPI 3.0 cannot say "optional body". The shapes are in the description and components.
ERR_400 = {
    "400": {
        "description": "Validation failure: ValidationProblemDetails (application/json; charset="
        "utf-8); domain error: ProblemDetails (application/problem+json); binding failure"
        " (malformed JSON, wrong types): empty body",
    }
}
ERR_401 = {"401": {"description": "Missing, invalid or expired token: empty body"}}
ERR_403 = {"403": {"description": "Forbidden (no detail)", **content(ref("ForbiddenProblem"))}}
ERR_404 = {
    "404": {
        "description": "Not found (problem+json); an unknown route or non-GUID id: empty body",
        **content(ref("ProblemDetails"), "application/problem+json"),
    }
}
ERR_409 = {
    "409": {
        "description": "Conflict",
        **content(ref("ProblemDetails"), "application/problem+json"),
    }
}
ERR_413 = {"413": {"description": "Body larger than 1 MB"}}
SECURED: list[dict[str, list[str]]] = [{"bearer": []}]


def param(name: str, where: str, schema: Schema, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


RID = param("rid", "path", GUID)
OID = param("oid", "path", GUID)
PAGING = [
    param("pageNumber", "query", {"type": "integer"}),
    param("pageSize", "query", {"type": "integer"}),
]


def op(
    summary: str,
    responses: dict[str, Any],
    *,
    params: list[Any] | None = None,
    body: Schema | None = None,
    secured: bool = True,
) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "responses": responses}
    if params:
        operation["parameters"] = params
    if body is not None:
        operation["requestBody"] = {"required": True, **content(body)}
        operation["responses"] = {**responses, **ERR_413}
    if secured:
        operation["security"] = SECURED
    return operation

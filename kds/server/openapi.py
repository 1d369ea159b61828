"""The OpenAPI 3 document served at `/api/v1/specification.json` (hand-written, no codegen)."""

from __future__ import annotations

from typing import Any

from kds.server.openapi_schemas import GUID, TIME, Schema, nullable, obj, ref
from kds.server.openapi_schemas import SCHEMAS as BASE_SCHEMAS

JSON = "application/json"


def _content(schema: Schema, media: str = JSON) -> dict[str, Any]:
    return {"content": {media: {"schema": schema}}}


def _ok(description: str, schema: Schema | None = None, status: str = "200") -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if schema is not None:
        response.update(_content(schema))
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
ERR_403 = {"403": {"description": "Forbidden (no detail)", **_content(ref("ForbiddenProblem"))}}
ERR_404 = {
    "404": {
        "description": "Not found (problem+json); an unknown route or non-GUID id: empty body",
        **_content(ref("ProblemDetails"), "application/problem+json"),
    }
}
ERR_409 = {
    "409": {
        "description": "Conflict",
        **_content(ref("ProblemDetails"), "application/problem+json"),
    }
}
ERR_413 = {"413": {"description": "Body larger than 1 MB"}}
SECURED: list[dict[str, list[str]]] = [{"bearer": []}]


def _param(name: str, where: str, schema: Schema, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


RID = _param("rid", "path", GUID)
OID = _param("oid", "path", GUID)
PAGING = [
    _param("pageNumber", "query", {"type": "integer"}),
    _param("pageSize", "query", {"type": "integer"}),
]


def _op(
    summary: str,
    responses: dict[str, Any],
    *,
    params: list[Any] | None = None,
    body: Schema | None = None,
    secured: bool = True,
) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if params:
        op["parameters"] = params
    if body is not None:
        op["requestBody"] = {"required": True, **_content(body)}
        op["responses"] = {**responses, **ERR_413}
    if secured:
        op["security"] = SECURED
    return op


def _lifecycle(summary: str, body: Schema) -> dict[str, Any]:
    responses = {
        **_ok("The order after the command", ref("OrderLifecycleResultDto")),
        **ERR_400,
        **ERR_401,
        **ERR_403,
        **ERR_404,
        **ERR_409,
    }
    return {"post": _op(summary, responses, params=[OID], body=body)}


def _rest_paths() -> dict[str, Any]:
    queue = {**ERR_400, **ERR_401, **ERR_403}
    history_params = [
        RID,
        *PAGING,
        _param("from", "query", TIME),
        _param("to", "query", TIME),
        _param("statuses", "query", {"type": "string"}),
        _param("keyword", "query", {"type": "string"}),
    ]
    creds = obj({"email": {"type": "string"}, "password": {"type": "string"}})
    rid_body = obj({"restaurantId": GUID})
    return {
        "/ping": {"get": _op("Liveness", _ok('"pong"', {"type": "string"}), secured=False)},
        "/api/v1/users/login": {
            "post": _op(
                "Password login (`email` is the user name)",
                {
                    **_ok("Tokens", ref("AccessTokenResponse")),
                    **ERR_400,
                    "401": {
                        "description": "Failed or LockedOut",
                        **_content(ref("ProblemDetails"), "application/problem+json"),
                    },
                },
                body=creds,
                secured=False,
            )
        },
        "/api/v1/users/refresh": {
            "post": _op(
                "Rotate the refresh token",
                {**_ok("Tokens", ref("AccessTokenResponse")), **ERR_400, **ERR_401},
                body=obj({"refreshToken": {"type": "string"}}),
                secured=False,
            )
        },
        "/api/v1/users/me": {
            "get": _op(
                "Profile and permission claims", {**_ok("Profile", ref("UserProfile")), **ERR_401}
            )
        },
        "/api/v1/restaurants/{rid}/orders/new": {
            "get": _op(
                "Placed orders, oldest first",
                {**_ok("Page", ref("PaginatedListOfOrderSummaryDto")), **queue},
                params=[RID, *PAGING],
            )
        },
        "/api/v1/restaurants/{rid}/orders/active": {
            "get": _op(
                "Placed, Accepted, Preparing, ReadyForDelivery by status priority",
                {**_ok("Page", ref("PaginatedListOfOrderSummaryDto")), **queue},
                params=[RID, *PAGING],
            )
        },
        "/api/v1/restaurants/{rid}/orders/history": {
            "get": _op(
                "Terminal orders, newest first",
                {**_ok("Page", ref("PaginatedListOfOrderHistorySummaryDto")), **queue},
                params=history_params,
            )
        },
        "/api/v1/restaurants/{rid}/orders/{oid}": {
            "get": _op(
                "Order detail scoped to the restaurant",
                {**_ok("Detail", ref("OrderDetailsDto")), **queue, **ERR_404},
                params=[RID, OID],
            )
        },
        "/api/v1/orders/{oid}": {
            "get": _op(
                "Order detail (wrapped); ETag, If-None-Match → 304",
                {
                    **_ok("Detail", ref("OrderEnvelope")),
                    "304": {"description": "Not modified"},
                    **ERR_401,
                    **ERR_404,
                },
                params=[OID, _param("If-None-Match", "header", {"type": "string"})],
            )
        },
        "/api/v1/orders/{oid}/status": {
            "get": _op(
                "Order status; strong ETag on the version",
                {
                    **_ok("Status", ref("OrderStatusDto")),
                    "304": {"description": "Not modified"},
                    **ERR_401,
                    **ERR_404,
                },
                params=[OID, _param("If-None-Match", "header", {"type": "string"})],
            )
        },
        "/api/v1/orders/{oid}/accept": _lifecycle(
            "Placed → Accepted", obj({"restaurantId": GUID, "estimatedDeliveryTime": TIME})
        ),
        "/api/v1/orders/{oid}/reject": _lifecycle(
            "Placed → Rejected",
            obj({"restaurantId": GUID, "reason": nullable({"type": "string"})}, ["restaurantId"]),
        ),
        "/api/v1/orders/{oid}/preparing": _lifecycle("Accepted → Preparing", rid_body),
        "/api/v1/orders/{oid}/ready": _lifecycle("Preparing → ReadyForDelivery", rid_body),
        "/api/v1/orders/{oid}/delivered": _lifecycle(
            "ReadyForDelivery → Delivered",
            obj({"restaurantId": GUID, "deliveredAtUtc": nullable(TIME)}, ["restaurantId"]),
        ),
        "/api/v1/orders/{oid}/cancel": _lifecycle(
            "Cancel (staff, owner, admin or customer)",
            obj(
                {
                    "restaurantId": GUID,
                    "actingUserId": nullable(GUID),
                    "reason": nullable({"type": "string"}),
                },
                ["restaurantId"],
            ),
        ),
        "/api/v1/orders/initiate": {
            "post": _op(
                "Place an order as a customer (Idempotency-Key: UUID v4, 5 minutes)",
                {
                    **_ok("Order initiated", ref("InitiateOrderResponse")),
                    **ERR_400,
                    **ERR_401,
                    **ERR_403,
                    **ERR_404,
                },
                params=[_param("Idempotency-Key", "header", {"type": "string", "format": "uuid"})],
                body=ref("InitiateOrderRequest"),
            )
        },
        "/api/v1/restaurants/{rid}/info": {
            "get": _op(
                "Restaurant info (reference-server shape)",
                {**_ok("Info", ref("RestaurantInfo")), **queue, **ERR_404},
                params=[RID],
            )
        },
        "/api/v1/restaurants/{rid}/accepting-orders": {
            "put": _op(
                "Open or close the restaurant (owner)",
                {"204": {"description": "Done"}, **ERR_400, **ERR_401, **ERR_403, **ERR_404},
                params=[RID],
                body=obj({"isAccepting": {"type": "boolean"}}),
            )
        },
    }


def _dev_paths() -> dict[str, Any]:
    dev_400 = {
        "400": {"description": "Validation failure", **_content(ref("ValidationProblemDetails"))}
    }
    code = {"description": "{code, message}", **_content(ref("DevCodeError"))}
    line = obj(
        {
            "name": {"type": "string"},
            "quantity": {"type": "integer"},
            "unitPrice": {"type": "number"},
            "customizations": {
                "type": "array",
                "items": obj(
                    {
                        "groupName": {"type": "string"},
                        "choiceName": {"type": "string"},
                        "priceAdjustment": {"type": "number"},
                    },
                    ["groupName", "choiceName"],
                ),
            },
        },
        ["name", "quantity"],
    )
    placed = obj({"orderId": GUID, "orderNumber": {"type": "string"}, "status": {"type": "string"}})
    anything = {"type": "object"}

    def dev(
        summary: str,
        responses: dict[str, Any],
        body: Schema | None = None,
        params: list[Any] | None = None,
    ) -> dict[str, Any]:
        return _op(summary, responses, params=params, body=body, secured=False)

    return {
        "/api/v1/dev/orders": {
            "post": dev(
                "Place one order",
                {**_ok("Placed", placed), **dev_400},
                obj(
                    {
                        "restaurantId": GUID,
                        "items": {"type": "array", "items": line},
                        "note": {"type": "string"},
                        "paymentMethod": {"type": "string"},
                    },
                    ["restaurantId", "items"],
                ),
            )
        },
        "/api/v1/dev/orders/{oid}": {
            "get": dev(
                "Any order's detail",
                {**_ok("Detail", ref("OrderDetailsDto")), "404": code},
                params=[OID],
            )
        },
        "/api/v1/dev/orders/{oid}/payment": {
            "post": dev(
                "Payment webhook",
                {
                    **_ok("Settled", anything),
                    "400": {"description": "Bad body"},
                    "404": code,
                    "409": code,
                },
                obj({"succeeded": {"type": "boolean"}}),
                [OID],
            )
        },
        "/api/v1/dev/orders/{oid}/simulate-flow": {
            "post": dev(
                "Advance one order through a scenario",
                {**_ok("Started", anything, "202"), **dev_400, "404": code, "409": code},
                obj(
                    {
                        "scenario": {"type": "string"},
                        "delaysMs": anything,
                        "estimatedDeliveryMinutes": {"type": "integer"},
                    },
                    ["scenario"],
                ),
                [OID],
            )
        },
        "/api/v1/dev/order-simulator/start": {
            "post": dev(
                "Synthetic incoming orders",
                {**_ok("Started", anything, "202"), **dev_400},
                anything,
            )
        },
        "/api/v1/dev/faults/hub-drop": {
            "post": dev("Abort hub connections", _ok("Count", anything), anything)
        },
        "/api/v1/dev/faults/redeliver": {
            "post": dev(
                "Broadcast the last N events again",
                {**_ok("Count", anything), **dev_400},
                obj({"count": {"type": "integer"}}),
            )
        },
        "/api/v1/dev/faults/outbox": {
            "post": dev(
                "Pause/resume the outbox",
                {**_ok("State", anything), "400": {"description": "Bad body"}},
                obj({"paused": {"type": "boolean"}, "shuffle": {"type": "boolean"}}, ["paused"]),
            )
        },
        "/api/v1/dev/faults/rest": {
            "post": dev(
                "Fail/delay matching requests",
                {**_ok("Active", anything), **dev_400},
                obj(
                    {
                        "pathPattern": {"type": "string"},
                        "status": {"type": "integer"},
                        "delayMs": {"type": "integer"},
                        "count": {"type": "integer"},
                    },
                    ["pathPattern", "count"],
                ),
            )
        },
        "/api/v1/dev/faults/clear": {"post": dev("Remove every fault", _ok("Cleared", anything))},
        "/api/v1/dev/tokens/expire": {
            "post": dev("Expire access tokens", _ok("Count", anything), anything)
        },
        "/api/v1/dev/tokens/revoke": {
            "post": dev("Revoke all tokens", _ok("Count", anything), anything)
        },
        "/api/v1/dev/restaurants/{rid}/open-orders": {
            "get": dev(
                "Open orders, sorted as the active queue",
                _ok("Orders", {"type": "array", "items": ref("OpenOrder")}),
                params=[RID],
            )
        },
        "/api/v1/dev/restaurants/{rid}/menu": {
            "get": dev(
                "The menu with item, group and choice ids",
                _ok("Menu", {"type": "array"}),
                params=[RID],
            )
        },
        "/api/v1/dev/outbox": {"get": dev("Outbox publisher state", _ok("State", anything))},
    }


def document(dev: bool) -> dict[str, Any]:
    """The whole document; dev paths only when the server runs with `--dev`."""
    paths = _rest_paths()
    if dev:
        paths.update(_dev_paths())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "kds-server (YummyZoom reference backend)",
            "version": "1.0",
            "description": "REST surface of the reference server; see docs backend-contract.md.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": BASE_SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }

"""The OpenAPI paths of the dev surface (contract 11, B3): only served with `--dev`."""

from __future__ import annotations

from typing import Any

from kds.server.openapi_parts import OID, RID, content, ok, op
from kds.server.openapi_schemas import GUID, Schema, obj, ref
from kds.server.status import OrderStatus


def dev_paths() -> dict[str, Any]:
    # No `content`, as ERR_400: a body the binder refuses (malformed, or schema-valid but holding
    # a number of 10^16 or more, a lone surrogate, …: see strict_json) gets an empty 400.
    dev_400 = {
        "400": {
            "description": "Validation failure: ValidationProblemDetails (application/json; "
            "charset=utf-8); binding failure (malformed JSON, wrong types, numbers >= 10^16): "
            "empty body"
        }
    }
    code = {"description": "{code, message}", **content(ref("DevCodeError"))}
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
        return op(summary, responses, params=params, body=body, secured=False)

    return {
        "/api/v1/dev/orders": {
            "post": dev(
                "Place one order",
                {**ok(OrderStatus.PLACED, placed), **dev_400},
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
                {**ok("Detail", ref("OrderDetailsDto")), "404": code},
                params=[OID],
            )
        },
        "/api/v1/dev/orders/{oid}/events": {
            "get": dev(
                "An order's transitions (its outbox rows), oldest first",
                {
                    **ok(
                        "Events",
                        {
                            "type": "array",
                            "items": obj(
                                {
                                    "type": {"type": "string"},
                                    "eventId": {"type": "string"},
                                    "occurredUs": {"type": "integer"},
                                }
                            ),
                        },
                    ),
                    "404": code,
                },
                params=[OID],
            )
        },
        "/api/v1/dev/orders/{oid}/payment": {
            "post": dev(
                "Payment webhook",
                {
                    **ok("Settled", anything),
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
                {**ok("Started", anything, "202"), **dev_400, "404": code, "409": code},
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
                {**ok("Started", anything, "202"), **dev_400},
                anything,
            )
        },
        "/api/v1/dev/faults/hub-drop": {
            "post": dev("Abort hub connections", ok("Count", anything), anything)
        },
        "/api/v1/dev/faults/redeliver": {
            "post": dev(
                "Broadcast the last N events again",
                {**ok("Count", anything), **dev_400},
                obj({"count": {"type": "integer"}}),
            )
        },
        "/api/v1/dev/faults/outbox": {
            "post": dev(
                "Pause/resume the outbox",
                {**ok("State", anything), "400": {"description": "Bad body"}},
                obj({"paused": {"type": "boolean"}, "shuffle": {"type": "boolean"}}, ["paused"]),
            )
        },
        "/api/v1/dev/faults/rest": {
            "post": dev(
                "Fail/delay matching requests",
                {**ok("Active", anything), **dev_400},
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
        "/api/v1/dev/faults/clear": {"post": dev("Remove every fault", ok("Cleared", anything))},
        "/api/v1/dev/tokens/expire": {
            "post": dev("Expire access tokens", ok("Count", anything), anything)
        },
        "/api/v1/dev/tokens/revoke": {
            "post": dev("Revoke all tokens", ok("Count", anything), anything)
        },
        "/api/v1/dev/restaurants/{rid}/open-orders": {
            "get": dev(
                "Open orders, sorted as the active queue",
                ok("Orders", {"type": "array", "items": ref("OpenOrder")}),
                params=[RID],
            )
        },
        "/api/v1/dev/restaurants/{rid}/menu": {
            "get": dev(
                "The menu with item, group and choice ids",
                ok("Menu", {"type": "array"}),
                params=[RID],
            )
        },
        "/api/v1/dev/outbox": {"get": dev("Outbox publisher state", ok("State", anything))},
    }

"""The OpenAPI paths of the backend's REST surface (contract sections 2, 4, 10)."""

from __future__ import annotations

from typing import Any

from kds.server.openapi_parts import (
    ERR_400,
    ERR_401,
    ERR_403,
    ERR_404,
    ERR_409,
    OID,
    PAGING,
    RID,
    content,
    ok,
    op,
    param,
)
from kds.server.openapi_schemas import GUID, TIME, Schema, nullable, obj, ref


def lifecycle(summary: str, body: Schema) -> dict[str, Any]:
    responses = {
        **ok("The order after the command", ref("OrderLifecycleResultDto")),
        **ERR_400,
        **ERR_401,
        **ERR_403,
        **ERR_404,
        **ERR_409,
    }
    return {"post": op(summary, responses, params=[OID], body=body)}


ITEM = param("itemId", "path", GUID)


def rest_paths() -> dict[str, Any]:
    queue = {**ERR_400, **ERR_401, **ERR_403}
    history_params = [
        RID,
        *PAGING,
        param("from", "query", TIME),
        param("to", "query", TIME),
        param("statuses", "query", {"type": "string"}),
        param("keyword", "query", {"type": "string"}),
    ]
    creds = obj({"email": {"type": "string"}, "password": {"type": "string"}})
    rid_body = obj({"restaurantId": GUID})
    return {
        "/ping": {"get": op("Liveness", ok('"pong"', {"type": "string"}), secured=False)},
        "/api/v1/users/login": {
            "post": op(
                "Password login (`email` is the user name)",
                {
                    **ok("Tokens", ref("AccessTokenResponse")),
                    **ERR_400,
                    "401": {
                        "description": "Failed or LockedOut",
                        **content(ref("ProblemDetails"), "application/problem+json"),
                    },
                },
                body=creds,
                secured=False,
            )
        },
        "/api/v1/users/refresh": {
            "post": op(
                "Rotate the refresh token",
                {**ok("Tokens", ref("AccessTokenResponse")), **ERR_400, **ERR_401},
                body=obj({"refreshToken": {"type": "string"}}),
                secured=False,
            )
        },
        "/api/v1/users/me": {
            "get": op(
                "Profile and permission claims", {**ok("Profile", ref("UserProfile")), **ERR_401}
            )
        },
        "/api/v1/restaurants/{rid}/orders/new": {
            "get": op(
                "Placed orders, oldest first",
                {**ok("Page", ref("PaginatedListOfOrderSummaryDto")), **queue},
                params=[RID, *PAGING],
            )
        },
        "/api/v1/restaurants/{rid}/orders/active": {
            "get": op(
                "Placed, Accepted, Preparing, ReadyForDelivery by status priority",
                {**ok("Page", ref("PaginatedListOfOrderSummaryDto")), **queue},
                params=[RID, *PAGING],
            )
        },
        "/api/v1/restaurants/{rid}/orders/history": {
            "get": op(
                "Terminal orders, newest first",
                {**ok("Page", ref("PaginatedListOfOrderHistorySummaryDto")), **queue},
                params=history_params,
            )
        },
        "/api/v1/restaurants/{rid}/orders/{oid}": {
            "get": op(
                "Order detail scoped to the restaurant",
                {**ok("Detail", ref("OrderDetailsDto")), **queue, **ERR_404},
                params=[RID, OID],
            )
        },
        "/api/v1/orders/{oid}": {
            "get": op(
                "Order detail (wrapped); ETag, If-None-Match → 304",
                {
                    **ok("Detail", ref("OrderEnvelope")),
                    "304": {"description": "Not modified"},
                    **ERR_401,
                    **ERR_404,
                },
                params=[OID, param("If-None-Match", "header", {"type": "string"})],
            )
        },
        "/api/v1/orders/{oid}/status": {
            "get": op(
                "Order status; strong ETag on the version",
                {
                    **ok("Status", ref("OrderStatusDto")),
                    "304": {"description": "Not modified"},
                    **ERR_401,
                    **ERR_404,
                },
                params=[OID, param("If-None-Match", "header", {"type": "string"})],
            )
        },
        "/api/v1/orders/{oid}/accept": lifecycle(
            "Placed → Accepted", obj({"restaurantId": GUID, "estimatedDeliveryTime": TIME})
        ),
        "/api/v1/orders/{oid}/reject": lifecycle(
            "Placed → Rejected",
            obj({"restaurantId": GUID, "reason": nullable({"type": "string"})}, ["restaurantId"]),
        ),
        "/api/v1/orders/{oid}/preparing": lifecycle("Accepted → Preparing", rid_body),
        "/api/v1/orders/{oid}/ready": lifecycle("Preparing → ReadyForDelivery", rid_body),
        "/api/v1/orders/{oid}/delivered": lifecycle(
            "ReadyForDelivery → Delivered",
            obj({"restaurantId": GUID, "deliveredAtUtc": nullable(TIME)}, ["restaurantId"]),
        ),
        "/api/v1/orders/{oid}/cancel": lifecycle(
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
            "post": op(
                "Place an order as a customer (Idempotency-Key: UUID v4, 5 minutes)",
                {
                    **ok("Order initiated", ref("InitiateOrderResponse")),
                    **ERR_400,
                    **ERR_401,
                    **ERR_403,
                    **ERR_404,
                },
                params=[param("Idempotency-Key", "header", {"type": "string", "format": "uuid"})],
                body=ref("InitiateOrderRequest"),
            )
        },
        "/api/v1/restaurants/{rid}/info": {
            "get": op(
                "Public restaurant info (no token)",
                {**ok("Info", ref("RestaurantInfo")), **ERR_400, **ERR_404},
                params=[
                    RID,
                    param("lat", "query", {"type": "number"}),
                    param("lng", "query", {"type": "number"}),
                ],
                secured=False,
            )
        },
        "/api/v1/restaurants/{rid}/menu": {
            "get": op(
                "Public menu document (cached read model; ETag, Last-Modified, 304)",
                {
                    **ok("The menu document", ref("MenuDocument")),
                    "304": {"description": "Not modified (If-None-Match / If-Modified-Since)"},
                    **ERR_404,
                },
                params=[
                    RID,
                    param("If-None-Match", "header", {"type": "string"}),
                    param("If-Modified-Since", "header", {"type": "string"}),
                ],
                secured=False,
            )
        },
        "/api/v1/restaurants/{rid}/menu-items/{itemId}/availability": {
            "get": op(
                "Whether a menu item is on sale (public, live)",
                {**ok("Availability", ref("MenuItemAvailability")), **ERR_400, **ERR_404},
                params=[RID, ITEM],
                secured=False,
            ),
            "put": op(
                "Mark a menu item available or sold out (staff or owner)",
                {"204": {"description": "Done"}, **ERR_400, **ERR_401, **ERR_403, **ERR_404},
                params=[RID, ITEM],
                body=obj({"isAvailable": {"type": "boolean"}}),
            ),
        },
        "/api/v1/restaurants/{rid}/accepting-orders": {
            "put": op(
                "Open or close the restaurant (owner)",
                {"204": {"description": "Done"}, **ERR_400, **ERR_401, **ERR_403, **ERR_404},
                params=[RID],
                body=obj({"isAccepting": {"type": "boolean"}}),
            )
        },
    }

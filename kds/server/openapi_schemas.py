"""OpenAPI component schemas for the DTOs and error bodies (contract sections 2, 6, 7, 8.5, B3)."""

from __future__ import annotations

from typing import Any

from kds.server.status import OrderStatus

Schema = dict[str, Any]

GUID: Schema = {"type": "string", "format": "uuid"}
TIME: Schema = {"type": "string", "format": "date-time"}
MONEY: Schema = {"type": "number"}
STATUS: Schema = {"type": "string", "enum": [status.value for status in OrderStatus]}


def nullable(schema: Schema) -> Schema:
    return {**schema, "nullable": True}


def obj(properties: dict[str, Schema], required: list[str] | None = None) -> Schema:
    """An object whose listed properties are all present (the backend writes nulls)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def paginated(item: str) -> Schema:
    return obj(
        {
            "items": {"type": "array", "items": ref(item)},
            "pageNumber": {"type": "integer"},
            "totalPages": {"type": "integer"},
            "totalCount": {"type": "integer"},
            "hasPreviousPage": {"type": "boolean"},
            "hasNextPage": {"type": "boolean"},
        }
    )


# The three times every lifecycle-facing DTO carries together (dto._timeline writes them).
_TIMELINE: dict[str, Schema] = {
    "lastUpdateTimestamp": TIME,
    "estimatedDeliveryTime": nullable(TIME),
    "actualDeliveryTime": nullable(TIME),
}
_ADDRESS = ("Street", "City", "State", "Country", "PostalCode")

SCHEMAS: dict[str, Schema] = {
    "OrderSummaryDto": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "status": STATUS,
            "placementTimestamp": TIME,
            "restaurantId": GUID,
            "restaurantName": {"type": "string"},
            "restaurantImageUrl": nullable({"type": "string"}),
            "customerId": GUID,
            "totalAmount": MONEY,
            "totalCurrency": {"type": "string"},
            "itemCount": {"type": "integer"},
            "sourceTeamCartId": nullable(GUID),
            "isFromTeamCart": {"type": "boolean"},
            "paidOnlineAmount": MONEY,
            "cashOnDeliveryAmount": MONEY,
        }
    ),
    "OrderHistorySummaryDto": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "status": STATUS,
            "placementTimestamp": TIME,
            "completedTimestamp": nullable(TIME),
            "totalAmount": MONEY,
            "totalCurrency": {"type": "string"},
            "itemCount": {"type": "integer"},
            "customerName": nullable({"type": "string"}),
            "customerPhone": nullable({"type": "string"}),
            "paymentStatus": nullable({"type": "string", "enum": ["Paid", "Failed", "Pending"]}),
            "paymentMethod": nullable({"type": "string"}),
            "sourceTeamCartId": nullable(GUID),
            "isFromTeamCart": {"type": "boolean"},
            "paidOnlineAmount": MONEY,
            "cashOnDeliveryAmount": MONEY,
        }
    ),
    "PaginatedListOfOrderSummaryDto": paginated("OrderSummaryDto"),
    "PaginatedListOfOrderHistorySummaryDto": paginated("OrderHistorySummaryDto"),
    "OrderItemCustomizationDto": obj(
        {
            "groupName": {"type": "string"},
            "choiceName": {"type": "string"},
            "priceAdjustmentAmount": nullable(MONEY),
        }
    ),
    "OrderItemDto": obj(
        {
            "orderItemId": GUID,
            "menuItemId": GUID,
            "name": {"type": "string"},
            "quantity": {"type": "integer"},
            "unitPriceAmount": MONEY,
            "lineItemTotalAmount": MONEY,
            "customizations": {"type": "array", "items": ref("OrderItemCustomizationDto")},
            "imageUrl": nullable({"type": "string"}),
        }
    ),
    "OrderDetailsDto": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "customerId": GUID,
            "restaurantId": GUID,
            "status": STATUS,
            "placementTimestamp": TIME,
            **_TIMELINE,
            "note": {"type": "string"},
            "currency": {"type": "string"},
            **{
                f"{m}Amount": MONEY
                for m in ("subtotal", "discount", "deliveryFee", "tip", "tax", "total")
            },
            "appliedCouponId": nullable(GUID),
            "sourceTeamCartId": nullable(GUID),
            **{f"deliveryAddress_{p}": {"type": "string"} for p in _ADDRESS},
            "items": {"type": "array", "items": ref("OrderItemDto")},
            "restaurantName": {"type": "string"},
            **{f"restaurantAddress_{p}": nullable({"type": "string"}) for p in _ADDRESS},
            "restaurantLat": nullable({"type": "number"}),
            "restaurantLon": nullable({"type": "number"}),
            "deliveryLat": nullable({"type": "number"}),
            "deliveryLon": nullable({"type": "number"}),
            "distanceKm": nullable({"type": "number"}),
            "paymentMethod": nullable({"type": "string"}),
            "cancellable": {"type": "boolean"},
            "isFromTeamCart": {"type": "boolean"},
            "paidOnlineAmount": MONEY,
            "cashOnDeliveryAmount": MONEY,
        }
    ),
    "OrderEnvelope": obj({"order": ref("OrderDetailsDto")}),
    "OrderLifecycleResultDto": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "status": STATUS,
            "placementTimestamp": TIME,
            **_TIMELINE,
        }
    ),
    "OrderStatusDto": obj(
        {
            "orderId": GUID,
            "status": STATUS,
            "lastUpdateTimestamp": TIME,
            "estimatedDeliveryTime": nullable(TIME),
            "version": {"type": "integer"},
            "sourceTeamCartId": nullable(GUID),
            "isFromTeamCart": {"type": "boolean"},
        }
    ),
    "OrderStatusBroadcastDto": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "status": STATUS,
            "restaurantId": GUID,
            **_TIMELINE,
            "deliveredAt": nullable(TIME),
            "occurredOnUtc": TIME,
            "eventId": GUID,
        }
    ),
    "ProblemDetails": obj(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        }
    ),
    "ValidationProblemDetails": obj(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        }
    ),
    "ForbiddenProblem": obj(
        {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}}
    ),
    "DevCodeError": obj({"code": {"type": "string"}, "message": {"type": "string"}}),
    "AccessTokenResponse": obj(
        {
            "tokenType": {"type": "string"},
            "accessToken": {"type": "string"},
            "expiresIn": {"type": "integer"},
            "refreshToken": {"type": "string"},
        }
    ),
    "UserProfile": obj(
        {
            "userId": GUID,
            "name": nullable({"type": "string"}),
            "email": nullable({"type": "string"}),
            "phoneNumber": nullable({"type": "string"}),
            "address": nullable({"type": "object"}),
            "lastLoginAt": nullable(TIME),
            "roles": {"type": "array", "items": {"type": "string"}},
            "claims": {
                "type": "array",
                "items": obj({"type": {"type": "string"}, "value": {"type": "string"}}),
            },
        }
    ),
    "InitiateOrderRequest": obj(
        {
            "customerId": GUID,
            "restaurantId": GUID,
            "items": {
                "type": "array",
                "items": obj(
                    {
                        "menuItemId": GUID,
                        "quantity": {"type": "integer"},
                        "customizations": {
                            "type": "array",
                            "items": obj(
                                {
                                    "customizationGroupId": GUID,
                                    "choiceIds": {"type": "array", "items": GUID},
                                }
                            ),
                        },
                    },
                    ["menuItemId", "quantity"],
                ),
            },
            "deliveryAddress": obj(
                {k: {"type": "string"} for k in ("street", "city", "state", "zipCode", "country")}
            ),
            "paymentMethod": {"type": "string"},
            "specialInstructions": nullable({"type": "string"}),
            "couponCode": nullable({"type": "string"}),
            "tipAmount": nullable({"type": "number"}),
            "teamCartId": nullable(GUID),
        },
        ["customerId", "restaurantId", "items", "deliveryAddress", "paymentMethod"],
    ),
    "InitiateOrderResponse": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "totalAmount": obj({"amount": {"type": "number"}, "currency": {"type": "string"}}),
            "paymentIntentId": nullable({"type": "string"}),
            "clientSecret": nullable({"type": "string"}),
        }
    ),
    "OpenOrder": obj(
        {
            "orderId": GUID,
            "orderNumber": {"type": "string"},
            "status": STATUS,
            "lastUpdateTimestamp": TIME,
        }
    ),
}

"""Sample backend JSON payloads, shaped exactly as contract §6 and §8.5 show them."""

from __future__ import annotations

from typing import Any

ORDER_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
RESTAURANT_ID = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
CUSTOMER_ID = "9a0c0305-e82c-4f89-41d3-3f2504e03301"
EVENT_ID = "0b7e9a5c-1111-4d2a-8c3b-123456789abc"


def summary(**over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "orderId": ORDER_ID,
        "orderNumber": "ORD-20250914-102210-123-4567",
        "status": "Placed",
        "placementTimestamp": "2025-09-14T10:22:10.123456Z",
        "restaurantId": RESTAURANT_ID,
        "restaurantName": "Pho Hanoi",
        "restaurantImageUrl": None,
        "customerId": CUSTOMER_ID,
        "totalAmount": 170000.00,
        "totalCurrency": "VND",
        "itemCount": 2,
        "sourceTeamCartId": None,
        "isFromTeamCart": False,
        "paidOnlineAmount": 0,
        "cashOnDeliveryAmount": 170000.00,
    }
    obj.update(over)
    return obj


def item(**over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "orderItemId": "11111111-2222-4333-8444-555555555555",
        "menuItemId": "66666666-7777-4888-8999-aaaaaaaaaaaa",
        "name": "Pho Bo",
        "quantity": 2,
        "unitPriceAmount": 65000.00,
        "lineItemTotalAmount": 150000.00,
        "customizations": [
            {"groupName": "Size", "choiceName": "Large", "priceAdjustmentAmount": 10000.00},
            {"groupName": "Spice", "choiceName": "Hot", "priceAdjustmentAmount": None},
        ],
        "imageUrl": None,
    }
    obj.update(over)
    return obj


def detail(**over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "orderId": ORDER_ID,
        "orderNumber": "ORD-20250914-102210-123-4567",
        "customerId": CUSTOMER_ID,
        "restaurantId": RESTAURANT_ID,
        "status": "Accepted",
        "placementTimestamp": "2025-09-14T10:22:10.123456Z",
        "lastUpdateTimestamp": "2025-09-14T10:23:00.1234567Z",
        "estimatedDeliveryTime": "2025-09-14T11:00:00Z",
        "actualDeliveryTime": None,
        "note": "no peanuts — allergy",
        "currency": "VND",
        "subtotalAmount": 150000.00,
        "discountAmount": 0,
        "deliveryFeeAmount": 20000.00,
        "tipAmount": 0,
        "taxAmount": 0,
        "totalAmount": 170000.00,
        "appliedCouponId": None,
        "sourceTeamCartId": None,
        "deliveryAddress_Street": "1 Trang Tien",
        "deliveryAddress_City": "Hanoi",
        "deliveryAddress_State": "",
        "deliveryAddress_Country": "VN",
        "deliveryAddress_PostalCode": "100000",
        "items": [item()],
        "restaurantName": "Pho Hanoi",
        "restaurantAddress_Street": "2 Hang Bac",
        "restaurantAddress_City": "Hanoi",
        "restaurantAddress_State": "",
        "restaurantAddress_Country": "VN",
        "restaurantAddress_PostalCode": "100000",
        "restaurantLat": 21.03,
        "restaurantLon": 105.85,
        "deliveryLat": None,
        "deliveryLon": None,
        "distanceKm": None,
        "paymentMethod": "CashOnDelivery",
        "cancellable": False,
        "isFromTeamCart": False,
        "paidOnlineAmount": 0,
        "cashOnDeliveryAmount": 170000.00,
    }
    obj.update(over)
    return obj


def lifecycle(**over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "orderId": ORDER_ID,
        "orderNumber": "ORD-20250914-102210-123-4567",
        "status": "Accepted",
        "placementTimestamp": "2025-09-14T10:22:10.123456Z",
        "lastUpdateTimestamp": "2025-09-14T10:23:00.1234567Z",
        "estimatedDeliveryTime": "2025-09-14T11:00:00Z",
        "actualDeliveryTime": None,
    }
    obj.update(over)
    return obj


def event(**over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "orderId": ORDER_ID,
        "orderNumber": "ORD-20250914-102210-123-4567",
        "status": "Placed",
        "restaurantId": RESTAURANT_ID,
        "lastUpdateTimestamp": "2025-09-14T10:22:10.1234567Z",
        "estimatedDeliveryTime": None,
        "actualDeliveryTime": None,
        "deliveredAt": None,
        "occurredOnUtc": "2025-09-14T10:22:10.1234567Z",
        "eventId": EVENT_ID,
    }
    obj.update(over)
    return obj

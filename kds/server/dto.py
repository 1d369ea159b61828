"""Orders → the backend's JSON DTOs (contract sections 6 and 8.5), keys in declared order."""

from __future__ import annotations

from typing import Any

from kds.server.clock import format_opt, format_ts
from kds.server.records import HistoryEntry, Order, OutboxEvent, Restaurant
from kds.server.status import SHOWN_CANCELLABLE, OrderStatus


def money(cents: int) -> int | float:
    """A decimal(18,2) as System.Text.Json writes it: `12.5`, or `12` when whole."""
    return cents // 100 if cents % 100 == 0 else cents / 100


def _opt_money(cents: int | None) -> int | float | None:
    return None if cents is None else money(cents)


def _timeline(o: Order) -> dict[str, Any]:
    """The three times every lifecycle-facing DTO carries, together and in this order."""
    return {
        "lastUpdateTimestamp": format_ts(o.last_update_us),
        "estimatedDeliveryTime": format_opt(o.eta_us),
        "actualDeliveryTime": format_opt(o.actual_delivery_us),
    }


def summary(o: Order, r: Restaurant) -> dict[str, Any]:
    """OrderSummaryDto (new and active queues)."""
    return {
        "orderId": o.id,
        "orderNumber": o.order_number,
        "status": o.status,
        "placementTimestamp": format_ts(o.placement_us),
        "restaurantId": o.restaurant_id,
        "restaurantName": r.name,
        "restaurantImageUrl": r.logo_url,
        "customerId": o.customer_id,
        "totalAmount": money(o.total_c),
        "totalCurrency": o.currency,
        "itemCount": len(o.items),
        "sourceTeamCartId": o.source_team_cart_id,
        "isFromTeamCart": o.source_team_cart_id is not None,
        "paidOnlineAmount": money(o.paid_online_c),
        "cashOnDeliveryAmount": money(o.cod_c),
    }


def completed_us(o: Order) -> int | None:
    if o.status == OrderStatus.DELIVERED:
        value = o.actual_delivery_us
        return int(value if value is not None else o.last_update_us)
    if o.status in (OrderStatus.CANCELLED, OrderStatus.REJECTED):
        return int(o.last_update_us)
    return None


def history(entry: HistoryEntry) -> dict[str, Any]:
    """OrderHistorySummaryDto (the only list with customer name and phone)."""
    o = entry.order
    return {
        "orderId": o.id,
        "orderNumber": o.order_number,
        "status": o.status,
        "placementTimestamp": format_ts(o.placement_us),
        "completedTimestamp": format_opt(completed_us(o)),
        "totalAmount": money(o.total_c),
        "totalCurrency": o.currency,
        "itemCount": len(o.items),
        "customerName": entry.customer_name,
        "customerPhone": entry.customer_phone,
        "paymentStatus": o.payment_status,
        "paymentMethod": o.payment_method,
        "sourceTeamCartId": o.source_team_cart_id,
        "isFromTeamCart": o.source_team_cart_id is not None,
        "paidOnlineAmount": money(o.paid_online_c),
        "cashOnDeliveryAmount": money(o.cod_c),
    }


def _item(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "orderItemId": item["orderItemId"],
        "menuItemId": item["menuItemId"],
        "name": item["name"],
        "quantity": item["quantity"],
        "unitPriceAmount": money(item["unitPriceC"]),
        "lineItemTotalAmount": money(item["lineTotalC"]),
        "customizations": [
            {
                "groupName": c["groupName"],
                "choiceName": c["choiceName"],
                "priceAdjustmentAmount": _opt_money(c["adjC"]),
            }
            for c in item["customizations"]
        ],
        "imageUrl": item["imageUrl"],
    }


def detail(o: Order, r: Restaurant) -> dict[str, Any]:
    """OrderDetailsDto, field names exactly as the serializer writes them (underscores kept)."""
    items = sorted(o.items, key=lambda item: item["orderItemId"])
    return {
        "orderId": o.id,
        "orderNumber": o.order_number,
        "customerId": o.customer_id,
        "restaurantId": o.restaurant_id,
        "status": o.status,
        "placementTimestamp": format_ts(o.placement_us),
        **_timeline(o),
        "note": o.note,
        "currency": o.currency,
        "subtotalAmount": money(o.subtotal_c),
        "discountAmount": money(o.discount_c),
        "deliveryFeeAmount": money(o.delivery_fee_c),
        "tipAmount": money(o.tip_c),
        "taxAmount": money(o.tax_c),
        "totalAmount": money(o.total_c),
        "appliedCouponId": None,
        "sourceTeamCartId": o.source_team_cart_id,
        "deliveryAddress_Street": o.street,
        "deliveryAddress_City": o.city,
        "deliveryAddress_State": o.state,
        "deliveryAddress_Country": o.country,
        "deliveryAddress_PostalCode": o.postal_code,
        "items": [_item(item) for item in items],
        "restaurantName": r.name,
        "restaurantAddress_Street": r.street,
        "restaurantAddress_City": r.city,
        "restaurantAddress_State": r.state,
        "restaurantAddress_Country": r.country,
        "restaurantAddress_PostalCode": r.postal_code,
        "restaurantLat": r.lat,
        "restaurantLon": r.lon,
        "deliveryLat": None,
        "deliveryLon": None,
        "distanceKm": None,
        "paymentMethod": o.payment_method,
        "cancellable": o.status in SHOWN_CANCELLABLE,
        "isFromTeamCart": o.source_team_cart_id is not None,
        "paidOnlineAmount": money(o.paid_online_c),
        "cashOnDeliveryAmount": money(o.cod_c),
    }


def lifecycle_result(o: Order) -> dict[str, Any]:
    """OrderLifecycleResultDto (every lifecycle command)."""
    return {
        "orderId": o.id,
        "orderNumber": o.order_number,
        "status": o.status,
        "placementTimestamp": format_ts(o.placement_us),
        **_timeline(o),
    }


def status(o: Order) -> dict[str, Any]:
    """OrderStatusDto (`GET /orders/{oid}/status`)."""
    return {
        "orderId": o.id,
        "status": o.status,
        "lastUpdateTimestamp": format_ts(o.last_update_us),
        "estimatedDeliveryTime": format_opt(o.eta_us),
        "version": o.version,
        "sourceTeamCartId": o.source_team_cart_id,
        "isFromTeamCart": o.source_team_cart_id is not None,
    }


def broadcast(o: Order, event: OutboxEvent) -> dict[str, Any]:
    """OrderStatusBroadcastDto: exactly ten keys; order values as they are NOW (section 9)."""
    return {
        "orderId": o.id,
        "orderNumber": o.order_number,
        "status": o.status,
        "restaurantId": o.restaurant_id,
        **_timeline(o),
        "deliveredAt": format_opt(event["delivered_at_us"])
        if event["type"] == "OrderDelivered"
        else None,
        "occurredOnUtc": format_ts(event["occurred_us"]),
        "eventId": event["event_id"],
    }

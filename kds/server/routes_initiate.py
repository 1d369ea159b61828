"""`POST /api/v1/orders/initiate` (contract 10): a customer places an order (Idempotency-Key)."""

from __future__ import annotations

import re
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.auth import is_admin
from kds.server.binding import ZERO_GUID, Body, parse_guid, principal_of, read_body
from kds.server.domain import CASH, PAYMENT_METHODS, Customization, Line, NewOrder, create_order
from kds.server.dto import money
from kds.server.menu_ids import menu
from kds.server.responses import Forbidden, ResultProblem, Validation, json_response
from kds.server.state import state_of

_UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I)
_ADDRESS = (
    ("street", "Street"),
    ("city", "City"),
    ("state", "State"),
    ("zipCode", "ZipCode"),
    ("country", "Country"),
)


def _validate(body: Body, errors: Validation) -> tuple[str, str, str, dict[str, str]]:
    customer_id, restaurant_id = body.guid("customerId"), body.guid("restaurantId")
    if customer_id == ZERO_GUID:
        errors.add("CustomerId", "'Customer Id' must not be empty.")
    if restaurant_id == ZERO_GUID:
        errors.add("RestaurantId", "'Restaurant Id' must not be empty.")
    items = body.raw("items")
    if not isinstance(items, list) or not items:
        errors.add("Items", "'Items' must not be empty.")
    elif len(items) > 50:
        errors.add("Items", "An order cannot have more than 50 items.")
    else:
        for i, raw in enumerate(items):
            item = Body(raw) if isinstance(raw, dict) else Body({})
            if parse_guid(str(item.raw("menuItemId") or "")) in (None, ZERO_GUID):
                errors.add(f"Items[{i}].MenuItemId", "'Menu Item Id' must not be empty.")
            quantity = item.raw("quantity")
            if (
                isinstance(quantity, bool)
                or not isinstance(quantity, int)
                or not 1 <= quantity <= 10
            ):
                errors.add(f"Items[{i}].Quantity", "Quantity must be between 1 and 10.")
    raw_address = body.raw("deliveryAddress")
    address_body = Body(raw_address) if isinstance(raw_address, dict) else None
    address: dict[str, str] = {}
    if address_body is None:
        errors.add("DeliveryAddress", "'Delivery Address' must not be empty.")
    else:
        for field, key in _ADDRESS:
            value = address_body.raw(field)
            if not isinstance(value, str) or (
                not value.strip() and field in ("street", "city", "country")
            ):
                errors.add(f"DeliveryAddress.{key}", f"'{key}' must not be empty.")
            else:
                address["postalCode" if field == "zipCode" else field] = value
    methods = {m.lower(): m for m in PAYMENT_METHODS}
    raw_method = body.raw("paymentMethod")
    method = methods.get(raw_method.lower()) if isinstance(raw_method, str) else None
    if method is None:
        errors.add("PaymentMethod", "Payment method is not supported.")
    note = body.raw("specialInstructions")
    if note is not None and (not isinstance(note, str) or len(note) > 500):
        errors.add("SpecialInstructions", "Special instructions cannot exceed 500 characters.")
    tip = body.number("tipAmount")
    if tip is not None and tip < 0:
        errors.add("TipAmount", "Tip amount cannot be negative.")
    return customer_id, restaurant_id, method or CASH, address


def _lines(body: Body, menu_items: list[dict[str, Any]]) -> list[Line]:
    by_id = {item["menuItemId"]: item for item in menu_items}
    lines = []
    for raw in body.raw("items"):
        item = Body(raw)
        menu_item = by_id.get(parse_guid(str(item.raw("menuItemId"))) or "")
        if menu_item is None:
            raise ResultProblem(400, "InitiateOrder.MenuItemNotFound", "A menu item was not found.")
        groups = {g["customizationGroupId"]: g for g in menu_item["customizationGroups"]}
        customizations = []
        for raw_custom in item.raw("customizations") or []:
            custom = Body(raw_custom) if isinstance(raw_custom, dict) else Body({})
            group = groups.get(parse_guid(str(custom.raw("customizationGroupId"))) or "")
            choice_ids = custom.raw("choiceIds") or []
            if group is None or not isinstance(choice_ids, list):
                raise ResultProblem(
                    400, "InitiateOrder.InvalidCustomization", "A customization is not valid."
                )
            choices = {c["choiceId"]: c for c in group["choices"]}
            for choice_id in choice_ids:
                choice = choices.get(parse_guid(str(choice_id)) or "")
                if choice is None:
                    raise ResultProblem(
                        400, "InitiateOrder.InvalidCustomization", "A customization is not valid."
                    )
                adj = choice["priceAdjustment"]
                customizations.append(
                    Customization(
                        group["name"], choice["name"], None if adj is None else round(adj * 100)
                    )
                )
        lines.append(
            Line(
                menu_item["name"],
                item.raw("quantity"),
                round(menu_item["price"] * 100),
                tuple(customizations),
                menu_item["menuItemId"],
                menu_item["imageUrl"],
            )
        )
    return lines


async def initiate(request: Request) -> Response:
    principal = principal_of(request)
    body = await read_body(request)
    errors = Validation()
    key = request.headers.get("idempotency-key")
    if key is not None and not _UUID4.match(key.strip()):
        errors.add("IdempotencyKey", "Idempotency-Key must be a UUID v4.")
    customer_id, rid, method, address = _validate(body, errors)
    errors.check()
    if customer_id != principal.user_id and not is_admin(principal):
        raise Forbidden()
    state = state_of(request)
    cache = state.idempotency
    cache_key = (principal.user_id, "InitiateOrder", key.strip().lower()) if key else None
    if cache_key is not None and (cached := cache.get(cache_key)) is not None:
        return json_response(cached)
    with state.write() as tx:
        restaurant = tx.restaurant(rid)
        if restaurant is None:
            raise ResultProblem(
                404, "InitiateOrder.RestaurantNotFound", "The restaurant was not found."
            )
        if not restaurant.is_accepting:
            raise ResultProblem(
                400,
                "InitiateOrder.RestaurantNotAcceptingOrders",
                "The restaurant is not accepting orders right now.",
            )
        tip = body.number("tipAmount") or 0.0
        order = NewOrder(
            rid,
            customer_id,
            _lines(body, menu(tx.menu_items(rid))),
            body.raw("specialInstructions") or "",
            method,
            restaurant.currency,
            round(tip * 100),
            address,
        )
        created = create_order(tx, order, state.rng)
    online = method != CASH
    intent = f"pi_{secrets.token_hex(12)}" if online else None
    result = {
        "orderId": created.id,
        "orderNumber": created.order_number,
        "totalAmount": {"amount": money(created.total_c), "currency": created.currency},
        "paymentIntentId": intent,
        "clientSecret": f"{intent}_secret_{secrets.token_hex(12)}" if online else None,
    }
    if cache_key is not None:
        cache.put(cache_key, result)
    return json_response(result)


ROUTES = [Route("/orders/initiate", initiate, methods=["POST"])]

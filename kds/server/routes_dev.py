"""The dev surface (contract 11, B3), only with `--dev`, no auth: orders, payment, truth views."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server import dto, routes_faults, routes_simulation
from kds.server.binding import ZERO_GUID, Body, parse_guid, read_body
from kds.server.clock import format_ts
from kds.server.domain import (
    CASH,
    PAYMENT_METHODS,
    Customization,
    Line,
    NewOrder,
    NotAwaitingPayment,
    create_order,
    load,
    settle_payment,
)
from kds.server.menu_ids import menu
from kds.server.ordergen import ADDRESSES
from kds.server.responses import ConflictCode, Validation, ValidationFailed, json_response
from kds.server.simulator import Simulator
from kds.server.state import ServerState, state_of
from kds.server.status import OPEN, OrderStatus

MAX_LINES = 50


def _simulator(request: Request) -> Simulator:
    return state_of(request).simulator


def _cents(value: Any, key: str, errors: Validation) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.add(key, f"'{key}' must be a number.")
        return None
    if value < 0 or value > 1_000_000:
        errors.add(key, f"'{key}' must be between 0 and 1000000.")
        return None
    return round(value * 100)


def _lines(body: Body, rid: str, state: ServerState, errors: Validation) -> list[Line]:
    items = body.raw("items")
    if not isinstance(items, list) or not items:
        errors.add("Items", "At least one item is required.")
        return []
    if len(items) > MAX_LINES:
        errors.add("Items", "An order can have at most 50 lines.")
        return []
    by_name = {item.name.lower(): item for item in state.store.menu_items(rid)}
    lines = []
    for i, raw in enumerate(items):
        key = f"Items[{i}]"
        if not isinstance(raw, dict):
            errors.add(key, f"'{key}' must be an object.")
            continue
        item = Body(raw)
        name, quantity = item.raw("name"), item.raw("quantity")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            errors.add(f"{key}.Name", "Name is required (at most 200 characters).")
            continue
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 10:
            errors.add(f"{key}.Quantity", "Quantity must be between 1 and 10.")
            continue
        menu_item = by_name.get(name.lower())
        price = _cents(item.raw("unitPrice"), f"{key}.UnitPrice", errors)
        if price is None:
            price = menu_item.price_cents if menu_item is not None else 0
        customizations = []
        raw_custom = item.raw("customizations") or []
        if not isinstance(raw_custom, list):
            errors.add(f"{key}.Customizations", "Customizations must be a list.")
            continue
        for j, c in enumerate(raw_custom):
            ckey = f"{key}.Customizations[{j}]"
            custom = Body(c) if isinstance(c, dict) else None
            group = None if custom is None else custom.raw("groupName")
            choice = None if custom is None else custom.raw("choiceName")
            if custom is None or not isinstance(group, str) or not isinstance(choice, str):
                errors.add(ckey, "groupName and choiceName are required strings.")
                continue
            adjust = _cents(custom.raw("priceAdjustment"), f"{ckey}.PriceAdjustment", errors)
            customizations.append(Customization(group, choice, adjust))
        lines.append(
            Line(
                name=name,
                quantity=quantity,
                unit_price_c=price,
                customizations=tuple(customizations),
                menu_item_id=None if menu_item is None else menu_item.id,
            )
        )
    return lines


async def place_order(request: Request) -> Response:
    """`POST /api/v1/dev/orders`: one order; cash → Placed, online → AwaitingPayment."""
    body = await read_body(request)
    state = state_of(request)
    errors = Validation()
    raw_rid = body.raw("restaurantId")
    rid = parse_guid(raw_rid) if isinstance(raw_rid, str) else None
    if rid is None or rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
        raise ValidationFailed(errors.errors)
    restaurant = state.store.restaurant(rid)
    if restaurant is None:
        errors.add("RestaurantId", "Restaurant not found.")
        raise ValidationFailed(errors.errors)
    lines = _lines(body, rid, state, errors)
    note = body.raw("note")
    if note is not None and (not isinstance(note, str) or len(note) > 500):
        errors.add("Note", "Note must be a string of at most 500 characters.")
    raw_method = body.raw("paymentMethod")
    methods = {m.lower(): m for m in PAYMENT_METHODS}
    method = CASH
    if raw_method is not None:
        if not isinstance(raw_method, str) or raw_method.lower() not in methods:
            errors.add(
                "PaymentMethod", f"PaymentMethod must be one of {', '.join(PAYMENT_METHODS)}."
            )
        else:
            method = methods[raw_method.lower()]
    errors.check()
    simulator = _simulator(request)
    order = NewOrder(
        restaurant_id=rid,
        customer_id=simulator.customer_id(),
        lines=lines,
        note=note or "",
        payment_method=method,
        currency=restaurant.currency,
        address=ADDRESSES[0],
    )
    with state.write() as tx:
        created = create_order(tx, order, state.rng)
    return json_response(
        {"orderId": created.id, "orderNumber": created.order_number, "status": created.status}
    )


async def payment(request: Request) -> Response:
    """The payment webhook: `{"succeeded": bool}`."""
    body = await read_body(request)
    succeeded = body.boolean("succeeded", required=True)
    state = state_of(request)
    with state.write() as tx:
        order = load(tx, request.path_params["oid"])
        if order is None:
            raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
        try:
            settled = settle_payment(tx, order, bool(succeeded))
        except NotAwaitingPayment:
            raise ConflictCode(
                409,
                "OrderNotAwaitingPayment",
                f"Order is {order.status}, not {OrderStatus.AWAITING_PAYMENT}.",
            ) from None
    return json_response({"orderId": settled.id, "status": settled.status})


async def open_orders(request: Request) -> Response:
    """The server's truth for convergence checks: open orders, sorted as the active queue."""
    orders = state_of(request).store.list_orders(request.path_params["rid"], OPEN, by_rank=True)
    return json_response(
        [
            {
                "orderId": o.id,
                "orderNumber": o.order_number,
                "status": o.status,
                "lastUpdateTimestamp": format_ts(o.last_update_us),
            }
            for o in orders
        ]
    )


async def restaurant_menu(request: Request) -> Response:
    """Ours: the menu with the ids `POST /api/v1/orders/initiate` needs."""
    items = menu(state_of(request).store.menu_items(request.path_params["rid"]))
    return json_response(items)


async def outbox_state(request: Request) -> Response:
    """Ours, for restart tests: pending rows and publisher counters."""
    return json_response(state_of(request).outbox.state())


async def order_detail(request: Request) -> Response:
    """Ours: any order's detail without authentication (debugging and tests)."""
    state = state_of(request)
    order = state.store.order(request.path_params["oid"])
    if order is None:
        raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
    restaurant = state.store.restaurant(order.restaurant_id)
    assert restaurant is not None
    return json_response(dto.detail(order, restaurant))


async def order_events(request: Request) -> Response:
    """Ours, for the chaos checker: an order's transitions as the server recorded them (its
    outbox rows: type, eventId, occurredAt), oldest first — a tap applied twice would show."""
    state = state_of(request)
    oid = request.path_params["oid"]
    if state.store.order(oid) is None:
        raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
    events = [
        {"type": e["type"], "eventId": e["event_id"], "occurredUs": e["occurred_us"]}
        for e in state.store.order_events(oid)
    ]
    return json_response(events)


ROUTES = [
    *routes_faults.ROUTES,
    *routes_simulation.ROUTES,
    Route("/dev/orders", place_order, methods=["POST"]),
    Route("/dev/orders/{oid:guid}", order_detail, methods=["GET"]),
    Route("/dev/orders/{oid:guid}/events", order_events, methods=["GET"]),
    Route("/dev/orders/{oid:guid}/payment", payment, methods=["POST"]),
    Route("/dev/restaurants/{rid:guid}/open-orders", open_orders, methods=["GET"]),
    Route("/dev/restaurants/{rid:guid}/menu", restaurant_menu, methods=["GET"]),
    Route("/dev/outbox", outbox_state, methods=["GET"]),
]

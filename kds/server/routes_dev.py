"""The dev surface (contract 11 and B3), mounted only with `--dev`; no authentication."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server import dto
from kds.server.binding import ZERO_GUID, Body, parse_guid, read_body
from kds.server.clock import format_ts
from kds.server.domain import (
    OPEN,
    PAYMENT_METHODS,
    TERMINAL,
    Customization,
    Line,
    NewOrder,
    NotAwaitingPayment,
    create_order,
    load,
    settle_payment,
)
from kds.server.faults import Faults, RestFault
from kds.server.menu_ids import menu
from kds.server.ordergen import ADDRESSES
from kds.server.responses import ConflictCode, Validation, ValidationFailed, json_response
from kds.server.simulator import (
    DEFAULT_DELAYS_MS,
    FAST_DELAYS_MS,
    SCENARIOS,
    Simulator,
    plan,
)
from kds.server.state import ServerState

MAX_LINES = 50


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.kds
    return state


def _simulator(request: Request) -> Simulator:
    simulator: Simulator = _state(request).extras["simulator"]
    return simulator


def _faults(request: Request) -> Faults:
    faults: Faults = _state(request).extras["faults"]
    return faults


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
    menu = {
        row["name"].lower(): row
        for row in state.store.all(
            "SELECT id, name, price_cents FROM menu_items WHERE restaurant_id = ?", (rid,)
        )
    }
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
        menu_row = menu.get(name.lower())
        price = _cents(item.raw("unitPrice"), f"{key}.UnitPrice", errors)
        if price is None:
            price = menu_row["price_cents"] if menu_row is not None else 0
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
                menu_item_id=None if menu_row is None else menu_row["id"],
            )
        )
    return lines


async def place_order(request: Request) -> Response:
    """`POST /api/v1/dev/orders`: one order; cash → Placed, online → AwaitingPayment."""
    body = await read_body(request)
    state = _state(request)
    errors = Validation()
    raw_rid = body.raw("restaurantId")
    rid = parse_guid(raw_rid) if isinstance(raw_rid, str) else None
    if rid is None or rid == ZERO_GUID:
        errors.add("RestaurantId", "RestaurantId is required.")
        raise ValidationFailed(errors.errors)
    restaurant = state.store.one("SELECT currency FROM restaurants WHERE id = ?", (rid,))
    if restaurant is None:
        errors.add("RestaurantId", "Restaurant not found.")
        raise ValidationFailed(errors.errors)
    lines = _lines(body, rid, state, errors)
    note = body.raw("note")
    if note is not None and (not isinstance(note, str) or len(note) > 500):
        errors.add("Note", "Note must be a string of at most 500 characters.")
    raw_method = body.raw("paymentMethod")
    methods = {m.lower(): m for m in PAYMENT_METHODS}
    method = "CashOnDelivery"
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
        currency=restaurant["currency"],
        address=ADDRESSES[0],
    )
    with state.write() as conn:
        row = create_order(conn, order, state.rng)
    return json_response(
        {"orderId": row["id"], "orderNumber": row["order_number"], "status": row["status"]}
    )


async def payment(request: Request) -> Response:
    """The payment webhook: `{"succeeded": bool}`."""
    body = await read_body(request)
    succeeded = body.boolean("succeeded", required=True)
    state = _state(request)
    with state.write() as conn:
        order = load(conn, request.path_params["oid"])
        if order is None:
            raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
        try:
            row = settle_payment(conn, order, bool(succeeded))
        except NotAwaitingPayment:
            raise ConflictCode(
                409, "OrderNotAwaitingPayment", f"Order is {order['status']}, not AwaitingPayment."
            ) from None
    return json_response({"orderId": row["id"], "status": row["status"]})


def _delays(body: Body, defaults: dict[str, int]) -> dict[str, int]:
    delays = dict(defaults)
    raw = body.raw("delaysMs")
    if isinstance(raw, dict):
        given = Body(raw)
        for key in delays:
            value = given.raw(key)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3_600_000:
                delays[key] = value
    return delays


async def simulate_flow(request: Request) -> Response:
    """`POST /api/v1/dev/orders/{oid}/simulate-flow`: 202, or 409 {code, message}."""
    body = await read_body(request)
    scenario = body.raw("scenario")
    if scenario not in SCENARIOS:
        raise ValidationFailed({"Scenario": [f"Scenario must be one of {', '.join(SCENARIOS)}."]})
    oid: str = request.path_params["oid"]
    order = _state(request).store.one("SELECT status FROM orders WHERE id = ?", (oid,))
    if order is None:
        raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
    simulator = _simulator(request)
    if order["status"] in TERMINAL:
        raise ConflictCode(409, "OrderTerminal", f"Order is already {order['status']}.")
    if order["status"] != "Placed":
        raise ConflictCode(409, "OrderNotPlaced", f"Order is {order['status']}, not Placed.")
    if simulator.flow_running(oid):
        raise ConflictCode(409, "AlreadyRunning", "A flow is already running for this order.")
    defaults = FAST_DELAYS_MS if scenario == "fastHappyPath" else DEFAULT_DELAYS_MS
    eta = body.raw("estimatedDeliveryMinutes")
    eta_minutes = (
        eta if isinstance(eta, int) and not isinstance(eta, bool) and 6 <= eta < 720 else 30
    )
    simulator.start_flow(oid, plan(scenario, _delays(body, defaults)), eta_minutes)
    return json_response({"orderId": oid, "scenario": scenario, "flowStatus": "Started"}, 202)


async def simulator_start(request: Request) -> Response:
    """`POST /api/v1/dev/order-simulator/start`: synthetic incoming orders, optionally flowing."""
    body = await read_body(request)
    state = _state(request)
    simulator = _simulator(request)
    scenario = body.raw("scenario") or "incomingOnly"
    flows = {"incomingOnly": None, "autoFlow": "happyPath", "fastAutoFlow": "fastHappyPath"}
    errors = Validation()
    if scenario not in flows:
        errors.add("Scenario", "Scenario must be one of incomingOnly, autoFlow, fastAutoFlow.")
    raw_rid = body.raw("restaurantId")
    rid = parse_guid(raw_rid) if isinstance(raw_rid, str) else None
    if raw_rid is None:
        first = state.store.one("SELECT id FROM restaurants ORDER BY slug = 'pho-hanoi' DESC, id")
        rid = None if first is None else first["id"]
    if rid is None or state.store.one("SELECT 1 FROM restaurants WHERE id = ?", (rid,)) is None:
        errors.add("RestaurantId", "Restaurant not found.")
    count = body.raw("count")
    count = 1 if count is None else count
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 200:
        errors.add("Count", "Count must be between 1 and 200.")
    options: dict[str, Any] = {}
    for key, name, top in (
        ("maxItemsPerOrder", "max_items", 50),
        ("maxQuantityPerItem", "max_quantity", 10),
    ):
        value = body.raw(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
                errors.add(key[0].upper() + key[1:], f"{key} must be between 1 and {top}.")
            else:
                options[name] = value
    pool = body.raw("notePool")
    if isinstance(pool, list) and pool and all(isinstance(n, str) for n in pool):
        options["note_pool"] = pool
    errors.check()
    assert rid is not None
    delay = body.raw("interOrderDelayMs")
    delay_ms = (
        delay
        if isinstance(delay, int) and not isinstance(delay, bool) and 0 < delay <= 60_000
        else 0
    )
    flow = flows[scenario]
    orders = []
    for index in range(count):
        if index and delay_ms:
            await asyncio.sleep(delay_ms / 1000)
        placed = simulator.place_random(rid, **options)
        flow_status = "NotStarted"
        if flow is not None:
            defaults = FAST_DELAYS_MS if flow == "fastHappyPath" else DEFAULT_DELAYS_MS
            simulator.start_flow(placed["orderId"], plan(flow, _delays(body, defaults)))
            flow_status = "Started"
        orders.append(
            {
                "orderId": placed["orderId"],
                "scenario": scenario,
                "status": placed["status"],
                "flowStatus": flow_status,
            }
        )
    return json_response({"restaurantId": rid, "orders": orders}, 202)


async def hub_drop(request: Request) -> Response:
    body = await read_body(request)
    hub = body.opt_str("hub")
    aborted = await _state(request).broadcaster.abort_connections(hub)
    return json_response({"aborted": aborted})


async def redeliver(request: Request) -> Response:
    body = await read_body(request)
    count = body.integer("count")
    if count is None or not 0 <= count <= 10_000:
        raise ValidationFailed({"Count": ["Count must be between 0 and 10000."]})
    sent = await _state(request).outbox.redeliver(count)
    return json_response({"redelivered": sent})


async def outbox_fault(request: Request) -> Response:
    body = await read_body(request)
    paused = body.boolean("paused", required=True)
    shuffle = bool(body.boolean("shuffle"))
    outbox = _state(request).outbox
    if paused:
        outbox.pause()
    else:
        outbox.resume(shuffle=shuffle)
    return json_response(outbox.state())


async def rest_fault(request: Request) -> Response:
    body = await read_body(request)
    errors = Validation()
    pattern = body.raw("pathPattern")
    compiled = None
    if not isinstance(pattern, str):
        errors.add("PathPattern", "PathPattern is required.")
    else:
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            errors.add("PathPattern", f"PathPattern is not a valid regex: {exc}.")
    status = body.raw("status")
    if status is not None and (
        isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599
    ):
        errors.add("Status", "Status must be an HTTP status code (100-599).")
    delay = body.raw("delayMs")
    if delay is not None and (
        isinstance(delay, bool) or not isinstance(delay, int) or not 0 <= delay <= 120_000
    ):
        errors.add("DelayMs", "DelayMs must be between 0 and 120000.")
    count = body.raw("count")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1_000_000:
        errors.add("Count", "Count must be between 1 and 1000000.")
    errors.check()
    assert compiled is not None
    _faults(request).add_rest(RestFault(compiled, status, delay or 0, count))
    return json_response({"active": len(_faults(request).rest)})


async def clear_faults(request: Request) -> Response:
    _faults(request).clear()
    _state(request).outbox.resume()
    return json_response({"cleared": True})


async def expire_tokens(request: Request) -> Response:
    body = await read_body(request)
    changed = _state(request).authenticator.expire_access(body.opt_str("userName"))
    return json_response({"tokens": changed})


async def revoke_tokens(request: Request) -> Response:
    body = await read_body(request)
    changed = _state(request).authenticator.revoke(body.opt_str("userName"))
    return json_response({"tokens": changed})


async def open_orders(request: Request) -> Response:
    """The server's truth for convergence checks: open orders, sorted as the active queue."""
    marks = ",".join("?" * len(OPEN))
    rows = _state(request).store.all(
        f"SELECT id, order_number, status, last_update_us FROM orders"
        f" WHERE restaurant_id = ? AND status IN ({marks})"
        " ORDER BY status_rank, placement_us, id",
        (request.path_params["rid"], *OPEN),
    )
    return json_response(
        [
            {
                "orderId": r["id"],
                "orderNumber": r["order_number"],
                "status": r["status"],
                "lastUpdateTimestamp": format_ts(r["last_update_us"]),
            }
            for r in rows
        ]
    )


async def restaurant_menu(request: Request) -> Response:
    """Ours: the menu with the ids `POST /api/v1/orders/initiate` needs."""
    state = _state(request)
    with state.store.transaction() as conn:
        items = menu(conn, request.path_params["rid"])
    return json_response(items)


async def outbox_state(request: Request) -> Response:
    """Ours, for restart tests: pending rows and publisher counters."""
    return json_response(_state(request).outbox.state())


async def order_detail(request: Request) -> Response:
    """Ours: any order's detail without authentication (debugging and tests)."""
    state = _state(request)
    row = state.store.one("SELECT * FROM orders WHERE id = ?", (request.path_params["oid"],))
    if row is None:
        raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
    restaurant = state.store.one("SELECT * FROM restaurants WHERE id = ?", (row["restaurant_id"],))
    assert restaurant is not None
    return json_response(dto.detail(row, restaurant))


ROUTES = [
    Route("/api/v1/dev/orders", place_order, methods=["POST"]),
    Route("/api/v1/dev/orders/{oid:guid}", order_detail, methods=["GET"]),
    Route("/api/v1/dev/orders/{oid:guid}/payment", payment, methods=["POST"]),
    Route("/api/v1/dev/orders/{oid:guid}/simulate-flow", simulate_flow, methods=["POST"]),
    Route("/api/v1/dev/order-simulator/start", simulator_start, methods=["POST"]),
    Route("/api/v1/dev/faults/hub-drop", hub_drop, methods=["POST"]),
    Route("/api/v1/dev/faults/redeliver", redeliver, methods=["POST"]),
    Route("/api/v1/dev/faults/outbox", outbox_fault, methods=["POST"]),
    Route("/api/v1/dev/faults/rest", rest_fault, methods=["POST"]),
    Route("/api/v1/dev/faults/clear", clear_faults, methods=["POST"]),
    Route("/api/v1/dev/tokens/expire", expire_tokens, methods=["POST"]),
    Route("/api/v1/dev/tokens/revoke", revoke_tokens, methods=["POST"]),
    Route("/api/v1/dev/restaurants/{rid:guid}/open-orders", open_orders, methods=["GET"]),
    Route("/api/v1/dev/restaurants/{rid:guid}/menu", restaurant_menu, methods=["GET"]),
    Route("/api/v1/dev/outbox", outbox_state, methods=["GET"]),
]

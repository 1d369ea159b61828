"""Dev order flows (contract 11): `orders/{oid}/simulate-flow` and `order-simulator/start`."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.binding import Body, parse_guid, read_body
from kds.server.responses import ConflictCode, Validation, ValidationFailed, json_response
from kds.server.simulator import DEFAULT_DELAYS_MS, FAST_DELAYS_MS, SCENARIOS, Simulator, plan
from kds.server.state import state_of
from kds.server.status import TERMINAL, OrderStatus


def _simulator(request: Request) -> Simulator:
    return state_of(request).simulator


MAX_SPREAD_MS = 30_000


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
    status = state_of(request).store.order_status(oid)
    if status is None:
        raise ConflictCode(404, "OrderNotFound", "The specified order was not found.")
    simulator = _simulator(request)
    if status in TERMINAL:
        raise ConflictCode(409, "OrderTerminal", f"Order is already {status}.")
    if status != OrderStatus.PLACED:
        raise ConflictCode(409, "OrderNotPlaced", f"Order is {status}, not {OrderStatus.PLACED}.")
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
    state = state_of(request)
    simulator = _simulator(request)
    scenario = body.raw("scenario") or "incomingOnly"
    flows = {"incomingOnly": None, "autoFlow": "happyPath", "fastAutoFlow": "fastHappyPath"}
    errors = Validation()
    if scenario not in flows:
        errors.add("Scenario", "Scenario must be one of incomingOnly, autoFlow, fastAutoFlow.")
    raw_rid = body.raw("restaurantId")
    rid = parse_guid(raw_rid) if isinstance(raw_rid, str) else None
    if raw_rid is None:
        rid = state.store.first_restaurant_id("pho-hanoi")
    if rid is None or state.store.restaurant(rid) is None:
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
    delay_ms = body.raw("interOrderDelayMs") or 0
    if isinstance(delay_ms, bool) or not isinstance(delay_ms, int) or delay_ms < 0:
        errors.add("InterOrderDelayMs", "InterOrderDelayMs must be a non-negative integer.")
    elif isinstance(count, int) and delay_ms * (count - 1) > MAX_SPREAD_MS:
        # The orders are placed while the request waits: keep the request reasonably short.
        errors.add("InterOrderDelayMs", "InterOrderDelayMs × (Count − 1) must be at most 30000.")
    errors.check()
    assert rid is not None
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


ROUTES = [
    Route("/dev/orders/{oid:guid}/simulate-flow", simulate_flow, methods=["POST"]),
    Route("/dev/order-simulator/start", simulator_start, methods=["POST"]),
]

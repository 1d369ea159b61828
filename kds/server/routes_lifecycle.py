"""The six lifecycle commands (contract 4.2): validation, policy, handler order, idempotency."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server import dto
from kds.server.auth import Principal, can_staff, is_admin
from kds.server.binding import ZERO_GUID, Body, principal_of, read_body
from kds.server.clock import now_us
from kds.server.domain import STEPS, IllegalTransition, load, transition
from kds.server.records import Order
from kds.server.responses import Empty, Forbidden, ResultProblem, Validation, json_response
from kds.server.state import state_of
from kds.server.status import CUSTOMER_CANCELLABLE

MINUTE_US = 60 * 1_000_000
MAX_REASON = 500
NOT_FOUND_DETAIL = "The specified order was not found."


@dataclass(frozen=True)
class Command:
    """What differs between the commands: their name (error codes) and extra body fields."""

    action: str
    name: str


COMMANDS = {
    "accept": Command("accept", "AcceptOrder"),
    "reject": Command("reject", "RejectOrder"),
    "preparing": Command("preparing", "MarkOrderPreparing"),
    "ready": Command("ready", "MarkOrderReadyForDelivery"),
    "delivered": Command("delivered", "MarkOrderDelivered"),
    "cancel": Command("cancel", "CancelOrder"),
}


def _validate(command: Command, oid: str, body: Body, errors: Validation) -> tuple[int | None, ...]:
    """FluentValidation rules in declaration order; returns (eta_us, delivered_us)."""
    eta_us = delivered_us = None
    if oid == ZERO_GUID:
        errors.add("OrderId", "'Order Id' must not be empty.")
    if command.action != "accept" and body.guid("restaurantId") == ZERO_GUID:
        errors.add("RestaurantGuid", "'Restaurant Guid' must not be empty.")
    if command.action == "accept":
        key = "EstimatedDeliveryTime"
        if body.has("estimatedDeliveryTime") and body.raw("estimatedDeliveryTime") is None:
            raise Empty(400)  # null for a non-nullable DateTime fails JSON binding
        eta_us = body.utc("estimatedDeliveryTime", key, errors)
        if key not in errors.errors:
            # A missing ETA binds to DateTime.MinValue and fails the first rule.
            eta = eta_us if eta_us is not None else -(2**62)
            now = now_us()
            if not eta > now + 5 * MINUTE_US:
                errors.add(key, "Estimated delivery time must be at least 5 minutes in the future.")
            if not eta < now + 12 * 60 * MINUTE_US:
                errors.add(key, "Estimated delivery time cannot be more than 12 hours ahead.")
    elif command.action == "reject":
        reason = body.opt_str("reason")
        if reason is not None and len(reason) > MAX_REASON:
            errors.add("RejectionReason", "Rejection reason cannot exceed 500 characters.")
    elif command.action == "cancel":
        body.opt_guid("actingUserId")  # binding: a non-GUID value is a 400
        reason = body.opt_str("reason")
        if reason is not None and len(reason) > MAX_REASON:
            errors.add("Reason", "Cancellation reason cannot exceed 500 characters.")
    elif command.action == "delivered":
        key = "DeliveredAtUtc"
        delivered_us = body.utc("deliveredAtUtc", key, errors)
        if (
            key not in errors.errors
            and delivered_us is not None
            and delivered_us > now_us() + 5 * MINUTE_US
        ):
            errors.add(key, "DeliveredAtUtc cannot be far in the future.")
    return eta_us, delivered_us


def _cancel_checks(principal: Principal, body: Body, order: Order) -> None:
    """CancelOrderCommandHandler: actor = actingUserId or caller; 403 / customer 409."""
    actor = body.opt_guid("actingUserId") or principal.user_id
    is_customer = actor == order.customer_id
    if not (is_customer or can_staff(principal, order.restaurant_id) or is_admin(principal)):
        raise Forbidden()
    if is_customer and order.status not in CUSTOMER_CANCELLABLE:
        raise ResultProblem(
            409,
            "CancelOrder.InvalidStatusForCustomer",
            "Order cannot be cancelled by customer at this stage.",
        )


async def _run(request: Request, command: Command) -> Response:
    principal = principal_of(request)  # 401 before anything else
    oid: str = request.path_params["oid"]
    body = await read_body(request)
    errors = Validation()
    eta_us, delivered_us = _validate(command, oid, body, errors)
    errors.check()  # validation runs before authorization
    rid = body.guid("restaurantId")
    if command.action != "cancel" and not can_staff(principal, rid):
        raise Forbidden()
    step = STEPS[command.action]
    state = state_of(request)
    with state.write() as tx:
        order = load(tx, oid)
        if order is None:
            raise ResultProblem(404, f"{command.name}.NotFound", NOT_FOUND_DETAIL)
        if command.action == "cancel":
            _cancel_checks(principal, body, order)
        elif order.restaurant_id != rid:
            raise Forbidden()
        if order.status == step.target:  # idempotent: nothing written, no event
            return json_response(dto.lifecycle_result(order))
        try:
            updated = transition(
                tx, order, command.action, eta_us=eta_us, delivered_us=delivered_us
            )
        except IllegalTransition as illegal:
            raise ResultProblem(400, illegal.step.error_title, illegal.step.error_detail) from None
    return json_response(dto.lifecycle_result(updated))


def _endpoint(command: Command) -> Route:
    async def endpoint(request: Request) -> Response:
        return await _run(request, command)

    endpoint.__name__ = command.name
    return Route(f"/orders/{{oid:guid}}/{command.action}", endpoint, methods=["POST"])


ROUTES = [_endpoint(command) for command in COMMANDS.values()]

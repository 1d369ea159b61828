"""Dev faults and token controls (contract B3): hub drops, outbox, REST faults, token expiry."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.binding import read_body
from kds.server.faults import BadPattern, Faults, RestFault, compile_pattern
from kds.server.responses import Validation, ValidationFailed, json_response
from kds.server.state import state_of


def _faults(request: Request) -> Faults:
    return state_of(request).faults


async def hub_drop(request: Request) -> Response:
    body = await read_body(request)
    hub = body.opt_str("hub")
    aborted = await state_of(request).broadcaster.abort_connections(hub)
    return json_response({"aborted": aborted})


async def redeliver(request: Request) -> Response:
    body = await read_body(request)
    count = body.integer("count")
    if count is None or not 0 <= count <= 10_000:
        raise ValidationFailed({"Count": ["Count must be between 0 and 10000."]})
    sent = await state_of(request).outbox.redeliver(count)
    return json_response({"redelivered": sent})


async def outbox_fault(request: Request) -> Response:
    body = await read_body(request)
    paused = body.boolean("paused", required=True)
    shuffle = bool(body.boolean("shuffle"))
    outbox = state_of(request).outbox
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
            compiled = compile_pattern(pattern)
        except BadPattern as exc:
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
    state_of(request).outbox.resume()
    return json_response({"cleared": True})


async def expire_tokens(request: Request) -> Response:
    body = await read_body(request)
    changed = state_of(request).authenticator.expire_access(body.opt_str("userName"))
    return json_response({"tokens": changed})


async def revoke_tokens(request: Request) -> Response:
    body = await read_body(request)
    changed = state_of(request).authenticator.revoke(body.opt_str("userName"))
    return json_response({"tokens": changed})


ROUTES = [
    Route("/dev/faults/hub-drop", hub_drop, methods=["POST"]),
    Route("/dev/faults/redeliver", redeliver, methods=["POST"]),
    Route("/dev/faults/outbox", outbox_fault, methods=["POST"]),
    Route("/dev/faults/rest", rest_fault, methods=["POST"]),
    Route("/dev/faults/clear", clear_faults, methods=["POST"]),
    Route("/dev/tokens/expire", expire_tokens, methods=["POST"]),
    Route("/dev/tokens/revoke", revoke_tokens, methods=["POST"]),
]

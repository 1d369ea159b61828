"""`/api/v1/users`: Identity's login and refresh, and the profile with permission claims."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kds.server.auth import LoginFailed
from kds.server.binding import principal_of, read_body
from kds.server.clock import format_opt
from kds.server.responses import (
    PROBLEM_JSON,
    TYPE_401_LOGIN,
    Challenge,
    Empty,
    dumps,
    json_response,
)
from kds.server.state import state_of


async def login(request: Request) -> Response:
    """`email` carries the user name (PasswordSignInAsync looks users up by name)."""
    body = await read_body(request)
    user_name, password = body.opt_str("email"), body.opt_str("password")
    if user_name is None or password is None:  # `required` members missing: binding 400
        raise Empty(400)
    try:
        tokens = await state_of(request).authenticator.login(user_name, password)
    except LoginFailed as failed:
        problem = {"type": TYPE_401_LOGIN, "title": "Unauthorized", "status": 401}
        problem["detail"] = failed.args[0]
        return Response(dumps(problem), status_code=401, media_type=PROBLEM_JSON)
    return json_response(tokens)


async def refresh(request: Request) -> Response:
    body = await read_body(request)
    token = body.opt_str("refreshToken")
    if token is None:
        raise Empty(400)
    tokens = state_of(request).authenticator.refresh(token)
    if tokens is None:
        raise Challenge()
    return json_response(tokens)


async def me(request: Request) -> Response:
    """The profile; `claims` lists the `permission` claims of the token (contract 2.3)."""
    principal = principal_of(request)
    user = state_of(request).store.user(principal.user_id)
    if user is None:
        raise Challenge()
    return json_response(
        {
            "userId": user.id,
            "name": user.name,
            "email": user.email,
            "phoneNumber": user.phone,
            "address": None,
            "lastLoginAt": format_opt(user.last_login_us),
            "roles": sorted(user.roles),
            "claims": [
                {"type": "permission", "value": value} for value in sorted(principal.permissions)
            ],
        }
    )


ROUTES = [
    Route("/users/login", login, methods=["POST"]),
    Route("/users/refresh", refresh, methods=["POST"]),
    Route("/users/me", me, methods=["GET"]),
]

"""Every REST request body under hostile JSON: deep nesting, NaN, huge numbers, lone surrogates.

The reader alone takes many cases fast; the running server takes fewer, over real HTTP, on
every route with a body (as its OpenAPI document lists them). Each hostile body must get the
binder's empty 400 — never a 500, never a reset — and the server must keep serving.
"""

from __future__ import annotations

import json
import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kds.server.openapi import document
from tests.fuzz import inputs, targets
from tests.support import http
from tests.support.helpers import MANAGER, PHO_HANOI, auth, login
from tests.support.server import ServerProcess

BODY = inputs.rest_body()
BODY_ROUTES = sorted(
    (method.upper(), path)
    for path, operations in document(dev=True)["paths"].items()
    for method, operation in operations.items()
    if isinstance(operation, dict) and "requestBody" in operation
)


@settings(max_examples=1000)
@given(st.randoms(use_true_random=False))
def test_the_reader_refuses_every_hostile_body(rng: random.Random) -> None:
    targets.server_body(inputs.hostile_json(rng, BODY), hostile=True)


@settings(max_examples=500)
@given(st.randoms(use_true_random=False))
def test_the_reader_gives_a_value_or_a_refusal_for_mutated_bodies(rng: random.Random) -> None:
    targets.server_body(inputs.mutate(rng, json.dumps(BODY).encode()), hostile=False)


@pytest.fixture(scope="module")
def manager_headers(module_dev_server: ServerProcess) -> dict[str, str]:
    return auth(login(module_dev_server.url, *MANAGER))


def test_every_body_route_is_fuzzed() -> None:
    """The document lists the bodies of the login, lifecycle, ordering and dev routes."""
    paths = {path for _, path in BODY_ROUTES}
    assert {"/api/v1/users/login", "/api/v1/orders/initiate", "/api/v1/dev/faults/rest"} <= paths
    assert "/api/v1/restaurants/{rid}/menu-items/{itemId}/availability" in paths  # issue 19
    assert len(BODY_ROUTES) >= 20


@settings(max_examples=120, deadline=None)
@given(route=st.sampled_from(BODY_ROUTES), rng=st.randoms(use_true_random=False))
def test_hostile_bodies_get_an_empty_400_on_every_route(
    route: tuple[str, str],
    rng: random.Random,
    module_dev_server: ServerProcess,
    manager_headers: dict[str, str],
) -> None:
    method, path = route
    path = path.replace("{rid}", PHO_HANOI).replace("{itemId}", PHO_HANOI)
    path = path.replace("{oid}", str(uuid.UUID(int=rng.getrandbits(128), version=4)))
    body = inputs.hostile_json(rng, BODY)
    response = http.request(
        method,
        f"{module_dev_server.url}{path}",
        content=body,
        headers={**manager_headers, "Content-Type": "application/json"},
    )
    assert (response.status_code, response.content) == (400, b""), (method, path, body[:200])


def test_the_server_still_serves_after_the_fuzzing(module_dev_server: ServerProcess) -> None:
    assert http.get(f"{module_dev_server.url}/ping").json() == "pong"
    assert login(module_dev_server.url, *MANAGER)
    assert "Traceback" not in module_dev_server.stderr_text()  # no unhandled error inside

"""The OpenAPI document loads, covers every route, and schemathesis finds no 5xx and no drift."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kds.server.openapi import document
from tests.support import http
from tests.support.helpers import MANAGER, auth, login
from tests.support.server import ServerProcess

# Faults and token revocation would sabotage the rest of the run (injected 5xx, dead tokens).
EXCLUDED = r"^/api/v1/dev/(faults|tokens)/"


# Loaded from the same module the server serves it from; the test below checks they agree.
SCHEMA = schemathesis.openapi.from_dict(document(dev=True)).exclude(path_regex=EXCLUDED)
OPERATIONS = {op.ok().label: op.ok() for op in SCHEMA.get_all_operations()}


@pytest.fixture(scope="module")
def manager_headers(module_dev_server: ServerProcess) -> dict[str, str]:
    return auth(login(module_dev_server.url, *MANAGER))


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_server_errors_and_responses_match_the_document(
    label: str, module_dev_server: ServerProcess, manager_headers: dict[str, str]
) -> None:
    """Bounded fuzzing per operation (schemathesis's pytest plugin does not load on pytest 9)."""
    operation = OPERATIONS[label]

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call(base_url=module_dev_server.url, headers=manager_headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.status_code)
        case.validate_response(
            response,
            checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
        )

    check()


def test_document_lists_every_rest_route(module_dev_server: ServerProcess) -> None:
    served = http.get(f"{module_dev_server.url}/api/v1/specification.json").json()
    assert served == document(dev=True)
    assert served["openapi"].startswith("3.")
    paths = set(served["paths"])
    for path in (
        "/api/v1/users/login",
        "/api/v1/users/refresh",
        "/api/v1/users/me",
        "/api/v1/restaurants/{rid}/orders/new",
        "/api/v1/restaurants/{rid}/orders/active",
        "/api/v1/restaurants/{rid}/orders/history",
        "/api/v1/restaurants/{rid}/orders/{oid}",
        "/api/v1/orders/{oid}",
        "/api/v1/orders/{oid}/status",
        "/api/v1/restaurants/{rid}/info",
        "/api/v1/restaurants/{rid}/menu",
        "/api/v1/restaurants/{rid}/menu-items/{itemId}/availability",
        "/api/v1/restaurants/{rid}/accepting-orders",
        "/api/v1/dev/orders",
        "/api/v1/dev/restaurants/{rid}/open-orders",
    ):
        assert path in paths
    for action in ("accept", "reject", "preparing", "ready", "delivered", "cancel"):
        assert f"/api/v1/orders/{{oid}}/{action}" in paths

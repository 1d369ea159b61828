"""The OpenAPI 3 document served at `/api/v1/specification.json` (hand-written, no codegen).

The paths are in openapi_rest and openapi_dev, the component schemas in openapi_schemas.
"""

from __future__ import annotations

from typing import Any

from kds.server.openapi_dev import dev_paths
from kds.server.openapi_menu import MENU_SCHEMAS
from kds.server.openapi_rest import rest_paths
from kds.server.openapi_schemas import SCHEMAS as BASE_SCHEMAS


def document(dev: bool) -> dict[str, Any]:
    """The whole document; dev paths only when the server runs with `--dev`."""
    paths = rest_paths()
    if dev:
        paths.update(dev_paths())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "kds-server (YummyZoom reference backend)",
            "version": "1.0",
            "description": "REST surface of the reference server; see docs backend-contract.md.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {**BASE_SCHEMAS, **MENU_SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }

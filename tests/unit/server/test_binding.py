"""Request binding: a GUID in upper case or without dashes becomes the canonical "D" form."""

from __future__ import annotations

from kds.server.binding import parse_guid


def test_guid_forms() -> None:
    canonical = "6f1c2a9e-3b7d-4c1a-9e55-0a1b2c3d4e01"
    assert parse_guid(canonical.upper()) == canonical
    assert parse_guid(canonical.replace("-", "")) == canonical
    assert parse_guid("6f1c2a9e") is None

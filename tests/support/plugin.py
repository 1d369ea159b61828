"""pytest plugin registering the kds-server fixtures for every test directory."""

from __future__ import annotations

from tests.support.fixtures import dev_server, module_dev_server, server_factory

__all__ = ["dev_server", "module_dev_server", "server_factory"]

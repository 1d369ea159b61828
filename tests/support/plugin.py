"""pytest plugin registering the shared fixtures for every test directory."""

from __future__ import annotations

from tests.support.fixtures import dev_server, memory_keyring, module_dev_server, server_factory
from tests.support.language import english_catalogue, vietnamese
from tests.support.leaks import no_leaks
from tests.support.xvfb import xvfb

__all__ = [
    "dev_server",
    "english_catalogue",
    "memory_keyring",
    "module_dev_server",
    "no_leaks",
    "server_factory",
    "vietnamese",
    "xvfb",
]

"""What ships is the product: no test double or sample data inside the ``kds`` package."""

from __future__ import annotations

import ast
from pathlib import Path

import kds

PACKAGE = Path(kds.__file__).resolve().parent


def test_no_test_double_or_sample_data_module_ships() -> None:
    """Issue 15: ``kds/net/hub_fake.py`` and ``kds/ui/sample_orders.py`` shipped in the .deb;
    they live in ``tests/support`` now."""
    stems = [p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py")]
    assert [p for p in stems if any(w in p.stem for w in ("fake", "sample", "mock"))] == []


def test_the_package_never_imports_the_tests() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "tests" or name.startswith("tests.") for name in names):
                importers.append(str(path.relative_to(PACKAGE)))
    assert importers == []

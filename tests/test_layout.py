"""The test tree mirrors the package, so a newcomer finds the tests of a module (tests/README.md).

A unit test of ``kds/<pkg>/<module>.py`` lives at ``tests/unit/<pkg>/test_<module>.py``, or at
``tests/unit/<pkg>/test_<module>_<aspect>.py`` when the module has several test files: some
prefix of the name after ``test_`` (split at ``_``) names a module ``kds/<pkg>/<prefix>.py`` or
a package ``kds/<pkg>/<prefix>/__init__.py`` in the same relative directory.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The kinds of test directory, each described in tests/README.md.
KINDS = (
    "unit", "integration", "chaos", "fuzz", "interop", "security", "packaging", "bench", "support",
)  # fmt: skip


def named_module(test_file: Path, unit_dir: Path, package_dir: Path) -> Path | None:
    """The module or package of ``package_dir`` that the test file's place and name point at."""
    rel = test_file.relative_to(unit_dir)
    base = package_dir.joinpath(*rel.parent.parts)
    words = rel.stem.removeprefix("test_").split("_")
    for end in range(len(words), 0, -1):
        prefix = "_".join(words[:end])
        for candidate in (base / f"{prefix}.py", base / prefix / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def imported_modules(test_file: Path, root: Path, package: str) -> list[str]:
    """The ``package.*`` modules a test file imports (``from a.b import c`` counts ``a.b.c`` when
    that is a module), in order of first import."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found = [
                f"{node.module}.{a.name}"
                if root.joinpath(*node.module.split("."), f"{a.name}.py").is_file()
                else node.module
                for a in node.names
            ]
        elif isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        else:
            continue
        names += [n for n in found if n.startswith(f"{package}.") and n not in names]
    return names


def expected_place(module: str, root: Path) -> str:
    """Where the tests of a dotted module belong, e.g. ``tests/unit/cli/test_tail[_<aspect>].py``;
    for a package, ``.../<package>/test_<module>[_<aspect>].py``."""
    parts = module.split(".")
    if parts[-1] == "__main__":
        parts = parts[:-1]
    if (root.joinpath(*parts) / "__init__.py").is_file():
        dirs, name = parts[1:], "<module>"
    else:
        dirs, name = parts[1:-1], parts[-1]
    return "/".join(["tests", "unit", *dirs, f"test_{name}[_<aspect>].py"])


def modules_named(test_file: Path, root: Path, package: str) -> list[str]:
    """Modules anywhere in the package named by the longest prefix of the test file's name."""
    words = test_file.stem.removeprefix("test_").split("_")
    for end in range(len(words), 0, -1):
        found = sorted((root / package).rglob(f"{'_'.join(words[:end])}.py"))
        if found:
            return [".".join(f.relative_to(root).with_suffix("").parts) for f in found]
    return []


def offenders(root: Path, package: str = "kds") -> list[str]:
    """One line per unit test file that breaks the rule, with where it is expected instead: by
    the modules its name names elsewhere in the package, else by the modules it imports."""
    unit_dir, package_dir = root / "tests" / "unit", root / package
    lines = []
    for test_file in sorted(unit_dir.rglob("test_*.py")):
        if named_module(test_file, unit_dir, package_dir) is not None:
            continue
        rel = test_file.relative_to(root).as_posix()
        modules = modules_named(test_file, root, package) or imported_modules(
            test_file, root, package
        )
        places = [expected_place(m, root) for m in modules]
        hint = ", ".join(dict.fromkeys(places)) or "tests/unit/<pkg>/test_<module>[_<aspect>].py"
        lines.append(f"{rel}: names no module of {package}/; expected at {hint}")
    return lines


def test_every_unit_test_file_is_named_after_its_module() -> None:
    found = offenders(ROOT)
    assert not found, (
        "a unit test of kds/<pkg>/<module>.py lives at tests/unit/<pkg>/test_<module>.py "
        "or test_<module>_<aspect>.py (tests/README.md):\n" + "\n".join(found)
    )


def test_every_test_file_is_in_a_known_kind_of_directory() -> None:
    tests = ROOT / "tests"
    stray = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(tests.rglob("test_*.py"))
        if "node_modules" not in path.parts
        and path.parent != tests
        and path.relative_to(tests).parts[0] not in KINDS
    ]
    assert not stray, f"test directories are {', '.join(KINDS)} (tests/README.md): {stray}"


def _touch(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("", encoding="utf-8")


def test_the_rule_takes_a_module_an_aspect_or_a_package_and_points_offenders_home(
    tmp_path: Path,
) -> None:
    _touch(tmp_path, "kds/core/board.py", "kds/net/hub_socket.py", "kds/server/store/__init__.py")
    _touch(
        tmp_path,
        "tests/unit/core/test_board.py",
        "tests/unit/core/test_board_rules.py",
        "tests/unit/net/test_hub_socket_frames.py",
        "tests/unit/server/test_store_rollback.py",
        "tests/unit/core/conftest.py",
        "tests/unit/core/factories.py",
    )
    assert offenders(tmp_path) == []
    _touch(tmp_path, "tests/unit/net/test_hub.py", "tests/unit/test_board.py")
    _touch(tmp_path, "tests/unit/ui/test_window.py")
    (tmp_path / "tests/unit/ui/test_window.py").write_text(
        "from kds.core.board import Board\nimport kds.server.store\nfrom kds.core import board\n",
        encoding="utf-8",
    )
    assert offenders(tmp_path) == [
        "tests/unit/net/test_hub.py: names no module of kds/; "
        "expected at tests/unit/<pkg>/test_<module>[_<aspect>].py",
        "tests/unit/test_board.py: names no module of kds/; "
        "expected at tests/unit/core/test_board[_<aspect>].py",
        "tests/unit/ui/test_window.py: names no module of kds/; expected at "
        "tests/unit/core/test_board[_<aspect>].py, "
        "tests/unit/server/store/test_<module>[_<aspect>].py",
    ]

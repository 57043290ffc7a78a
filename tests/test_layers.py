"""The layers the folders show: each imports only the ones below it (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACES = ("reader", "api", "editors")
# package → the first-party packages it must never import
FORBIDDEN = {
    "archive": ("search", *FACES),
    "search": FACES,
    "reader": ("api", "editors"),
    "api": ("reader", "editors"),
    "editors": ("reader", "api"),
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(package: str):
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it_or_beside_it(package):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(package)
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert wrong == []


def test_only_the_whoosh_engine_imports_whoosh():
    engine = ROOT / "search" / "engines" / "whoosh"
    wrong = [
        str(path.relative_to(ROOT))
        for package in (*FORBIDDEN, "config", "bench")
        for path in _modules(package)
        if engine not in path.parents and any(n.split(".")[0] == "whoosh" for n in _imports(path))
    ]
    assert wrong == []

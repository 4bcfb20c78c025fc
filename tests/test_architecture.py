"""The shape of the code: the core never imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "diary"
CORE = ("domain", "store", "services")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in CORE
        for path in (PACKAGE / layer).rglob("*.py")
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for layer in CORE
        for path in (PACKAGE / layer).rglob("*.py")
        if "migrations" not in path.parts and path.name != "__init__.py"
    ]
    code = f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\nprint('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

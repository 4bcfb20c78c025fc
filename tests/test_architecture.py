"""The shape of the code: the core never imports Qt, the window and the command line reach storage only through
services, and no module of diary/ imports itself round a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "diary"
CORE = ("domain", "store", "services")
STORAGE = ("diary.store", "sqlalchemy", "sqlcipher3", "alembic")
"""What only the services (and the store itself) may import: the window and the command line go through services."""


def _module_name(path: Path) -> str:
    """diary/ui/lock.py -> diary.ui.lock; a package's __init__.py is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    """Every module of diary/, by dotted name."""
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, with_names: bool = False) -> set[str]:
    """Every module a module imports, anywhere in it (inside functions and TYPE_CHECKING blocks too); with_names,
    also each `module.name` of `from module import name` (the name may be a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if with_names:
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _own_module(name: str) -> str | None:
    """The module of diary/ that an imported name loads (its longest known prefix), if any."""
    modules = _modules()
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _graph() -> dict[str, set[str]]:
    """Which modules of diary/ each module of diary/ imports."""
    graph: dict[str, set[str]] = {}
    for name, path in _modules().items():
        targets = {_own_module(imported) for imported in _imports(path, with_names=True) if imported.split(".")[0] == "diary"}
        graph[name] = {target for target in targets if target is not None and target != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        trail.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return trail[trail.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = 2
        trail.pop()
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def _front_ends() -> list[Path]:
    """The window and the command line: diary/ui, diary/commands and diary/cli.py."""
    return [*sorted((PACKAGE / "ui").rglob("*.py")), *sorted((PACKAGE / "commands").rglob("*.py")), PACKAGE / "cli.py"]


def test_no_core_module_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in CORE
        for path in (PACKAGE / layer).rglob("*.py")
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert not offenders, "\n".join(offenders)


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


def test_window_and_command_line_reach_storage_only_through_services() -> None:
    offenders = sorted(
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _front_ends()
        for name in _imports(path)
        if any(name == storage or name.startswith(f"{storage}.") for storage in STORAGE)
    )
    assert not offenders, "\n".join(offenders)


def test_no_import_cycle_among_the_modules_of_diary() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_names_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_walk_sees_imports_inside_functions_and_type_checking_blocks() -> None:
    graph = _graph()
    assert "diary.ui.app" in graph["diary.cli"]  # imported inside main()
    assert "diary.services.diary_file" in graph["diary.cli"]  # under TYPE_CHECKING

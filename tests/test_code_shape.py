"""The code's shape, read from the ASTs of the packages: short functions, private names kept
private, no import cycles, one exception root per package (issue 12, item 4).

``connect_streaming`` (the Pulumi components) is not covered yet: its config and environment
modules hold functions over 60 lines and its errors have no common root.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from tests.repo import REPO_ROOT

MAX_FUNCTION_LINES: Final = 60

# package import name -> (folder, the root every exception class it defines derives from)
PACKAGES: Final = {
    "connect_runtime": (REPO_ROOT / "connect_runtime", "ConnectRuntimeError"),
    "connect_streaming": (REPO_ROOT / "components" / "connect_streaming", "ConnectStreamingError"),
    "connect_streaming_plan": (REPO_ROOT / "connect_streaming_plan", "ConnectStreamingPlanError"),
    "connect_streaming_policy": (
        REPO_ROOT / "policy" / "connect_streaming_policy",
        "PolicyRuleError",
    ),
}
FIRST_PARTY: Final = tuple(PACKAGES)
ROOT_PENDING_ELSEWHERE: Final[frozenset[str]] = frozenset()


@dataclass(frozen=True)
class Module:
    """One source file of a package, parsed."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def _modules(package: str) -> dict[str, Module]:
    folder = PACKAGES[package][0]
    found: dict[str, Module] = {}
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join((package, *parts))
        found[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8")))
    return found


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    base = base if module.is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run when the module loads (``if TYPE_CHECKING:`` and functions excluded)."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)


def _every_import(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of a module: at load, inside functions and under ``if TYPE_CHECKING:``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


# Packages whose cycle check counts every import (a deferred or type-only import is still an
# arrow between two modules); the others count what runs at load only.
EVERY_IMPORT: Final = frozenset({"connect_runtime"})


def _imported_modules(module: Module, known: dict[str, Module], *, every: bool = False) -> set[str]:
    """The package's modules ``module`` imports at load time (``every``: anywhere in it)."""
    edges: set[str] = set()
    imports = _every_import(module.tree) if every else _top_level_imports(module.tree)
    for node in imports:
        if isinstance(node, ast.Import):
            edges.update(alias.name for alias in node.names if alias.name in known)
            continue
        source = _absolute(module, node)
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in known:
                edges.add(submodule)
            elif source in known:
                edges.add(source)
    edges.discard(module.name)
    return edges


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph``, or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_function_body_is_at_most_60_lines(package: str) -> None:
    long = [
        f"{module.path.relative_to(REPO_ROOT)}:{node.lineno} {node.name} "
        f"({node.end_lineno - node.lineno + 1} lines)"
        for module in _modules(package).values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("folder", ["tests", "benchmarks", "scripts", "stacks", "examples"])
def test_no_function_elsewhere_is_over_60_lines_either(folder: str) -> None:
    """Tests, benchmarks, scripts and programs are code to read too."""
    long = [
        f"{path.relative_to(REPO_ROOT)}:{node.lineno} {node.name}"
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_imports_another_modules_private_names(package: str) -> None:
    """``from x import _name`` is refused unless ``x._name`` is a module of x's own package."""
    modules = {name: m for package_name in PACKAGES for name, m in _modules(package_name).items()}
    offenders = []
    for module in _modules(package).values():
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _absolute(module, node)
            if source.split(".")[0] not in FIRST_PARTY:
                continue
            for alias in node.names:
                private_module = f"{source}.{alias.name}" in modules
                same_package = source.split(".")[0] == package
                if _is_private(alias.name) and not (private_module and same_package):
                    offenders.append(f"{module.name}:{node.lineno} imports {source}.{alias.name}")
            if any(_is_private(part) for part in source.split(".")) and (
                source.split(".")[0] != package
            ):
                offenders.append(f"{module.name}:{node.lineno} imports from {source}")
    assert not offenders, offenders


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_among_a_packages_modules(package: str) -> None:
    modules = _modules(package)
    every = package in EVERY_IMPORT
    graph = {
        name: _imported_modules(module, modules, every=every) for name, module in modules.items()
    }
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph) or [])}"


def _base_names(node: ast.ClassDef) -> list[str]:
    return [ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exception_derives_from_the_packages_root(package: str) -> None:
    """Read by name: a class is an exception when a base is one (builtin or of this package)."""
    root = PACKAGES[package][1]
    classes = {
        node.name: (module.name, _base_names(node))
        for module in _modules(package).values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.ClassDef)
    }
    assert root in classes, f"{package} defines no {root}"

    def is_builtin_exception(name: str) -> bool:
        found = getattr(builtins, name, None)
        return isinstance(found, type) and issubclass(found, BaseException)

    def ancestors(name: str) -> set[str]:
        bases = classes.get(name, ("", []))[1]
        return set(bases).union(*(ancestors(base) for base in bases if base in classes))

    exceptions = {
        name
        for name in classes
        if any(is_builtin_exception(base) for base in ancestors(name) | {name})
    }
    strays = sorted(
        f"{classes[name][0]}.{name}"
        for name in exceptions - {root}
        if root not in ancestors(name) and classes[name][0] not in ROOT_PENDING_ELSEWHERE
    )
    assert not strays, f"exceptions not derived from {root}: {strays}"


def test_the_checks_see_what_they_look_for() -> None:
    """The readers above find a cycle, a private import and a stray exception when present."""
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    tree = ast.parse("from . import _x\nif TYPE_CHECKING:\n    import y\n")
    module = Module("p.m", Path("p/m.py"), tree)
    (node,) = _top_level_imports(tree)
    assert isinstance(node, ast.ImportFrom)
    assert _absolute(module, node) == "p"
    assert _imported_modules(module, {"p": module, "p._x": module}) == {"p._x"}
    deferred = ast.parse("def f():\n    from p import _x\nif TYPE_CHECKING:\n    import p.y\n")
    later = Module("p.m", Path("p/m.py"), deferred)
    known = {"p": later, "p._x": later, "p.y": later}
    assert _imported_modules(later, known) == set()
    assert _imported_modules(later, known, every=True) == {"p._x", "p.y"}

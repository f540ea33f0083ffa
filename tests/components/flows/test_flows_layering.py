"""The flows package's modules form no import cycle, import siblings at module level only, take
no private names from each other, and keep functions under 60 lines (read from their ASTs)."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import connect_streaming.flows

PACKAGE = "connect_streaming.flows"
ROOT = Path(connect_streaming.flows.__file__).parent
MODULES = sorted(path.stem for path in ROOT.glob("*.py") if path.stem != "__init__")
MAX_FUNCTION_LINES = 60


def _tree(module: str) -> ast.Module:
    return ast.parse((ROOT / f"{module}.py").read_text(encoding="utf-8"))


def _sibling(node: ast.AST) -> tuple[str, list[str]] | None:
    """The sibling module an import statement reads and the names it takes, if any."""
    if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE + "."):
        return node.module.removeprefix(PACKAGE + "."), [alias.name for alias in node.names]
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.startswith(PACKAGE + "."):
                return alias.name.removeprefix(PACKAGE + "."), []
    return None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        found = (_sibling(node) for node in ast.walk(_tree(module)))
        graph[module] = {hit[0] for hit in found if hit is not None}
    return graph


def test_the_modules_import_each_other_without_a_cycle() -> None:
    graph = _graph()
    assert set().union(*graph.values()) <= set(MODULES)
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:  # pragma: no cover - the failure being tested for
        pytest.fail(f"import cycle among {PACKAGE} modules: {error.args[1]}")
    assert order.index("reference") < order.index("model") < order.index("flow")


LAYERS = [
    "reference",
    "problems",
    "model",
    "serialize",
    "rules",
    "hazards",
    "validation",
    "flow",
    "builders",
    "component",  # the contact-flow components (pulumi); flows/__init__ does not import it
    "graph",
    "render",
    "cli",
    "__main__",
]
"""The documented order (flow.py's docstring): each module imports only modules before it."""


def test_each_module_imports_only_earlier_layers() -> None:
    graph = _graph()
    assert set(graph) == set(LAYERS), "a new module must take its place in LAYERS"
    for module, imported in graph.items():
        later = {name for name in imported if LAYERS.index(name) >= LAYERS.index(module)}
        assert not later, f"{module}.py imports {sorted(later)}, which come after it"


def test_the_graph_builder_would_see_a_cycle() -> None:
    graph = _graph()
    graph["reference"] = graph["reference"] | {"flow"}  # a back edge the layering forbids
    with pytest.raises(CycleError):
        list(TopologicalSorter(graph).static_order())


@pytest.mark.parametrize("module", MODULES)
def test_siblings_are_imported_at_module_level_and_by_public_name(module: str) -> None:
    tree = _tree(module)
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        hit = _sibling(node)
        if hit is None:
            continue
        assert id(node) in top_level, f"{module}.py imports {hit[0]} inside a function"
        private = [name for name in hit[1] if name.startswith("_")]
        assert not private, f"{module}.py imports private {private} from {hit[0]}"


@pytest.mark.parametrize("module", MODULES)
def test_functions_are_under_sixty_lines(module: str) -> None:
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length < MAX_FUNCTION_LINES, f"{module}.{node.name} is {length} lines"


def test_each_module_imports_alone_in_a_fresh_interpreter() -> None:
    script = "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name)"
    for module in MODULES:
        result = subprocess.run(
            [sys.executable, "-c", script, f"{PACKAGE}.{module}"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{module}: {result.stderr[-500:]}"

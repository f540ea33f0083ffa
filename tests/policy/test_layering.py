"""Which of the pack's modules may import which, read from their ASTs. Every import counts: at
load, inside functions and under ``TYPE_CHECKING``. No cycle; the vocabulary is a leaf; each
import points to a lower layer (family modules may use one another, acyclically)."""

from __future__ import annotations

import ast
import graphlib
from importlib.util import resolve_name
from pathlib import Path
from typing import Final

import pytest

from tests.repo import POLICY_PACK_DIR

PACKAGE: Final = "connect_streaming_policy"
FAMILY: Final = 3
# The direction of the arrows; a module not named here is a family module (one resource family:
# its checks and rule objects), e.g. sns, sqs, iam, or one a new family adds.
LAYERS: Final = {
    "": 0,  # the package's __init__
    "errors": 0,
    "vocabulary": 0,
    "arns": 0,
    "_aliases": 0,  # finds moved names with importlib at run time: no import edge
    "statements": 1,
    "public": 2,
    "catalogue": 4,
    "pack": 5,
    "rules": 6,
    "resource_policies": 6,
}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(tree: ast.Module, name: str, known: set[str], *, is_package: bool = False) -> set[str]:
    """The modules of ``known`` that the module ``name`` imports anywhere in ``tree``."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = resolve_name("." * node.level + (node.module or ""), package)
            found.update(
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                for alias in node.names
            )
    return (found & known) - {name}


def pack_graph(root: Path = POLICY_PACK_DIR) -> dict[str, set[str]]:
    """Module -> the pack modules it imports, for every module of the rules package."""
    paths = {_module_name(path, root): path for path in sorted((root / PACKAGE).rglob("*.py"))}
    return {
        name: imports(
            ast.parse(path.read_text(encoding="utf-8")),
            name,
            set(paths),
            is_package=path.name == "__init__.py",
        )
        for name, path in paths.items()
    }


def _short(module: str) -> str:
    return module.removeprefix(PACKAGE).removeprefix(".")


GRAPH: Final = pack_graph()


def test_the_reader_sees_imports_in_functions_under_type_checking_and_relative() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import a\n"
        "if TYPE_CHECKING:\n"
        "    from connect_streaming_policy.b import X\n"
        "def f() -> None:\n"
        "    import connect_streaming_policy.c\n"
        "    from .d import y\n"
    )
    known = {f"{PACKAGE}.{m}" for m in "abcde"}
    assert imports(ast.parse(source), f"{PACKAGE}.e", known) == known - {f"{PACKAGE}.e"}
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).prepare()


def test_the_graph_holds_every_module_and_the_layers_name_only_real_ones() -> None:
    assert {_short(m) for m in GRAPH} >= set(LAYERS)
    assert GRAPH[f"{PACKAGE}.catalogue"] >= {f"{PACKAGE}.sns", f"{PACKAGE}.vocabulary"}
    assert f"{PACKAGE}.statements" in GRAPH[f"{PACKAGE}.iam"]  # ``import ... as reader``


def test_no_import_cycle_among_the_packs_modules() -> None:
    try:
        graphlib.TopologicalSorter(GRAPH).prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_the_vocabulary_imports_nothing_of_the_pack() -> None:
    assert GRAPH[f"{PACKAGE}.vocabulary"] == set()


@pytest.mark.parametrize("module", sorted(GRAPH), ids=_short)
def test_every_import_points_down_the_layers(module: str) -> None:
    layer = LAYERS.get(_short(module), FAMILY)
    upward = [
        f"{_short(target)} (layer {LAYERS.get(_short(target), FAMILY)})"
        for target in sorted(GRAPH[module])
        if LAYERS.get(_short(target), FAMILY) > layer
        or (LAYERS.get(_short(target), FAMILY) == layer != FAMILY)
    ]
    assert not upward, f"{_short(module)} (layer {layer}) imports {upward}"

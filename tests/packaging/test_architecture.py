"""The import directions docs/architecture.md states, enforced over the four packages' ASTs:
every module in one unit, every import between units an arrow the page lists, no import
cycle, nothing importing an entry point. Every kind of import counts: at load, inside a
function, under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from tests.repo import REPO_ROOT

PAGE: Final = REPO_ROOT / "docs" / "architecture.md"
PACKAGES: Final = {
    "connect_runtime": REPO_ROOT / "connect_runtime",
    "connect_streaming": REPO_ROOT / "components" / "connect_streaming",
    "connect_streaming_plan": REPO_ROOT / "connect_streaming_plan",
    "connect_streaming_policy": REPO_ROOT / "policy" / "connect_streaming_policy",
}
ENTRY_POINTS: Final = "entry points"


@dataclass(frozen=True)
class Rules:
    """The page's units (name -> fnmatch patterns, in order) and arrows (unit -> units)."""

    units: tuple[tuple[str, tuple[str, ...]], ...]
    arrows: Mapping[str, frozenset[str]]

    def unit(self, module: str) -> str | None:
        """The first unit with a pattern that matches ``module``."""
        for name, patterns in self.units:
            if any(fnmatch.fnmatchcase(module, pattern) for pattern in patterns):
                return name
        return None

    def allows(self, source: str, target: str) -> bool:
        allowed = self.arrows.get(source, frozenset())
        return source == target or target in allowed or "*" in allowed


def read_rules(text: str) -> Rules:
    """The ``text`` block that follows ``<!-- import-rules -->`` on the page."""
    block = re.search(r"<!-- import-rules -->\s*```text\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no import-rules block"
    units: list[tuple[str, tuple[str, ...]]] = []
    arrows: dict[str, frozenset[str]] = {}
    for line in block[1].splitlines():
        line = line.split("#", 1)[0].strip()
        if "->" in line:
            source, _, targets = line.partition("->")
            arrows[source.strip()] = frozenset(t.strip() for t in targets.split(","))
        elif ":" in line:
            name, _, patterns = line.partition(":")
            units.append((name.strip(), tuple(p.strip() for p in patterns.split(","))))
    names = {name for name, _ in units}
    for source, targets in arrows.items():
        unknown = ({source} | targets) - names - {"*"}
        assert not unknown, f"arrow {source} -> names no unit {sorted(unknown)}"
    return Rules(tuple(units), arrows)


def _modules() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package), for every module of the four packages."""
    found: dict[str, tuple[Path, bool]] = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            found[".".join((package, *(parts[:-1] if is_package else parts)))] = (path, is_package)
    return found


def _known(name: str, modules: Mapping[str, object]) -> str | None:
    """``name`` or its nearest enclosing first-party module."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path, is_package: bool, modules: Mapping[str, object]) -> set[str]:
    """The first-party modules ``module`` imports, anywhere in its file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(filter(None, (_known(alias.name, modules) for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            base = module.split(".") if is_package else module.split(".")[:-1]
            source = node.module or ""
            if node.level:
                source = ".".join([*base[: len(base) - node.level + 1], *filter(None, [source])])
            for alias in node.names:
                target = _known(f"{source}.{alias.name}", modules) or _known(source, modules)
                if target:
                    found.add(target)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the first-party modules it imports (every kind of import)."""
    modules = _modules()
    return {name: _imports(name, *where, modules) for name, where in modules.items()}


def broken_arrows(rules: Rules, graph: Mapping[str, set[str]]) -> list[str]:
    """Each import between units that no arrow allows, and each module no unit owns."""
    problems = [f"{module}: in no unit" for module in graph if rules.unit(module) is None]
    for module, targets in sorted(graph.items()):
        source = rules.unit(module)
        for target in sorted(targets):
            unit = rules.unit(target)
            if unit == ENTRY_POINTS and source != ENTRY_POINTS:
                problems.append(f"{module} imports the entry point {target}")
            elif source and unit and not rules.allows(source, unit):
                problems.append(f"{module} ({source}) imports {target} ({unit})")
    return problems


def cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (as a path that ends where it starts), or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path: list[str] = [start]
        pending: list[Iterator[str]] = [iter(sorted(graph[start]))]
        state[start] = 1
        while pending:
            step = next(pending[-1], None)
            if step is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(step) == 1:
                return [*path[path.index(step) :], step]
            elif not state.get(step):
                state[step] = 1
                path.append(step)
                pending.append(iter(sorted(graph.get(step, ()))))
    return None


RULES: Final = read_rules(PAGE.read_text(encoding="utf-8"))


def test_every_module_and_import_follows_the_pages_arrows() -> None:
    assert broken_arrows(RULES, import_graph()) == []


def test_no_import_cycle_counting_every_kind_of_import() -> None:
    assert cycle(import_graph()) is None


def test_every_unit_owns_a_module_and_every_arrow_is_used() -> None:
    """A rule that matches nothing, or allows what nothing does, is a rule the page should drop
    (or the layout has drifted from the page)."""
    graph = import_graph()
    owned = {RULES.unit(module) for module in graph}
    assert {name for name, _ in RULES.units} - owned == set()
    used = {(RULES.unit(m), RULES.unit(t)) for m, targets in graph.items() for t in targets}
    unused = {
        f"{source} -> {target}"
        for source, targets in RULES.arrows.items()
        for target in targets
        if target != "*" and (source, target) not in used
    }
    assert unused == set()


def test_the_picture_shows_only_arrows_the_rules_allow() -> None:
    text = PAGE.read_text(encoding="utf-8")
    picture = re.search(r"```mermaid\n(.*?)```", text, re.S)
    assert picture
    labels = dict(re.findall(r"(\w+)\[([^\]]+)\]", picture[1]))
    names = {name for name, _ in RULES.units}
    shown = 0
    for line in picture[1].splitlines():
        if "-->" not in line:
            continue
        source, _, targets = line.partition("-->")
        for target in targets.split("&"):
            start = labels.get(source.split("[")[0].strip(), source.split("[")[0].strip())
            end = labels.get(target.split("[")[0].strip(), target.split("[")[0].strip())
            assert {start, end} <= names, f"{line.strip()}: names no unit"
            assert RULES.allows(start, end), f"the picture shows {start} -> {end}"
            shown += 1
    assert shown >= len(RULES.arrows) - 3


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"connect_runtime.tasks.requests": {"connect_runtime.metrics.v2"}}, "imports"),
        ({"connect_runtime.errors": {"connect_streaming.flows"}}, "imports"),
        ({"connect_streaming_policy.sns": {"connect_streaming_plan.plan"}}, "imports"),
        ({"connect_runtime.client": {"connect_runtime.cli"}}, "entry point"),
        ({"somebody.else": set()}, "in no unit"),
    ],
)
def test_the_checker_finds_a_broken_arrow(graph: dict[str, set[str]], expected: str) -> None:
    problems = broken_arrows(RULES, graph)
    assert len(problems) == 1
    assert expected in problems[0]


def test_the_checker_finds_a_cycle_through_a_deferred_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle(graph) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_imports_inside_functions_and_under_type_checking_count(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from connect_runtime.metrics import v2\n"
        "def f():\n    import connect_runtime.tasks.requests\n"
        "    from . import errors\n",
        encoding="utf-8",
    )
    modules = dict.fromkeys(
        (
            "connect_runtime.metrics",
            "connect_runtime.metrics.v2",
            "connect_runtime.tasks.requests",
            "connect_runtime.streaming.errors",
        )
    )
    found = _imports("connect_runtime.streaming.mod", source, False, modules)
    assert found == {
        "connect_runtime.metrics.v2",
        "connect_runtime.tasks.requests",
        "connect_runtime.streaming.errors",
    }

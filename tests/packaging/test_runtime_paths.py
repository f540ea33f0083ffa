"""Every connect_runtime import path users have keeps working after the move to one folder per
capability: the kept ones import without a warning, the moved ones are aliases that warn once,
naming their new home, and nothing inside the product imports a moved path.

Each check runs in a fresh interpreter, so that a module imported earlier by another test
cannot hide a warning (a module warns only when it is first imported).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from typing import Final

import pytest

from tests.repo import REPO_ROOT

MOVED: Final = {
    "connect_runtime.requests": (
        "connect_runtime.streaming, connect_runtime.tasks and connect_runtime.metrics"
    ),
    "connect_runtime.references": "connect_runtime.tasks.references",
    "connect_runtime.consumer": "connect_runtime.streaming.consumer",
    "connect_runtime.metrics_v2": "connect_runtime.metrics",
    "connect_runtime.render_v2": "connect_runtime.metrics.render",
    "connect_runtime.strategies": "connect_runtime.testing.strategies",
    "connect_runtime.strategies_today": "connect_runtime.testing.strategies",
    "connect_runtime.task_strategies": "connect_runtime.testing.strategies",
    "connect_runtime.testing.chat_consumer": "connect_runtime.testing.streaming.consumer",
}
"""Moved path -> where it lives now (what its DeprecationWarning must name)."""

KEPT: Final = (
    "connect_runtime",
    "connect_runtime.cli",
    "connect_runtime.client",
    "connect_runtime.errors",
    "connect_runtime.metrics",  # a module that became a package of the same name
    "connect_runtime.model",
    "connect_runtime.ratelimit",
    "connect_runtime.streaming",
    "connect_runtime.tasks",  # a module that became a package of the same name
    "connect_runtime.testing",
    "connect_runtime.testing.clock",
    "connect_runtime.testing.commands",
    "connect_runtime.testing.endpoint",
    "connect_runtime.testing.faults",
    "connect_runtime.testing.fixtures",
    "connect_runtime.testing.seed",
    "connect_runtime.testing.sns",
    "connect_runtime.testing.state",
    "connect_runtime.testing.strategies",
)
"""Paths that stay (no warning): the package roots, the cross-cutting modules, the endpoint's
public modules and the capability packages."""

# The names README.md and examples/ import from each path (`from PATH import NAME`).
USED_NAMES: Final = {
    "connect_runtime.tasks": ("TaskAttachment", "contact_expiry", "created_by_user"),
    "connect_runtime.consumer": ("parse_batch",),
    "connect_runtime.strategies": ("start_task_contact_kwargs",),
    "connect_runtime.strategies_today": (
        "get_metric_data_v2_kwargs",
        "current_metric_data_today_kwargs",
        "broken_current_metric_data_today_kwargs",
        "broken_get_metric_data_v2_kwargs",
    ),
    "connect_runtime.task_strategies": (
        "start_task_contact_today_kwargs",
        "broken_start_task_contact_kwargs",
        "flow_choices",
    ),
    "connect_runtime.requests": ("get_metric_data_v2_request", "start_task_contact_request"),
    "connect_runtime.testing.chat_consumer": ("poll_queue", "lambda_handler", "main"),
}

_PROBE: Final = """
import importlib, json, sys, warnings
report = {}
for path in sys.argv[1:]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(path)
        importlib.import_module(path)  # a second import is the cached module: no new warning
    report[path] = {
        "warnings": [str(w.message) for w in caught if w.category is DeprecationWarning],
        "names": sorted(getattr(module, "__all__", ())),
    }
print(json.dumps(report))
"""


def _probe(*paths: str) -> dict[str, dict[str, list[str]]]:
    """Import each path in a fresh interpreter, first in that process, recording warnings."""
    found: dict[str, dict[str, list[str]]] = {}
    for path in paths:  # one interpreter per path: each is imported first there
        done = _python("-c", _PROBE, path)
        assert done.returncode == 0, f"{path} does not import:\n{done.stderr}"
        found.update(json.loads(done.stdout))
    return found


@pytest.fixture(scope="module")
def probed() -> dict[str, dict[str, list[str]]]:
    return _probe(*KEPT, *MOVED)


@pytest.mark.parametrize("path", sorted(MOVED))
def test_a_moved_path_warns_once_naming_its_new_home(
    path: str, probed: dict[str, dict[str, list[str]]]
) -> None:
    (message,) = probed[path]["warnings"]
    assert message.startswith(f"{path} is deprecated: it moved to {MOVED[path]}"), message


@pytest.mark.parametrize("path", KEPT)
def test_a_kept_path_imports_without_a_warning(
    path: str, probed: dict[str, dict[str, list[str]]]
) -> None:
    assert probed[path]["warnings"] == []


@pytest.mark.parametrize("path", sorted(USED_NAMES))
def test_the_names_users_import_are_still_there(
    path: str, probed: dict[str, dict[str, list[str]]]
) -> None:
    assert set(USED_NAMES[path]) <= set(probed[path]["names"])


def test_every_public_name_of_both_roots_imports_without_a_warning() -> None:
    code = (
        "import connect_runtime, connect_runtime.testing\n"
        "for module in (connect_runtime, connect_runtime.testing):\n"
        "    for name in module.__all__:\n"
        "        getattr(module, name)\n"
        "print(len(connect_runtime.__all__), len(connect_runtime.testing.__all__))\n"
    )
    done = _run_strict(code)
    assert done.returncode == 0, done.stderr
    assert [int(n) for n in done.stdout.split()] == [28, 28]


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter run in the repository, its output read as text."""
    command = [sys.executable, *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, check=False)


def _run_strict(code: str) -> subprocess.CompletedProcess[str]:
    # Every warning a moved path gives starts with its name: these, and only these, fail.
    return _python("-W", "error:connect_runtime.:DeprecationWarning", "-c", code)


def _product_modules() -> list[str]:
    names = []
    for path in sorted((REPO_ROOT / "connect_runtime").rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in MOVED and not name.endswith("__main__"):
            names.append(name)
    return names


def test_nothing_in_the_product_imports_a_moved_path_when_it_runs() -> None:
    modules = [
        *_product_modules(),
        "connect_streaming.streaming.documents",
        "connect_streaming.flows",
    ]
    modules += ["connect_streaming.roles.documents", "connect_streaming.templates.definition"]
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    done = _run_strict(code)
    assert done.returncode == 0, done.stderr
    assert len(modules) > 50


def test_nothing_in_the_product_names_a_moved_path_in_its_source() -> None:
    """Deferred and type-only imports too, which the run above cannot reach."""
    offenders = []
    folders = ("connect_runtime", "components/connect_streaming", "connect_streaming_plan")
    for folder in folders:
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            relative = path.relative_to(REPO_ROOT).with_suffix("").as_posix().replace("/", ".")
            if relative in MOVED:
                continue  # the aliases themselves
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                line = getattr(node, "lineno", 0)
                for imported in _imported_paths(node):
                    if imported in MOVED:
                        offenders.append(f"{path.relative_to(REPO_ROOT)}:{line} {imported}")
    assert offenders == []


def _imported_paths(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return []


def test_the_checks_see_a_moved_import() -> None:
    tree = ast.parse("from connect_runtime import consumer\nimport connect_runtime.requests\n")
    seen = [path for node in ast.walk(tree) for path in _imported_paths(node)]
    assert {"connect_runtime.consumer", "connect_runtime.requests"} <= set(seen)
    done = _run_strict("import connect_runtime.consumer")
    assert done.returncode != 0
    assert "connect_runtime.consumer is deprecated" in done.stderr


def test_the_moved_chat_consumer_still_runs_as_a_module() -> None:
    done = _python("-m", "connect_runtime.testing.chat_consumer", "--help")
    assert done.returncode == 0, done.stderr
    assert "--queue-url" in done.stdout

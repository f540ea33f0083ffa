"""Every import path of connect_streaming: the ones kept (a module that became a package of the
same name, or did not move) import without a warning; the moved ones are aliases that warn with
a DeprecationWarning naming the new path, at the line that imported them; the pure folders
import without pulumi; the paths README.md, docs/ and examples/ show all import; and nothing
inside the product imports a deprecated path."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Final

import pytest

import connect_streaming
from tests.repo import REPO_ROOT

KEPT: Final = (
    "connect_streaming",
    "connect_streaming.arns",
    "connect_streaming.config",
    "connect_streaming.environment",
    "connect_streaming.errors",
    "connect_streaming.fields",
    "connect_streaming.flows",
    "connect_streaming.flows.component",
    "connect_streaming.names",
    "connect_streaming.provider",
    "connect_streaming.roles",  # was roles.py: now a package of the same name
    "connect_streaming.roles.component",
    "connect_streaming.roles.documents",
    "connect_streaming.streaming",  # was streaming.py: now a package of the same name
    "connect_streaming.streaming.component",
    "connect_streaming.streaming.documents",
    "connect_streaming.templates",
    "connect_streaming.templates.component",
    "connect_streaming.templates.definition",
)
MOVED: Final = {
    "connect_streaming.documents": (
        "connect_streaming.streaming.documents",
        "connect_streaming.roles.documents",
    ),
    "connect_streaming.task_templates": ("connect_streaming.templates.definition",),
    "connect_streaming.task_template": ("connect_streaming.templates.component",),
    "connect_streaming.contact_flows": ("connect_streaming.flows.component",),
}
PURE: Final = (
    "connect_streaming",
    "connect_streaming.fields",
    "connect_streaming.flows",
    "connect_streaming.names",
    "connect_streaming.roles.documents",
    "connect_streaming.streaming.documents",
    "connect_streaming.templates",
    "connect_streaming.templates.definition",
)
PRODUCT: Final = (
    "components/connect_streaming",
    "connect_runtime",
    "connect_streaming_plan",
    "stacks",
    "examples",
    "policy",
)
ALIASES: Final = {
    REPO_ROOT / "components" / Path(*old.split(".")).with_suffix(".py") for old in MOVED
}


def _python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO_ROOT,
    )


_WARNINGS: Final = """
import json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for name in sys.argv[1:]:
        exec(f"import {name}")  # an import statement, as users write it
print(json.dumps([
    {"message": str(w.message), "file": w.filename}
    for w in caught
    if issubclass(w.category, DeprecationWarning) and "connect_streaming" in str(w.message)
]))
"""


def _deprecations(*modules: str) -> list[dict[str, str]]:
    done = _python(_WARNINGS, *modules)
    assert done.returncode == 0, done.stderr[-2000:]
    found: list[dict[str, str]] = json.loads(done.stdout)
    return found


def test_every_kept_path_imports_without_a_deprecation() -> None:
    assert _deprecations(*KEPT) == []


@pytest.mark.parametrize("old", sorted(MOVED))
def test_a_moved_path_imports_and_warns_naming_its_new_home(old: str) -> None:
    (warning,) = _deprecations(old)
    assert warning["message"].startswith(f"{old} is deprecated")
    for new in MOVED[old]:
        assert new in warning["message"]
    # The warning points at the code that imported the old path, not at the alias.
    assert warning["file"] == "<string>", warning


@pytest.mark.parametrize("old", sorted(MOVED))
def test_a_moved_path_offers_the_same_objects(old: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=re.escape(old)):
        alias = __import__(old, fromlist=["_"])
    homes = [__import__(new, fromlist=["_"]) for new in MOVED[old]]
    public = {name for home in homes for name in getattr(home, "__all__", vars(home))}
    for name in public - {"annotations"}:
        if name.startswith("__"):
            continue
        owners = [home for home in homes if hasattr(home, name)]
        assert getattr(alias, name) is getattr(owners[0], name), (old, name)


def test_the_package_exports_its_eight_components_lazily() -> None:
    from connect_streaming.provider import COMPONENTS  # what the provider host serves

    assert len(connect_streaming.__all__) == 8
    assert set(connect_streaming.__all__) == {c.__name__ for c in COMPONENTS}
    for name in connect_streaming.__all__:
        component = getattr(connect_streaming, name)
        assert component.__name__ == name
        assert component.__module__.startswith("connect_streaming."), component.__module__
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        getattr(connect_streaming, "Nope")  # noqa: B009  (the lazy __getattr__ refuses it)


def test_the_pure_modules_import_without_pulumi() -> None:
    done = _python(
        f"""
        import importlib, sys
        class NoPulumi:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pulumi", "pulumi_aws", "pulumi_aws_native"):
                    raise ImportError(f"{{name}} is not installed here")
        sys.meta_path.insert(0, NoPulumi())
        for name in {list(PURE)!r}:
            importlib.import_module(name)
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def _documented_paths() -> set[str]:
    texts = [(REPO_ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "docs").rglob("*.md")]
    texts += [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "examples").rglob("*.py")]
    texts += [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "stacks").rglob("*.py")]
    return {m for text in texts for m in re.findall(r"connect_streaming(?:\.[a-z_]+)+", text)}


def test_every_path_the_readme_docs_and_examples_show_still_imports() -> None:
    paths = _documented_paths()
    assert "connect_streaming.flows" in paths
    script = """
    import importlib, sys, warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    for path in sys.argv[1:]:
        parts = path.split(".")
        for end in range(len(parts), 0, -1):  # the longest importable prefix, then attributes
            try:
                target = importlib.import_module(".".join(parts[:end]))
            except ModuleNotFoundError:
                continue
            for attribute in parts[end:]:
                target = getattr(target, attribute)
            break
    print("ok")
    """
    done = _python(script, *sorted(paths))
    assert done.returncode == 0, done.stderr[-2000:]


def _imported(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_nothing_inside_the_product_imports_a_deprecated_path() -> None:
    offenders: set[tuple[str, str]] = set()
    for folder in PRODUCT:
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            if path in ALIASES or ".venv" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for old in set(MOVED) & _imported(tree):
                offenders.add((str(path.relative_to(REPO_ROOT)), old))
    assert offenders == set()


def test_the_scan_sees_a_from_import_of_a_moved_module() -> None:
    tree = ast.parse(
        "from connect_streaming import documents\nimport connect_streaming.task_template"
    )
    assert set(MOVED) & _imported(tree) == {
        "connect_streaming.documents",
        "connect_streaming.task_template",
    }

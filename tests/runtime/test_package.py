"""Packaging promises: connect_runtime depends on the stdlib and boto3 only, never pulumi."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import connect_runtime

PACKAGE = Path(connect_runtime.__file__).parent
# Modules whose extra imports are documented: the strategies need hypothesis (a test tool).
OPTIONAL = {
    "strategies": {"hypothesis"},
    "strategies_today": {"hypothesis"},
    "task_strategies": {"hypothesis"},
}
ALLOWED = {"boto3", "botocore", "connect_runtime", "mypy_boto3_connect"}


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_runtime_imports_only_stdlib_and_boto3() -> None:
    stdlib = set(sys.stdlib_module_names)
    offenders = {}
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 8, "the audit must see the package's modules"
    for path in files:
        extra = OPTIONAL.get(path.stem, set())
        foreign = _top_level_imports(path) - stdlib - ALLOWED - extra
        if path.parent.name == "testing":
            foreign -= {"moto", "yaml", "pytest"}  # imported lazily, documented in the README
        if foreign:
            offenders[str(path.relative_to(PACKAGE))] = sorted(foreign)
    assert offenders == {}


def test_importing_the_runtime_and_its_cli_never_loads_pulumi() -> None:
    code = (
        "import sys, connect_runtime, connect_runtime.cli\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_aws'))\n"
        "print(loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_public_names_are_exported() -> None:
    for name in connect_runtime.__all__:
        assert getattr(connect_runtime, name) is not None, name

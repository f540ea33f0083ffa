"""Packaging promises: connect_runtime depends on the stdlib and boto3 only, never pulumi."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import connect_runtime

PACKAGE = Path(connect_runtime.__file__).parent
# Folders whose extra imports are documented: the strategies need hypothesis (a test tool).
OPTIONAL = {"testing/strategies": {"hypothesis"}}
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
        relative = path.relative_to(PACKAGE).as_posix()
        extra = OPTIONAL.get(relative.rsplit("/", 1)[0], set())
        foreign = _top_level_imports(path) - stdlib - ALLOWED - extra
        if relative.startswith("testing/"):
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


def test_the_pure_modules_load_without_boto3() -> None:
    code = (
        "import sys, connect_runtime.errors, connect_runtime.streaming\n"
        "import connect_runtime.tasks.references, connect_runtime.metrics\n"
        "assert 'boto3' not in sys.modules, 'boto3 was imported'\n"
        "assert 'botocore' not in sys.modules, 'botocore was imported'\n"
        "import connect_runtime\n"
        "connect_runtime.Reference\n"  # a pure name resolves without boto3 too
        "assert 'boto3' not in sys.modules, 'boto3 was imported'\n"
        "connect_runtime.ConnectRuntime\n"
        "assert 'boto3' in sys.modules\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (0, "ok"), out.stderr


def test_every_public_name_has_one_home_and_unknown_names_fail() -> None:
    homes = connect_runtime._HOMES
    assert set(homes) == set(connect_runtime.__all__)
    for name, home in homes.items():
        module = __import__(f"connect_runtime.{home}", fromlist=[name])
        assert getattr(connect_runtime, name) is getattr(module, name), name
    with pytest.raises(AttributeError, match="no_such_name"):
        connect_runtime.no_such_name  # noqa: B018

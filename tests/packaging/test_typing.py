"""Typed for outside users: the stubs floor covers every TypedDict name the code imports."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import version

import mypy_boto3_connect.type_defs as type_defs

from tests.repo import REPO_ROOT

SOURCES = ("connect_runtime", "components/connect_streaming", "connect_streaming_plan")


def _imported_stub_names() -> set[str]:
    names: set[str] = set()
    for folder in SOURCES:
        for path in (REPO_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.module == "mypy_boto3_connect.type_defs"
                ):
                    names.update(alias.name for alias in node.names)
    return names


def _floor(requirement_name: str) -> tuple[int, ...]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirements in project["project"]["optional-dependencies"].values():
        for requirement in requirements:
            found = re.fullmatch(rf"{re.escape(requirement_name)}>=([0-9.]+)", requirement)
            if found:
                return tuple(int(part) for part in found[1].split("."))
    raise AssertionError(f"no lower bound for {requirement_name}")


def test_every_imported_stub_name_exists_in_the_installed_stubs() -> None:
    names = _imported_stub_names()
    assert "StartTaskContactRequestTypeDef" in names
    missing = sorted(name for name in names if not hasattr(type_defs, name))
    assert missing == []


def test_the_stubs_floor_is_where_the_request_names_begin() -> None:
    # The *RequestTypeDef names the builders return first appear in mypy-boto3-connect 1.37
    # (1.35 and 1.36 have none: checked against both releases when the floor was set).
    assert _floor("mypy-boto3-connect") >= (1, 37)
    installed = tuple(int(part) for part in version("mypy-boto3-connect").split(".")[:2])
    assert installed >= _floor("mypy-boto3-connect")[:2]

"""Package-wide rules of connect_streaming (outside flows/, which has its own suite): functions
under 60 lines, and every raise uses the package's exception root."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

import connect_streaming
from connect_streaming import errors

PACKAGE = Path(connect_streaming.__file__).parent
MODULES = sorted(p for p in PACKAGE.glob("*.py"))
# Parsed at collection: CPython 3.11's ast.parse can fail spuriously ("AST constructor
# recursion depth mismatch", gh-106905) when called after tests that ran deep recursion.
TREES = {module: ast.parse(module.read_text(encoding="utf-8")) for module in MODULES}
BUILTIN_ERRORS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_functions_are_under_60_lines(module: Path) -> None:
    tree = TREES[module]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length < 60, f"{module.name}:{node.lineno} {node.name} is {length} lines"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_raise_uses_a_builtin_exception(module: Path) -> None:
    tree = TREES[module]
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else None
            # AttributeError is the module __getattr__ protocol and ImportError names a missing
            # optional extra (pulumi-aws-native): neither is an input error.
            assert name not in BUILTIN_ERRORS - {"AttributeError", "ImportError"}, (
                f"{module.name}:{node.lineno} raises {name}"
            )


def test_the_exception_classes_share_one_root() -> None:
    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    assert {c.__name__ for c in classes} >= {
        "ConnectStreamingError",
        "RuleError",
        "ComponentInputError",
        "ConfigError",
    }
    for klass in classes:
        assert issubclass(klass, errors.ConnectStreamingError), klass

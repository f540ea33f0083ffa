"""Lazy package exports and deprecated module paths, shared by the package and its folders.

A folder's ``__init__`` names where each export lives; the module (and pulumi with it) loads on
first use, so the pure modules of a folder import without the Pulumi SDK.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) that loads ``homes[name]`` and returns its ``name``."""

    def __getattr__(name: str) -> Any:
        module = homes.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module), name)

    return __getattr__


def forwarded(module: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` that reads any other name from ``module`` (a moved module's
    alias keeps its private names reachable too)."""

    def __getattr__(name: str) -> Any:
        return getattr(import_module(module), name)

    return __getattr__


def warn_moved(old: str, new: str) -> None:
    """Warn (DeprecationWarning) that module ``old`` moved to ``new``, at the line that imported
    ``old``: called from the alias module's body, whose importer is two frames up (the warnings
    module skips the import machinery's own frames)."""
    warnings.warn(
        f"{old} is deprecated and goes in the next minor version: import {new} instead",
        DeprecationWarning,
        stacklevel=3,
    )

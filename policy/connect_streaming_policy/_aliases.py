"""Deprecated import paths, kept working for this minor version: a moved name is found in its
new module, with a ``DeprecationWarning`` that names that module."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping
from typing import Any, Final

__all__ = ["homes", "resolve"]

_PACK: Final = "connect_streaming_policy"


def homes(names_by_module: Mapping[str, str]) -> dict[str, str]:
    """Each moved name -> its module, from module -> space-separated names; a module named
    without a dot is one of the pack's."""
    return {
        name: module if "." in module else f"{_PACK}.{module}"
        for module, names in names_by_module.items()
        for name in names.split()
    }


def resolve(old: str, homes: Mapping[str, str], name: str) -> Any:
    """``name`` from its new module ``homes[name]``, warning that ``old`` is deprecated for it;
    ``AttributeError`` for a name ``old`` never had (as a module's own ``__getattr__`` must)."""
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {old!r} has no attribute {name!r}")
    warnings.warn(
        f"{old}.{name} is deprecated: import {name} from {home}",
        DeprecationWarning,
        stacklevel=3,  # the importer's line: resolve <- the old module's __getattr__ <- importer
    )
    return getattr(importlib.import_module(home), name)

"""Deprecated aliases of the module paths that moved when connect_runtime took one folder per
capability: each warns once, at import, naming the new home."""

from __future__ import annotations

import warnings

__all__ = ["moved"]


def moved(old: str, new: str) -> None:
    """Warn that module ``old`` is now ``new`` (called at the top of the alias module)."""
    warnings.warn(
        f"{old} is deprecated: it moved to {new}; import it from there (this alias will be"
        " removed in a later minor version)",
        DeprecationWarning,
        stacklevel=3,  # the importer's line (the import system's own frames are skipped)
    )

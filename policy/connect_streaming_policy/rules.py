"""Deprecated: the pack's rules moved to :mod:`.catalogue` (the lists and ``rule``),
:mod:`.vocabulary` (type tokens, ``Context``, the rule records) and one module per resource
family. Every name this module had still imports from here, with a ``DeprecationWarning``."""

from typing import Any

from connect_streaming_policy import _aliases

__all__ = _aliases.names(__name__)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, name)

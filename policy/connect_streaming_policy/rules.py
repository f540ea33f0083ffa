"""Deprecated: the rules moved to ``catalogue`` (the lists, ``rule``), ``vocabulary`` (type
tokens, ``Context``, the rule records) and one module per resource family. Every name this module
had still imports from here, with a ``DeprecationWarning`` naming its new module."""

from typing import Any

from connect_streaming_policy import _aliases

__all__ = _aliases.names(__name__)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, name)

"""Deprecated: the resource-policy checks moved to their families (:mod:`.sns`, :mod:`.sqs`,
:mod:`.lambda_`, :mod:`.subscriptions`, :mod:`.trust`, :mod:`.kms`), the readers to
:mod:`.statements`. Every name this module had still imports from here, with a
``DeprecationWarning``."""

from typing import Any

from connect_streaming_policy import _aliases

__all__ = _aliases.names(__name__)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, name)

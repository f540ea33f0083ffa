"""Deprecated: the resource-policy checks moved to their families (sns, sqs, lambda_,
subscriptions, trust, kms) and the readers to statements. Every name this module had still
imports from here, with a ``DeprecationWarning`` naming its new module."""

from typing import Any

from connect_streaming_policy import _aliases

__all__ = _aliases.names(__name__)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, name)

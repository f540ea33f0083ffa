"""Deprecated: the resource-policy checks moved to their families (:mod:`.sns`, :mod:`.sqs`,
:mod:`.lambda_`, :mod:`.subscriptions`, :mod:`.trust`, :mod:`.kms`) and the readers to
:mod:`.statements`. Every name this module had still imports from here, with a
``DeprecationWarning``."""

from __future__ import annotations

from typing import Any, Final

from connect_streaming_policy import _aliases

_PACK: Final = "connect_streaming_policy"
_HOMES: Final = {
    **dict.fromkeys(
        (
            "NEGATED_OPERATOR", "DocumentError", "Statement", "condition_values", "is_array",
            "is_public", "principals", "statements", "string_list",
        ),
        f"{_PACK}.statements",
    ),
    **dict.fromkeys(("connect_publish_problems", "topic_public_problems"), f"{_PACK}.sns"),
    **dict.fromkeys(("INTERNAL_PROTOCOLS", "subscription_problems"), f"{_PACK}.subscriptions"),
    **dict.fromkeys(("COGNITO_HOST", "GITHUB_OIDC_HOST", "trust_problems"), f"{_PACK}.trust"),
    **dict.fromkeys(
        ("STREAMING_KEY_ACTIONS", "STREAMING_KEY_SERVICES", "key_grant_problems"),
        f"{_PACK}.kms",
    ),
    "queue_problems": f"{_PACK}.sqs",
    "lambda_permission_problems": f"{_PACK}.lambda_",
    "CONNECT_SERVICE": "connect_streaming.documents",
    "SNS_SERVICE": "connect_streaming.documents",
}  # fmt: skip
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, _HOMES, name)

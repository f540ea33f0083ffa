"""Deprecated: the resource-policy checks moved to their families (:mod:`.sns`, :mod:`.sqs`,
:mod:`.lambda_`, :mod:`.subscriptions`, :mod:`.trust`, :mod:`.kms`) and the readers to
:mod:`.statements`. Every name this module had still imports from here, with a
``DeprecationWarning``."""

from __future__ import annotations

from typing import Any, Final

from connect_streaming_policy import _aliases

_HOMES: Final = _aliases.homes(
    {
        "statements": (
            "NEGATED_OPERATOR DocumentError Statement condition_values is_array is_public"
            " principals statements string_list"
        ),
        "sns": "connect_publish_problems topic_public_problems",
        "sqs": "queue_problems",
        "lambda_": "lambda_permission_problems",
        "subscriptions": "INTERNAL_PROTOCOLS subscription_problems",
        "trust": "COGNITO_HOST GITHUB_OIDC_HOST trust_problems",
        "kms": "STREAMING_KEY_ACTIONS STREAMING_KEY_SERVICES key_grant_problems",
        "connect_streaming.documents": "CONNECT_SERVICE SNS_SERVICE",
    }
)
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, _HOMES, name)

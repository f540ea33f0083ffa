"""KMS keys: symmetric keys rotate, and key policies give a service principal only what
streaming needs (kms:GenerateDataKey* and kms:Decrypt)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.streaming.documents import CONNECT_SERVICE, SNS_SERVICE
from connect_streaming_policy.statements import Statement, allow_problems, principals
from connect_streaming_policy.vocabulary import KEY, Context, resource_rule

__all__ = [
    "KMS_KEY_ROTATION",
    "KMS_SERVICE_GRANT_MINIMAL",
    "STREAMING_KEY_ACTIONS",
    "STREAMING_KEY_SERVICES",
    "key_grant_problems",
]

# What SNS needs from a publisher's key for server-side encryption (SNS developer guide,
# "Encryption at rest": kms:GenerateDataKey* and kms:Decrypt), and nothing else.
STREAMING_KEY_ACTIONS: Final = frozenset(
    {"kms:generatedatakey*", "kms:generatedatakey", "kms:decrypt"}
)
STREAMING_KEY_SERVICES: Final = frozenset({CONNECT_SERVICE, SNS_SERVICE})


def _check_key_rotation(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Symmetric KMS keys have automatic rotation on.

    Fix: Set enable_key_rotation=True on the key.
    """
    spec = props.get("customerMasterKeySpec") or props.get("keySpec") or "SYMMETRIC_DEFAULT"
    usage = props.get("keyUsage") or "ENCRYPT_DECRYPT"
    if spec != "SYMMETRIC_DEFAULT" or usage != "ENCRYPT_DECRYPT":
        return []  # only symmetric encryption keys can rotate automatically
    if props.get("enableKeyRotation") is not True:
        return ["automatic key rotation is off (enableKeyRotation is not true)"]
    return []


KMS_KEY_ROTATION: Final = resource_rule(
    "kms-key-rotation", _check_key_rotation, "medium", "mandatory", KEY
)


def _key_grant_problem(s: Statement) -> str | None:
    services = [v.lower() for v in principals(s, "Service")]
    if not services:
        return None
    streaming = [v for v in services if v in STREAMING_KEY_SERVICES]
    if s.not_actions:
        extra = [f"everything but {list(s.not_actions)}"]
    elif streaming:
        extra = [a for a in s.actions if a.lower() not in STREAMING_KEY_ACTIONS]
    else:
        extra = [a for a in s.actions if a == "*" or a.lower() == "kms:*"]
    if not extra:
        return None
    return (
        f"{s.label} grants {services} {extra}; a service principal gets only what streaming"
        " needs: kms:GenerateDataKey* and kms:Decrypt"
    )


def key_grant_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """KMS key policies give a service principal (Connect, SNS) only kms:GenerateDataKey* and
    kms:Decrypt, and no service kms:* or NotAction.

    Fix: Set the statement's Action to ["kms:GenerateDataKey*", "kms:Decrypt"] (kms_key_policy
    does).
    """
    return allow_problems(props.get("policy"), _key_grant_problem)


KMS_SERVICE_GRANT_MINIMAL: Final = resource_rule(
    "kms-service-grant-minimal", key_grant_problems, "high", "mandatory", KEY
)

"""Service principals granted by topic and key policies carry aws:SourceAccount and
aws:SourceArn, so no other account's resource can use the grant (the confused deputy)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming_policy.statements import (
    condition_keys,
    principals,
    statements_or_problem,
)
from connect_streaming_policy.vocabulary import KEY, TOPIC, TOPIC_POLICY, Context, resource_rule

__all__ = ["SERVICE_GRANTS_SCOPED"]

_REQUIRED_KEYS: Final = (
    ("aws:SourceAccount", "aws:sourceaccount"),
    ("aws:SourceArn", "aws:sourcearn"),
)


def _check_service_grants(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Topic and KMS key policies that grant a service principal (connect.amazonaws.com) carry
    aws:SourceAccount and aws:SourceArn conditions.

    Fix: Add StringEquals aws:SourceAccount (your account) and ArnEquals aws:SourceArn (the Connect
    instance ARN) to the statement.
    """
    policy = props.get("policy") if resource_type in (TOPIC, TOPIC_POLICY, KEY) else None
    if policy is None:
        return []
    parsed = statements_or_problem(policy)
    if isinstance(parsed, str):
        return [parsed]
    problems = []
    for s in parsed:
        services = principals(s, "Service")
        if s.effect != "Allow" or not services:
            continue
        keys = condition_keys(s)
        missing = [key for key, low in _REQUIRED_KEYS if low not in keys]
        if missing:
            problems.append(
                f"{s.label} grants {', '.join(services)} without {' and '.join(missing)}"
                " conditions (confused deputy: any account's resource could use the grant)"
            )
    return problems


SERVICE_GRANTS_SCOPED: Final = resource_rule(
    "service-grants-scoped",
    _check_service_grants,
    "critical",
    "mandatory",
    TOPIC,
    TOPIC_POLICY,
    KEY,
)

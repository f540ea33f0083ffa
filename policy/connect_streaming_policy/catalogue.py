"""Every rule of the pack in the order the pack serves them: the one list a new rule joins.
Each family module holds its checks beside its rule objects; this module only assembles them."""

from __future__ import annotations

from typing import Final

from connect_streaming_policy import (
    delivery,
    flow_warnings,
    flows,
    iam,
    kms,
    lambda_,
    service_grants,
    sns,
    sqs,
    subscriptions,
    tags,
    templates,
    trust,
)
from connect_streaming_policy.vocabulary import ResourceRule, Rule, StackRule

__all__ = ["RESOURCE_RULES", "RULES", "STACK_RULES", "STREAMING_PATH_RULES", "rule"]

STREAMING_PATH_RULES: Final[tuple[ResourceRule, ...]] = (
    sns.TOPIC_POLICY_NOT_PUBLIC,
    sns.CONNECT_PUBLISH_GRANT_PINNED,
    sqs.QUEUE_POLICY_SCOPED,
    lambda_.LAMBDA_PERMISSION_SNS_SOURCE,
    subscriptions.SUBSCRIPTION_PROTOCOL_INTERNAL,
    trust.ROLE_TRUST_SCOPED,
    kms.KMS_SERVICE_GRANT_MINIMAL,
)
"""Rules for the whole streaming path's resource policies, on any stack's resources."""

RESOURCE_RULES: Final[tuple[ResourceRule, ...]] = (
    sns.STREAMING_TOPIC_STANDARD,
    sns.TOPIC_ENCRYPTED_WITH_CMK,
    service_grants.SERVICE_GRANTS_SCOPED,
    sns.TOPIC_DENIES_INSECURE_TRANSPORT,
    kms.KMS_KEY_ROTATION,
    iam.IAM_NO_WILDCARD_ACTIONS,
    iam.IAM_SCOPED_RESOURCES,
    iam.IAM_NO_PASSROLE_STAR,
    *STREAMING_PATH_RULES,
    flows.CONTACT_FLOW_VALID,
    flow_warnings.CONTACT_FLOW_WARNINGS,
    templates.TASK_TEMPLATE_USABLE,
    delivery.QUEUE_POLICY_DENIES_INSECURE_TRANSPORT,
    tags.REQUIRED_TAGS,
)

STACK_RULES: Final[tuple[StackRule, ...]] = (
    subscriptions.STREAMING_TOPIC_HAS_SUBSCRIBER,
    delivery.STREAMING_SUBSCRIPTION_HAS_DLQ,
    delivery.SUBSCRIBER_QUEUE_HAS_REDRIVE,
    delivery.DEAD_LETTER_QUEUE_RETENTION_MAXIMUM,
)

RULES: Final[tuple[Rule, ...]] = (*RESOURCE_RULES, *STACK_RULES)
"""Every rule of the pack, by name order of appearance."""


def rule(name: str) -> Rule:
    """The rule called ``name`` (KeyError naming the known ones otherwise)."""
    for candidate in RULES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no rule {name!r}; known: {', '.join(r.name for r in RULES)}")

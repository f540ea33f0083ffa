"""SNS topics and topic policies: the streaming topic is standard and encrypted with a CMK, and
its policy is not public, denies plain HTTP and pins Amazon Connect's grant to one instance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.streaming.documents import CONNECT_SERVICE
from connect_streaming_policy.arns import ACCOUNT_ID, INSTANCE_ARN
from connect_streaming_policy.public import public_problem
from connect_streaming_policy.statements import (
    Statement,
    allow_problems,
    condition_values,
    covers,
    insecure_transport_problems,
    principals,
    statements_or_problem,
)
from connect_streaming_policy.vocabulary import TOPIC, TOPIC_POLICY, Context, resource_rule

__all__ = [
    "AWS_MANAGED_SNS_KEY",
    "CONNECT_PUBLISH_GRANT_PINNED",
    "STREAMING_TOPIC_STANDARD",
    "TOPIC_DENIES_INSECURE_TRANSPORT",
    "TOPIC_ENCRYPTED_WITH_CMK",
    "TOPIC_POLICY_NOT_PUBLIC",
    "connect_publish_problems",
    "grants_connect",
    "topic_public_problems",
]

AWS_MANAGED_SNS_KEY: Final = "alias/aws/sns"


def grants_connect(policy: Any) -> bool:
    """Whether a readable policy allows anything to ``connect.amazonaws.com`` (a streaming
    topic's policy does)."""
    parsed = statements_or_problem(policy)
    return not isinstance(parsed, str) and any(
        s.effect == "Allow" and CONNECT_SERVICE in principals(s, "Service") for s in parsed
    )


def _is_fifo(resource_type: str, props: Mapping[str, Any]) -> bool:
    if resource_type == TOPIC:
        name = props.get("name")
        return props.get("fifoTopic") is True or (isinstance(name, str) and name.endswith(".fifo"))
    arn = props.get("arn")
    return isinstance(arn, str) and arn.endswith(".fifo")


def _check_standard_topic(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """SNS topics Amazon Connect streams to are standard topics, not FIFO.

    Fix: Create the streaming topic with fifo_topic=false and no .fifo suffix.
    """
    if _is_fifo(resource_type, props) and grants_connect(props.get("policy")):
        return [
            "the topic grants connect.amazonaws.com but is FIFO; Amazon Connect streams chats"
            " only to standard topics, so StartContactStreaming would fail"
        ]
    return []


STREAMING_TOPIC_STANDARD: Final = resource_rule(
    "streaming-topic-standard", _check_standard_topic, "high", "mandatory", TOPIC, TOPIC_POLICY
)


def _check_topic_cmk(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """SNS topics are encrypted with a customer-managed KMS key (not alias/aws/sns).

    Fix: Set kms_master_key_id to a customer-managed key whose policy lets connect.amazonaws.com use
    it (ChatStreamingEndpoint creates one).
    """
    if context.config.get("scope") == "streaming" and not grants_connect(props.get("policy")):
        return []
    key = props.get("kmsMasterKeyId")
    if not isinstance(key, str) or not key:
        return ["the topic is not encrypted (kmsMasterKeyId is not set)"]
    if key == AWS_MANAGED_SNS_KEY or key.endswith(":" + AWS_MANAGED_SNS_KEY):
        return [
            f"the topic uses the AWS managed key {key!r}, whose key policy cannot grant"
            " connect.amazonaws.com; use a customer-managed key"
        ]
    return []


TOPIC_ENCRYPTED_WITH_CMK: Final = resource_rule(
    "topic-encrypted-with-cmk",
    _check_topic_cmk,
    "high",
    "mandatory",
    TOPIC,
    config={
        "scope": {
            "type": "string",
            "enum": ["all", "streaming"],
            "default": "all",
            "description": "Judge every topic, or only those granting connect.amazonaws.com.",
        }
    },
)


def _check_insecure_transport(
    resource_type: str, props: Mapping[str, Any], _: Context
) -> list[str]:
    """Topic policies deny sns:Publish over plain HTTP (aws:SecureTransport false).

    Fix: Add a Deny statement for sns:Publish with Condition {"Bool": {"aws:SecureTransport":
    "false"}}.
    """
    return insecure_transport_problems(
        props.get("policy"),
        ("sns:publish",),
        "the topic policy has no Deny of sns:Publish to every principal ('*') when"
        " aws:SecureTransport is false; messages could be published over plain HTTP",
    )


TOPIC_DENIES_INSECURE_TRANSPORT: Final = resource_rule(
    "topic-denies-insecure-transport",
    _check_insecure_transport,
    "medium",
    "mandatory",
    TOPIC,
    TOPIC_POLICY,
)


def topic_public_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """SNS topic policies allow nothing to every principal ('*') unless a condition names the
    account, organization or source.

    Fix: Name the account or service principal, or add StringEquals aws:SourceAccount (or
    aws:PrincipalOrgID) to the statement.
    """
    return allow_problems(props.get("policy"), lambda s: public_problem(s, "topic"))


TOPIC_POLICY_NOT_PUBLIC: Final = resource_rule(
    "topic-policy-not-public", topic_public_problems, "critical", "mandatory", TOPIC, TOPIC_POLICY
)


def _connect_grant_problem(s: Statement) -> str | None:
    if CONNECT_SERVICE not in principals(s, "Service"):
        return None
    if not s.not_actions and not covers(s.actions, "sns:publish"):
        return None  # a grant of something else than publishing
    accounts = condition_values(s, "aws:SourceAccount")
    arns = condition_values(s, "aws:SourceArn")
    wrong: list[str] = []
    if not accounts or not all(ACCOUNT_ID.fullmatch(a) for a in accounts):
        wrong.append(f"aws:SourceAccount {accounts or 'missing'} (want one account ID)")
    matches = [INSTANCE_ARN.fullmatch(a) for a in arns or []]
    if not arns or not all(matches):
        wrong.append(
            f"aws:SourceArn {arns or 'missing'} (want arn:aws:connect:REGION:ACCOUNT:instance/ID"
            " with no '*')"
        )
    elif accounts and any(m and m["account"] not in accounts for m in matches):
        wrong.append(f"aws:SourceArn {arns} is not in aws:SourceAccount {accounts}")
    if not wrong:
        return None
    return (
        f"{s.label} lets connect.amazonaws.com publish with {'; '.join(wrong)}; condition it on"
        " StringEquals aws:SourceAccount and ArnEquals aws:SourceArn naming your one instance"
    )


def connect_publish_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Amazon Connect's sns:Publish grant is conditioned on aws:SourceAccount and an aws:SourceArn
    naming one instance (no '*' in account, region or instance ID).

    Fix: Condition the statement on StringEquals aws:SourceAccount ACCOUNT and ArnEquals
    aws:SourceArn arn:aws:connect:REGION:ACCOUNT:instance/ID.
    """
    return allow_problems(props.get("policy"), _connect_grant_problem)


CONNECT_PUBLISH_GRANT_PINNED: Final = resource_rule(
    "connect-publish-grant-pinned",
    connect_publish_problems,
    "critical",
    "mandatory",
    TOPIC,
    TOPIC_POLICY,
)

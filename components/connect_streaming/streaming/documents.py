"""The chat streaming path's documents, pure: the topic's KMS key and topic policies, the SQS
subscriber and dead-letter queue policies, redrive policies, and the visibility filter.

No pulumi here: :class:`ChatStreamingEndpoint` feeds these plain values through
``Output.apply``; the policy pack reads the same constants; tests lint them with parliament.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from connect_runtime.streaming.consumer import VISIBILITIES
from connect_streaming._json import document, to_json
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError

__all__ = [
    "CONNECT_SERVICE",
    "DEAD_LETTER_RETENTION_SECONDS",
    "DEFAULT_MAX_RECEIVE_COUNT",
    "DEFAULT_RETENTION_SECONDS",
    "MAX_RECEIVE_COUNT_RANGE",
    "MAX_RECEIVE_COUNT_RULE",
    "MESSAGE_VISIBILITIES",
    "RETENTION_RANGE",
    "RETENTION_RULE",
    "SNS_SERVICE",
    "kms_key_policy",
    "message_visibility_filter",
    "queue_redrive_policy",
    "redrive_allow_policy",
    "sqs_subscriber_policy",
    "streaming_topic_policy",
    "subscription_redrive_policy",
    "tls_only_queue_policy",
    "to_json",
]

CONNECT_SERVICE: Final = "connect.amazonaws.com"
SNS_SERVICE: Final = "sns.amazonaws.com"
MESSAGE_VISIBILITIES: Final = VISIBILITIES
"""Values of the ``MessageVisibility`` attribute Connect sets on streamed messages (one list,
kept by ``connect_runtime.streaming.consumer``)."""

# The only key actions SNS needs from a publisher's key for server-side encryption.
_CONNECT_KEY_ACTIONS: Final = ("kms:GenerateDataKey*", "kms:Decrypt")
_TOPIC_OWNER_ACTIONS: Final = (
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
)
DEFAULT_RETENTION_SECONDS: Final = 345_600
"""How long a subscriber queue keeps a message unless configured (SQS's default, 4 days)."""
DEAD_LETTER_RETENTION_SECONDS: Final = 1_209_600
"""Dead-letter queues keep messages for SQS's maximum, 14 days: a standard queue keeps a
message's first enqueue time when it moves to the DLQ, so a shorter DLQ retention loses it."""
RETENTION_RANGE: Final = (60, DEAD_LETTER_RETENTION_SECONDS)
"""``MessageRetentionPeriod`` bounds in seconds (SQS API reference, SetQueueAttributes)."""
DEFAULT_MAX_RECEIVE_COUNT: Final = 5
"""Receives before a subscriber queue moves a message it never saw deleted to its DLQ."""
MAX_RECEIVE_COUNT_RANGE: Final = (1, 1000)
"""``maxReceiveCount`` bounds (SQS developer guide, dead-letter queue redrive policy)."""
MAX_RECEIVE_COUNT_RULE: Final = (
    f"a whole number of receives from {MAX_RECEIVE_COUNT_RANGE[0]} to {MAX_RECEIVE_COUNT_RANGE[1]}"
)
RETENTION_RULE: Final = (
    f"a whole number of seconds from {RETENTION_RANGE[0]} to {RETENTION_RANGE[1]} (14 days)"
)
# Every principal, so that nobody (the owner included) can use plain HTTP.
_INSECURE_TRANSPORT_DENIED: Final = {
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}


def _source_conditions(instance: ConnectInstance) -> dict[str, Any]:
    # Confused-deputy protection for a service principal (AWS documentation for Connect).
    return {
        "StringEquals": {"aws:SourceAccount": instance.account_id},
        "ArnEquals": {"aws:SourceArn": instance.arn},
    }


def kms_key_policy(instance: ConnectInstance) -> dict[str, Any]:
    """Key policy for a streaming topic's CMK: the account administers it; Connect encrypts.

    Example:
        >>> arn = "arn:aws:connect:us-east-1:123456789012:instance/i-1"
        >>> instance = ConnectInstance.from_arn(arn)
        >>> kms_key_policy(instance)["Statement"][1]["Condition"]["ArnEquals"]
        {'aws:SourceArn': 'arn:aws:connect:us-east-1:123456789012:instance/i-1'}
    """
    return document(
        {
            # The default key policy statement: without it the key could become unmanageable.
            "Sid": "AccountAdministersKey",
            "Effect": "Allow",
            "Principal": {"AWS": instance.account_root_arn()},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "ConnectEncryptsStreamedMessages",
            "Effect": "Allow",
            "Principal": {"Service": CONNECT_SERVICE},
            "Action": list(_CONNECT_KEY_ACTIONS),
            "Resource": "*",
            "Condition": _source_conditions(instance),
        },
    )


def streaming_topic_policy(instance: ConnectInstance, topic_arn: str) -> dict[str, Any]:
    """Topic policy: the owner keeps its access, Connect may publish, plain HTTP is denied."""
    return document(
        {
            "Sid": "OwnerManagesTopic",
            "Effect": "Allow",
            "Principal": {"AWS": instance.account_root_arn()},
            "Action": list(_TOPIC_OWNER_ACTIONS),
            "Resource": topic_arn,
        },
        {
            "Sid": "ConnectPublishesChatMessages",
            "Effect": "Allow",
            "Principal": {"Service": CONNECT_SERVICE},
            "Action": "sns:Publish",
            "Resource": topic_arn,
            "Condition": _source_conditions(instance),
        },
        _deny_insecure_transport("sns:Publish", topic_arn),
    )


def sqs_subscriber_policy(queue_arn: str, topic_arn: str) -> dict[str, Any]:
    """Queue policy letting exactly one topic deliver to the queue (a subscriber queue, or the
    dead-letter queue of a subscription to that topic), over TLS only."""
    return document(
        {
            "Sid": "TopicDeliversToQueue",
            "Effect": "Allow",
            "Principal": {"Service": SNS_SERVICE},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
        },
        _deny_insecure_transport("sqs:*", queue_arn),
    )


def tls_only_queue_policy(queue_arn: str) -> dict[str, Any]:
    """Queue policy of a queue's own dead-letter queue: SQS moves messages there itself, so
    nobody needs a grant; every request over plain HTTP is denied."""
    return document(_deny_insecure_transport("sqs:*", queue_arn))


def _deny_insecure_transport(action: str, resource: str) -> dict[str, Any]:
    return {**_INSECURE_TRANSPORT_DENIED, "Action": action, "Resource": resource}


def subscription_redrive_policy(dead_letter_queue_arn: str) -> dict[str, str]:
    """An SNS subscription's ``RedrivePolicy``: what SNS cannot deliver goes to this queue.

    Example:
        >>> subscription_redrive_policy("arn:aws:sqs:us-east-1:123456789012:chat-q-sns-dlq")
        {'deadLetterTargetArn': 'arn:aws:sqs:us-east-1:123456789012:chat-q-sns-dlq'}
    """
    return {"deadLetterTargetArn": dead_letter_queue_arn}


def queue_redrive_policy(dead_letter_queue_arn: str, max_receive_count: int) -> dict[str, Any]:
    """An SQS queue's ``RedrivePolicy``: a message received ``max_receive_count`` times and
    never deleted moves to the dead-letter queue (SQS: 1..1000 receives)."""
    if type(max_receive_count) is not int or not (
        MAX_RECEIVE_COUNT_RANGE[0] <= max_receive_count <= MAX_RECEIVE_COUNT_RANGE[1]
    ):
        raise RuleError(MAX_RECEIVE_COUNT_RULE, max_receive_count, field="max_receive_count")
    return {"deadLetterTargetArn": dead_letter_queue_arn, "maxReceiveCount": max_receive_count}


def redrive_allow_policy(source_queue_arns: Sequence[str]) -> dict[str, Any]:
    """A dead-letter queue's ``RedriveAllowPolicy``: only these queues may use it as their
    DLQ; none (``denyAll``) for a subscription's DLQ, which SNS fills through its policy."""
    if not source_queue_arns:
        return {"redrivePermission": "denyAll"}
    return {"redrivePermission": "byQueue", "sourceQueueArns": sorted(source_queue_arns)}


def message_visibility_filter(visibilities: Sequence[str]) -> dict[str, list[str]] | None:
    """SNS filter policy on the ``MessageVisibility`` attribute; None delivers everything.

    Example:
        >>> message_visibility_filter(["CUSTOMER", "ALL"])
        {'MessageVisibility': ['CUSTOMER', 'ALL']}
    """
    if not visibilities:
        return None
    unknown = [v for v in visibilities if v not in MESSAGE_VISIBILITIES]
    if unknown:
        raise RuleError(f"a list of {', '.join(MESSAGE_VISIBILITIES)}", list(visibilities))
    return {"MessageVisibility": list(dict.fromkeys(visibilities))}

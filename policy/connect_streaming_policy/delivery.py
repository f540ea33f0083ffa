"""Nothing lost after the streaming topic: dead-letter queues for its subscriptions and their
queues, DLQs that keep messages for 14 days, and queue policies that refuse plain HTTP."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from connect_streaming.arns import PARTITION
from connect_streaming.streaming.documents import (
    DEAD_LETTER_RETENTION_SECONDS,
    DEFAULT_RETENTION_SECONDS,
    MAX_RECEIVE_COUNT_RANGE,
)
from connect_streaming_policy.statements import insecure_transport_problems
from connect_streaming_policy.subscriptions import streaming_topics
from connect_streaming_policy.vocabulary import (
    QUEUE,
    QUEUE_POLICY,
    SUBSCRIPTION,
    Context,
    StackResource,
    resource_rule,
    stack_rule,
)

__all__ = [
    "DEAD_LETTER_QUEUE_RETENTION_MAXIMUM",
    "QUEUE_POLICY_DENIES_INSECURE_TRANSPORT",
    "STREAMING_SUBSCRIPTION_HAS_DLQ",
    "SUBSCRIBER_QUEUE_HAS_REDRIVE",
    "Redrive",
    "read_redrive",
]

REDRIVE_POLICY: Final = "aws:sqs/redrivePolicy:RedrivePolicy"
"""pulumi-aws's separate resource for a queue's redrive (instead of ``redrivePolicy``)."""
# The requests a TLS-only deny must cover: what sends chat content and what reads it.
_TLS_ACTIONS: Final = ("sqs:sendmessage", "sqs:receivemessage")
_SQS_ARN: Final = re.compile(
    rf"arn:(?P<partition>{PARTITION}):sqs:(?P<region>[a-z0-9-]+):(?P<account>[0-9]{{12}}):[A-Za-z0-9_-]{{1,80}}"
)
_SNS_ARN: Final = re.compile(
    rf"arn:(?P<partition>{PARTITION}):sns:(?P<region>[a-z0-9-]+):(?P<account>[0-9]{{12}}):.+"
)
Found = list[tuple[str, str | None]]


# --- TLS-only queue policies (one resource) ----------------------------------------------------


def queue_tls_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """SQS queue policies deny every principal sqs:* (at least SendMessage and ReceiveMessage)
    when aws:SecureTransport is false.

    Fix: Add a statement {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Condition":
    {"Bool": {"aws:SecureTransport": "false"}}} (sqs_subscriber_policy and tls_only_queue_policy
    do).

    A ``Queue`` whose policy is a separate ``QueuePolicy`` is judged by that resource.
    """
    return insecure_transport_problems(
        props.get("policy"),
        _TLS_ACTIONS,
        "the queue policy has no Deny of sqs:* to every principal ('*') when"
        " aws:SecureTransport is false; chat content could be sent to or read from the queue"
        " over plain HTTP",
    )


QUEUE_POLICY_DENIES_INSECURE_TRANSPORT: Final = resource_rule(
    "queue-policy-denies-insecure-transport",
    queue_tls_problems,
    "medium",
    "advisory",
    QUEUE,
    QUEUE_POLICY,
)


# --- the stack: which topics stream, what subscribes, where redrives point --------------------


def _text(props: Mapping[str, Any], key: str) -> str | None:
    """A property that names something (an ARN, a URL), or None when it is not a string."""
    value = props.get(key)
    return value if isinstance(value, str) else None


def _streaming_subscriptions(resources: Sequence[StackResource]) -> Iterator[StackResource]:
    topics = streaming_topics(resources)
    streaming = {r.urn for r in topics} | {
        a for r in topics if isinstance(a := r.props.get("arn"), str)
    }
    for r in resources:
        if r.type == SUBSCRIPTION and (
            _text(r.props, "topic") in streaming or r.parent in streaming
        ):
            yield r


@dataclass(frozen=True)
class Redrive:
    """A redrive policy as read: the DLQ's ARN and, for a queue, its maxReceiveCount."""

    target: str | None
    max_receive_count: Any = None
    problem: str | None = None


def read_redrive(value: Any) -> Redrive | None:
    """A ``redrivePolicy`` (JSON text or an object) read, or None when there is none."""
    if value is None or value == "":
        return None
    document = value
    if isinstance(value, str):
        try:
            document = json.loads(value)
        except ValueError:
            return Redrive(None, problem="redrivePolicy is not valid JSON")
    if not isinstance(document, Mapping):
        return Redrive(None, problem="redrivePolicy is not a JSON object")
    target = document.get("deadLetterTargetArn")
    if not isinstance(target, str) or not _SQS_ARN.fullmatch(target):
        return Redrive(None, problem=f"deadLetterTargetArn {target!r} is not an SQS queue ARN")
    return Redrive(target, document.get("maxReceiveCount"))


def _queue_redrives(resources: Sequence[StackResource]) -> dict[str, Redrive | None]:
    """Each queue's redrive by its URL and by its ARN (inline, or a RedrivePolicy resource)."""
    separate = {
        _text(r.props, "queueUrl"): read_redrive(r.props.get("redrivePolicy"))
        for r in resources
        if r.type == REDRIVE_POLICY
    }
    found: dict[str, Redrive | None] = {}
    for r in resources:
        if r.type != QUEUE:
            continue
        redrive = read_redrive(r.props.get("redrivePolicy")) or separate.get(_text(r.props, "url"))
        for key in (_text(r.props, "arn"), r.urn):
            if key:
                found[key] = redrive
    return found


# --- stack checks --------------------------------------------------------------------------------


def _same_place(target: str, topic: Any) -> bool:
    """Whether an SQS ARN is in the partition, Region and account of a topic ARN (a topic
    that is not a readable ARN gives nothing to compare)."""
    sqs = _SQS_ARN.fullmatch(target)
    sns = _SNS_ARN.fullmatch(topic) if isinstance(topic, str) else None
    if sqs is None or sns is None:
        return True
    place = ("partition", "region", "account")
    return sqs.group(*place) == sns.group(*place)


def subscription_dlq_problems(resources: Sequence[StackResource], _: Context) -> Found:
    """Every subscription of a streaming topic (one that grants connect.amazonaws.com) has a
    redrive policy naming an SQS dead-letter queue in the topic's account and Region.

    Fix: Give the subscription a dead-letter queue (ChatStreamingEndpoint creates one per
    subscription) whose policy lets sns.amazonaws.com send from the topic.

    SNS uses a DLQ of its own account and Region only (SNS developer guide, "Amazon SNS
    dead-letter queues").
    """
    problems: Found = []
    for r in _streaming_subscriptions(resources):
        redrive = read_redrive(r.props.get("redrivePolicy"))
        where = f"the subscription {r.name!r} to {r.props.get('endpoint')!r}"
        if redrive is None:
            problems.append(
                (
                    f"{where} has no redrivePolicy: chat messages SNS cannot deliver (a deleted"
                    " or refusing endpoint, retries used up) are dropped; set redrive_policy to"
                    ' {"deadLetterTargetArn": <an SQS queue ARN>}',
                    r.urn,
                )
            )
        elif redrive.problem is not None:
            problems.append((f"{where}: {redrive.problem}", r.urn))
        elif redrive.target is not None and not _same_place(redrive.target, r.props.get("topic")):
            problems.append(
                (
                    f"{where} dead-letters to {redrive.target}, outside the topic's account and"
                    " Region; SNS only uses a dead-letter queue of its own account and Region",
                    r.urn,
                )
            )
    return problems


def _receive_count_problem(count: Any) -> str | None:
    low, high = MAX_RECEIVE_COUNT_RANGE
    if type(count) is int and low <= count <= high:
        return None
    return (
        f"maxReceiveCount {count!r} is not a JSON number from {low} to {high} (pulumi-aws"
        ' shows a diff forever for a string such as "5")'
    )


def subscriber_redrive_problems(resources: Sequence[StackResource], _: Context) -> Found:
    """Every SQS queue subscribed to a streaming topic redrives to a dead-letter queue after a
    maxReceiveCount of 1 to 1000 receives.

    Fix: Set the queue's redrive_policy to its own DLQ with a maxReceiveCount
    (ChatStreamingEndpoint: max_receive_count, default 5).

    Without one, a message its consumer keeps failing is lost when the queue's retention ends.
    """
    redrives = _queue_redrives(resources)
    urns = {_text(r.props, "arn"): r.urn for r in resources if r.type == QUEUE}
    problems: Found = []
    for r in _streaming_subscriptions(resources):
        endpoint = _text(r.props, "endpoint")
        if str(r.props.get("protocol")).lower() != "sqs" or endpoint not in redrives:
            continue  # not a queue, or a queue of another stack
        redrive, urn = redrives[endpoint], urns.get(endpoint)
        what = f"the subscriber queue {endpoint}"
        if redrive is None:
            problems.append(
                (
                    f"{what} has no redrive policy: a message its consumer keeps failing is"
                    " retried until the queue's retention ends, then lost; set redrive_policy to"
                    ' {"deadLetterTargetArn": <its DLQ ARN>, "maxReceiveCount": 5}',
                    urn,
                )
            )
        elif problem := redrive.problem or _receive_count_problem(redrive.max_receive_count):
            problems.append((f"{what}: {problem}", urn))
        elif redrive.target == endpoint:
            problems.append((f"{what} names itself as its dead-letter queue", urn))
    return problems


def _dead_letter_targets(resources: Sequence[StackResource]) -> set[str]:
    return {
        redrive.target
        for r in resources
        if r.type in (QUEUE, SUBSCRIPTION, REDRIVE_POLICY)
        and (redrive := read_redrive(r.props.get("redrivePolicy"))) is not None
        and redrive.target is not None
    }


def dlq_retention_problems(resources: Sequence[StackResource], context: Context) -> Found:
    """Every dead-letter queue a redrive policy names keeps messages for 14 days
    (messageRetentionSeconds 1209600).

    Fix: Set message_retention_seconds=1209600 on the dead-letter queue.

    A standard queue keeps a message's first enqueue time when it moves to the DLQ (SQS
    developer guide), so a shorter retention loses messages soon after they arrive.
    """
    minimum = context.config.get("minimumRetentionSeconds") or DEAD_LETTER_RETENTION_SECONDS
    targets = _dead_letter_targets(resources)
    problems: Found = []
    for r in resources:
        if r.type != QUEUE or _text(r.props, "arn") not in targets:
            continue
        kept = r.props.get("messageRetentionSeconds")
        kept = DEFAULT_RETENTION_SECONDS if kept is None else kept
        if not isinstance(kept, int | float) or kept < minimum:
            problems.append(
                (
                    f"the dead-letter queue {r.name!r} keeps messages {kept!r} s, under"
                    f" {minimum} s (14 days): a message keeps its first enqueue time when it"
                    " moves there, so it may expire soon after; set message_retention_seconds to"
                    f" {DEAD_LETTER_RETENTION_SECONDS}",
                    r.urn,
                )
            )
    return problems


STREAMING_SUBSCRIPTION_HAS_DLQ: Final = stack_rule(
    "streaming-subscription-has-dlq", subscription_dlq_problems, "high", "advisory"
)
SUBSCRIBER_QUEUE_HAS_REDRIVE: Final = stack_rule(
    "subscriber-queue-has-redrive", subscriber_redrive_problems, "high", "advisory"
)
DEAD_LETTER_QUEUE_RETENTION_MAXIMUM: Final = stack_rule(
    "dead-letter-queue-retention-maximum",
    dlq_retention_problems,
    "medium",
    "advisory",
    config={
        "minimumRetentionSeconds": {
            "type": "integer",
            "default": DEAD_LETTER_RETENTION_SECONDS,
            "description": "The shortest retention a dead-letter queue may have, in seconds.",
        }
    },
)

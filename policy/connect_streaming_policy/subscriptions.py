"""Who receives a topic's messages: subscriptions deliver over internal or TLS protocols only,
and every streaming topic of the stack has a subscriber (a stack rule)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from connect_streaming_policy.sns import grants_connect
from connect_streaming_policy.statements import string_list
from connect_streaming_policy.vocabulary import (
    SUBSCRIPTION,
    TOPIC,
    TOPIC_POLICY,
    Context,
    StackResource,
    resource_rule,
    stack_rule,
    string_list_schema,
)

__all__ = [
    "INTERNAL_PROTOCOLS",
    "STREAMING_TOPIC_HAS_SUBSCRIBER",
    "SUBSCRIPTION_PROTOCOL_INTERNAL",
    "streaming_topics",
    "subscription_problems",
]

# SNS delivery protocols that stay inside AWS or use TLS (SNS API reference, Subscribe:
# http, https, email, email-json, sms, sqs, application, lambda, firehose).
INTERNAL_PROTOCOLS: Final = ("https", "sqs", "lambda", "firehose", "application")


def subscription_problems(_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Topic subscriptions deliver over https, sqs, lambda, firehose or application, never plain
    http, email, email-json or sms, for chat content.

    Fix: Subscribe an https endpoint, an SQS queue or a Lambda function instead.
    """
    protocol = props.get("protocol")
    allowed = [p.lower() for p in string_list(context.config.get("allowedProtocols"))]
    if not isinstance(protocol, str) or protocol.lower() in allowed:
        return []
    why = {
        "http": "plain HTTP sends chat content unencrypted",
        "email": "email sends chat content to a mailbox outside AWS",
        "email-json": "email-json sends chat content to a mailbox outside AWS",
        "sms": "SMS sends chat content to a phone outside AWS",
    }.get(protocol.lower(), "the protocol is not one of the allowed ones")
    return [
        f"the subscription delivers over {protocol!r} to {props.get('endpoint')!r}: {why}; use"
        f" one of {', '.join(allowed)} (an https endpoint or an SQS queue)"
    ]


SUBSCRIPTION_PROTOCOL_INTERNAL: Final = resource_rule(
    "subscription-protocol-internal",
    subscription_problems,
    "high",
    "mandatory",
    SUBSCRIPTION,
    config={
        "allowedProtocols": string_list_schema(
            list(INTERNAL_PROTOCOLS), "SNS protocols subscriptions may use."
        )
    },
)


def _topic_policies(resources: Sequence[StackResource]) -> dict[str, list[Any]]:
    by_arn: dict[str, list[Any]] = {}
    for r in resources:
        if r.type == TOPIC_POLICY and isinstance(r.props.get("arn"), str):
            by_arn.setdefault(r.props["arn"], []).append(r.props.get("policy"))
    return by_arn


def streaming_topics(resources: Sequence[StackResource]) -> list[StackResource]:
    """The stack's streaming topics: those whose own policy, or a separate TopicPolicy naming
    the topic's ARN, grants connect.amazonaws.com."""
    external = _topic_policies(resources)
    found = []
    for r in resources:
        if r.type != TOPIC:
            continue
        policies: Iterable[Any] = [
            r.props.get("policy"),
            *external.get(str(r.props.get("arn")), []),
        ]
        if any(grants_connect(p) for p in policies):
            found.append(r)
    return found


def _subscribed(resources: Sequence[StackResource]) -> set[str]:
    """The topic ARNs subscriptions name, and the URNs of their parents."""
    subscribed: set[str] = set()
    for r in resources:
        if r.type == SUBSCRIPTION:
            if isinstance(r.props.get("topic"), str):
                subscribed.add(r.props["topic"])
            if r.parent:
                subscribed.add(r.parent)
    return subscribed


def _check_subscribers(
    resources: Sequence[StackResource], _: Context
) -> list[tuple[str, str | None]]:
    """Every streaming topic (one that grants connect.amazonaws.com) has at least one subscription;
    messages on a topic without subscribers are lost.

    Fix: Add an SQS, Lambda or HTTPS subscriber to the ChatStreamingEndpoint.
    """
    subscribed = _subscribed(resources)
    problems: list[tuple[str, str | None]] = []
    for r in streaming_topics(resources):
        if r.props.get("arn") in subscribed or r.urn in subscribed:
            continue
        problems.append(
            (
                f"the streaming topic {r.name!r} has no subscription in this stack; messages"
                " Amazon Connect publishes to it are dropped",
                r.urn,
            )
        )
    return problems


STREAMING_TOPIC_HAS_SUBSCRIBER: Final = stack_rule(
    "streaming-topic-has-subscriber", _check_subscribers, "medium", "advisory"
)

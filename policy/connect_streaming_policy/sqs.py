"""SQS queue policies: only SNS (from one named topic) or named accounts may send to a queue,
and nothing is allowed to every principal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.streaming.documents import SNS_SERVICE
from connect_streaming_policy.arns import NAMED_AWS_PRINCIPAL, TOPIC_ARN
from connect_streaming_policy.public import public_problem
from connect_streaming_policy.statements import (
    Statement,
    allow_problems,
    condition_values,
    covers,
    principals,
    string_list,
)
from connect_streaming_policy.vocabulary import (
    QUEUE,
    QUEUE_POLICY,
    Context,
    resource_rule,
    string_list_schema,
)

__all__ = ["QUEUE_POLICY_SCOPED", "queue_problems"]


def _senders_problem(s: Statement, allowed_services: list[str]) -> str | None:
    services = [v.lower() for v in principals(s, "Service")]
    others = [p for p in principals(s, "AWS") if not NAMED_AWS_PRINCIPAL.fullmatch(p)]
    others += [p for p in services if p not in allowed_services]
    others += principals(s, "Federated") + principals(s, "CanonicalUser")
    if s.not_principal is not None:
        others.append("NotPrincipal")
    if others:
        return (
            f"{s.label} lets {others} send messages; only {allowed_services} or named account"
            " principals may send to the queue"
        )
    if services and not all(
        TOPIC_ARN.fullmatch(v) for v in condition_values(s, "aws:SourceArn") or [""]
    ):
        return (
            f"{s.label} lets {services} send without an aws:SourceArn naming one topic"
            f" (got {condition_values(s, 'aws:SourceArn')}); add ArnEquals aws:SourceArn"
            " arn:aws:sns:REGION:ACCOUNT:TOPIC"
        )
    return None


def _statement_problem(s: Statement, allowed_services: list[str]) -> str | None:
    """Senders are judged in statements that allow sending; any other is judged as public."""
    if s.not_actions or covers(s.actions, "sqs:sendmessage"):
        return _senders_problem(s, allowed_services)
    return public_problem(s, "queue")


def queue_problems(_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """SQS queue policies let only sns.amazonaws.com (with an aws:SourceArn naming a topic) or named
    accounts send, and allow nothing to every principal.

    Fix: Grant sqs:SendMessage to the sns.amazonaws.com service principal with ArnEquals
    aws:SourceArn set to the topic's ARN (sqs_subscriber_policy does).
    """
    allowed = [s.lower() for s in string_list(context.config.get("senderServices"))]
    return allow_problems(props.get("policy"), lambda s: _statement_problem(s, allowed))


QUEUE_POLICY_SCOPED: Final = resource_rule(
    "queue-policy-scoped",
    queue_problems,
    "critical",
    "mandatory",
    QUEUE,
    QUEUE_POLICY,
    config={
        "senderServices": string_list_schema(
            [SNS_SERVICE], "Service principals that may send to queues."
        )
    },
)

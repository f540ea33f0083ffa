"""Lambda permissions: SNS may invoke a function only from a named topic, and nobody may invoke
it as every principal (``lambda_``: ``lambda`` is a keyword)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.streaming.documents import SNS_SERVICE
from connect_streaming_policy.arns import TOPIC_ARN
from connect_streaming_policy.vocabulary import LAMBDA_PERMISSION, Context, resource_rule

__all__ = ["LAMBDA_PERMISSION_SNS_SOURCE", "lambda_permission_problems"]


def lambda_permission_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Lambda permissions for sns.amazonaws.com name the topic (sourceArn), and none is granted to
    every principal.

    Fix: Set source_arn on the aws.lambda_.Permission to the topic's ARN.
    """
    principal = props.get("principal")
    if principal == "*":
        return [
            "the permission lets every principal ('*') invoke the function; name the service"
            " principal and its sourceArn"
        ]
    if not isinstance(principal, str) or principal.lower() != SNS_SERVICE:
        return []
    source = props.get("sourceArn")
    if isinstance(source, str) and TOPIC_ARN.fullmatch(source):
        return []
    return [
        f"the permission lets sns.amazonaws.com invoke the function with sourceArn {source!r};"
        " any topic of any account could invoke it: set source_arn to the topic's ARN"
    ]


LAMBDA_PERMISSION_SNS_SOURCE: Final = resource_rule(
    "lambda-permission-sns-source",
    lambda_permission_problems,
    "high",
    "mandatory",
    LAMBDA_PERMISSION,
)

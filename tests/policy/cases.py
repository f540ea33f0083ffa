"""One table of rule cases, run by two drivers: the rules called directly (test_rules.py) and
the pack over its gRPC Analyzer interface as the engine drives it (test_pack_grpc.py).

A case names a rule, a resource and what the rule must say: ``expect`` holds one substring per
expected message, in order (empty: the rule passes the resource).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import (
    kms_key_policy,
    streaming_controller_policy,
    streaming_topic_policy,
    to_json,
)

ACCOUNT: Final = "111122223333"
INSTANCE: Final = ConnectInstance.from_arn(
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd-1234"
)
TOPIC_ARN: Final = INSTANCE.sns_topic_arn("dev-chat")
KEY_ARN: Final = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
TAGS: Final = {"owner": "o", "cost-center": "c", "environment": "dev"}
ADMIN: Final = "arn:aws:iam::aws:policy/AdministratorAccess"

TOPIC: Final = "aws:sns/topic:Topic"
TOPIC_POLICY: Final = "aws:sns/topicPolicy:TopicPolicy"
ROLE: Final = "aws:iam/role:Role"
ROLE_POLICY: Final = "aws:iam/rolePolicy:RolePolicy"
ATTACHMENT: Final = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
KEY: Final = "aws:kms/key:Key"


@dataclass(frozen=True)
class Case:
    """One resource, one rule, the messages expected (substrings, in order)."""

    id: str
    rule: str
    type: str
    props: dict[str, Any]
    expect: tuple[str, ...] = ()

    @property
    def urn(self) -> str:
        """A URN for the resource (the gRPC driver needs one)."""
        return f"urn:pulumi:dev::cases::{self.type}::{self.id}"


def doc(*statements: dict[str, Any]) -> str:
    """A policy document (JSON text) of these statements."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


SERVICE_TRUST: Final = doc(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }
)
PASSROLE_STAR: Final = doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})


def topic(**overrides: Any) -> dict[str, Any]:
    """The components' streaming topic, with overrides."""
    props: dict[str, Any] = {
        "name": "dev-chat",
        "fifoTopic": False,
        "kmsMasterKeyId": KEY_ARN,
        "policy": to_json(streaming_topic_policy(INSTANCE, TOPIC_ARN)),
        "tags": TAGS,
    }
    props.update(overrides)
    return props


def role(**overrides: Any) -> dict[str, Any]:
    """A role Lambda assumes, with overrides."""
    props: dict[str, Any] = {"assumeRolePolicy": SERVICE_TRUST, "tags": TAGS}
    props.update(overrides)
    return props


CASES: Final[list[Case]] = [
    # --- issue 10 item 1: what the engine's proxies hid ---------------------------------------
    Case(
        "role-admin-managed",
        "iam-no-wildcard-actions",
        ROLE,
        role(managedPolicyArns=[ADMIN]),
        ("AdministratorAccess",),
    ),
    Case(
        "role-inline-passrole-star",
        "iam-no-passrole-star",
        ROLE,
        role(
            inlinePolicies=[
                {"name": "ok", "policy": to_json(streaming_controller_policy(INSTANCE))},
                {"name": "bad", "policy": PASSROLE_STAR},
            ]
        ),
        ("inlinePolicies[1]: statement #1 lets the holder pass any role",),
    ),
    Case(
        "role-inline-wildcard",
        "iam-no-wildcard-actions",
        ROLE,
        role(inlinePolicies=[{"name": "w", "policy": doc({"Effect": "Allow", "Action": "*"})}]),
        ("inlinePolicies[0]: statement #1 allows the wildcard action '*'",),
    ),
    Case(
        "role-inline-policy-as-object",
        "iam-no-wildcard-actions",
        ROLE,
        role(
            inlinePolicies=[
                {"name": "o", "policy": json.loads(doc({"Effect": "Allow", "Action": "sns:*"}))}
            ]
        ),
        ("wildcard action 'sns:*'",),
    ),
    Case("role-clean", "iam-no-wildcard-actions", ROLE, role(managedPolicyArns=[])),
    Case(
        "attachment-admin",
        "iam-no-wildcard-actions",
        ATTACHMENT,
        {"role": "r", "policyArn": ADMIN},
        ("AdministratorAccess",),
    ),
    Case(
        "topic-policy-as-object",
        "service-grants-scoped",
        TOPIC,
        topic(
            policy=json.loads(
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": ["connect.amazonaws.com"]},
                        "Action": "sns:Publish",
                        "Resource": TOPIC_ARN,
                    }
                )
            )
        ),
        ("grants connect.amazonaws.com without aws:SourceAccount and aws:SourceArn",),
    ),
    Case("components-topic", "service-grants-scoped", TOPIC, topic()),
    Case(
        "key-grant-unconditioned",
        "service-grants-scoped",
        KEY,
        {
            "enableKeyRotation": True,
            "policy": doc(
                {
                    "Sid": "Connect",
                    "Effect": "Allow",
                    "Principal": {"Service": ["connect.amazonaws.com"]},
                    "Action": ["kms:Decrypt"],
                    "Resource": "*",
                }
            ),
        },
        ("statement 'Connect' grants connect.amazonaws.com without",),
    ),
    Case(
        "components-key",
        "service-grants-scoped",
        KEY,
        {"enableKeyRotation": True, "policy": to_json(kms_key_policy(INSTANCE))},
    ),
]

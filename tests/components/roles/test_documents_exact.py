"""The roles' documents to the letter: each job's permissions and trust as deployed, and the
exact refusals; the property tests beside this file check what the statements allow."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from connect_streaming.roles import documents
from tests.components.documents_checks import (
    INSTANCE,
    INSTANCE_ARN,
    ROOT,
    document,
)


def test_controller_and_metrics_policies_word_for_word() -> None:
    assert documents.streaming_controller_policy(INSTANCE) == document(
        {
            "Sid": "ControlChatStreaming",
            "Effect": "Allow",
            "Action": ["connect:StartContactStreaming", "connect:StopContactStreaming"],
            "Resource": INSTANCE_ARN,
        }
    )
    queues, profiles = f"{INSTANCE_ARN}/queue/*", f"{INSTANCE_ARN}/routing-profile/*"
    assert documents.metrics_reader_policy(INSTANCE) == document(
        {
            "Sid": "ReadRealTimeMetrics",
            "Effect": "Allow",
            "Action": "connect:GetCurrentMetricData",
            "Resource": [queues, profiles],
        },
        {
            "Sid": "ReadHistoricalMetrics",
            "Effect": "Allow",
            "Action": "connect:GetMetricData",
            "Resource": queues,
        },
        {
            "Sid": "ReadMetricsV2",
            "Effect": "Allow",
            "Action": "connect:GetMetricDataV2",
            "Resource": [
                queues,
                profiles,
                f"{INSTANCE_ARN}/agent/*",
                f"{INSTANCE_ARN}/agent-group/*",
            ],
        },
    )


def test_task_starter_policy_word_for_word() -> None:
    flow = f"{INSTANCE_ARN}/contact-flow/f1"
    assert documents.task_starter_policy(INSTANCE, [flow], previous_contacts=True) == document(
        {
            "Sid": "StartTasksThroughTaskFlows",
            "Effect": "Allow",
            "Action": "connect:StartTaskContact",
            "Resource": [flow, f"{INSTANCE_ARN}/contact/*"],
        }
    )


def test_trust_policies_word_for_word() -> None:
    provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    assert documents.Trust(service="lambda.amazonaws.com").policy() == document(
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    )
    assert documents.Trust(
        role_arns=("arn:aws:iam::111122223333:role/b", ROOT)
    ).policy() == document(
        {
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:role/b", ROOT]},
            "Action": "sts:AssumeRole",
        }
    )
    trust = documents.Trust(oidc_provider_arn=provider, oidc_subjects=("repo:o/r:*", "repo:o/a:*"))
    assert trust.policy() == document(
        {
            "Effect": "Allow",
            "Principal": {"Federated": provider},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {
                    "token.actions.githubusercontent.com:sub": ["repo:o/a:*", "repo:o/r:*"]
                },
            },
        }
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: documents.Trust(),
            "expected exactly one of service, role_arns, oidc_provider_arn",
        ),
        (
            lambda: documents.Trust(oidc_provider_arn="arn:aws:iam::111122223333:role/x"),
            "oidc_provider_arn: expected an IAM OIDC provider ARN,"
            " got 'arn:aws:iam::111122223333:role/x'",
        ),
        (
            lambda: documents.Trust(oidc_provider_arn="arn:aws:iam::111122223333:oidc-provider/h"),
            "oidc_subjects: expected at least one subject for an OIDC trust",
        ),
        (
            lambda: documents.task_starter_policy(INSTANCE, [], previous_contacts=False),
            "expected at least one contact flow ARN (or task template or quick connect)",
        ),
        (
            lambda: documents.Trust(role_arns=("arn:aws:iam::111122223333:user/u",)),
            "role_arns: expected IAM role or account root ARNs,"
            " got 'arn:aws:iam::111122223333:user/u'",
        ),
        (
            lambda: documents.task_starter_policy(
                INSTANCE,
                [f"{INSTANCE_ARN}/contact-flow/f", f"{INSTANCE_ARN}/contact-flow/"],
                previous_contacts=False,
            ),
            f"expected contact flows of instance {INSTANCE_ARN},"
            f" got ['{INSTANCE_ARN}/contact-flow/']",
        ),
    ],
)
def test_refusals_word_for_word(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        make()
    assert str(raised.value) == message

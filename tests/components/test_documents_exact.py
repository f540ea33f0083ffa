"""Policy documents to the letter: the exact JSON each builder deploys, and the exact errors.

The property tests in test_documents.py check what the statements allow; these pin what they
say. A deployed policy is compared as text: a changed Sid or an action's changed case is a
diff on every stack (and the policy pack's messages name statements by Sid), so the documents
below are the contract, written out once by hand from the AWS documentation each builder cites.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from connect_streaming import documents
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError

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


def test_to_json_is_compact_and_sorted_at_every_depth() -> None:
    text = documents.to_json({"b": [1, {"z": 1, "y": 2}], "a": "x"})
    assert text == '{"a":"x","b":[1,{"y":2,"z":1}]}'
    assert json.loads(text) == {"a": "x", "b": [1, {"y": 2, "z": 1}]}


def test_kms_key_policy_word_for_word() -> None:
    assert documents.kms_key_policy(INSTANCE) == document(
        {
            "Sid": "AccountAdministersKey",
            "Effect": "Allow",
            "Principal": {"AWS": ROOT},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "ConnectEncryptsStreamedMessages",
            "Effect": "Allow",
            "Principal": {"Service": "connect.amazonaws.com"},
            "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
            "Resource": "*",
            "Condition": SOURCE,
        },
    )


def test_streaming_topic_policy_word_for_word() -> None:
    owner_actions = [
        "SNS:GetTopicAttributes",
        "SNS:SetTopicAttributes",
        "SNS:AddPermission",
        "SNS:RemovePermission",
        "SNS:DeleteTopic",
        "SNS:Subscribe",
        "SNS:ListSubscriptionsByTopic",
        "SNS:Publish",
    ]
    assert documents.streaming_topic_policy(INSTANCE, TOPIC) == document(
        {
            "Sid": "OwnerManagesTopic",
            "Effect": "Allow",
            "Principal": {"AWS": ROOT},
            "Action": owner_actions,
            "Resource": TOPIC,
        },
        {
            "Sid": "ConnectPublishesChatMessages",
            "Effect": "Allow",
            "Principal": {"Service": "connect.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": TOPIC,
            "Condition": SOURCE,
        },
        deny_plain_http("sns:Publish", TOPIC),
    )


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


def test_sqs_subscriber_policy_word_for_word() -> None:
    assert documents.sqs_subscriber_policy(QUEUE, TOPIC) == document(
        {
            "Sid": "TopicDeliversToQueue",
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": QUEUE,
            "Condition": {"ArnEquals": {"aws:SourceArn": TOPIC}},
        },
        TLS_ONLY,
    )


TLS_ONLY = deny_plain_http("sqs:*", QUEUE)


def test_dead_letter_documents_word_for_word() -> None:
    dlq = "arn:aws:sqs:eu-west-2:111122223333:subscriber-dlq"
    assert documents.tls_only_queue_policy(QUEUE) == document(TLS_ONLY)
    assert documents.subscription_redrive_policy(dlq) == {"deadLetterTargetArn": dlq}
    assert documents.queue_redrive_policy(dlq, 7) == {
        "deadLetterTargetArn": dlq,
        "maxReceiveCount": 7,
    }
    assert documents.redrive_allow_policy([QUEUE]) == {
        "redrivePermission": "byQueue",
        "sourceQueueArns": [QUEUE],
    }
    assert documents.redrive_allow_policy([]) == {"redrivePermission": "denyAll"}
    assert documents.to_json(documents.queue_redrive_policy(dlq, 5)) == (
        '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-2:111122223333:subscriber-dlq",'
        '"maxReceiveCount":5}'
    )  # maxReceiveCount a JSON number: pulumi-aws refuses the string "5"
    assert documents.DEAD_LETTER_RETENTION_SECONDS == 14 * 24 * 3600
    assert documents.DEFAULT_RETENTION_SECONDS == 4 * 24 * 3600


@pytest.mark.parametrize("count", [0, 1001, True, "5", 2.0])
def test_a_bad_max_receive_count_word_for_word(count: object) -> None:
    with pytest.raises(RuleError) as raised:
        documents.queue_redrive_policy("arn:aws:sqs:eu-west-2:111122223333:d", count)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"max_receive_count: expected a whole number of receives from 1 to 1000, got {count!r}"
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
        (
            lambda: documents.message_visibility_filter(["ALL", "NOBODY"]),
            "expected a list of CUSTOMER, AGENT, ALL, got ['ALL', 'NOBODY']",
        ),
    ],
)
def test_refusals_word_for_word(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        make()
    assert str(raised.value) == message

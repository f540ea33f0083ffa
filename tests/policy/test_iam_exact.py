"""IAM document checks to the letter: each finding's exact message, and every spelling of a
PassRole wildcard. The rule-level tests check which policies are flagged; these pin what the
finding says (the statement, the action, the resource and the fix)."""

from __future__ import annotations

import pytest

from connect_streaming_policy.iam import passrole_problems, unscoped_resource_problems

QUEUE_FORMAT = "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"
CONNECT_QUEUE_FORMAT = (
    "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/queue/${QueueId}"
)
FLOW_FORMAT = (
    "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}"
    "/contact-flow/${ContactFlowId}"
)


def test_star_resource_findings_name_the_first_format_and_count_the_rest() -> None:
    # The Service Authorization Reference scopes sqs:SendMessage to a queue alone and
    # connect:GetCurrentMetricData to queues and routing profiles, connect:StartTaskContact to
    # contact flows, contacts, quick connects and task templates; s3:ListAllMyBuckets cannot be
    # scoped at all.
    policy = {
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [
                    "sqs:SendMessage",
                    "connect:GetCurrentMetricData",
                    "connect:StartTaskContact",
                    "s3:ListAllMyBuckets",
                ],
                "Resource": "*",
            }
        ]
    }
    assert unscoped_resource_problems(policy) == [
        f"statement #1 grants sqs:SendMessage on '*' although it can be scoped to {QUEUE_FORMAT}",
        "statement #1 grants connect:GetCurrentMetricData on '*' although it can be scoped to"
        f" {CONNECT_QUEUE_FORMAT} (and 1 more)",
        "statement #1 grants connect:StartTaskContact on '*' although it can be scoped to"
        f" {FLOW_FORMAT} (and 3 more)",
    ]


def test_not_resource_and_every_instance_findings_word_for_word() -> None:
    every_instance = "arn:aws:connect:us-east-1:111122223333:instance/*/queue/q"
    policy = {
        "Statement": [
            {"Sid": "S", "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "b"},
            {"Effect": "Allow", "NotAction": "s3:PutObject", "NotResource": "b"},
            {"Effect": "Allow", "Action": "connect:DescribeQueue", "Resource": every_instance},
        ]
    }
    assert unscoped_resource_problems(policy) == [
        "statement 'S' allows ['s3:GetObject'] on everything but ['b'] (NotResource);"
        " list the resources instead",
        "statement #2 allows ['s3:PutObject'] on everything but ['b'] (NotResource);"
        " list the resources instead",
        f"statement #3 grants {every_instance!r}: every Connect instance of the account;"
        " name the instance",
    ]


@pytest.mark.parametrize(
    "action", ["iam:PassRole", "IAM:passrole", "iam:Pass*", "IAM:PASS*", "iam:*", "IAM:*", "*"]
)
def test_every_spelling_of_passrole_on_star_is_found(action: str) -> None:
    policy = {"Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}
    assert passrole_problems(policy) == [
        "statement #1 lets the holder pass any role (iam:PassRole on '*')"
    ]


@pytest.mark.parametrize("action", ["iam:GetRole", "iam:Pass", "XX*XX", "sts:*"])
def test_actions_that_cannot_pass_a_role_are_not_found(action: str) -> None:
    policy = {"Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}
    assert passrole_problems(policy) == []

"""The streaming path's documents to the letter: key, topic, queue and redrive JSON as deployed.

A deployed policy is compared as text (a changed Sid is a diff on every stack, and the policy
pack names statements by Sid), so these are written out by hand from the AWS documentation.
"""

from __future__ import annotations

import json
import re

import pytest

from connect_streaming.errors import RuleError
from connect_streaming.streaming import documents
from tests.components.documents_checks import (
    INSTANCE,
    QUEUE,
    ROOT,
    SOURCE,
    TOPIC,
    deny_plain_http,
    document,
)


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


def test_a_bad_visibility_filter_word_for_word() -> None:
    message = "expected a list of CUSTOMER, AGENT, ALL, got ['ALL', 'NOBODY']"
    with pytest.raises(RuleError, match=re.escape(message)) as raised:
        documents.message_visibility_filter(["ALL", "NOBODY"])
    assert str(raised.value) == message

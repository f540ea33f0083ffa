"""service-grants-scoped on topic and key policies: the public samples' unconditioned grant,
separate TopicPolicy resources, negated conditions, unreadable policies, and removing either
required condition from the components' own documents (hypothesis)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming.streaming.documents import (
    kms_key_policy,
    streaming_topic_policy,
    to_json,
)
from tests.policy.calls import violations
from tests.policy.cases import (
    ACCOUNT,
    INSTANCE,
    TOPIC_ARN,
    connect_publish,
    doc,
    topic,
)
from tests.policy.strategies import instances


def test_sample_topic_policy_granting_connect_without_conditions_is_caught() -> None:
    # The public samples' pattern: connect.amazonaws.com may publish, no conditions at all.
    policy = doc(connect_publish(None))
    (message,) = violations("service-grants-scoped", "aws:sns/topic:Topic", topic(policy=policy))
    assert "aws:SourceAccount and aws:SourceArn" in message
    insecure = violations(
        "topic-denies-insecure-transport", "aws:sns/topic:Topic", topic(policy=policy)
    )
    assert len(insecure) == 1
    assert "aws:SecureTransport" in insecure[0]


def test_a_separate_topic_policy_resource_is_judged_the_same() -> None:
    policy = doc(
        {
            "Effect": "Allow",
            "Principal": {"Service": ["connect.amazonaws.com"]},
            "Action": "SNS:Publish",
            "Resource": TOPIC_ARN,
            "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
        }
    )
    props = {"arn": TOPIC_ARN, "policy": policy}
    (message,) = violations("service-grants-scoped", "aws:sns/topicPolicy:TopicPolicy", props)
    assert "without aws:SourceArn" in message


def test_negated_conditions_do_not_count_as_scoping() -> None:
    policy = doc(
        connect_publish(
            {
                "StringNotEquals": {"aws:SourceAccount": "999999999999"},
                "ArnNotEquals": {
                    "aws:SourceArn": "arn:aws:connect:us-east-1:999999999999:instance/x"
                },
            }
        )
    )
    assert violations("service-grants-scoped", "aws:sns/topic:Topic", topic(policy=policy))


def test_an_unreadable_policy_is_a_violation_not_a_crash() -> None:
    messages = violations("service-grants-scoped", "aws:sns/topic:Topic", topic(policy="{nope"))
    assert len(messages) == 1
    assert "not valid JSON" in messages[0]


def test_the_components_key_policy_passes_and_an_unscoped_grant_fails() -> None:
    good = {"policy": to_json(kms_key_policy(INSTANCE)), "enableKeyRotation": True}
    assert violations("service-grants-scoped", "aws:kms/key:Key", good) == []
    document = kms_key_policy(INSTANCE)
    del document["Statement"][1]["Condition"]
    (message,) = violations(
        "service-grants-scoped", "aws:kms/key:Key", {"policy": to_json(document)}
    )
    assert "ConnectEncryptsStreamedMessages" in message


@given(
    instances,
    st.sampled_from(["aws:SourceAccount", "aws:SourceArn"]),
    st.sampled_from(["topic", "key"]),
)
def test_removing_a_required_condition_is_caught(
    instance: ConnectInstance, key: str, which: str
) -> None:
    if which == "topic":
        document = streaming_topic_policy(instance, instance.sns_topic_arn("chat"))
        resource_type = "aws:sns/topic:Topic"
    else:
        document = kms_key_policy(instance)
        resource_type = "aws:kms/key:Key"
    assert violations("service-grants-scoped", resource_type, {"policy": to_json(document)}) == []
    mutated = copy.deepcopy(document)
    for statement in mutated["Statement"]:
        for clause in statement.get("Condition", {}).values():
            clause.pop(key, None)
    (message,) = violations("service-grants-scoped", resource_type, {"policy": to_json(mutated)})
    assert key in message

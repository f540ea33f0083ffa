"""streaming-topic-has-subscriber (the stack rule): a streaming topic without a subscription is
caught, with its policy inline or in a separate TopicPolicy; other topics need none."""

from __future__ import annotations

import pytest

from connect_streaming_policy.catalogue import rule
from connect_streaming_policy.vocabulary import StackResource, StackRule
from tests.policy.cases import (
    TOPIC_ARN,
    topic,
)


def _stack(*, subscribed: bool, separate_policy: bool = False) -> list[StackResource]:
    topic_props = topic(arn=TOPIC_ARN)
    resources = []
    if separate_policy:
        policy = topic_props.pop("policy")
        resources.append(
            StackResource(
                "aws:sns/topicPolicy:TopicPolicy",
                "urn:policy",
                "p",
                {"arn": TOPIC_ARN, "policy": policy},
            )
        )
    resources.append(StackResource("aws:sns/topic:Topic", "urn:topic", "chat", topic_props))
    if subscribed:
        resources.append(
            StackResource(
                "aws:sns/topicSubscription:TopicSubscription",
                "urn:sub",
                "s",
                {"topic": TOPIC_ARN, "protocol": "sqs"},
            )
        )
    return resources


@pytest.mark.parametrize("separate_policy", [False, True])
def test_a_streaming_topic_without_subscribers_is_caught(separate_policy: bool) -> None:
    found = rule("streaming-topic-has-subscriber")
    assert isinstance(found, StackRule)
    ((message, urn),) = found.violations(_stack(subscribed=False, separate_policy=separate_policy))
    assert urn == "urn:topic"
    assert "no subscription" in message
    assert found.violations(_stack(subscribed=True, separate_policy=separate_policy)) == []


def test_topics_nobody_streams_to_need_no_subscriber() -> None:
    found = rule("streaming-topic-has-subscriber")
    assert isinstance(found, StackRule)
    lonely = StackResource("aws:sns/topic:Topic", "urn:t", "alerts", {"name": "alerts", "arn": "x"})
    assert found.violations([lonely]) == []

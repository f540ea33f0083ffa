"""ChatStreamingEndpoint under Pulumi's mocks: resources, inputs, parents, policies, refusals."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, cast

import pytest

from connect_streaming.streaming import ChatStreamingEndpoint, ChatStreamingEndpointArgs
from connect_streaming_plan.mocks import DuplicateResourceError, StackProgramError, StackRun
from tests.components.component_runs import (
    ACCOUNT,
    INSTANCE,
    LAMBDA,
    document_in,
    only,
    run_in_stack,
    statements_by_sid,
)


def _endpoint(**extra: Any) -> StackRun:
    args: dict[str, Any] = {
        "instance_arn": INSTANCE,
        "sqs_subscribers": [
            {"name": "transcripts", "message_visibility": ["CUSTOMER", "ALL"]},
            {"name": "everything", "raw_message_delivery": True},
        ],
        "lambda_subscribers": [
            {"name": "indexer", "function_arn": LAMBDA, "message_visibility": ["AGENT"]}
        ],
        "https_subscribers": [{"name": "hook", "url": "https://hooks.example.com/chat"}],
        "tags": {"owner": "platform"},
        **extra,
    }
    return run_in_stack(
        lambda: ChatStreamingEndpoint("chat", cast(ChatStreamingEndpointArgs, args))
    )


# --- ChatStreamingEndpoint --------------------------------------------------------------------


def test_endpoint_creates_an_encrypted_standard_topic_with_its_subscribers() -> None:
    run = _endpoint()
    assert Counter(r.type for r in run.resources) == {
        "connect-streaming:index:ChatStreamingEndpoint": 1,
        "aws:kms/key:Key": 1,
        "aws:kms/alias:Alias": 1,
        "aws:sns/topic:Topic": 1,
        # 2 subscriber queues, a DLQ each, and a DLQ for each of the 4 subscriptions.
        "aws:sqs/queue:Queue": 8,
        "aws:sqs/queuePolicy:QueuePolicy": 8,
        "aws:lambda/permission:Permission": 1,
        "aws:sns/topicSubscription:TopicSubscription": 4,
    }
    topic = only(run, "aws:sns/topic:Topic")
    key = only(run, "aws:kms/key:Key")
    assert topic.inputs["fifoTopic"] is False
    assert topic.inputs["name"] == "chat"
    assert topic.inputs["kmsMasterKeyId"] == key.outputs["arn"]
    assert key.inputs["enableKeyRotation"] is True
    assert only(run, "aws:kms/alias:Alias").inputs["name"] == "alias/chat"
    assert topic.inputs["tags"] == {"owner": "platform"}


def test_endpoint_children_are_parented_and_prefixed() -> None:
    run = _endpoint()
    component = only(run, "connect-streaming:index:ChatStreamingEndpoint")
    assert component.parent_name is None
    for resource in run.resources:
        assert resource.name.startswith("chat"), resource.name
    parents = {r.type: r.parent_name for r in run.resources}
    assert parents["aws:kms/key:Key"] == "chat"
    assert parents["aws:sns/topic:Topic"] == "chat"
    assert parents["aws:kms/alias:Alias"] == "chat-key"
    assert parents["aws:sqs/queue:Queue"] == "chat-topic"
    assert parents["aws:sns/topicSubscription:TopicSubscription"] == "chat-topic"


def test_topic_policy_is_set_once_with_connect_scoped_to_the_instance() -> None:
    run = _endpoint()
    assert run.of_type("aws:sns/topicPolicy:TopicPolicy") == []
    topic = only(run, "aws:sns/topic:Topic")
    statements = statements_by_sid(document_in(topic))
    grant = statements["ConnectPublishesChatMessages"]
    assert grant["Principal"] == {"Service": "connect.amazonaws.com"}
    assert grant["Resource"] == topic.outputs["arn"]
    assert grant["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnEquals": {"aws:SourceArn": INSTANCE},
    }
    assert statements["DenyInsecureTransport"]["Condition"] == {
        "Bool": {"aws:SecureTransport": "false"}
    }
    assert statements["OwnerManagesTopic"]["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}


def test_key_policy_scopes_connect_by_source_account_and_arn() -> None:
    key = only(_endpoint(), "aws:kms/key:Key")
    grant = statements_by_sid(document_in(key))["ConnectEncryptsStreamedMessages"]
    assert grant["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnEquals": {"aws:SourceArn": INSTANCE},
    }


def test_subscriptions_carry_the_visibility_filters() -> None:
    run = _endpoint()
    subscriptions = {
        r.name: r.inputs for r in run.of_type("aws:sns/topicSubscription:TopicSubscription")
    }
    transcripts = subscriptions["chat-transcripts-subscription"]
    assert transcripts["protocol"] == "sqs"
    assert json.loads(transcripts["filterPolicy"]) == {"MessageVisibility": ["CUSTOMER", "ALL"]}
    assert "filterPolicy" not in subscriptions["chat-everything-subscription"]
    assert subscriptions["chat-everything-subscription"]["rawMessageDelivery"] is True
    indexer = subscriptions["chat-indexer-subscription"]
    assert (indexer["protocol"], indexer["endpoint"]) == ("lambda", LAMBDA)
    assert json.loads(indexer["filterPolicy"]) == {"MessageVisibility": ["AGENT"]}
    assert subscriptions["chat-hook-subscription"]["protocol"] == "https"
    permission = only(run, "aws:lambda/permission:Permission")
    assert permission.inputs["principal"] == "sns.amazonaws.com"
    assert permission.inputs["sourceArn"] == only(run, "aws:sns/topic:Topic").outputs["arn"]


def test_queue_policies_admit_only_the_topic_and_deny_plain_http() -> None:
    run = _endpoint()
    topic_arn = only(run, "aws:sns/topic:Topic").outputs["arn"]
    queues = {q.outputs["url"]: q for q in run.of_type("aws:sqs/queue:Queue")}
    senders = []
    for policy in run.of_type("aws:sqs/queuePolicy:QueuePolicy"):
        queue = queues[policy.inputs["queueUrl"]]
        statements = statements_by_sid(document_in(policy))
        deny = statements.pop("DenyInsecureTransport")
        assert (deny["Effect"], deny["Principal"], deny["Action"]) == ("Deny", "*", "sqs:*")
        assert deny["Resource"] == queue.outputs["arn"], policy.name
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        if statements:  # a subscriber queue or a subscription's DLQ: SNS sends to it
            (grant,) = statements.values()
            assert grant["Condition"] == {"ArnEquals": {"aws:SourceArn": topic_arn}}
            senders.append(queue.inputs["name"])
    # A subscriber queue's own DLQ is filled by SQS, which needs no grant.
    assert sorted(senders) == [
        "chat-everything",
        "chat-everything-sns-dlq",
        "chat-hook-sns-dlq",
        "chat-indexer-sns-dlq",
        "chat-transcripts",
        "chat-transcripts-sns-dlq",
    ]


def test_a_given_key_is_used_and_none_is_created() -> None:
    key_arn = f"arn:aws:kms:eu-west-2:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    run = _endpoint(kms_key_arn=key_arn)
    assert run.of_type("aws:kms/key:Key") == []
    assert only(run, "aws:sns/topic:Topic").inputs["kmsMasterKeyId"] == key_arn


@pytest.mark.parametrize("extra", [{"fifo_topic": True}, {"topic_name": "chat.fifo"}])
def test_fifo_is_refused_before_any_child_exists(extra: dict[str, Any]) -> None:
    with pytest.raises(StackProgramError, match="standard SNS topics") as caught:
        _endpoint(**extra)
    assert [r.type for r in caught.value.resources] == []


def test_a_plain_http_subscriber_is_refused() -> None:
    with pytest.raises(
        StackProgramError, match=r"https_subscribers\[0\].url: expected an https:// URL"
    ):
        run_in_stack(
            lambda: ChatStreamingEndpoint(
                "chat",
                {
                    "instance_arn": INSTANCE,
                    "https_subscribers": [{"name": "hook", "url": "http://example.com"}],
                },
            )
        )


def test_duplicate_resource_names_are_refused_like_the_engine() -> None:
    def twice() -> None:
        ChatStreamingEndpoint("chat", {"instance_arn": INSTANCE})
        ChatStreamingEndpoint("chat", {"instance_arn": INSTANCE})

    with pytest.raises(DuplicateResourceError, match="duplicate resource name 'chat'"):
        run_in_stack(twice)


def test_runs_are_repeatable_in_one_process() -> None:
    first = sorted(json.dumps([r.urn, r.inputs], sort_keys=True) for r in _endpoint().resources)
    second = sorted(json.dumps([r.urn, r.inputs], sort_keys=True) for r in _endpoint().resources)
    assert first == second

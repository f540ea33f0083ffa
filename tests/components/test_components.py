"""Components under Pulumi's mocks: resources, types, inputs, parents, policies, refusals."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

import pytest

from connect_streaming.contact_flows import TaskCreatingFlow, TaskRoutingFlow
from connect_streaming.flows import flow_problems, parse_flow
from connect_streaming.roles import MetricsReaderRole, StreamingControllerRole, TaskStarterRole
from connect_streaming.streaming import ChatStreamingEndpoint, ChatStreamingEndpointArgs
from connect_streaming_plan.mocks import (
    DuplicateResourceError,
    RecordedResource,
    StackProgramError,
    StackRun,
    run_program,
)

ACCOUNT = "111122223333"
INSTANCE_ID = "2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/{INSTANCE_ID}"
CONFIG = {"aws:region": "eu-west-2", "connect-streaming:instanceArn": INSTANCE}
OIDC_PROVIDER = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
LAMBDA = f"arn:aws:lambda:eu-west-2:{ACCOUNT}:function:chat-indexer"


def _run(program: Callable[[], Any]) -> StackRun:
    return run_program(program, environment="test", config=CONFIG)


def _one(run: StackRun, type_token: str) -> RecordedResource:
    (resource,) = run.of_type(type_token)
    return resource


def _policy(resource: RecordedResource, key: str = "policy") -> dict[str, Any]:
    value = resource.inputs[key]
    assert isinstance(value, str), f"{resource.name}.{key} must be a JSON string"
    document: dict[str, Any] = json.loads(value)
    return document


def _by_sid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["Sid"]: s for s in document["Statement"]}


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
    return _run(lambda: ChatStreamingEndpoint("chat", cast(ChatStreamingEndpointArgs, args)))


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
    topic = _one(run, "aws:sns/topic:Topic")
    key = _one(run, "aws:kms/key:Key")
    assert topic.inputs["fifoTopic"] is False
    assert topic.inputs["name"] == "chat"
    assert topic.inputs["kmsMasterKeyId"] == key.outputs["arn"]
    assert key.inputs["enableKeyRotation"] is True
    assert _one(run, "aws:kms/alias:Alias").inputs["name"] == "alias/chat"
    assert topic.inputs["tags"] == {"owner": "platform"}


def test_endpoint_children_are_parented_and_prefixed() -> None:
    run = _endpoint()
    component = _one(run, "connect-streaming:index:ChatStreamingEndpoint")
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
    topic = _one(run, "aws:sns/topic:Topic")
    statements = _by_sid(_policy(topic))
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
    key = _one(_endpoint(), "aws:kms/key:Key")
    grant = _by_sid(_policy(key))["ConnectEncryptsStreamedMessages"]
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
    permission = _one(run, "aws:lambda/permission:Permission")
    assert permission.inputs["principal"] == "sns.amazonaws.com"
    assert permission.inputs["sourceArn"] == _one(run, "aws:sns/topic:Topic").outputs["arn"]


def test_queue_policies_admit_only_the_topic_and_deny_plain_http() -> None:
    run = _endpoint()
    topic_arn = _one(run, "aws:sns/topic:Topic").outputs["arn"]
    queues = {q.outputs["url"]: q for q in run.of_type("aws:sqs/queue:Queue")}
    senders = []
    for policy in run.of_type("aws:sqs/queuePolicy:QueuePolicy"):
        queue = queues[policy.inputs["queueUrl"]]
        statements = _by_sid(_policy(policy))
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
    assert _one(run, "aws:sns/topic:Topic").inputs["kmsMasterKeyId"] == key_arn


@pytest.mark.parametrize("extra", [{"fifo_topic": True}, {"topic_name": "chat.fifo"}])
def test_fifo_is_refused_before_any_child_exists(extra: dict[str, Any]) -> None:
    with pytest.raises(StackProgramError, match="standard SNS topics") as caught:
        _endpoint(**extra)
    assert [r.type for r in caught.value.resources] == []


def test_a_plain_http_subscriber_is_refused() -> None:
    with pytest.raises(
        StackProgramError, match=r"https_subscribers\[0\].url: expected an https:// URL"
    ):
        _run(
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
        _run(twice)


# --- roles ------------------------------------------------------------------------------------


def _roles() -> StackRun:
    flow = f"{INSTANCE}/contact-flow/0a1b2c3d"

    def program() -> None:
        StreamingControllerRole(
            "ctl", {"instance_arn": INSTANCE, "trust": {"service": "lambda.amazonaws.com"}}
        )
        MetricsReaderRole(
            "metrics",
            {"instance_arn": INSTANCE, "trust": {"role_arns": [f"arn:aws:iam::{ACCOUNT}:root"]}},
        )
        TaskStarterRole(
            "tasks",
            {
                "instance_arn": INSTANCE,
                "contact_flow_arns": [flow],
                "trust": {
                    "oidc_provider_arn": OIDC_PROVIDER,
                    "oidc_subjects": ["repo:org/app:ref:refs/heads/main"],
                },
            },
        )

    return _run(program)


def test_each_role_component_makes_one_role_with_one_inline_policy() -> None:
    run = _roles()
    roles = {r.parent_name: r for r in run.of_type("aws:iam/role:Role")}
    policies = {r.parent_name: r for r in run.of_type("aws:iam/rolePolicy:RolePolicy")}
    assert set(roles) == {"ctl", "metrics", "tasks"}
    assert set(policies) == {"ctl-role", "metrics-role", "tasks-role"}
    actions = {
        name: sorted(
            a
            for s in _policy(policy)["Statement"]
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
        )
        for name, policy in policies.items()
    }
    assert actions == {
        "ctl-role": ["connect:StartContactStreaming", "connect:StopContactStreaming"],
        "metrics-role": [
            "connect:GetCurrentMetricData",
            "connect:GetMetricData",
            "connect:GetMetricDataV2",
        ],
        "tasks-role": ["connect:StartTaskContact"],
    }
    trust = {name: _policy(role, "assumeRolePolicy") for name, role in roles.items()}
    assert trust["ctl"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert trust["tasks"]["Statement"][0]["Action"] == "sts:AssumeRoleWithWebIdentity"
    for parent, policy in policies.items():
        assert policy.inputs["role"] == roles[str(parent).removesuffix("-role")].id


def test_task_starter_policy_is_built_from_flow_outputs() -> None:
    run = _roles()
    policy = next(r for r in run.of_type("aws:iam/rolePolicy:RolePolicy") if "tasks" in r.name)
    assert _policy(policy)["Statement"][0]["Resource"] == [f"{INSTANCE}/contact-flow/0a1b2c3d"]


def test_a_role_with_two_trust_kinds_is_refused() -> None:
    with pytest.raises(StackProgramError, match="exactly one of"):
        _run(
            lambda: StreamingControllerRole(
                "ctl",
                {
                    "instance_arn": INSTANCE,
                    "trust": {
                        "service": "lambda.amazonaws.com",
                        "role_arns": [f"arn:aws:iam::{ACCOUNT}:root"],
                    },
                },
            )
        )


# --- flows ------------------------------------------------------------------------------------


def _flows(*, ignore: bool) -> StackRun:
    queue = f"{INSTANCE}/queue/5e6f7a8b"

    def program() -> None:
        routing = TaskRoutingFlow(
            "route",
            {"instance_arn": INSTANCE, "queue_arn": queue, "ignore_content_changes": ignore},
        )
        TaskCreatingFlow(
            "create",
            {
                "instance_arn": INSTANCE,
                "task_flow_arn": routing.contact_flow_arn,
                "task_name": "Follow up",
                "references": {"ticket": {"type": "URL", "value": "https://t.example.com/1"}},
                "attributes": {"source": "chat"},
                "delay_seconds": 600,
                "ignore_content_changes": ignore,
            },
        )

    return _run(program)


def test_flow_content_is_valid_flow_language_wired_to_outputs() -> None:
    run = _flows(ignore=False)
    flows = {r.parent_name: r for r in run.of_type("aws:connect/contactFlow:ContactFlow")}
    assert set(flows) == {"route", "create"}
    for flow in flows.values():
        assert flow.inputs["instanceId"] == INSTANCE_ID
        assert flow.inputs["type"] == "CONTACT_FLOW"
        assert flow_problems(flow.inputs["content"]) == []
        assert flow.ignore_changes == ()
    routing_json = flows["route"].inputs["content"]
    assert f"{INSTANCE}/queue/5e6f7a8b" in routing_json
    content = flows["create"].inputs["content"]
    assert parse_flow(content).to_json() == content  # the parser reads it back unchanged
    (task,) = [a for a in json.loads(content)["Actions"] if a["Type"] == "CreateTask"]
    parameters = task["Parameters"]
    assert parameters["ContactFlowId"] == flows["route"].outputs["arn"]
    assert parameters["DelaySeconds"] == 600
    assert parameters["References"] == {
        "ticket": {"Type": "URL", "Value": "https://t.example.com/1"}
    }


def test_ignore_content_changes_reaches_the_engine() -> None:
    run = _flows(ignore=True)
    for flow in run.of_type("aws:connect/contactFlow:ContactFlow"):
        assert flow.ignore_changes == ("content",)


def test_an_attachment_reference_is_refused_at_construction() -> None:
    with pytest.raises(StackProgramError, match="ATTACHMENT"):
        _run(
            lambda: TaskCreatingFlow(
                "create",
                {
                    "instance_arn": INSTANCE,
                    "task_flow_arn": f"{INSTANCE}/contact-flow/f",
                    "task_name": "x",
                    "references": {"file": {"type": "ATTACHMENT", "value": "s3://b/k"}},
                },
            )
        )


def test_runs_are_repeatable_in_one_process() -> None:
    first = sorted(json.dumps([r.urn, r.inputs], sort_keys=True) for r in _endpoint().resources)
    second = sorted(json.dumps([r.urn, r.inputs], sort_keys=True) for r in _endpoint().resources)
    assert first == second

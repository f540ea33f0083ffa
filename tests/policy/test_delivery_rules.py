"""The delivery rules: mandatory in prod and advisory elsewhere through the offline plan (the pack
over gRPC), silent on the stacks' own resources, and loud on those same resources with their
dead-letter queues or TLS-only denies taken away (the shape every stack had before)."""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_streaming_plan.analyzer import PolicyPackProcess, Resource
from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import EXIT_CLEAN, EXIT_VIOLATIONS
from connect_streaming_policy.catalogue import RESOURCE_RULES, RULES, rule
from connect_streaming_policy.vocabulary import Context, ResourceRule, StackResource, StackRule
from tests.policy.cases import TOPIC_ARN, topic
from tests.repo import POLICY_PACK_DIR, load_stack_config, run_stack_program

DELIVERY_RULES = (
    "streaming-subscription-has-dlq",
    "subscriber-queue-has-redrive",
    "queue-policy-denies-insecure-transport",
    "dead-letter-queue-retention-maximum",
)
STACKS = ("dev", "staging", "prod")

# A stack written with plain pulumi-aws resources, the way one without the components (or this
# repository before dead-letter queues) looks: nothing is dead-lettered, nothing denies HTTP.
PROGRAM = """
import json

import pulumi
import pulumi_aws as aws

INSTANCE = "arn:aws:connect:us-east-1:777788889999:instance/4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f"
TOPIC = "arn:aws:sns:us-east-1:777788889999:chat"
TAGS = {"owner": "o", "cost-center": "c", "environment": pulumi.get_stack(),
        "data-classification": "restricted"}
key = aws.kms.Key("key", enable_key_rotation=True, tags=TAGS, policy=json.dumps({
    "Version": "2012-10-17", "Statement": [{
        "Sid": "Connect", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
        "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": "*",
        "Condition": {"StringEquals": {"aws:SourceAccount": "777788889999"},
                      "ArnEquals": {"aws:SourceArn": INSTANCE}}}]}))
topic = aws.sns.Topic("chat", name="chat", kms_master_key_id=key.arn, tags=TAGS,
    policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Connect", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
         "Action": "sns:Publish", "Resource": TOPIC,
         "Condition": {"StringEquals": {"aws:SourceAccount": "777788889999"},
                       "ArnEquals": {"aws:SourceArn": INSTANCE}}},
        {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "sns:Publish",
         "Resource": TOPIC, "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
queue = aws.sqs.Queue("transcripts", name="transcripts", sqs_managed_sse_enabled=True,
                      tags=TAGS)
aws.sqs.QueuePolicy("transcripts-policy", queue_url=queue.url, policy=queue.arn.apply(
    lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage", "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": TOPIC}}}]})))
aws.sns.TopicSubscription("transcripts-subscription", topic=topic.arn, protocol="sqs",
                          endpoint=queue.arn)
# A dead-letter queue kept for SQS's default 4 days.
dlq = aws.sqs.Queue("audit-dlq", name="audit-dlq", sqs_managed_sse_enabled=True, tags=TAGS)
audit = aws.sqs.Queue("audit", name="audit", sqs_managed_sse_enabled=True, tags=TAGS,
    redrive_policy=dlq.arn.apply(lambda arn: json.dumps(
        {"deadLetterTargetArn": arn, "maxReceiveCount": 5})))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("undelivered")
    (root / "program").mkdir()
    (root / "program" / "__main__.py").write_text(PROGRAM, encoding="utf-8")
    (root / "Pulumi.yaml").write_text(
        "name: undelivered\nmain: program/\nruntime: python\n", encoding="utf-8"
    )
    for stack in ("dev", "prod"):
        (root / f"Pulumi.{stack}.yaml").write_text(
            textwrap.dedent("config:\n  aws:region: us-east-1\n"), encoding="utf-8"
        )
    return root


def _plan(project: Path, stack: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    argv = ["--stack", stack, "--project", str(project), "--policy-pack", str(POLICY_PACK_DIR)]
    code = main([*argv, "--format", "json"], out=out)
    return code, json.loads(out.getvalue())


def _verdicts(plan: dict[str, Any]) -> set[tuple[str, str, str]]:
    found = {
        (v["policy"], r["name"], v["enforcement"]) for r in plan["resources"] for v in r["verdicts"]
    }
    found |= {(v["policy"], "", v["enforcement"]) for v in plan["stackVerdicts"]}
    return {f for f in found if f[0] in DELIVERY_RULES}


def test_prod_refuses_a_stack_that_drops_what_it_cannot_deliver(project: Path) -> None:
    code, plan = _plan(project, "prod")
    assert code == EXIT_VIOLATIONS
    assert _verdicts(plan) == {
        ("streaming-subscription-has-dlq", "transcripts-subscription", "mandatory"),
        ("subscriber-queue-has-redrive", "transcripts", "mandatory"),
        ("queue-policy-denies-insecure-transport", "transcripts-policy", "mandatory"),
        ("dead-letter-queue-retention-maximum", "audit-dlq", "mandatory"),
    }
    assert plan["summary"]["mandatory"] == 4, plan["summary"]


def test_elsewhere_the_same_stack_gets_advisories_and_plans(project: Path) -> None:
    code, plan = _plan(project, "dev")
    assert code == EXIT_CLEAN
    assert {(name, level) for _, name, level in _verdicts(plan)} == {
        ("transcripts-subscription", "advisory"),
        ("transcripts", "advisory"),
        ("transcripts-policy", "advisory"),
        ("audit-dlq", "advisory"),
    }


@pytest.fixture(scope="module")
def stack_resources() -> dict[str, list[StackResource]]:
    """Each stack's resources as AnalyzeStack sees them (inputs and outputs)."""
    found = {}
    for stack in STACKS:
        run = run_stack_program(stack, load_stack_config(stack))
        found[stack] = [
            StackResource(r.type, r.urn, r.name, {**r.inputs, **r.outputs}, r.parent)
            for r in run.resources
        ]
    return found


def _stack_violations(name: str, resources: list[StackResource]) -> list[tuple[str, str | None]]:
    found = rule(name)
    assert isinstance(found, StackRule), name
    return found.violations(resources, Context())


@pytest.mark.parametrize("stack", STACKS)
def test_the_stacks_own_resources_pass_the_delivery_rules(
    stack: str, stack_resources: dict[str, list[StackResource]]
) -> None:
    resources = stack_resources[stack]
    for name in DELIVERY_RULES:
        found = rule(name)
        if isinstance(found, ResourceRule):
            assert [v for r in resources for v in found.violations(r.type, r.props)] == []
        else:
            assert _stack_violations(name, resources) == [], name


def _without_dead_letters(resources: list[StackResource]) -> list[StackResource]:
    """The stack as it was before dead-letter queues: no DLQ, no redrive, 4-day retention."""
    kept = []
    for r in resources:
        if r.name.endswith(("-dlq", "-dlq-policy")):
            continue
        props = {k: v for k, v in r.props.items() if k != "redrivePolicy"}
        kept.append(StackResource(r.type, r.urn, r.name, props, r.parent))
    return kept


@pytest.mark.parametrize("stack", STACKS)
def test_without_dead_letter_queues_every_subscription_and_queue_is_reported(
    stack: str, stack_resources: dict[str, list[StackResource]]
) -> None:
    resources = _without_dead_letters(stack_resources[stack])
    subscriptions = [r.urn for r in resources if r.type.endswith("TopicSubscription")]
    queues = [r.urn for r in resources if r.type == "aws:sqs/queue:Queue"]
    reported = _stack_violations("streaming-subscription-has-dlq", resources)
    assert sorted(str(urn) for _, urn in reported) == sorted(subscriptions)
    assert all("has no redrivePolicy" in message for message, _ in reported)
    reported = _stack_violations("subscriber-queue-has-redrive", resources)
    assert sorted(str(urn) for _, urn in reported) == sorted(queues)


@pytest.mark.parametrize("stack", STACKS)
def test_short_lived_dead_letter_queues_are_each_reported(
    stack: str, stack_resources: dict[str, list[StackResource]]
) -> None:
    resources = [
        StackResource(
            r.type, r.urn, r.name, {**r.props, "messageRetentionSeconds": 1_209_599}, r.parent
        )
        if r.name.endswith("-dlq")
        else r
        for r in stack_resources[stack]
    ]
    dead_letters = [r.urn for r in resources if r.name.endswith("-dlq")]
    reported = _stack_violations("dead-letter-queue-retention-maximum", resources)
    assert sorted(str(urn) for _, urn in reported) == sorted(dead_letters)
    assert all("1209599" in message for message, _ in reported)


# Ways to break a TLS-only deny, each alone enough to let plain HTTP through.
BREAKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "dropped": lambda s: s.clear(),
    "allowed instead": lambda s: s.update(Effect="Allow"),
    "one principal": lambda s: s.update(Principal={"AWS": "arn:aws:iam::777788889999:root"}),
    "send only": lambda s: s.update(Action="sqs:SendMessage"),
    "receive only": lambda s: s.update(Action=["sqs:ReceiveMessage"]),
    "denies TLS instead": lambda s: s.update(Condition={"Bool": {"aws:SecureTransport": "true"}}),
    "other key": lambda s: s.update(Condition={"Bool": {"aws:ViaAWSService": "false"}}),
}
TLS_RULE = next(r for r in RESOURCE_RULES if r.name == "queue-policy-denies-insecure-transport")


@settings(max_examples=40, deadline=None)
@given(
    stack=st.sampled_from(STACKS), index=st.integers(0, 100), how=st.sampled_from(sorted(BREAKS))
)
def test_any_queue_policy_with_its_tls_deny_broken_is_refused(
    stack_resources: dict[str, list[StackResource]], stack: str, index: int, how: str
) -> None:
    policies = [r for r in stack_resources[stack] if r.type == "aws:sqs/queuePolicy:QueuePolicy"]
    target = policies[index % len(policies)]
    document = json.loads(target.props["policy"])
    assert TLS_RULE.violations(target.type, {"policy": json.dumps(document)}) == []
    (deny,) = [s for s in document["Statement"] if s["Sid"] == "DenyInsecureTransport"]
    BREAKS[how](deny)
    document["Statement"] = [s for s in document["Statement"] if s]
    (message,) = TLS_RULE.violations(target.type, {"policy": json.dumps(document)})
    assert "aws:SecureTransport is false" in message


def test_analyze_stack_reports_a_subscription_without_a_dead_letter_queue() -> None:
    """Through the engine's AnalyzeStack: the streaming topic's subscription has no DLQ."""
    subscription = Resource(
        "aws:sns/topicSubscription:TopicSubscription",
        "urn:pulumi:dev::p::aws:sns/topicSubscription:TopicSubscription::s",
        "s",
        {"topic": TOPIC_ARN, "protocol": "sqs", "endpoint": "arn:aws:sqs:us-east-1:111122223333:q"},
    )
    chat = Resource(
        "aws:sns/topic:Topic",
        "urn:pulumi:dev::p::aws:sns/topic:Topic::chat",
        "chat",
        topic(arn=TOPIC_ARN),
    )
    with PolicyPackProcess(POLICY_PACK_DIR, env={"PULUMI_STACK": ""}) as pack:
        pack.configure({r.name: (r.level, r.settings(None)) for r in RULES})
        diagnostics = pack.analyze_stack([chat, subscription]).diagnostics
    assert [(d.policyName, d.urn) for d in diagnostics] == [
        ("streaming-subscription-has-dlq", subscription.urn)
    ]
    assert "has no redrivePolicy" in diagnostics[0].message

"""Nothing lost after the topic, under Pulumi's mocks: every subscription has a dead-letter
queue SNS may send to, every SQS subscriber queue a redrive to its own, the DLQs keep messages
for 14 days, and bad retention or receive counts are refused before anything exists."""

from __future__ import annotations

import doctest
import json
import re
from typing import Any, cast

import pulumi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_streaming.streaming import ChatStreamingEndpoint, ChatStreamingEndpointArgs
from connect_streaming_plan.mocks import RecordedResource, StackProgramError, StackRun, run_program
from tests.repo import REPO_ROOT

ACCOUNT = "111122223333"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
CONFIG = {"aws:region": "eu-west-2", "connect-streaming:instanceArn": INSTANCE}
LAMBDA = f"arn:aws:lambda:eu-west-2:{ACCOUNT}:function:chat-indexer"
FOURTEEN_DAYS = 14 * 24 * 3600


def _endpoint(**extra: Any) -> StackRun:
    args: dict[str, Any] = {
        "instance_arn": INSTANCE,
        "sqs_subscribers": [
            {"name": "transcripts"},
            {"name": "archive", "message_retention_seconds": FOURTEEN_DAYS, "max_receive_count": 9},
        ],
        "lambda_subscribers": [{"name": "indexer", "function_arn": LAMBDA}],
        "https_subscribers": [{"name": "hook", "url": "https://hooks.example.com/chat"}],
        **extra,
    }

    def program() -> None:
        endpoint = ChatStreamingEndpoint("chat", cast(ChatStreamingEndpointArgs, args))
        pulumi.export("dlqs", endpoint.dead_letter_queue_urls)

    return run_program(program, environment="test", config=CONFIG)


def _queues(run: StackRun) -> dict[str, RecordedResource]:
    """Queues by ARN."""
    return {q.outputs["arn"]: q for q in run.of_type("aws:sqs/queue:Queue")}


def _json(resource: RecordedResource, key: str) -> dict[str, Any]:
    value = resource.inputs[key]
    assert isinstance(value, str), f"{resource.name}.{key} must be JSON text"
    decoded: dict[str, Any] = json.loads(value)
    return decoded


def test_every_subscription_redrives_to_its_own_dead_letter_queue() -> None:
    run = _endpoint()
    queues = _queues(run)
    topic_arn = run.of_type("aws:sns/topic:Topic")[0].outputs["arn"]
    targets = []
    for subscription in run.of_type("aws:sns/topicSubscription:TopicSubscription"):
        redrive = _json(subscription, "redrivePolicy")
        assert list(redrive) == ["deadLetterTargetArn"], subscription.name
        dlq = queues[redrive["deadLetterTargetArn"]]
        short = subscription.name.removeprefix("chat-").removesuffix("-subscription")
        assert dlq.inputs["name"] == f"chat-{short}-sns-dlq"
        assert dlq.name == f"{subscription.name}-dlq"
        # SNS needs the same account and Region, and the queue's permission to send.
        assert dlq.outputs["arn"].split(":")[3:5] == topic_arn.split(":")[3:5]
        assert _json(dlq, "redriveAllowPolicy") == {"redrivePermission": "denyAll"}
        targets.append(dlq.outputs["arn"])
    assert len(set(targets)) == 4


def test_every_sqs_subscriber_queue_redrives_to_its_own_dead_letter_queue() -> None:
    run = _endpoint()
    queues = _queues(run)
    receives = {"chat-transcripts": 5, "chat-archive": 9}  # the default, and the configured
    retention = {"chat-transcripts": 345_600, "chat-archive": FOURTEEN_DAYS}
    for name, count in receives.items():
        (queue,) = [q for q in queues.values() if q.inputs["name"] == name]
        assert queue.inputs["messageRetentionSeconds"] == retention[name]
        redrive = _json(queue, "redrivePolicy")
        assert redrive["maxReceiveCount"] == count
        assert isinstance(redrive["maxReceiveCount"], int)  # the provider refuses "5"
        dlq = queues[redrive["deadLetterTargetArn"]]
        assert dlq.inputs["name"] == f"{name}-dlq"
        assert _json(dlq, "redriveAllowPolicy") == {
            "redrivePermission": "byQueue",
            "sourceQueueArns": [queue.outputs["arn"]],
        }


def test_dead_letter_queues_keep_14_days_encrypted_like_their_queues() -> None:
    run = _endpoint()
    queues = _queues(run).values()
    dead_letters = [q for q in queues if q.inputs["name"].endswith("dlq")]
    assert len(dead_letters) == 6
    for queue in queues:
        assert queue.inputs["sqsManagedSseEnabled"] is True, queue.name
        assert "redrivePolicy" in queue.inputs or queue in dead_letters, queue.name
    for dlq in dead_letters:
        assert dlq.inputs["messageRetentionSeconds"] == 1_209_600, dlq.name
        assert "redrivePolicy" not in dlq.inputs, dlq.name
        assert dlq.parent_name == "chat-topic"
    assert set(run.outputs["dlqs"]) == {q.inputs["name"] for q in dead_letters}
    assert sorted(run.outputs["dlqs"].values()) == sorted(q.outputs["url"] for q in dead_letters)


def test_the_dead_letter_queues_exist_before_what_redrives_to_them() -> None:
    run = _endpoint()
    order = [r.name for r in run.resources]
    for r in run.resources:
        if "redrivePolicy" in r.inputs:
            target = _json(r, "redrivePolicy")["deadLetterTargetArn"]
            dlq = _queues(run)[target]
            assert order.index(dlq.name) < order.index(r.name), r.name


@pytest.mark.parametrize(
    ("sub", "message"),
    [
        (
            {"name": "q", "message_retention_seconds": 59},
            "sqs_subscribers[0].message_retention_seconds: expected a whole number of seconds"
            " from 60 to 1209600 (14 days), got 59",
        ),
        (
            {"name": "q", "message_retention_seconds": 1_209_601},
            "got 1209601",
        ),
        (
            {"name": "q", "max_receive_count": 0},
            "sqs_subscribers[0].max_receive_count: expected a whole number of receives from 1"
            " to 1000, got 0",
        ),
        ({"name": "q", "max_receive_count": True}, "max_receive_count: expected a whole number"),
    ],
)
def test_bad_delivery_numbers_are_refused_before_anything_exists(
    sub: dict[str, Any], message: str
) -> None:
    with pytest.raises(StackProgramError) as caught:
        run_program(
            lambda: ChatStreamingEndpoint(
                "chat",
                cast(
                    ChatStreamingEndpointArgs, {"instance_arn": INSTANCE, "sqs_subscribers": [sub]}
                ),
            ),
            environment="test",
            config=CONFIG,
        )
    assert "ChatStreamingEndpoint 'chat': " in str(caught.value)
    assert message in str(caught.value)
    assert caught.value.resources == []


def test_a_subscriber_named_like_another_ones_dead_letter_queue_is_refused() -> None:
    with pytest.raises(StackProgramError) as caught:
        _endpoint(sqs_subscribers=[{"name": "audit"}, {"name": "audit-dlq"}])
    assert "sqs_subscribers[1].name: expected a name whose derived names are unique: SQS queue" in (
        str(caught.value)
    )
    assert "'chat-audit-dlq' is also derived from sqs_subscribers[0]" in str(caught.value)
    assert caught.value.resources == []


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 120))
def test_a_topic_name_is_refused_exactly_when_a_derived_queue_name_passes_80(length: int) -> None:
    topic = "t" * length
    # The longest derived name is the subscription's DLQ: <topic>-q-sns-dlq.
    fits = len(f"{topic}-q-sns-dlq") <= 80

    def program() -> StackRun:
        return _endpoint(
            topic_name=topic,
            sqs_subscribers=[{"name": "q"}],
            lambda_subscribers=[],
            https_subscribers=[],
        )

    if fits:
        run = program()
        assert max(len(q.inputs["name"]) for q in run.of_type("aws:sqs/queue:Queue")) <= 80
        return
    with pytest.raises(StackProgramError) as caught:
        program()
    assert "sqs_subscribers[0].name: expected a shorter name: the derived SQS queue name" in (
        str(caught.value)
    )
    assert caught.value.resources == []


DOCS = REPO_ROOT / "docs" / "delivery.md"


def test_the_delivery_page_examples_run() -> None:
    """Its doctest blocks pass; its other Python blocks run (they define, never call AWS)."""
    failed, tried = doctest.testfile(str(DOCS), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failed == 0
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    plain = [b for b in blocks if not b.lstrip().startswith(">>>")]
    assert plain, "the replay example"
    for block in plain:
        namespace: dict[str, Any] = {}
        exec(compile(block, str(DOCS), "exec"), namespace)
        assert callable(namespace["replay"])


def test_the_delivery_page_names_the_config_keys_and_rules_that_exist() -> None:
    from connect_streaming.config import key_table
    from connect_streaming_policy.catalogue import rule

    text = DOCS.read_text(encoding="utf-8")
    for key in ("messageRetentionSeconds", "maxReceiveCount"):
        assert f"sqsSubscribers[].{key}`" in key_table()
        assert f"`{key}`" in text
    for name in re.findall(r"^\| `([a-z-]+)` \| (?:stack|resource) \|", text, re.M):
        assert rule(name).level == "advisory", name
    assert len(re.findall(r"^\| `([a-z-]+)` \| (?:stack|resource) \|", text, re.M)) == 4


def test_the_delivery_page_quotes_the_prod_stack_as_it_is() -> None:
    (quoted,) = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    stack = (DOCS.parents[1] / "stacks" / "Pulumi.prod.yaml").read_text(encoding="utf-8")
    assert quoted in stack

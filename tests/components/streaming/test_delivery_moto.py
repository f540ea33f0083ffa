"""Nothing lost after the topic, on the local endpoint's moto-backed path: ChatStreamingEndpoint's
planned queues, policies and subscriptions deployed into moto, chats streamed to them by the
local Connect endpoint, and a consumer that fails: every message ends in its dead-letter queue
after maxReceiveCount receives, counted, none lost and none twice; the DLQ replays.

The last tests pin what moto 5 does with SNS subscription redrive (it stores the policy and
never uses it) and with deliveries that fail, so docs/delivery.md can say what moto cannot show.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any, cast

import boto3
import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime.streaming.consumer import parse_record
from connect_runtime.testing import ConnectEndpoint, MotoServer, SqsSubscriber, example_state
from connect_runtime.testing.delivery import RedrivenSubscriber, consume, drain, move_messages
from connect_streaming.streaming import ChatStreamingEndpoint, ChatStreamingEndpointArgs
from connect_streaming_plan.mocks import StackRun, run_program

# moto's default account and Region, so the ARNs the mocks derive are moto's own.
ACCOUNT = "123456789012"
INSTANCE = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
RECEIVES = 3
_QUEUE_KEYS = {
    "messageRetentionSeconds": "MessageRetentionPeriod",
    "redrivePolicy": "RedrivePolicy",
    "redriveAllowPolicy": "RedriveAllowPolicy",
    "sqsManagedSseEnabled": "SqsManagedSseEnabled",
}
_SUBSCRIPTION_KEYS = {
    "rawMessageDelivery": "RawMessageDelivery",
    "filterPolicy": "FilterPolicy",
    "redrivePolicy": "RedrivePolicy",
}


def _client(service: str, moto: MotoServer) -> Any:
    return boto3.client(  # type: ignore[call-overload]
        service,
        endpoint_url=moto.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _attribute(value: Any) -> str:
    """A planned input as an SNS/SQS attribute string (the engine's numbers arrive as floats)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _attributes(inputs: dict[str, Any], keys: dict[str, str]) -> dict[str, str]:
    return {name: _attribute(inputs[key]) for key, name in keys.items() if key in inputs}


def deploy(run: StackRun, moto: MotoServer) -> dict[str, str]:
    """Create the run's topics, queues, queue policies and SQS subscriptions in moto, in the
    order the program registered them; return queue name -> moto URL."""
    sns, sqs = _client("sns", moto), _client("sqs", moto)
    urls: dict[str, str] = {}
    for r in run.resources:
        if r.type == "aws:sns/topic:Topic":
            assert sns.create_topic(Name=r.inputs["name"])["TopicArn"] == r.outputs["arn"]
        elif r.type == "aws:sqs/queue:Queue":
            attributes = _attributes(r.inputs, _QUEUE_KEYS)
            created = sqs.create_queue(QueueName=r.inputs["name"], Attributes=attributes)
            urls[r.outputs["url"]] = urls[r.inputs["name"]] = created["QueueUrl"]
        elif r.type == "aws:sqs/queuePolicy:QueuePolicy":
            policy = {"Policy": r.inputs["policy"]}
            sqs.set_queue_attributes(QueueUrl=urls[r.inputs["queueUrl"]], Attributes=policy)
        elif r.type == "aws:sns/topicSubscription:TopicSubscription":
            sns.subscribe(
                TopicArn=r.inputs["topic"],
                Protocol=r.inputs["protocol"],
                Endpoint=r.inputs["endpoint"],
                Attributes=_attributes(r.inputs, _SUBSCRIPTION_KEYS),
            )
    return {name: url for name, url in urls.items() if not name.startswith("https://")}


@pytest.fixture
def planned(moto_server: MotoServer) -> tuple[str, dict[str, str]]:
    """A ChatStreamingEndpoint with a healthy and a failing SQS subscriber, planned under the
    mocks and deployed into moto: (topic ARN, queue name without the topic's -> URL)."""
    topic = f"chat-{uuid.uuid4().hex[:8]}"
    args = {
        "instance_arn": INSTANCE,
        "topic_name": topic,
        "sqs_subscribers": [
            {"name": "healthy", "raw_message_delivery": True},
            {"name": "failing", "raw_message_delivery": True, "max_receive_count": RECEIVES},
        ],
    }
    run = run_program(
        lambda: ChatStreamingEndpoint("chat", cast(ChatStreamingEndpointArgs, args)),
        environment="test",
        config={"aws:region": "us-east-1", "connect-streaming:instanceArn": INSTANCE},
    )
    urls = {name.removeprefix(f"{topic}-"): url for name, url in deploy(run, moto_server).items()}
    return run.of_type("aws:sns/topic:Topic")[0].outputs["arn"], urls


def _stream_chat(moto: MotoServer, topic: str, texts: list[str]) -> list[str]:
    """Stream one chat to ``topic`` through the local Connect endpoint; the items' IDs."""
    with ConnectEndpoint(example_state(), rate_limits=None, sns_endpoint_url=moto.url) as endpoint:
        runtime = endpoint.runtime()
        chat = runtime.start_chat_contact("chat-flow", "Jane", streaming_endpoint_arn=topic)
        instance = endpoint.instance()
        sent = [item.id for item in instance.contacts[chat.contact_id].transcript]
        sent += [instance.post_message(chat.contact_id, text).id for text in texts]
        runtime.stop_contact_streaming(chat.contact_id, str(chat.streaming_id))
    return sent


def _item_ids(messages: list[Any]) -> list[str]:
    return [parse_record(message).id for message in messages]


def _refuse(message: Any) -> None:
    raise ValueError("the consumer is down")


def test_what_a_consumer_fails_ends_in_its_dead_letter_queue_counted(
    planned: tuple[str, dict[str, str]], moto_server: MotoServer
) -> None:
    topic, urls = planned
    sqs = _client("sqs", moto_server)
    sent = _stream_chat(moto_server, topic, [f"message {n}" for n in range(12)])
    # What moto holds is what the component planned.
    failing = urls["failing"]
    attributes = sqs.get_queue_attributes(QueueUrl=failing, AttributeNames=["All"])["Attributes"]
    assert json.loads(attributes["RedrivePolicy"])["maxReceiveCount"] == RECEIVES
    healthy = consume(sqs, urls["healthy"], parse_record)
    assert healthy.failures == 0
    assert len(healthy.handled) == len(sent)
    failed = consume(sqs, failing, _refuse)
    # Each message was received exactly maxReceiveCount times, then moved; none was handled.
    assert failed.handled == []
    assert set(failed.receives.values()) == {RECEIVES}
    assert len(failed.receives) == len(sent)
    dead = drain(sqs, urls["failing-dlq"])
    assert sorted(_item_ids(dead)) == sorted(sent)  # none lost, none twice
    assert Counter(m["MessageId"] for m in dead) == Counter(failed.receives.keys())
    assert {m["Attributes"]["ApproximateReceiveCount"] for m in dead} == {str(RECEIVES + 1)}
    assert drain(sqs, failing) == []
    # SNS delivered everything, so the subscriptions' dead-letter queues stay empty.
    for name in ("healthy", "failing"):
        assert drain(sqs, urls[f"{name}-sns-dlq"]) == []
    assert drain(sqs, urls["healthy-dlq"]) == []


def test_a_dead_letter_queue_replays_into_its_queue_once_the_consumer_is_fixed(
    planned: tuple[str, dict[str, str]], moto_server: MotoServer
) -> None:
    topic, urls = planned
    sqs = _client("sqs", moto_server)
    sent = _stream_chat(moto_server, topic, ["first", "second", "third"])
    failing, dead_letters = urls["failing"], urls["failing-dlq"]
    consume(sqs, failing, _refuse)
    assert move_messages(sqs, dead_letters, failing) == len(sent)
    assert drain(sqs, dead_letters) == []
    fixed = consume(sqs, failing, parse_record)
    assert fixed.failures == 0
    assert len(fixed.handled) == len(sent)
    assert drain(sqs, failing) == []
    assert drain(sqs, dead_letters) == []


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    receives=st.integers(1, 4),
    failures=st.lists(st.integers(0, 6), min_size=1, max_size=8),
)
def test_a_message_is_dead_lettered_exactly_when_it_fails_max_receive_count_times(
    moto_server: MotoServer, receives: int, failures: list[int]
) -> None:
    """Message i fails its first ``failures[i]`` receives: handled on the next one when that
    comes before ``receives``, else dead-lettered after exactly ``receives``."""
    topic = moto_server.create_topic(f"t-{uuid.uuid4().hex[:8]}")
    redriven = RedrivenSubscriber.of(
        SqsSubscriber.create(moto_server.url, topic, f"q-{uuid.uuid4().hex[:8]}"),
        max_receive_count=receives,
    )
    sns, sqs = moto_server.sns_client(), redriven.subscriber.sqs
    for index in range(len(failures)):
        sns.publish(TopicArn=topic, Message=json.dumps({"index": index}))
    seen: Counter[int] = Counter()

    def flaky(message: Any) -> None:
        index = json.loads(message["Body"])["index"]
        seen[index] += 1
        if seen[index] <= failures[index]:
            raise ValueError(f"attempt {seen[index]} of {index} fails")

    stats = consume(sqs, redriven.subscriber.queue_url, flaky)
    dead = [json.loads(m["Body"])["index"] for m in drain(sqs, redriven.dead_letter_url)]
    handled = [i for i, f in enumerate(failures) if f < receives]
    assert sorted(dead) == [i for i, f in enumerate(failures) if f >= receives]
    assert len(stats.handled) == len(handled)
    assert {i: seen[i] for i in handled} == {i: failures[i] + 1 for i in handled}
    assert {i: seen[i] for i in dead} == dict.fromkeys(dead, receives)
    assert drain(sqs, redriven.subscription_dead_letter_url) == []


# --- what moto implements of SNS subscription redrive -----------------------------------------


def test_moto_stores_a_subscription_redrive_policy_unchecked(moto_server: MotoServer) -> None:
    topic = moto_server.create_topic(f"t-{uuid.uuid4().hex[:8]}")
    redriven = RedrivenSubscriber.of(
        SqsSubscriber.create(moto_server.url, topic, f"q-{uuid.uuid4().hex[:8]}")
    )
    sns = moto_server.sns_client()
    arn = redriven.subscriber.subscription_arn
    stored = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert json.loads(stored["RedrivePolicy"])["deadLetterTargetArn"].endswith("-sns-dlq")
    # AWS refuses a redrive policy that is not JSON naming a queue; moto keeps anything.
    sns.set_subscription_attributes(
        SubscriptionArn=arn, AttributeName="RedrivePolicy", AttributeValue="not json"
    )
    stored = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert stored["RedrivePolicy"] == "not json"


def test_moto_refuses_the_publish_when_a_subscribed_queue_is_gone(moto_server: MotoServer) -> None:
    """AWS accepts the publish and dead-letters the message (a client-side error, no retry);
    moto fails the Publish call itself, and later subscriptions get nothing either."""
    topic = moto_server.create_topic(f"t-{uuid.uuid4().hex[:8]}")
    broken = RedrivenSubscriber.of(
        SqsSubscriber.create(moto_server.url, topic, f"gone-{uuid.uuid4().hex[:8]}")
    )
    healthy = SqsSubscriber.create(moto_server.url, topic, f"q-{uuid.uuid4().hex[:8]}")
    sqs = broken.subscriber.sqs
    sqs.delete_queue(QueueUrl=broken.subscriber.queue_url)
    with pytest.raises(ClientError, match="NonExistentQueue"):
        moto_server.sns_client().publish(TopicArn=topic, Message="{}")
    assert drain(sqs, broken.subscription_dead_letter_url) == []
    assert healthy.drain() == []
    # Through the local Connect endpoint the chat post itself fails.
    with pytest.raises(ClientError, match="NonExistentQueue"):
        _stream_chat(moto_server, topic, ["lost"])


def test_moto_delivers_to_a_queue_whose_policy_refuses_sns(moto_server: MotoServer) -> None:
    """AWS would dead-letter (a client-side error); moto does not evaluate queue policies."""
    topic = moto_server.create_topic(f"t-{uuid.uuid4().hex[:8]}")
    redriven = RedrivenSubscriber.of(
        SqsSubscriber.create(moto_server.url, topic, f"q-{uuid.uuid4().hex[:8]}")
    )
    sqs = redriven.subscriber.sqs
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}
    policy = json.dumps({"Version": "2012-10-17", "Statement": [deny]})
    sqs.set_queue_attributes(QueueUrl=redriven.subscriber.queue_url, Attributes={"Policy": policy})
    moto_server.sns_client().publish(TopicArn=topic, Message=json.dumps({"x": 1}))
    assert [m["body"] for m in redriven.subscriber.drain()] == [{"x": 1}]
    assert drain(sqs, redriven.subscription_dead_letter_url) == []


def test_moto_checks_neither_retention_nor_receive_count_bounds(moto_server: MotoServer) -> None:
    """So the components' own checks (fields.py) are what refuses them before AWS would."""
    sqs = _client("sqs", moto_server)
    name = uuid.uuid4().hex[:8]
    sqs.create_queue(QueueName=f"long-{name}", Attributes={"MessageRetentionPeriod": "1209601"})
    dlq = sqs.create_queue(QueueName=f"d-{name}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]
    redrive = {"deadLetterTargetArn": arn["QueueArn"], "maxReceiveCount": 0}
    sqs.create_queue(QueueName=f"zero-{name}", Attributes={"RedrivePolicy": json.dumps(redrive)})
    # A redrive to a queue that does not exist is refused, as AWS does.
    missing = {"deadLetterTargetArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:none", "maxReceiveCount": 1}
    with pytest.raises(ClientError, match="Could not find DLQ"):
        sqs.create_queue(QueueName=f"x-{name}", Attributes={"RedrivePolicy": json.dumps(missing)})

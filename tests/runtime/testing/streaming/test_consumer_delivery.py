"""Everything the endpoint publishes, through SNS (moto) to SQS under every filter policy the
components create, raw or enveloped, parses back to exactly what was sent."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from connect_runtime.streaming.consumer import ChatStreamItem, parse_batch
from connect_runtime.testing import ConnectEndpoint, MotoServer, example_state
from connect_runtime.testing.streaming.consumer import poll_queue
from connect_streaming.streaming.documents import MESSAGE_VISIBILITIES, message_visibility_filter
from tests.runtime.streaming.consumer_shapes import expected, posts
from tests.runtime.testing.conftest import INSTANCE

# Every MessageVisibility filter a subscriber can be given (no filter, or any non-empty subset).
FILTERS: list[tuple[str, ...] | None] = [None] + [
    combo
    for size in range(1, len(MESSAGE_VISIBILITIES) + 1)
    for combo in itertools.combinations(MESSAGE_VISIBILITIES, size)
]


@dataclass(frozen=True)
class Subscriber:
    visibility: tuple[str, ...] | None
    raw: bool
    queue_url: str


@pytest.fixture(scope="module")
def delivery(moto_server: MotoServer) -> Iterator[tuple[ConnectEndpoint, str, list[Subscriber]]]:
    sns, topic = moto_server.sns_client(), moto_server.create_topic(f"t-{uuid.uuid4().hex[:8]}")
    sqs = _sqs(moto_server)
    subscribers = []
    for visibility, raw in itertools.product(FILTERS, (True, False)):
        url = sqs.create_queue(QueueName=f"q-{uuid.uuid4().hex[:12]}")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
        attributes = {"RawMessageDelivery": "true" if raw else "false"}
        policy = message_visibility_filter(list(visibility or ()))  # as the components build it
        if policy is not None:
            attributes["FilterPolicy"] = json.dumps(policy, sort_keys=True)
        sns.subscribe(
            TopicArn=topic, Protocol="sqs", Endpoint=arn["QueueArn"], Attributes=attributes
        )
        subscribers.append(Subscriber(visibility, raw, url))
    state = example_state()
    with ConnectEndpoint(state, rate_limits=None, sns_endpoint_url=moto_server.url) as endpoint:
        yield endpoint, topic, subscribers


def _sqs(moto_server: MotoServer) -> Any:
    import boto3

    return boto3.client(
        "sqs",
        endpoint_url=moto_server.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(posted=posts())
def test_every_filter_and_delivery_parses_back_exactly(
    delivery: tuple[ConnectEndpoint, str, list[Subscriber]],
    moto_server: MotoServer,
    posted: list[tuple[str, dict[str, Any]]],
) -> None:
    endpoint, topic, subscribers = delivery
    instance = endpoint.instance(INSTANCE)
    chat = endpoint.runtime().start_chat_contact("chat-flow", "Jane", streaming_endpoint_arn=topic)
    sent = list(instance.contacts[chat.contact_id].transcript)  # the participant.joined event
    for kind, chosen in posted:
        options = dict(chosen)
        if kind == "message":
            sent.append(instance.post_message(chat.contact_id, options.pop("content"), **options))
        elif kind == "event":
            sent.append(
                instance.post_event(chat.contact_id, options.pop("content_type"), **options)
            )
        else:
            name, content_type = options.pop("file_name"), options.pop("content_type")
            sent.append(instance.post_attachment(chat.contact_id, name, content_type, **options))
    attributes = {"InstanceId": INSTANCE, "AccountId": instance.instance.account_id}
    sqs = _sqs(moto_server)
    for subscriber in subscribers:
        want = [
            expected(item, attributes)
            for item in sent
            if subscriber.visibility is None or item.visibility in subscriber.visibility
        ]
        got: list[ChatStreamItem] = []
        stats = poll_queue(sqs, subscriber.queue_url, got.append, wait_seconds=0)
        assert stats.refused == 0, subscriber
        # SQS (standard) does not promise order: compare as sets keyed by item ID.
        assert sorted(got, key=lambda i: i.id) == sorted(want, key=lambda i: i.id), subscriber
    endpoint.runtime().stop_contact_streaming(chat.contact_id, str(chat.streaming_id))


def test_parse_batch_takes_a_receive_message_answer_as_is(
    delivery: tuple[ConnectEndpoint, str, list[Subscriber]], moto_server: MotoServer
) -> None:
    endpoint, topic, subscribers = delivery
    chat = endpoint.runtime().start_chat_contact(
        "chat-flow", "Ann", initial_message="hello", streaming_endpoint_arn=topic
    )
    sqs = _sqs(moto_server)
    enveloped = next(s for s in subscribers if s.visibility is None and not s.raw)
    answer = sqs.receive_message(
        QueueUrl=enveloped.queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )
    batch = parse_batch(answer)
    assert batch.failures == ()
    assert [i.content for i in batch.items if i.type == "MESSAGE"] == ["hello"]
    assert {i.contact_id for i in batch.items} == {chat.contact_id}
    for subscriber in subscribers:  # leave the queues empty for other tests
        poll_queue(sqs, subscriber.queue_url, lambda item: None, wait_seconds=0)


def test_the_example_consumer_runs_as_a_program(
    delivery: tuple[ConnectEndpoint, str, list[Subscriber]], moto_server: MotoServer
) -> None:
    endpoint, topic, subscribers = delivery
    endpoint.runtime().start_chat_contact(
        "chat-flow", "Ann", initial_message="from the loop", streaming_endpoint_arn=topic
    )
    raw = next(s for s in subscribers if s.visibility == ("CUSTOMER", "ALL") and s.raw)
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    argv = [sys.executable, "-m", "connect_runtime.testing.chat_consumer"]
    argv += ["--queue-url", raw.queue_url, "--endpoint-url", moto_server.url, "--wait", "0"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "MESSAGE    CUSTOMER ALL      from the loop" in done.stdout
    assert "handled 2, refused 0" in done.stderr
    sqs = _sqs(moto_server)
    for subscriber in subscribers:
        poll_queue(sqs, subscriber.queue_url, lambda item: None, wait_seconds=0)

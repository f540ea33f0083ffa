"""StartContactStreaming / StopContactStreaming through raw boto3, and the SNS side on moto."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from connect_runtime.streaming.consumer import MESSAGE_ATTRIBUTES
from connect_runtime.testing import (
    ConnectEndpoint,
    MotoServer,
    RecordingPublisher,
    SqsSubscriber,
    example_state,
)
from tests.runtime.testing.conftest import INSTANCE, ONE_ATTEMPT, TOPIC

# The eight documented attributes live once, in the consumer that requires them all.
DOCUMENTED_ATTRIBUTES = set(MESSAGE_ATTRIBUTES)


def _start(client: object, contact: str, topic: str = TOPIC, token: str | None = None) -> str:
    kwargs = {"ClientToken": token} if token else {}
    answer = client.start_contact_streaming(  # type: ignore[attr-defined]
        InstanceId=INSTANCE,
        ContactId=contact,
        ChatStreamingConfiguration={"StreamingEndpointArn": topic},
        **kwargs,
    )
    return str(answer["StreamingId"])


@pytest.mark.parametrize(
    ("instance", "contact", "error"),
    [
        ("nope", "chat-live", "ResourceNotFoundException"),
        (INSTANCE, "nope", "ResourceNotFoundException"),
        (INSTANCE, "voice-waiting", "InvalidRequestException"),
        (INSTANCE, "task-waiting", "InvalidRequestException"),
        (INSTANCE, "chat-handled", "InvalidRequestException"),
    ],
    ids=["unknown-instance", "unknown-contact", "voice", "task", "ended-chat"],
)
def test_start_refuses_what_the_service_refuses(
    connect_endpoint: ConnectEndpoint, instance: str, contact: str, error: str
) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(getattr(client.exceptions, error)):
        client.start_contact_streaming(
            InstanceId=instance,
            ContactId=contact,
            ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC},
            ClientToken=str(uuid.uuid4()),
        )


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sns:us-east-1:123456789012:chat.fifo",
        "arn:aws:sqs:us-east-1:123456789012:queue",
        "not-an-arn",
    ],
)
def test_only_standard_sns_topics_are_accepted(connect_endpoint: ConnectEndpoint, arn: str) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(client.exceptions.InvalidParameterException, match="StreamingEndpointArn"):
        _start(client, "chat-live", arn)


def test_at_most_two_streaming_endpoints_per_contact(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    first = _start(client, "chat-live", TOPIC + "-a")
    _start(client, "chat-live", TOPIC + "-b")
    with pytest.raises(client.exceptions.LimitExceededException) as caught:
        _start(client, "chat-live", TOPIC + "-c")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    # Stopping one frees a place.
    client.stop_contact_streaming(InstanceId=INSTANCE, ContactId="chat-live", StreamingId=first)
    _start(client, "chat-live", TOPIC + "-c")
    assert len(connect_endpoint.instance().active_streams("chat-live")) == 2


def test_client_token_makes_start_idempotent(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    token = str(uuid.uuid4())
    first = _start(client, "chat-live", token=token)
    assert _start(client, "chat-live", token=token) == first
    assert len(connect_endpoint.instance().active_streams("chat-live")) == 1
    with pytest.raises(client.exceptions.InvalidRequestException, match="different"):
        _start(client, "chat-live", TOPIC + "-other", token=token)
    # A token the SDK fills in is fresh each call: two calls, two streams.
    _start(client, "chat-live")
    assert len(connect_endpoint.instance().active_streams("chat-live")) == 2


def test_stop_ends_publishing_and_may_be_repeated(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    publisher = connect_endpoint.state.publisher
    assert isinstance(publisher, RecordingPublisher)
    instance = connect_endpoint.instance()
    streaming_id = _start(client, "chat-live")
    instance.post_message("chat-live", "one")
    stop = {"InstanceId": INSTANCE, "ContactId": "chat-live", "StreamingId": streaming_id}
    assert client.stop_contact_streaming(**stop)["ResponseMetadata"]["HTTPStatusCode"] == 200
    client.stop_contact_streaming(**stop)  # a retried stop succeeds
    instance.post_message("chat-live", "two")
    assert [m.body()["Content"] for m in publisher.messages] == ["one"]
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.stop_contact_streaming(**{**stop, "StreamingId": "unknown"})
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.stop_contact_streaming(**{**stop, "ContactId": "chat-waiting"})


def test_published_items_carry_the_documented_attributes(
    connect_endpoint: ConnectEndpoint,
) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    instance = connect_endpoint.instance()
    _start(client, "chat-live")
    instance.post_message("chat-live", "hello", role="AGENT", visibility="AGENT")
    instance.post_event("chat-live", "application/vnd.amazonaws.connect.event.typing")
    instance.end_contact("chat-live")
    publisher = connect_endpoint.state.publisher
    assert isinstance(publisher, RecordingPublisher)
    messages = publisher.messages
    assert [m.attributes["Type"] for m in messages] == ["MESSAGE", "EVENT", "EVENT"]
    for message in messages:
        assert set(message.attributes) == DOCUMENTED_ATTRIBUTES
        assert message.topic_arn == TOPIC
        assert message.attributes["InstanceId"] == INSTANCE
        assert message.attributes["AccountId"] == "123456789012"
        body = message.body()
        assert body["ContactId"] == message.attributes["ContactId"] == "chat-live"
        assert body["ParticipantRole"] == message.attributes["ParticipantRole"]
        assert body["ContentType"] == message.attributes["ContentType"]
    assert messages[0].attributes["MessageVisibility"] == "AGENT"
    assert messages[0].body()["Content"] == "hello"
    assert messages[2].attributes["ContentType"].endswith("chat.ended")
    # The chat ended: its stream stopped, and streaming it again is refused.
    assert instance.active_streams("chat-live") == []
    with pytest.raises(client.exceptions.InvalidRequestException):
        _start(client, "chat-live")


@pytest.fixture
def sns_endpoint(moto_server: MotoServer) -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(
        example_state(), rate_limits=None, sns_endpoint_url=moto_server.url
    ) as endpoint:
        yield endpoint


def test_subscribers_with_visibility_filters_get_exactly_their_messages(
    sns_endpoint: ConnectEndpoint, moto_server: MotoServer
) -> None:
    topic = moto_server.create_topic(f"stream-{uuid.uuid4().hex[:8]}")
    suffix = uuid.uuid4().hex[:8]
    customer = SqsSubscriber.create(
        moto_server.url, topic, f"customer-{suffix}", visibility=["CUSTOMER", "ALL"]
    )
    agent = SqsSubscriber.create(
        moto_server.url, topic, f"agent-{suffix}", visibility=["AGENT", "ALL"]
    )
    everything = SqsSubscriber.create(moto_server.url, topic, f"all-{suffix}")
    client = sns_endpoint.client(config=ONE_ATTEMPT)
    instance = sns_endpoint.instance()
    streaming_id = _start(client, "chat-live", topic)
    posts = [
        ("to all", "CUSTOMER", "ALL"),
        ("agent whisper", "AGENT", "AGENT"),
        ("customer notice", "SYSTEM", "CUSTOMER"),
        ("reply", "AGENT", "ALL"),
    ]
    for content, role, visibility in posts:
        instance.post_message("chat-live", content, role=role, visibility=visibility)
    client.stop_contact_streaming(
        InstanceId=INSTANCE, ContactId="chat-live", StreamingId=streaming_id
    )
    instance.post_message("chat-live", "after stop")

    def contents(subscriber: SqsSubscriber) -> list[str]:
        return sorted(m["body"]["Content"] for m in subscriber.drain())

    assert contents(customer) == ["customer notice", "reply", "to all"]
    assert contents(agent) == ["agent whisper", "reply", "to all"]
    assert contents(everything) == sorted(p[0] for p in posts)
    received = everything.received[0]
    assert set(received["attributes"]) == DOCUMENTED_ATTRIBUTES
    assert json.dumps(received["body"])  # a JSON chat item, as published


def test_a_topic_that_does_not_exist_is_refused(sns_endpoint: ConnectEndpoint) -> None:
    client = sns_endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(client.exceptions.InvalidRequestException, match="does not exist"):
        _start(client, "chat-live", "arn:aws:sns:us-east-1:123456789012:never-created")

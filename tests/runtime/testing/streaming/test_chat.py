"""StartChatContact on the endpoint: streaming from the first message, service-style identifiers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from connect_runtime import StartedChat, cli
from connect_runtime.testing import ConnectEndpoint, RecordingPublisher, example_state
from tests.runtime.testing.conftest import INSTANCE, TOPIC


@pytest.fixture
def endpoint() -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(example_state(), rate_limits=None) as served:
        yield served


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _chat(endpoint: ConnectEndpoint, **extra: object) -> dict[str, object]:
    params = {
        "InstanceId": INSTANCE,
        "ContactFlowId": "chat-flow",
        "ParticipantDetails": {"DisplayName": "Jane"},
        **extra,
    }
    return dict(endpoint.client().start_chat_contact(**params))  # type: ignore[arg-type]


def test_streaming_starts_with_the_chats_first_item(endpoint: ConnectEndpoint) -> None:
    answer = _chat(
        endpoint,
        InitialMessage={"ContentType": "text/plain", "Content": "Where is my order?"},
        ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC},
        ClientToken="chat-1",
    )
    assert _is_uuid(str(answer["ContactId"]))
    assert _is_uuid(str(answer["ParticipantId"]))
    assert answer["ParticipantToken"]
    publisher = endpoint.state.publisher
    assert isinstance(publisher, RecordingPublisher)
    bodies = [m.body() for m in publisher.messages]
    assert [b["Type"] for b in bodies] == ["EVENT", "MESSAGE"]
    assert bodies[0]["ContentType"].endswith("participant.joined")
    assert bodies[1]["Content"] == "Where is my order?"
    for body in bodies:
        assert body["ParticipantId"] == answer["ParticipantId"]  # the customer, as answered
        assert (body["DisplayName"], body["ContactId"]) == ("Jane", answer["ContactId"])
    # Same token, same answer, no second chat.
    again = _chat(
        endpoint,
        InitialMessage={"ContentType": "text/plain", "Content": "Where is my order?"},
        ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC},
        ClientToken="chat-1",
    )
    assert {k: again[k] for k in ("ContactId", "StreamingId")} == {
        k: answer[k] for k in ("ContactId", "StreamingId")
    }
    endpoint.client().stop_contact_streaming(
        InstanceId=INSTANCE,
        ContactId=str(answer["ContactId"]),
        StreamingId=str(answer["StreamingId"]),
    )
    assert endpoint.instance().active_streams(str(answer["ContactId"])) == []


def test_participants_are_uuids_stable_per_contact(endpoint: ConnectEndpoint) -> None:
    contact_id = str(_chat(endpoint)["ContactId"])
    instance = endpoint.instance()
    instance.contacts[contact_id].agent = "alice"
    first = instance.post_message(contact_id, "hi", role="AGENT")
    second = instance.post_message(contact_id, "again", role="AGENT")
    system = instance.post_event(
        contact_id, "application/vnd.amazonaws.connect.event.typing", role="SYSTEM"
    )
    assert first.participant_id == second.participant_id != system.participant_id
    assert all(_is_uuid(item.participant_id) for item in (first, system))
    other = instance.post_message("chat-live", "hi", role="AGENT")
    assert other.participant_id != first.participant_id  # IDs are per contact


def test_attachment_items_carry_the_documented_fields(endpoint: ConnectEndpoint) -> None:
    contact_id = str(
        _chat(endpoint, ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC})["ContactId"]
    )
    item = endpoint.instance().post_attachment(contact_id, "receipt.pdf", "application/pdf")
    publisher = endpoint.state.publisher
    assert isinstance(publisher, RecordingPublisher)
    published = publisher.messages[-1]
    assert published.attributes["Type"] == "ATTACHMENT"
    assert published.attributes["ContentType"] == "application/pdf"
    (attachment,) = published.body()["Attachments"]
    assert attachment == {
        "ContentType": "application/pdf",
        "AttachmentId": item.attachments[0]["AttachmentId"],
        "AttachmentName": "receipt.pdf",
        "Status": "APPROVED",
    }
    assert "Content" not in published.body()


@pytest.mark.parametrize(
    ("extra", "error", "needle"),
    [
        ({"ContactFlowId": "nope"}, "ResourceNotFoundException", "nope"),
        (
            {"ChatStreamingConfiguration": {"StreamingEndpointArn": TOPIC + ".fifo"}},
            "InvalidParameterException",
            "FIFO",
        ),
        (
            {"InitialMessage": {"ContentType": "image/png", "Content": "x"}},
            "InvalidParameterException",
            "ContentType",
        ),
        ({"ChatDurationInMinutes": 10081}, "InvalidParameterException", "ChatDurationInMinutes"),
    ],
    ids=["flow", "fifo", "content-type", "duration"],
)
def test_what_start_chat_contact_refuses(
    endpoint: ConnectEndpoint, extra: dict[str, object], error: str, needle: str
) -> None:
    client = endpoint.client()
    before = len(endpoint.instance().contacts)
    with pytest.raises(getattr(client.exceptions, error), match=needle):
        _chat(endpoint, **extra)
    assert len(endpoint.instance().contacts) == before


def test_a_missing_topic_is_refused() -> None:
    publisher = RecordingPublisher(topics=[TOPIC])
    with ConnectEndpoint(example_state(), rate_limits=None, publisher=publisher) as endpoint:
        client = endpoint.client()
        missing = TOPIC.replace("chat-stream", "gone")
        with pytest.raises(client.exceptions.InvalidRequestException, match="does not exist"):
            _chat(endpoint, ChatStreamingConfiguration={"StreamingEndpointArn": missing})


def test_the_runtime_and_the_cli_start_chats(
    endpoint: ConnectEndpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = endpoint.runtime(rate_limits=None).start_chat_contact(
        "chat-flow", "Jane", initial_message="hi", streaming_endpoint_arn=TOPIC
    )
    assert isinstance(started, StartedChat)
    assert endpoint.instance().streams[str(started.streaming_id)].contact_id == started.contact_id
    assert "participant_token" not in repr(started)  # a credential stays out of logs
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    base = ["--instance-id", INSTANCE, "--region", "us-east-1", "--endpoint-url", endpoint.url]
    argv = [*base, "--no-rate-limit", "chat", "start", "--flow", "chat-flow"]
    assert (
        cli.main([*argv, "--display-name", "Ann", "--message", "hello", "--stream-to", TOPIC]) == 0
    )
    printed = json.loads(capsys.readouterr().out)
    contact = endpoint.instance().contacts[printed["ContactId"]]
    assert contact.transcript[-1].content == "hello"
    assert contact.transcript[-1].participant_id == printed["ParticipantId"]
    assert endpoint.instance().streams[printed["StreamingId"]].active

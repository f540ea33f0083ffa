"""The consumer parser: every delivery shape parses back exactly; bad records never sink a batch."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_runtime import ConnectRuntimeError
from connect_runtime.streaming.consumer import StreamPayloadError, parse_batch, parse_record
from connect_runtime.testing import ConnectState, ManualClock, RecordingPublisher, Stream
from connect_runtime.testing.streaming.consumer import lambda_handler
from tests.runtime.streaming.consumer_shapes import SHAPES, TOPIC, expected, posts


def publish(posted: list[tuple[str, dict[str, Any]]]) -> tuple[list[Any], list[Any]]:
    """Post to a streaming chat; return (chat items, what was handed to SNS)."""
    publisher = RecordingPublisher()
    clock = ManualClock(datetime(2026, 11, 25, 12, 0, 0, 123000, tzinfo=UTC))
    state = ConnectState(clock=clock, publisher=publisher)
    instance = state.add_instance("inst-1")
    instance.add_queue("q")
    instance.add_routing_profile("rp", queues=["q"])
    instance.add_agent("alice", routing_profile="rp")
    chat = instance.add_contact(channel="CHAT", state="CONNECTED", queue="q", agent="alice")
    instance.streams["s"] = Stream("s", chat.id, TOPIC, None, clock())
    items = []
    for kind, chosen in posted:
        options = dict(chosen)
        clock.advance(0.25)
        if kind == "message":
            items.append(instance.post_message(chat.id, options.pop("content"), **options))
        elif kind == "event":
            items.append(instance.post_event(chat.id, options.pop("content_type"), **options))
        else:
            name, content_type = options.pop("file_name"), options.pop("content_type")
            items.append(instance.post_attachment(chat.id, name, content_type, **options))
    return items, publisher.messages


@settings(max_examples=100, deadline=None)
@given(posts(), st.sampled_from(sorted(SHAPES)))
def test_every_shape_parses_back_to_exactly_what_was_sent(
    posted: list[tuple[str, dict[str, Any]]], shape: str
) -> None:
    items, published = publish(posted)
    assert len(published) == len(items)
    records = [SHAPES[shape](p, f"m-{i}") for i, p in enumerate(published)]
    event = {"Records": records} if shape.startswith("lambda") else records
    batch = parse_batch(event)
    assert batch.failures == ()
    assert list(batch.items) == [
        expected(i, p.attributes) for i, p in zip(items, published, strict=True)
    ]
    assert [item.record_id for item in batch.items] == [f"m-{i}" for i in range(len(items))]


def _junk_records() -> st.SearchStrategy[Any]:
    leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    tree = st.recursive(
        leaf,
        lambda kids: (
            st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=6), kids, max_size=3)
        ),
        max_leaves=8,
    )
    near_misses = st.sampled_from(
        [
            {"MessageId": "bad-1", "Body": "{not json"},
            {"MessageId": "bad-2", "Body": "[]"},
            {"messageId": "bad-3", "body": "{}", "eventSource": "aws:sqs"},
            {"Sns": {"MessageId": "bad-4", "Message": "{}", "MessageAttributes": {}}},
            {"Type": "Notification", "MessageId": "bad-5", "Message": 7},
        ]
    )
    return tree | near_misses


@settings(max_examples=100, deadline=None)
@given(posts(), st.lists(st.tuples(st.integers(0, 10), _junk_records()), min_size=1, max_size=4))
def test_malformed_records_are_refused_without_losing_the_rest(
    posted: list[tuple[str, dict[str, Any]]], junk: list[tuple[int, Any]]
) -> None:
    items, published = publish(posted)
    records: list[Any] = [SHAPES["lambda-sqs-raw"](p, f"good-{i}") for i, p in enumerate(published)]
    for position, record in junk:
        records.insert(min(position, len(records)), record)
    batch = parse_batch({"Records": records})
    assert [i.id for i in batch.items] == [item.id for item in items]
    assert len(batch.failures) == len(junk)
    for failure in batch.failures:
        assert not str(
            records[failure.index].get("messageId", "")
            if isinstance(records[failure.index], dict)
            else ""
        ).startswith("good")
        assert isinstance(failure.error, ConnectRuntimeError)
        assert str(failure.error).startswith("Malformed chat-streaming record")
    ids = [f["itemIdentifier"] for f in batch.batch_item_failures()["batchItemFailures"]]
    assert not any(i.startswith("good") for i in ids)


@settings(max_examples=300, deadline=None)
@given(_junk_records())
def test_junk_raises_only_the_payload_error(record: Any) -> None:
    with pytest.raises(StreamPayloadError):
        parse_record(record)


def _good() -> dict[str, Any]:
    _items, published = publish(
        [("message", {"role": "AGENT", "visibility": "ALL", "content": "hi"})]
    )
    return SHAPES["sqs-raw"](published[0], "m-1")


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (
            lambda r: r["MessageAttributes"].pop("MessageVisibility"),
            "missing message attributes ['MessageVisibility']",
        ),
        (
            lambda r: r["MessageAttributes"]["ContactId"].update(StringValue="other"),
            "MessageAttributes.ContactId",
        ),
        (
            lambda r: r["MessageAttributes"]["MessageVisibility"].update(StringValue="BOTH"),
            "must be one of CUSTOMER, AGENT, ALL",
        ),
        (
            lambda r: r.update(Body=json.dumps({**json.loads(r["Body"]), "Content": None})),
            "body.Content",
        ),
        (
            lambda r: r.update(
                Body=json.dumps({**json.loads(r["Body"]), "AbsoluteTime": "yesterday"})
            ),
            "body.AbsoluteTime",
        ),
        (lambda r: r.pop("MessageAttributes"), "no message attributes"),
    ],
    ids=["missing-attribute", "mismatch", "visibility", "no-content", "time", "no-attributes"],
)
def test_errors_name_the_record_and_the_field(change: Any, needle: str) -> None:
    record = _good()
    change(record)
    with pytest.raises(StreamPayloadError, match="record m-1") as caught:
        parse_record(record)
    assert needle in str(caught.value)


def test_forwarding_follows_the_admin_guide() -> None:
    cases = {
        ("AGENT", "ALL"): (True, False),
        ("CUSTOMER", "ALL"): (False, True),
        ("SYSTEM", "CUSTOMER"): (True, False),
        ("AGENT", "AGENT"): (False, False),
        ("SYSTEM", "AGENT"): (False, True),
    }
    for (role, visibility), (to_customer, to_agent) in cases.items():
        _, published = publish(
            [("message", {"role": role, "visibility": visibility, "content": "x"})]
        )
        item = parse_record(SHAPES["sqs-raw"](published[0], "m"))
        assert (item.visible_to_customer, item.visible_to_agent) == (to_customer, to_agent), role


def test_the_lambda_handler_reports_only_refused_sqs_records() -> None:
    _, published = publish(
        [("message", {"role": "CUSTOMER", "visibility": "ALL", "content": "a"})] * 2
    )
    records = [SHAPES["lambda-sqs-envelope"](p, str(uuid.uuid4())) for p in published]
    records.insert(1, {"messageId": "broken", "body": "{", "eventSource": "aws:sqs"})
    assert lambda_handler({"Records": records}) == {
        "batchItemFailures": [{"itemIdentifier": "broken"}]
    }
    assert lambda_handler({"Records": records[::2]}) == {"batchItemFailures": []}

"""Delivery shapes of one published chat item, written from the AWS docs, not from the parser.

SQS raw delivery (boto3 receive_message), the SNS envelope in an SQS body, a Lambda SNS event
record, a Lambda SQS event record (raw or enveloped body), and the SNS notification itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from connect_runtime.streaming.consumer import (
    ChatAttachment,
    ChatItemAttachment,
    ChatStreamEvent,
    ChatStreamItem,
    ChatStreamMessage,
)
from connect_runtime.testing import ChatItem, Published

TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"
ROLES = ("CUSTOMER", "AGENT", "SYSTEM", "CUSTOM_BOT")
VISIBILITY = ("CUSTOMER", "AGENT", "ALL")


@st.composite
def posts(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """Chat posts of every kind the endpoint streams (messages, events, attachments)."""
    kinds = st.sampled_from(["message", "event", "attachment"])
    text = st.text(min_size=1, max_size=80)
    found = []
    for _ in range(draw(st.integers(1, 6))):
        options: dict[str, Any] = {
            "role": draw(st.sampled_from(ROLES)),
            "visibility": draw(st.sampled_from(VISIBILITY)),
        }
        kind = draw(kinds)
        if kind == "message":
            options["content"] = draw(text)
            options["content_type"] = draw(st.sampled_from(["text/plain", "text/markdown"]))
        elif kind == "event":
            options["content_type"] = "application/vnd.amazonaws.connect.event." + draw(
                st.sampled_from(["typing", "participant.joined", "participant.left"])
            )
        else:
            options["file_name"] = draw(text)
            options["content_type"] = draw(st.sampled_from(["application/pdf", "image/png"]))
            options["status"] = draw(st.sampled_from(["APPROVED", "REJECTED", "IN_PROGRESS"]))
        found.append((kind, options))
    return found


def notification(published: Published, message_id: str) -> dict[str, Any]:
    return {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": published.topic_arn,
        "Message": published.message,
        "Timestamp": "2021-10-29T12:00:00.000Z",
        "SignatureVersion": "1",
        "Signature": "c2ln",
        "MessageAttributes": {
            name: {"Type": "String", "Value": value} for name, value in published.attributes.items()
        },
    }


def sqs_raw(published: Published, message_id: str) -> dict[str, Any]:
    return {
        "MessageId": message_id,
        "ReceiptHandle": "rh-" + message_id,
        "MD5OfBody": "x",
        "Body": published.message,
        "MessageAttributes": {
            name: {"StringValue": value, "DataType": "String"}
            for name, value in published.attributes.items()
        },
    }


def sqs_enveloped(published: Published, message_id: str) -> dict[str, Any]:
    return {
        "MessageId": message_id,
        "ReceiptHandle": "rh-" + message_id,
        "Body": json.dumps(notification(published, str(uuid.uuid4()))),
    }


def lambda_sns(published: Published, message_id: str) -> dict[str, Any]:
    return {
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": published.topic_arn + ":sub",
        "Sns": {**notification(published, message_id), "Subject": None},
    }


def lambda_sqs(published: Published, message_id: str, *, raw: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "messageId": message_id,
        "receiptHandle": "rh",
        "body": published.message if raw else json.dumps(notification(published, "n")),
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q",
        "awsRegion": "us-east-1",
    }
    if raw:
        record["messageAttributes"] = {
            name: {"stringValue": value, "dataType": "String", "stringListValues": []}
            for name, value in published.attributes.items()
        }
    return record


SHAPES: dict[str, Callable[[Published, str], dict[str, Any]]] = {
    "sqs-raw": sqs_raw,
    "sqs-envelope": sqs_enveloped,
    "sns-notification": notification,
    "lambda-sns": lambda_sns,
    "lambda-sqs-raw": lambda published, mid: lambda_sqs(published, mid, raw=True),
    "lambda-sqs-envelope": lambda published, mid: lambda_sqs(published, mid, raw=False),
}


def _millis(when: datetime) -> datetime:
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


def expected(item: ChatItem, attributes: Mapping[str, str]) -> ChatStreamItem:
    """What a parser must return for an item the endpoint published (times to the millisecond)."""
    common: dict[str, Any] = {
        "id": item.id,
        "type": item.type,
        "content_type": item.content_type,
        "participant_role": item.participant_role,
        "visibility": item.visibility,
        "contact_id": item.contact_id,
        "initial_contact_id": item.initial_contact_id,
        "instance_id": attributes["InstanceId"],
        "account_id": attributes["AccountId"],
        "time": _millis(item.absolute_time),
        "participant_id": item.participant_id,
        "display_name": item.display_name,
        "content": item.content,
    }
    if item.type == "MESSAGE":
        return ChatStreamMessage(**common)
    if item.type == "ATTACHMENT":
        files = tuple(
            ChatItemAttachment(
                a["AttachmentId"], a["AttachmentName"], a["ContentType"], a["Status"]
            )
            for a in item.attachments
        )
        return ChatAttachment(**common, attachments=files)
    return ChatStreamEvent(**common)

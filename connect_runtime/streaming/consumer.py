"""Typed parsing of Amazon Connect chat-streaming payloads, in every shape a subscriber receives.

The payload is documented in the admin guide's "Amazon SNS payload used in message streaming"
(https://docs.aws.amazon.com/connect/latest/adminguide/sns-payload.html): eight SNS message
attributes and a JSON body, the chat item (fields as the connectparticipant model's ``Item``).
Pure and stdlib-only: :func:`parse_record` takes one record, :func:`parse_batch` a whole batch
and never loses the good records of a batch to a bad one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from connect_runtime.errors import ConnectRuntimeError, describe_value

__all__ = [
    "ITEM_TYPES",
    "MESSAGE_ATTRIBUTES",
    "PARTICIPANT_ROLES",
    "VISIBILITIES",
    "ChatAttachment",
    "ChatItemAttachment",
    "ChatStreamEvent",
    "ChatStreamItem",
    "ChatStreamMessage",
    "RecordFailure",
    "StreamBatch",
    "StreamPayloadError",
    "parse_batch",
    "parse_record",
]

MESSAGE_ATTRIBUTES: Final = (
    "InitialContactId",
    "ContactId",
    "ParticipantRole",
    "InstanceId",
    "AccountId",
    "Type",
    "ContentType",
    "MessageVisibility",
)
"""The eight SNS message attributes of every streamed item (admin guide, sns-payload)."""
ITEM_TYPES: Final = ("MESSAGE", "EVENT", "ATTACHMENT")
"""``Type``: EVENT and MESSAGE (sns-payload); ATTACHMENT for files (its attachment sample)."""
VISIBILITIES: Final = ("CUSTOMER", "AGENT", "ALL")
"""``MessageVisibility``: who the item is meant for (sns-payload)."""
PARTICIPANT_ROLES: Final = ("AGENT", "CUSTOMER", "SYSTEM", "CUSTOM_BOT", "SUPERVISOR")
"""``ParticipantRole`` values of the connectparticipant model (botocore 1.44)."""
# Body fields every item has; attributes that repeat a body field must agree with it.
_BODY_REQUIRED: Final = ("Id", "Type", "ContentType", "AbsoluteTime", "ParticipantRole")
_SHARED: Final = ("ContactId", "InitialContactId", "ParticipantRole", "Type", "ContentType")


class StreamPayloadError(ConnectRuntimeError, ValueError):
    """A record that is not a documented chat-streaming payload; names the record and field."""

    def __init__(self, reason: str, *, field: str | None = None, record_id: str | None = None):
        self.reason = reason
        self.field = field
        self.record_id = record_id
        where = f"record {record_id}" if record_id else "record"
        at = f", {field}" if field else ""
        super().__init__(f"Malformed chat-streaming {where}{at}: {reason}")


@dataclass(frozen=True, slots=True)
class ChatItemAttachment:
    """One file on an ATTACHMENT item (``Attachments[]`` of the body)."""

    attachment_id: str
    name: str
    content_type: str
    status: str


@dataclass(frozen=True, slots=True)
class ChatStreamItem:
    """A streamed chat item: who sent it, to whom it is visible, what and when.

    ``visible_to_customer``/``visible_to_agent`` apply the admin guide's forwarding rule:
    meant for that side (or ALL) and not sent by that side.
    """

    id: str
    type: str
    content_type: str
    participant_role: str
    visibility: str
    contact_id: str
    initial_contact_id: str
    instance_id: str
    account_id: str
    time: datetime
    participant_id: str | None = None
    display_name: str | None = None
    content: str | None = None
    record_id: str | None = field(default=None, compare=False)

    @property
    def visible_to_customer(self) -> bool:
        """Forward to the customer (sns-payload: CUSTOMER or ALL, not sent by the customer)."""
        return self.visibility in ("CUSTOMER", "ALL") and self.participant_role != "CUSTOMER"

    @property
    def visible_to_agent(self) -> bool:
        """Forward to the agent (sns-payload: AGENT or ALL, not sent by the agent)."""
        return self.visibility in ("AGENT", "ALL") and self.participant_role != "AGENT"


@dataclass(frozen=True, slots=True)
class ChatStreamMessage(ChatStreamItem):
    """A chat message (``Type`` MESSAGE); ``content`` is its text."""


@dataclass(frozen=True, slots=True)
class ChatStreamEvent(ChatStreamItem):
    """A chat event (``Type`` EVENT), e.g. typing, participant joined or left, chat ended."""


@dataclass(frozen=True, slots=True)
class ChatAttachment(ChatStreamItem):
    """A file shared in the chat (``Type`` ATTACHMENT)."""

    attachments: tuple[ChatItemAttachment, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordFailure:
    """A record of a batch that could not be parsed: its position, ID and the error."""

    index: int
    record_id: str | None
    error: StreamPayloadError


@dataclass(frozen=True, slots=True)
class StreamBatch:
    """What :func:`parse_batch` found: the parsed items and the records it refused."""

    items: tuple[ChatStreamItem, ...]
    failures: tuple[RecordFailure, ...]

    def batch_item_failures(self) -> dict[str, list[dict[str, str]]]:
        """Lambda's partial batch response: only the refused SQS records are retried."""
        return {
            "batchItemFailures": [
                {"itemIdentifier": failure.record_id}
                for failure in self.failures
                if failure.record_id is not None
            ]
        }


# --- record shapes -----------------------------------------------------------------------------


def _json_object(text: object, what: str, record_id: str | None) -> dict[str, Any]:
    if not isinstance(text, str | bytes | bytearray):
        raise StreamPayloadError(f"{what} must be a JSON string", record_id=record_id)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise StreamPayloadError(
            f"{what} is not JSON: {describe_value(text)}", record_id=record_id
        ) from None
    if not isinstance(value, dict):
        raise StreamPayloadError(f"{what} must be a JSON object", record_id=record_id)
    return value


def _attribute_values(raw: object, value_key: str, record_id: str | None) -> dict[str, str] | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise StreamPayloadError("message attributes must be a mapping", record_id=record_id)
    values: dict[str, str] = {}
    for name, attribute in raw.items():
        value = attribute.get(value_key) if isinstance(attribute, Mapping) else None
        if isinstance(value, str):
            values[str(name)] = value
    return values


def _from_envelope(
    envelope: Mapping[str, Any], record_id: str | None
) -> tuple[Any, Any, str | None]:
    """(body text, attributes, id) from an SNS notification (SQS without raw delivery, HTTPS)."""
    if envelope.get("Type") != "Notification" or "Message" not in envelope:
        raise StreamPayloadError(
            "not an SNS notification (Type Notification with a Message)", record_id=record_id
        )
    attributes = _attribute_values(envelope.get("MessageAttributes"), "Value", record_id)
    return envelope["Message"], attributes, envelope.get("MessageId") or record_id


def _unwrap(record: Mapping[str, Any]) -> tuple[Any, dict[str, str] | None, str | None]:
    """(body text or parsed item, attributes by name, record ID) for any supported shape."""
    if isinstance(record.get("Sns"), Mapping):  # Lambda SNS event record
        sns = record["Sns"]
        attributes = _attribute_values(sns.get("MessageAttributes"), "Value", sns.get("MessageId"))
        return sns.get("Message"), attributes, sns.get("MessageId")
    if "body" in record and ("messageId" in record or record.get("eventSource") == "aws:sqs"):
        record_id = record.get("messageId")  # Lambda SQS event record
        body, raw = record["body"], record.get("messageAttributes")
        attributes = _attribute_values(raw, "stringValue", record_id)
    elif "Body" in record:  # boto3 SQS receive_message
        record_id = record.get("MessageId")
        body, raw = record["Body"], record.get("MessageAttributes")
        attributes = _attribute_values(raw, "StringValue", record_id)
    elif record.get("Type") == "Notification":  # an SNS notification itself
        return _from_envelope(record, None)
    else:
        raise StreamPayloadError(
            "unknown record shape (expected an SQS message, an SNS notification or a Lambda"
            " SNS/SQS record)"
        )
    outer = _json_object(body, "the SQS body", record_id)
    if outer.get("Type") == "Notification" and "Message" in outer and "Id" not in outer:
        text, inner, _ = _from_envelope(outer, record_id)
        return text, inner, record_id
    return outer, attributes, record_id  # raw delivery: the body is the chat item, parsed once


# --- the payload -------------------------------------------------------------------------------


def _text(body: Mapping[str, Any], name: str, record_id: str | None, *, required: bool) -> Any:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise StreamPayloadError(
            f"must be a non-empty string, got {describe_value(value)}",
            field=f"body.{name}",
            record_id=record_id,
        )
    return value


def _time(text: str, record_id: str | None) -> datetime:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise StreamPayloadError(
            f"must be an ISO 8601 time with a zone, got {describe_value(text)}",
            field="body.AbsoluteTime",
            record_id=record_id,
        )
    return when


def _check_attributes(
    attributes: Mapping[str, str] | None, body: Mapping[str, Any], record_id: str | None
) -> Mapping[str, str]:
    if attributes is None:
        raise StreamPayloadError(
            "the record has no message attributes; subscribe with raw delivery and message"
            " attributes, or pass the SNS envelope",
            record_id=record_id,
        )
    missing = [name for name in MESSAGE_ATTRIBUTES if not attributes.get(name)]
    if missing:
        raise StreamPayloadError(
            f"missing message attributes {missing}", field="MessageAttributes", record_id=record_id
        )
    for name in _SHARED:
        if name in body and body[name] != attributes[name]:
            raise StreamPayloadError(
                f"says {attributes[name]!r}; the body says {describe_value(body[name])}",
                field=f"MessageAttributes.{name}",
                record_id=record_id,
            )
    for name, allowed in (
        ("Type", ITEM_TYPES),
        ("MessageVisibility", VISIBILITIES),
        ("ParticipantRole", PARTICIPANT_ROLES),
    ):
        if attributes[name] not in allowed:
            raise StreamPayloadError(
                f"must be one of {', '.join(allowed)}, got {attributes[name]!r}",
                field=f"MessageAttributes.{name}",
                record_id=record_id,
            )
    return attributes


def _attachments(body: Mapping[str, Any], record_id: str | None) -> tuple[ChatItemAttachment, ...]:
    raw = body.get("Attachments")
    if not isinstance(raw, list) or not raw:
        raise StreamPayloadError(
            "an ATTACHMENT item needs a non-empty Attachments list",
            field="body.Attachments",
            record_id=record_id,
        )
    found = []
    for index, item in enumerate(raw):
        names = ("AttachmentId", "AttachmentName", "ContentType", "Status")
        if not isinstance(item, Mapping) or not all(isinstance(item.get(n), str) for n in names):
            raise StreamPayloadError(
                f"needs string {', '.join(names)}",
                field=f"body.Attachments[{index}]",
                record_id=record_id,
            )
        found.append(ChatItemAttachment(*(item[n] for n in names)))
    return tuple(found)


def _item(
    body: Mapping[str, Any], attributes: Mapping[str, str], record_id: str | None
) -> ChatStreamItem:
    for name in _BODY_REQUIRED:
        _text(body, name, record_id, required=True)
    common: dict[str, Any] = {
        "id": body["Id"],
        "type": attributes["Type"],
        "content_type": attributes["ContentType"],
        "participant_role": attributes["ParticipantRole"],
        "visibility": attributes["MessageVisibility"],
        "contact_id": attributes["ContactId"],
        "initial_contact_id": attributes["InitialContactId"],
        "instance_id": attributes["InstanceId"],
        "account_id": attributes["AccountId"],
        "time": _time(body["AbsoluteTime"], record_id),
        "participant_id": _text(body, "ParticipantId", record_id, required=False),
        "display_name": _text(body, "DisplayName", record_id, required=False),
        "content": _text(body, "Content", record_id, required=attributes["Type"] == "MESSAGE"),
        "record_id": record_id,
    }
    if attributes["Type"] == "MESSAGE":
        return ChatStreamMessage(**common)
    if attributes["Type"] == "ATTACHMENT":
        return ChatAttachment(**common, attachments=_attachments(body, record_id))
    return ChatStreamEvent(**common)


def parse_record(record: object) -> ChatStreamItem:
    """Parse one record of any delivery shape into a typed chat item.

    Shapes: a boto3 SQS message (raw or enveloped), an SNS notification, a Lambda SNS or SQS
    event record. Raises :class:`StreamPayloadError` naming the record and what is wrong.

    Example:
        >>> body = {"AbsoluteTime": "2021-10-29T12:00:00.000Z", "ContentType": "text/plain",
        ...     "Id": "i-1", "Type": "MESSAGE", "ParticipantId": "p-1", "DisplayName": "Jane",
        ...     "ParticipantRole": "CUSTOMER", "InitialContactId": "c-1", "ContactId": "c-1",
        ...     "Content": "hello"}
        >>> attributes = {"InitialContactId": "c-1", "ContactId": "c-1",
        ...     "ParticipantRole": "CUSTOMER", "InstanceId": "inst-1", "AccountId": "1",
        ...     "Type": "MESSAGE", "ContentType": "text/plain", "MessageVisibility": "ALL"}
        >>> message = parse_record({"MessageId": "m-1", "Body": json.dumps(body),
        ...     "MessageAttributes": {k: {"DataType": "String", "StringValue": v}
        ...                           for k, v in attributes.items()}})
        >>> message.content, message.visible_to_agent, message.visible_to_customer
        ('hello', True, False)
    """
    if not isinstance(record, Mapping):
        raise StreamPayloadError(f"a record must be a mapping, got {type(record).__name__}")
    text, attributes, record_id = _unwrap(record)
    body = text if isinstance(text, dict) else _json_object(text, "the chat item", record_id)
    return _item(body, _check_attributes(attributes, body, record_id), record_id)


def _records(batch: object) -> Sequence[object]:
    if isinstance(batch, Mapping):
        for key in ("Records", "Messages"):  # a Lambda event; a receive_message answer
            if key in batch:
                records = batch[key]
                if isinstance(records, list):
                    return records
                raise StreamPayloadError(f"{key} must be a list")
        return [] if set(batch) <= {"ResponseMetadata"} else [batch]
    if isinstance(batch, Iterable) and not isinstance(batch, str | bytes):
        return list(batch)
    raise StreamPayloadError(
        f"a batch must be an event, a list or a mapping, not {type(batch).__name__}"
    )


def parse_batch(batch: object) -> StreamBatch:
    """Parse a Lambda event, a ``receive_message`` answer or a list of records.

    Every record is tried: refused ones become :class:`RecordFailure` entries (use
    :meth:`StreamBatch.batch_item_failures` as a Lambda SQS handler's return value).
    """
    items: list[ChatStreamItem] = []
    failures: list[RecordFailure] = []
    for index, record in enumerate(_records(batch)):
        try:
            items.append(parse_record(record))
        except StreamPayloadError as error:
            failures.append(RecordFailure(index, error.record_id or _guess_id(record), error))
    return StreamBatch(tuple(items), tuple(failures))


def _guess_id(record: object) -> str | None:
    if not isinstance(record, Mapping):
        return None
    for key in ("messageId", "MessageId"):
        if isinstance(record.get(key), str):
            return str(record[key])
    sns = record.get("Sns")
    if isinstance(sns, Mapping) and isinstance(sns.get("MessageId"), str):
        return str(sns["MessageId"])
    return None

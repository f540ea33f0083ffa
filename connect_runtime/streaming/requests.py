"""Builders for streaming a chat to SNS: StartContactStreaming, StopContactStreaming, and
StartChatContact, which can stream from the chat's first message."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypedDict, cast

from connect_runtime import _model
from connect_runtime._checks import Checker, utf8_len
from connect_runtime._checks import attributes as checked_attributes
from connect_runtime.arns import SNS_TOPIC_ARN

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import (
        ChatMessageTypeDef,
        ChatStreamingConfigurationTypeDef,
        ParticipantDetailsTypeDef,
        StartChatContactRequestTypeDef,
        StartContactStreamingRequestTypeDef,
        StopContactStreamingRequestTypeDef,
    )

__all__ = [
    "CHAT_MESSAGE_CONTENT_TYPES",
    "MAX_CHAT_MESSAGE_BYTES",
    "SUPPORTED_MESSAGING_CONTENT_TYPES",
    "StartChatContactOptions",
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "stop_contact_streaming_request",
]


def start_contact_streaming_request(
    *,
    instance_id: str,
    contact_id: str,
    streaming_endpoint_arn: str | None = None,
    client_token: str | None = None,
    chat_streaming_configuration: ChatStreamingConfigurationTypeDef | None = None,
) -> StartContactStreamingRequestTypeDef:
    """Build ``StartContactStreaming`` kwargs: stream a chat contact's messages to SNS.

    ``streaming_endpoint_arn`` must be a standard (not FIFO) SNS topic ARN; or pass the API's
    own ``chat_streaming_configuration={"StreamingEndpointArn": ...}`` instead. ``client_token``
    defaults to a fresh UUID4; pass the same token to retry the same logical request.

    Example:
        >>> request = start_contact_streaming_request(
        ...     instance_id="inst-1", contact_id="contact-1",
        ...     streaming_endpoint_arn="arn:aws:sns:us-east-1:123456789012:chat-stream",
        ...     client_token="token-1")
        >>> request["ChatStreamingConfiguration"]
        {'StreamingEndpointArn': 'arn:aws:sns:us-east-1:123456789012:chat-stream'}
    """
    check = Checker("StartContactStreaming")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    contact = check.string("ContactId", contact_id, ("ContactId",), required=True)
    arn = _streaming_arn(check, streaming_endpoint_arn, chat_streaming_configuration)
    token = check.client_token(client_token)
    check.done()
    return cast(
        "StartContactStreamingRequestTypeDef",
        {
            "InstanceId": instance,
            "ContactId": contact,
            "ChatStreamingConfiguration": {"StreamingEndpointArn": arn},
            "ClientToken": token,
        },
    )


def stop_contact_streaming_request(
    *, instance_id: str, contact_id: str, streaming_id: str
) -> StopContactStreamingRequestTypeDef:
    """Build ``StopContactStreaming`` kwargs.

    Example:
        >>> stop_contact_streaming_request(instance_id="i", contact_id="c", streaming_id="s")
        {'InstanceId': 'i', 'ContactId': 'c', 'StreamingId': 's'}
    """
    check = Checker("StopContactStreaming")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    contact = check.string("ContactId", contact_id, ("ContactId",), required=True)
    streaming = check.string("StreamingId", streaming_id, ("StreamingId",), required=True)
    check.done()
    return cast(
        "StopContactStreamingRequestTypeDef",
        {"InstanceId": instance, "ContactId": contact, "StreamingId": streaming},
    )


# From the botocore 1.44 Connect model's StartChatContact documentation strings (the current API
# reference, https://docs.aws.amazon.com/connect/latest/APIReference/API_StartChatContact.html).
CHAT_MESSAGE_CONTENT_TYPES: Final = (
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
"""InitialMessage.ContentType: "Supported types are text/plain, text/markdown, application/json,
and application/vnd.amazonaws.connect.message.interactive.response" (ChatMessage doc)."""


SUPPORTED_MESSAGING_CONTENT_TYPES: Final = (
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
"""SupportedMessagingContentTypes: these, and "Content types must always contain text/plain"."""


MAX_CHAT_MESSAGE_BYTES: Final = 16_384
"""InitialMessage.Content: "Maximum of 16,384 bytes for all content types" (ChatMessage doc)."""


def _streaming_arn(check: Checker, arn: object, configuration: object) -> str | None:
    """ChatStreamingConfiguration.StreamingEndpointArn, from either form of the member."""
    members = check.either(
        "ChatStreamingConfiguration",
        ("chat_streaming_configuration", configuration),
        {"StreamingEndpointArn": ("streaming_endpoint_arn", arn)},
    )
    if members is None:
        return None
    return _topic_arn(
        check,
        "ChatStreamingConfiguration.StreamingEndpointArn",
        members["StreamingEndpointArn"],
        ("ChatStreamingConfiguration", "StreamingEndpointArn"),
    )


def _topic_arn(check: Checker, field: str, value: object, path: tuple[str, ...]) -> str | None:
    arn = check.string(field, value, path, required=True)
    if arn is None:
        return None
    match = SNS_TOPIC_ARN.fullmatch(arn)
    if match is None:
        check.problem(field, arn, "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)")
    elif match["name"].endswith(".fifo"):
        check.problem(field, arn, "must be a standard SNS topic; FIFO topics are not supported")
    elif "." in match["name"]:
        check.problem(field, arn, "topic names use only letters, digits, '-' and '_'")
    return arn


def _initial_message(
    check: Checker, content: object, content_type: object
) -> dict[str, str] | None:
    if isinstance(content, Mapping):  # the API's own ChatMessage form
        given = None if content_type == "text/plain" else content_type  # the keyword's default
        members = check.either(
            "InitialMessage",
            ("initial_message", content),
            {
                "ContentType": ("initial_message_content_type", given),
                "Content": ("initial_message", None),
            },
        )
        if members is None:
            return None
        content, content_type = members["Content"], members["ContentType"]
    text = check.string(
        "InitialMessage.Content", content, ("InitialMessage", "Content"), required=True
    )
    if text is not None and utf8_len(text) > MAX_CHAT_MESSAGE_BYTES:
        check.problem(
            "InitialMessage.Content",
            f"<{utf8_len(text)} UTF-8 bytes>",
            f"must be at most {MAX_CHAT_MESSAGE_BYTES} UTF-8 bytes",
        )
    if content_type not in CHAT_MESSAGE_CONTENT_TYPES:
        check.problem(
            "InitialMessage.ContentType",
            content_type,
            "must be one of " + ", ".join(CHAT_MESSAGE_CONTENT_TYPES),
        )
    return {"ContentType": cast("str", content_type), "Content": cast("str", text)}


def _supported_types(check: Checker, value: object) -> list[str] | None:
    items = check.items("SupportedMessagingContentTypes", value)
    if items is None:
        return None
    for index, item in enumerate(items):
        if item not in SUPPORTED_MESSAGING_CONTENT_TYPES:
            check.problem(
                f"SupportedMessagingContentTypes[{index}]",
                item,
                "must be one of " + ", ".join(SUPPORTED_MESSAGING_CONTENT_TYPES),
            )
    if "text/plain" not in items:
        check.problem("SupportedMessagingContentTypes", value, "must always contain text/plain")
    return cast("list[str]", items)


def _participant(check: Checker, display_name: object, details: object) -> dict[str, object]:
    members = check.either(
        "ParticipantDetails",
        ("participant_details", details),
        {"DisplayName": ("display_name", display_name)},
    )
    if members is None:
        return {"DisplayName": None}
    name = check.string(
        "ParticipantDetails.DisplayName",
        members["DisplayName"],
        ("ParticipantDetails", "DisplayName"),
        required=True,
    )
    return {"DisplayName": name}


def _chat_duration(check: Checker, value: object) -> int | None:
    low, high = _model.limits(check.operation, "ChatDurationInMinutes")
    if isinstance(value, bool) or not isinstance(value, int):
        check.problem("ChatDurationInMinutes", value, "must be an integer number of minutes")
        return None
    if not (low or 0) <= value <= (high or value):
        check.problem("ChatDurationInMinutes", value, f"must be from {low} to {high}", "model")
        return None
    return value


def _chat_optional(
    check: Checker,
    *,
    attributes: object,
    initial_message: object,
    initial_message_content_type: object,
    streaming_endpoint_arn: object,
    chat_streaming_configuration: object,
    chat_duration_in_minutes: object,
    supported_messaging_content_types: object,
    related_contact_id: object,
    customer_id: object,
) -> dict[str, Any]:
    """StartChatContact's optional members, checked (None where not given)."""
    return {
        "Attributes": None if attributes is None else checked_attributes(check, attributes),
        "InitialMessage": None
        if initial_message is None
        else _initial_message(check, initial_message, initial_message_content_type),
        "ChatStreamingConfiguration": None
        if streaming_endpoint_arn is None and chat_streaming_configuration is None
        else {
            "StreamingEndpointArn": _streaming_arn(
                check, streaming_endpoint_arn, chat_streaming_configuration
            )
        },
        "ChatDurationInMinutes": None
        if chat_duration_in_minutes is None
        else _chat_duration(check, chat_duration_in_minutes),
        "SupportedMessagingContentTypes": None
        if supported_messaging_content_types is None
        else _supported_types(check, supported_messaging_content_types),
        "RelatedContactId": check.string(
            "RelatedContactId", related_contact_id, ("RelatedContactId",), required=False
        ),
        "CustomerId": check.string("CustomerId", customer_id, ("CustomerId",), required=False),
    }


class StartChatContactOptions(TypedDict, total=False):
    """What :meth:`ConnectRuntime.start_chat_contact` takes beyond the flow and the display
    name (the builder's keywords of the same names)."""

    initial_message: str | ChatMessageTypeDef | None
    initial_message_content_type: str
    streaming_endpoint_arn: str | None
    attributes: Mapping[str, str] | None
    chat_duration_in_minutes: int | None
    supported_messaging_content_types: Iterable[str] | None
    related_contact_id: str | None
    customer_id: str | None
    client_token: str | None
    chat_streaming_configuration: ChatStreamingConfigurationTypeDef | None


def start_chat_contact_request(
    *,
    instance_id: str,
    contact_flow_id: str,
    display_name: str | None = None,
    initial_message: str | ChatMessageTypeDef | None = None,
    initial_message_content_type: str = "text/plain",
    streaming_endpoint_arn: str | None = None,
    attributes: Mapping[str, str] | None = None,
    chat_duration_in_minutes: int | None = None,
    supported_messaging_content_types: Iterable[str] | None = None,
    related_contact_id: str | None = None,
    customer_id: str | None = None,
    client_token: str | None = None,
    participant_details: ParticipantDetailsTypeDef | None = None,
    chat_streaming_configuration: ChatStreamingConfigurationTypeDef | None = None,
) -> StartChatContactRequestTypeDef:
    """Build ``StartChatContact`` kwargs; ``streaming_endpoint_arn`` streams from the first message.

    With ``streaming_endpoint_arn`` (a standard SNS topic) the chat is streamed from its first
    message through ``ChatStreamingConfiguration``: no StartContactStreaming call is needed.
    The API's own forms are taken too: ``participant_details={"DisplayName": ...}`` instead of
    ``display_name``, ``initial_message={"ContentType": ..., "Content": ...}`` and
    ``chat_streaming_configuration={"StreamingEndpointArn": ...}``.

    Example:
        >>> request = start_chat_contact_request(instance_id="inst-1", contact_flow_id="flow-1",
        ...     display_name="Jane", initial_message="Hi!", client_token="t-1",
        ...     streaming_endpoint_arn="arn:aws:sns:us-east-1:123456789012:chat-stream")
        >>> request["ChatStreamingConfiguration"], request["InitialMessage"]
        ({'StreamingEndpointArn': 'arn:aws:sns:us-east-1:123456789012:chat-stream'}, \
{'ContentType': 'text/plain', 'Content': 'Hi!'})
    """
    check = Checker("StartChatContact")
    request: dict[str, Any] = {
        "InstanceId": check.string("InstanceId", instance_id, ("InstanceId",), required=True),
        "ContactFlowId": check.string(
            "ContactFlowId", contact_flow_id, ("ContactFlowId",), required=True, min_chars=1
        ),
        "ParticipantDetails": _participant(check, display_name, participant_details),
    }
    optional = _chat_optional(
        check,
        attributes=attributes,
        initial_message=initial_message,
        initial_message_content_type=initial_message_content_type,
        streaming_endpoint_arn=streaming_endpoint_arn,
        chat_streaming_configuration=chat_streaming_configuration,
        chat_duration_in_minutes=chat_duration_in_minutes,
        supported_messaging_content_types=supported_messaging_content_types,
        related_contact_id=related_contact_id,
        customer_id=customer_id,
    )
    request.update({key: value for key, value in optional.items() if value is not None})
    request["ClientToken"] = check.client_token(client_token)
    check.done()
    return cast("StartChatContactRequestTypeDef", request)

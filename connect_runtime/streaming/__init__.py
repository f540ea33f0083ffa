"""Streaming a chat's messages to SNS: the StartContactStreaming, StopContactStreaming and
StartChatContact builders, and the parser for what the topic's subscribers receive."""

from connect_runtime.streaming.consumer import (
    ITEM_TYPES,
    MESSAGE_ATTRIBUTES,
    PARTICIPANT_ROLES,
    VISIBILITIES,
    ChatAttachment,
    ChatItemAttachment,
    ChatStreamEvent,
    ChatStreamItem,
    ChatStreamMessage,
    RecordFailure,
    StreamBatch,
    StreamPayloadError,
    parse_batch,
    parse_record,
)
from connect_runtime.streaming.requests import (
    CHAT_MESSAGE_CONTENT_TYPES,
    MAX_CHAT_MESSAGE_BYTES,
    SUPPORTED_MESSAGING_CONTENT_TYPES,
    start_chat_contact_request,
    start_contact_streaming_request,
    stop_contact_streaming_request,
)

__all__ = [
    "CHAT_MESSAGE_CONTENT_TYPES",
    "ITEM_TYPES",
    "MAX_CHAT_MESSAGE_BYTES",
    "MESSAGE_ATTRIBUTES",
    "PARTICIPANT_ROLES",
    "SUPPORTED_MESSAGING_CONTENT_TYPES",
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
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "stop_contact_streaming_request",
]

"""Streaming, chat and shared request checks to the letter: exact problems, exact requests.

The property tests (test_requests_properties.py, test_chat_requests.py) check that valid
requests pass botocore and that a broken rule is named; these tables pin each rule's boundary
(exactly at a limit, one past it) and its wording. Limits are the botocore Connect model's
(1.44: InstanceId 1..100, ContactId 1..256, StreamingId 1..100, ClientToken ..500,
StreamingEndpointArn 1..350, DisplayName 1..256, ContactFlowId ..500, CustomerId 1..128,
ChatDurationInMinutes 60..10080, InitialMessage.Content 1..16384); byte budgets, content types
and the SNS topic rules are the API reference's (StartChatContact, StartContactStreaming).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from connect_runtime import (
    start_chat_contact_request,
    start_contact_streaming_request,
    stop_contact_streaming_request,
)
from connect_runtime._checks import check_instance_id
from tests.runtime.request_problems import Row, operation, problems

PREFIX = "arn:aws:sns:us-east-1:123456789012:"
TOPIC = PREFIX + "chat-stream"
ARN_FIELD = "ChatStreamingConfiguration.StreamingEndpointArn"
STREAM: dict[str, Any] = {"instance_id": "i", "contact_id": "c", "streaming_endpoint_arn": TOPIC}
NOT_SNS = "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)"
FIFO = "must be a standard SNS topic; FIFO topics are not supported"
DOTTED = "topic names use only letters, digits, '-' and '_'"


def at_least(count: int) -> str:
    return f"must be at least {count} characters long"


def at_most(count: int) -> str:
    return f"must be at most {count} characters long"


# --- StartContactStreaming / StopContactStreaming ---------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": None}, [("InstanceId", None, "is required", "API doc")]),
        ({"instance_id": ""}, [("InstanceId", "", at_least(1), "model")]),
        ({"instance_id": "i" * 101}, [("InstanceId", "i" * 101, at_most(100), "model")]),
        ({"instance_id": 7}, [("InstanceId", 7, "must be a string, not int", "API doc")]),
        ({"contact_id": b"c"}, [("ContactId", b"c", "must be a string, not bytes", "API doc")]),
        ({"contact_id": ""}, [("ContactId", "", at_least(1), "model")]),
        ({"contact_id": "c" * 257}, [("ContactId", "c" * 257, at_most(256), "model")]),
        ({"streaming_endpoint_arn": None}, [(ARN_FIELD, None, "is required", "API doc")]),
        ({"streaming_endpoint_arn": ""}, [(ARN_FIELD, "", at_least(1), "model")]),
        (
            {"streaming_endpoint_arn": PREFIX + "a" * 316},
            [(ARN_FIELD, PREFIX + "a" * 316, at_most(350), "model")],
        ),
        (
            {"streaming_endpoint_arn": PREFIX + "a" * 257},
            [(ARN_FIELD, PREFIX + "a" * 257, NOT_SNS, "API doc")],
        ),
        (
            {"streaming_endpoint_arn": "arn:aws:sqs:us-east-1:123456789012:q"},
            [(ARN_FIELD, "arn:aws:sqs:us-east-1:123456789012:q", NOT_SNS, "API doc")],
        ),
        (
            {"streaming_endpoint_arn": "arn:aws:sns:us-east-1:12345678901:t"},
            [(ARN_FIELD, "arn:aws:sns:us-east-1:12345678901:t", NOT_SNS, "API doc")],
        ),
        (
            {"streaming_endpoint_arn": "xarn:aws:sns:us-east-1:123456789012:t"},
            [(ARN_FIELD, "xarn:aws:sns:us-east-1:123456789012:t", NOT_SNS, "API doc")],
        ),
        (
            {"streaming_endpoint_arn": TOPIC + ".fifo"},
            [(ARN_FIELD, TOPIC + ".fifo", FIFO, "API doc")],
        ),
        (
            {"streaming_endpoint_arn": TOPIC + ".v2"},
            [(ARN_FIELD, TOPIC + ".v2", DOTTED, "API doc")],
        ),
        ({"client_token": ""}, [("ClientToken", "", "must not be empty", "API doc")]),
        ({"client_token": "t" * 501}, [("ClientToken", "t" * 501, at_most(500), "model")]),
        (
            {
                "instance_id": "",
                "contact_id": None,
                "streaming_endpoint_arn": 3,
                "client_token": "",
            },
            [
                ("InstanceId", "", at_least(1), "model"),
                ("ContactId", None, "is required", "API doc"),
                (ARN_FIELD, 3, "must be a string, not int", "API doc"),
                ("ClientToken", "", "must not be empty", "API doc"),
            ],
        ),
    ],
)
def test_start_contact_streaming_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(start_contact_streaming_request, **{**STREAM, **given}) == expected


@pytest.mark.parametrize(
    "arn",
    [
        TOPIC,
        PREFIX + "a" * 256,
        PREFIX + "A_b-9",
        "arn:aws-cn:sns:cn-north-1:123456789012:t",
        "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t",
    ],
)
def test_start_contact_streaming_request_word_for_word(arn: str) -> None:
    request = start_contact_streaming_request(
        instance_id="i" * 100, contact_id="c" * 256, streaming_endpoint_arn=arn,
        client_token="t" * 500,
    )  # fmt: skip
    assert request == {
        "InstanceId": "i" * 100,
        "ContactId": "c" * 256,
        "ChatStreamingConfiguration": {"StreamingEndpointArn": arn},
        "ClientToken": "t" * 500,
    }


def test_streaming_client_token_defaults_to_a_uuid4_string() -> None:
    token = start_contact_streaming_request(**STREAM)["ClientToken"]
    assert isinstance(token, str)
    assert str(uuid.UUID(token)) == token
    assert uuid.UUID(token).version == 4


def test_streaming_errors_name_their_operation() -> None:
    assert operation(start_contact_streaming_request, **{**STREAM, "contact_id": ""}) == (
        "StartContactStreaming"
    )
    assert operation(
        stop_contact_streaming_request, instance_id="i", contact_id="c", streaming_id=""
    ) == ("StopContactStreaming")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": "i" * 101}, [("InstanceId", "i" * 101, at_most(100), "model")]),
        ({"contact_id": "c" * 257}, [("ContactId", "c" * 257, at_most(256), "model")]),
        ({"contact_id": None}, [("ContactId", None, "is required", "API doc")]),
        ({"streaming_id": None}, [("StreamingId", None, "is required", "API doc")]),
        ({"streaming_id": ""}, [("StreamingId", "", at_least(1), "model")]),
        ({"streaming_id": "s" * 101}, [("StreamingId", "s" * 101, at_most(100), "model")]),
        (
            {"instance_id": None, "contact_id": 1.5, "streaming_id": ""},
            [
                ("InstanceId", None, "is required", "API doc"),
                ("ContactId", 1.5, "must be a string, not float", "API doc"),
                ("StreamingId", "", at_least(1), "model"),
            ],
        ),
    ],
)
def test_stop_contact_streaming_problems(given: dict[str, Any], expected: list[Row]) -> None:
    stop = {"instance_id": "i", "contact_id": "c", "streaming_id": "s"}
    assert problems(stop_contact_streaming_request, **{**stop, **given}) == expected


def test_stop_contact_streaming_request_word_for_word() -> None:
    request = stop_contact_streaming_request(
        instance_id="i" * 100, contact_id="c" * 256, streaming_id="s" * 100
    )
    assert request == {"InstanceId": "i" * 100, "ContactId": "c" * 256, "StreamingId": "s" * 100}


# --- check_instance_id ----------------------------------------------------------------------


def test_check_instance_id_returns_the_id_up_to_the_model_limit() -> None:
    assert check_instance_id("i" * 100) == "i" * 100
    assert check_instance_id("i") == "i"


@pytest.mark.parametrize(
    ("value", "label", "expected"),
    [
        (None, None, ("instance_id", None, "is required", "API doc")),
        ("", "Runtime", ("instance_id", "", at_least(1), "model")),
        ("i" * 101, None, ("instance_id", "i" * 101, at_most(100), "model")),
    ],
)
def test_check_instance_id_problems(value: object, label: str | None, expected: Row) -> None:
    kwargs: dict[str, Any] = {"instance_id": value} if label is None else {
        "instance_id": value, "label": label
    }  # fmt: skip
    assert problems(check_instance_id, **kwargs) == [expected]
    assert operation(check_instance_id, **kwargs) == (label or "ConnectRuntime")


# --- StartChatContact -------------------------------------------------------------------------

CHAT = {"instance_id": "i", "contact_flow_id": "f", "display_name": "Jane", "client_token": "t"}
CHAT_REQUEST = {
    "InstanceId": "i",
    "ContactFlowId": "f",
    "ParticipantDetails": {"DisplayName": "Jane"},
    "ClientToken": "t",
}
MESSAGE_TYPES = (
    "must be one of text/plain, text/markdown, application/json,"
    " application/vnd.amazonaws.connect.message.interactive.response"
)
SUPPORTED_TYPES = (
    "must be one of text/plain, text/markdown, application/json,"
    " application/vnd.amazonaws.connect.message.interactive,"
    " application/vnd.amazonaws.connect.message.interactive.response"
)
CONTENT = "InitialMessage.Content"
SUPPORTED = "SupportedMessagingContentTypes"


@pytest.mark.parametrize(
    ("given", "extra"),
    [
        ({}, {}),
        (
            {"initial_message": "Hi", "initial_message_content_type": "text/markdown"},
            {"InitialMessage": {"ContentType": "text/markdown", "Content": "Hi"}},
        ),
        (
            {"initial_message": "x" * 16_384},
            {"InitialMessage": {"ContentType": "text/plain", "Content": "x" * 16_384}},
        ),
        (
            {"initial_message": "\u00e9" * 8_192},
            {"InitialMessage": {"ContentType": "text/plain", "Content": "\u00e9" * 8_192}},
        ),
        (
            {"streaming_endpoint_arn": TOPIC},
            {"ChatStreamingConfiguration": {"StreamingEndpointArn": TOPIC}},
        ),
        ({"attributes": {"case-id": "42"}}, {"Attributes": {"case-id": "42"}}),
        ({"attributes": {}}, {"Attributes": {}}),
        ({"chat_duration_in_minutes": 60}, {"ChatDurationInMinutes": 60}),
        ({"chat_duration_in_minutes": 10_080}, {"ChatDurationInMinutes": 10_080}),
        (
            {"supported_messaging_content_types": ("text/markdown", "text/plain")},
            {SUPPORTED: ["text/markdown", "text/plain"]},
        ),
        ({"related_contact_id": "r" * 256}, {"RelatedContactId": "r" * 256}),
        ({"customer_id": "c" * 128}, {"CustomerId": "c" * 128}),
        ({"contact_flow_id": "f" * 500}, {"ContactFlowId": "f" * 500}),
        ({"display_name": "J" * 256}, {"ParticipantDetails": {"DisplayName": "J" * 256}}),
    ],
)
def test_start_chat_contact_request_word_for_word(
    given: dict[str, Any], extra: dict[str, Any]
) -> None:
    request = start_chat_contact_request(**{**CHAT, **given})
    assert request == {**CHAT_REQUEST, **extra}
    assert list(request)[:3] == ["InstanceId", "ContactFlowId", "ParticipantDetails"]
    assert list(request)[-1] == "ClientToken"


def test_chat_client_token_defaults_to_a_uuid4() -> None:
    token = start_chat_contact_request(instance_id="i", contact_flow_id="f", display_name="J")[
        "ClientToken"
    ]
    assert uuid.UUID(token).version == 4


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": None}, [("InstanceId", None, "is required", "API doc")]),
        ({"instance_id": "i" * 101}, [("InstanceId", "i" * 101, at_most(100), "model")]),
        ({"contact_flow_id": None}, [("ContactFlowId", None, "is required", "API doc")]),
        ({"contact_flow_id": ""}, [("ContactFlowId", "", "must not be empty", "API doc")]),
        ({"contact_flow_id": "f" * 501}, [("ContactFlowId", "f" * 501, at_most(500), "model")]),
        (
            {"display_name": None},
            [("ParticipantDetails.DisplayName", None, "is required", "API doc")],
        ),
        ({"display_name": ""}, [("ParticipantDetails.DisplayName", "", at_least(1), "model")]),
        (
            {"display_name": "J" * 257},
            [("ParticipantDetails.DisplayName", "J" * 257, at_most(256), "model")],
        ),
        ({"initial_message": ""}, [(CONTENT, "", at_least(1), "model")]),
        ({"initial_message": 5}, [(CONTENT, 5, "must be a string, not int", "API doc")]),
        ({"initial_message": "x" * 16_385}, [(CONTENT, "x" * 16_385, at_most(16_384), "model")]),
        (
            {"initial_message": "\u00e9" * 8_193},
            [(CONTENT, "<16386 UTF-8 bytes>", "must be at most 16384 UTF-8 bytes", "API doc")],
        ),
        (  # a lone surrogate cannot be sent; it is counted as its 3 bytes, never raised on
            {"initial_message": "\ud800" * 5_462},
            [(CONTENT, "<16386 UTF-8 bytes>", "must be at most 16384 UTF-8 bytes", "API doc")],
        ),
        (
            {"initial_message": "Hi", "initial_message_content_type": "text/html"},
            [("InitialMessage.ContentType", "text/html", MESSAGE_TYPES, "API doc")],
        ),
        (
            {
                "initial_message": "Hi",
                "initial_message_content_type": (
                    "application/vnd.amazonaws.connect.message.interactive"
                ),
            },
            [
                (
                    "InitialMessage.ContentType",
                    "application/vnd.amazonaws.connect.message.interactive",
                    MESSAGE_TYPES,
                    "API doc",
                )
            ],
        ),
        (
            {"initial_message": "", "initial_message_content_type": None},
            [
                (CONTENT, "", at_least(1), "model"),
                ("InitialMessage.ContentType", None, MESSAGE_TYPES, "API doc"),
            ],
        ),
        (
            {"streaming_endpoint_arn": TOPIC + ".fifo"},
            [(ARN_FIELD, TOPIC + ".fifo", FIFO, "API doc")],
        ),
        ({"streaming_endpoint_arn": ""}, [(ARN_FIELD, "", at_least(1), "model")]),
        (
            {"chat_duration_in_minutes": 59},
            [("ChatDurationInMinutes", 59, "must be from 60 to 10080", "model")],
        ),
        (
            {"chat_duration_in_minutes": 10_081},
            [("ChatDurationInMinutes", 10_081, "must be from 60 to 10080", "model")],
        ),
        (
            {"chat_duration_in_minutes": True},
            [("ChatDurationInMinutes", True, "must be an integer number of minutes", "API doc")],
        ),
        (
            {"chat_duration_in_minutes": 60.0},
            [("ChatDurationInMinutes", 60.0, "must be an integer number of minutes", "API doc")],
        ),
        (
            {"supported_messaging_content_types": "text/plain"},
            [(SUPPORTED, "text/plain", "must be a list", "API doc")],
        ),
        (
            {"supported_messaging_content_types": ("text/markdown",)},
            [(SUPPORTED, ("text/markdown",), "must always contain text/plain", "API doc")],
        ),
        (
            {"supported_messaging_content_types": ("text/plain", "text/html", 3)},
            [
                (f"{SUPPORTED}[1]", "text/html", SUPPORTED_TYPES, "API doc"),
                (f"{SUPPORTED}[2]", 3, SUPPORTED_TYPES, "API doc"),
            ],
        ),
        ({"related_contact_id": ""}, [("RelatedContactId", "", at_least(1), "model")]),
        (
            {"related_contact_id": "r" * 257},
            [("RelatedContactId", "r" * 257, at_most(256), "model")],
        ),
        ({"customer_id": ""}, [("CustomerId", "", at_least(1), "model")]),
        ({"customer_id": "c" * 129}, [("CustomerId", "c" * 129, at_most(128), "model")]),
        ({"client_token": ""}, [("ClientToken", "", "must not be empty", "API doc")]),
        ({"attributes": ["a"]}, [("Attributes", ["a"], "must be a mapping, not list", "API doc")]),
        (
            {
                "instance_id": "",
                "display_name": None,
                "initial_message": "",
                "chat_duration_in_minutes": 1,
                "customer_id": "",
                "client_token": "",
            },
            [
                ("InstanceId", "", at_least(1), "model"),
                ("ParticipantDetails.DisplayName", None, "is required", "API doc"),
                (CONTENT, "", at_least(1), "model"),
                ("ChatDurationInMinutes", 1, "must be from 60 to 10080", "model"),
                ("CustomerId", "", at_least(1), "model"),
                ("ClientToken", "", "must not be empty", "API doc"),
            ],
        ),
    ],
)
def test_start_chat_contact_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(start_chat_contact_request, **{**CHAT, **given}) == expected
    assert operation(start_chat_contact_request, **{**CHAT, **given}) == "StartChatContact"

"""StartTaskContact (and the Attributes shared with StartChatContact) to the letter.

Limits are the botocore 1.44 Connect model's (InstanceId 1..100, Name 0..1024, Description
0..4096, PreviousContactId and RelatedContactId 1..256, TaskTemplateId 1..500, ContactFlowId
..500, Attributes keys 1..32767 and values 0..32767 characters, References names 1..4096 and
values 0..4096 characters); the byte budgets (Attributes 32,768 and References 4,096 UTF-8
bytes in all), the attribute key pattern and the reference types are the API reference's.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from connect_runtime import Reference, start_chat_contact_request, start_task_contact_request
from connect_runtime.tasks import TaskAttachment, contact_expiry
from tests.runtime.request_problems import Row, operation, problems

NOW = datetime(2021, 10, 29, 12, 3, tzinfo=UTC)
TASK: dict[str, Any] = {
    "instance_id": "i",
    "contact_flow_id": "f",
    "name": "n",
    "client_token": "t",
}
TASK_REQUEST = {"InstanceId": "i", "ContactFlowId": "f", "Name": "n", "ClientToken": "t"}
KEY_PATTERN = "keys may contain only ASCII letters, digits, '-' and '_'"
ATTRIBUTE_BYTES = "keys and values must total at most 32768 UTF-8 bytes"
REFERENCE_BYTES = "names and values must total at most 4096 UTF-8 bytes"
NOT_A_REFERENCE = "must be a Reference or a {'Value', 'Type'} dict"
FLOW_FIELD = "ContactFlowId|QuickConnectId|TaskTemplateId"
LONG = "a" * 61  # names past 60 characters are not repeated in the path
PDF = "https://b.s3.amazonaws.com/a.pdf?AWSAccessKeyId=k&Expires=1&Signature=s"


def at_least(count: int) -> str:
    return f"must be at least {count} characters long"


def at_most(count: int) -> str:
    return f"must be at most {count} characters long"


def string(value: str) -> dict[str, str]:
    return {"Value": value, "Type": "STRING"}


# --- Attributes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attributes",
    [
        {},
        {"case-id": "42", "A_9": ""},
        {"a" * 32_767: "b"},  # 32,768 bytes: exactly the budget
        {"a": "x" * 16_383, "b": "y" * 16_383},
        {"k": "v" * 32_767},
    ],
)
def test_attributes_within_the_rules_are_sent_as_given(attributes: dict[str, str]) -> None:
    assert start_task_contact_request(**TASK, attributes=attributes) == {
        **TASK_REQUEST,
        "Attributes": attributes,
    }
    chat = start_chat_contact_request(
        instance_id="i", contact_flow_id="f", display_name="J", attributes=attributes
    )
    assert chat["Attributes"] == attributes


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ([("a", "b")], [("Attributes", [("a", "b")], "must be a mapping, not list", "API doc")]),
        ({"case id": "42"}, [("Attributes['case id']", "case id", KEY_PATTERN, "API doc")]),
        ({"": "v"}, [("Attributes['']", "", KEY_PATTERN, "API doc")]),
        ({"\u00e9": "v"}, [("Attributes['\u00e9']", "\u00e9", KEY_PATTERN, "API doc")]),
        (
            {5: "v", "a b": "v"},
            [
                ("Attributes", 5, "keys must be strings", "API doc"),
                ("Attributes['a b']", "a b", KEY_PATTERN, "API doc"),
            ],
        ),
        (
            {"k": 5, "j": None},
            [
                ("Attributes['k']", 5, "values must be strings", "API doc"),
                ("Attributes['j']", None, "values must be strings", "API doc"),
            ],
        ),
        (
            {"a" * 60: None},
            [(f"Attributes[{'a' * 60!r}]", None, "values must be strings", "API doc")],
        ),
        ({LONG: None}, [("Attributes[<key>]", None, "values must be strings", "API doc")]),
        (
            {"a" * 32_768: ""},
            [
                (
                    "Attributes[<key>]",
                    "a" * 32_768,
                    "keys must be at most 32767 characters long",
                    "model",
                )
            ],
        ),
        ({"!" * 32_768: ""}, [("Attributes[<key>]", "!" * 32_768, KEY_PATTERN, "API doc")]),
        (
            {"k": "v" * 32_768},
            [
                (
                    "Attributes['k']",
                    "v" * 32_768,
                    "values must be at most 32767 characters long",
                    "model",
                ),
                ("Attributes", "<32769 UTF-8 bytes>", ATTRIBUTE_BYTES, "API doc"),
            ],
        ),
        (
            {"a" * 32_767: "bc"},
            [("Attributes", "<32769 UTF-8 bytes>", ATTRIBUTE_BYTES, "API doc")],
        ),
        (
            {"a": "x" * 16_383, "b": "y" * 16_384},
            [("Attributes", "<32769 UTF-8 bytes>", ATTRIBUTE_BYTES, "API doc")],
        ),
        (
            {"k": "\u00e9" * 16_384},
            [("Attributes", "<32769 UTF-8 bytes>", ATTRIBUTE_BYTES, "API doc")],
        ),
    ],
)
def test_attribute_problems(attributes: Any, expected: list[Row]) -> None:
    assert problems(start_task_contact_request, **TASK, attributes=attributes) == expected


# --- References -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("references", "sent"),
    [
        ({}, {}),
        ({"n": Reference.string("v" * 4_095)}, {"n": string("v" * 4_095)}),  # 4,096 bytes
        ({"n" * 4_096: Reference.string("")}, {"n" * 4_096: string("")}),
        ({"n": {"Value": "v", "Type": "STRING"}}, {"n": string("v")}),
        (
            {"n": {"Type": "NUMBER", "Value": "-3.5e2"}},
            {"n": {"Value": "-3.5e2", "Type": "NUMBER"}},
        ),
        (
            {"u": Reference.url("https://x.example/1"), "s": {"Value": "", "Type": "STRING"}},
            {"u": {"Value": "https://x.example/1", "Type": "URL"}, "s": string("")},
        ),
    ],
)
def test_references_within_the_rules_are_sent(references: Any, sent: dict[str, Any]) -> None:
    assert start_task_contact_request(**TASK, references=references) == {
        **TASK_REQUEST,
        "References": sent,
    }


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        ("x", [("References", "x", "must be a mapping, not str", "API doc")]),
        (
            {"": Reference.string("v")},
            [("References", "", "names must be non-empty strings", "API doc")],
        ),
        (
            {5: Reference.string("v"), "ok": "bad"},
            [
                ("References", 5, "names must be non-empty strings", "API doc"),
                ("References['ok']", "bad", NOT_A_REFERENCE, "API doc"),
            ],
        ),
        ({"a" * 60: 5}, [(f"References[{'a' * 60!r}]", 5, NOT_A_REFERENCE, "API doc")]),
        (
            {"a": 5, "b": 6},
            [
                ("References['a']", 5, NOT_A_REFERENCE, "API doc"),
                ("References['b']", 6, NOT_A_REFERENCE, "API doc"),
            ],
        ),
        ({LONG: 5}, [("References[<name>]", 5, NOT_A_REFERENCE, "API doc")]),
        (
            {"n": Reference.string("v" * 4_096)},
            [("References", "<4097 UTF-8 bytes>", REFERENCE_BYTES, "API doc")],
        ),
        (
            {"n": Reference.string("\u00e9" * 2_048)},
            [("References", "<4097 UTF-8 bytes>", REFERENCE_BYTES, "API doc")],
        ),
        (
            {"a": Reference.string("v" * 2_000), "b": Reference.string("v" * 2_095)},
            [("References", "<4097 UTF-8 bytes>", REFERENCE_BYTES, "API doc")],
        ),
        (
            {"n" * 4_097: Reference.string("")},
            [
                (
                    "References[<name>]",
                    "n" * 4_097,
                    "names must be at most 4096 characters long",
                    "model",
                ),
                ("References", "<4097 UTF-8 bytes>", REFERENCE_BYTES, "API doc"),
            ],
        ),
        (
            {"n": string("v" * 4_097)},
            [
                ("References['n'].Value", "v" * 4_097, at_most(4_096), "model"),
                ("References", "<4098 UTF-8 bytes>", REFERENCE_BYTES, "API doc"),
            ],
        ),
        (
            {"n": Reference.attachment(PDF)},
            [
                (
                    "References['n'].Type",
                    "ATTACHMENT",
                    "ATTACHMENT references are not accepted when a task is created (current API"
                    " reference); send files as Attachments (TaskAttachment) instead",
                    "API doc",
                )
            ],
        ),
        (
            {"n": {"Value": "v", "Type": "STRING", 2: "x", "B": "y"}},
            [
                (
                    "References['n']",
                    {"Value": "v", "Type": "STRING", 2: "x", "B": "y"},
                    "unknown keys ['2', 'B']; expected Value and Type",
                    "API doc",
                )
            ],
        ),
        (
            {"n": {"Value": "v", "Type": "FAX"}},
            [
                (
                    "References['n'].Type",
                    "FAX",
                    "must be one of URL, NUMBER, STRING, DATE, EMAIL",
                    "API doc",
                )
            ],
        ),
        (
            {"n": {"Value": "v"}},
            [
                (
                    "References['n'].Type",
                    None,
                    "must be one of URL, NUMBER, STRING, DATE, EMAIL",
                    "API doc",
                )
            ],
        ),
        (
            {"n": {"Type": "STRING"}},
            [("References['n'].Value", None, "is required and must be a string", "API doc")],
        ),
        (
            {"n": {"Type": "STRING", "Value": 5}},
            [("References['n'].Value", 5, "is required and must be a string", "API doc")],
        ),
        (
            {"n": {"Value": "ftp://x.example", "Type": "URL"}},
            [
                (
                    "References['n'].Value",
                    "ftp://x.example",
                    "a URL reference must be an http(s) URL with a host",
                    "API doc",
                )
            ],
        ),
    ],
)
def test_reference_problems(references: Any, expected: list[Row]) -> None:
    assert problems(start_task_contact_request, **TASK, references=references) == expected


# --- the request ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "extra"),
    [
        ({}, {}),
        ({"name": ""}, {"Name": ""}),  # the model's Name has min 0
        ({"name": "n" * 1_024}, {"Name": "n" * 1_024}),
        ({"instance_id": "i" * 100}, {"InstanceId": "i" * 100}),
        ({"contact_flow_id": "f" * 500}, {"ContactFlowId": "f" * 500}),
        (
            {"contact_flow_id": None, "quick_connect_id": "q"},
            {"ContactFlowId": None, "QuickConnectId": "q"},
        ),
        (
            {"contact_flow_id": None, "task_template_id": "t" * 500},
            {"ContactFlowId": None, "TaskTemplateId": "t" * 500},
        ),
        ({"description": ""}, {"Description": ""}),
        ({"description": "d" * 4_096}, {"Description": "d" * 4_096}),
        ({"previous_contact_id": "p" * 256}, {"PreviousContactId": "p" * 256}),
        ({"related_contact_id": "r" * 256}, {"RelatedContactId": "r" * 256}),
        (
            {"scheduled_time": NOW + timedelta(days=6), "now": NOW},
            {"ScheduledTime": NOW + timedelta(days=6)},
        ),
        (
            {"segment_attributes": contact_expiry(135)},
            {"SegmentAttributes": contact_expiry(135)},
        ),
        (
            {"attachments": [TaskAttachment("a.pdf", PDF)]},
            {"Attachments": [{"FileName": "a.pdf", "S3Url": PDF}]},
        ),
    ],
)
def test_start_task_contact_request_word_for_word(
    given: dict[str, Any], extra: dict[str, Any]
) -> None:
    expected = {k: v for k, v in {**TASK_REQUEST, **extra}.items() if v is not None}
    assert start_task_contact_request(**{**TASK, **given}) == expected


def test_task_defaults_the_clock_and_the_client_token() -> None:
    soon = datetime.now(UTC) + timedelta(days=1)
    request = start_task_contact_request(
        instance_id="i", contact_flow_id="f", name="n", scheduled_time=soon
    )
    assert request["ScheduledTime"] == soon
    assert uuid.UUID(request["ClientToken"]).version == 4


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"instance_id": None}, [("InstanceId", None, "is required", "API doc")]),
        ({"instance_id": "i" * 101}, [("InstanceId", "i" * 101, at_most(100), "model")]),
        ({"name": None}, [("Name", None, "is required", "API doc")]),
        ({"name": "n" * 1_025}, [("Name", "n" * 1_025, at_most(1_024), "model")]),
        ({"contact_flow_id": ""}, [("ContactFlowId", "", "must not be empty", "API doc")]),
        ({"contact_flow_id": "f" * 501}, [("ContactFlowId", "f" * 501, at_most(500), "model")]),
        (
            {"contact_flow_id": None, "quick_connect_id": ""},
            [("QuickConnectId", "", "must not be empty", "API doc")],
        ),
        (
            {"contact_flow_id": None, "task_template_id": ""},
            [("TaskTemplateId", "", at_least(1), "model")],
        ),
        (
            {"contact_flow_id": None},
            [
                (
                    FLOW_FIELD,
                    {},
                    "name the flow to run with one of ContactFlowId, QuickConnectId or"
                    " TaskTemplateId",
                    "API doc",
                )
            ],
        ),
        (
            {"quick_connect_id": "q"},
            [
                (
                    FLOW_FIELD,
                    {"ContactFlowId": "f", "QuickConnectId": "q"},
                    "name only one of ContactFlowId, QuickConnectId and TaskTemplateId",
                    "API doc",
                )
            ],
        ),
        ({"description": "d" * 4_097}, [("Description", "d" * 4_097, at_most(4_096), "model")]),
        ({"previous_contact_id": ""}, [("PreviousContactId", "", at_least(1), "model")]),
        (
            {"previous_contact_id": "p" * 257},
            [("PreviousContactId", "p" * 257, at_most(256), "model")],
        ),
        ({"related_contact_id": ""}, [("RelatedContactId", "", at_least(1), "model")]),
        ({"client_token": ""}, [("ClientToken", "", "must not be empty", "API doc")]),
        ({"client_token": "t" * 501}, [("ClientToken", "t" * 501, at_most(500), "model")]),
        (
            {"scheduled_time": NOW - timedelta(seconds=1), "now": NOW},
            [
                (
                    "ScheduledTime",
                    NOW - timedelta(seconds=1),
                    f"cannot be in the past (now {NOW.isoformat()})",
                    "API doc",
                )
            ],
        ),
        (  # a broken clock is told once: the schedule is not judged against it
            {"scheduled_time": NOW, "now": NOW.replace(tzinfo=None)},
            [
                (
                    "now",
                    NOW.replace(tzinfo=None),
                    "must be timezone-aware; naive datetimes are ambiguous",
                    "API doc",
                )
            ],
        ),
        ({"now": "now"}, [("now", "now", "must be a timezone-aware datetime", "API doc")]),
        (
            {"segment_attributes": "x"},
            [("SegmentAttributes", "x", "must be a mapping", "API doc")],
        ),
        ({"attachments": "x"}, [("Attachments", "x", "must be a list of attachments", "API doc")]),
        (
            {
                "instance_id": "",
                "name": None,
                "contact_flow_id": "",
                "description": 1,
                "previous_contact_id": "",
                "attributes": {"k": 1},
                "references": {"": 1},
                "related_contact_id": "",
                "client_token": "",
            },
            [
                ("InstanceId", "", at_least(1), "model"),
                ("Name", None, "is required", "API doc"),
                ("ContactFlowId", "", "must not be empty", "API doc"),
                ("Description", 1, "must be a string, not int", "API doc"),
                ("PreviousContactId", "", at_least(1), "model"),
                ("Attributes['k']", 1, "values must be strings", "API doc"),
                ("References", "", "names must be non-empty strings", "API doc"),
                ("RelatedContactId", "", at_least(1), "model"),
                ("ClientToken", "", "must not be empty", "API doc"),
            ],
        ),
    ],
)
def test_start_task_contact_problems(given: dict[str, Any], expected: list[Row]) -> None:
    assert problems(start_task_contact_request, **{**TASK, **given}) == expected
    assert operation(start_task_contact_request, **{**TASK, **given}) == "StartTaskContact"

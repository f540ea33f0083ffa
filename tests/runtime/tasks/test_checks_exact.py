"""StartTaskContact's newer checks to the letter: the exact problems, each boundary, each branch.

The property tests in tasks/test_task_fields.py accept any refusal naming the right field; these pin
what each check of connect_runtime.tasks reports (field, value, rule, source) and what it lets
through. Where the numbers come from: the botocore Connect model (FileName 1..256 characters
without control characters, S3Url 1..2000, 1..5 Attachments, SegmentAttributes keys 1..128,
ValueString at most 1,024, ValueInteger a 32-bit "integer") and the StartTaskContact doc
strings ("include only one of these parameters: ContactFlowID, QuickConnectID, or
TaskTemplateID"; ScheduledTime "cannot be in the past. It must be within up to 6 days in
future"; the ``connect:ContactExpiry`` and ``connect:CreatedByUser`` forms; "Attribute keys can
include only alphanumeric, -, and _"; ValueList and ValueArn "only supported for system-defined
attributes").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from connect_runtime import ConnectRequestError, start_task_contact_request
from connect_runtime.errors import Problem
from tests.runtime.tasks import checks as t
from tests.runtime.tasks.test_references_exact import NoOffset

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
NOW_TEXT = "2026-11-25T12:00:00+00:00"
FLOWS = "ContactFlowId|QuickConnectId|TaskTemplateId"
SIGV4 = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c&X-Amz-Date=d&X-Amz-Signature=s"
SIGV2 = "AWSAccessKeyId=k&Expires=1&Signature=s"
URL = f"https://b.s3.us-east-1.amazonaws.com/k.pdf?{SIGV4}"
URL_2000 = "https://b.s3.amazonaws.com/" + "k" * (2000 - 28 - len(SIGV2)) + "?" + SIGV2
FILE = {"FileName": "a.pdf", "S3Url": URL}
NOT_S3 = "must be an S3 URL (host *.s3[.REGION].amazonaws.com)"
UNSIGNED = "must be presigned (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Signature)"
EXPIRY = "connect:ContactExpiry"
CREATED = "connect:CreatedByUser"
AGENT = "arn:aws:connect:us-west-2:123456789012:instance/i-1/agent/a-1"


def _collected(check: Callable[[list[Problem]], object]) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    return check(problems), problems


# --- flow choice -------------------------------------------------------------------------------

ONE = "name only one of ContactFlowId, QuickConnectId and TaskTemplateId"


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ({"ContactFlowId": "f", "QuickConnectId": None, "TaskTemplateId": None}, []),
        ({"QuickConnectId": "q"}, []),
        ({"TaskTemplateId": "t"}, []),
        ({"ContactFlowId": ""}, []),  # an empty id is the string check's business
        (
            {"ContactFlowId": None, "QuickConnectId": None, "TaskTemplateId": None},
            [
                Problem(
                    FLOWS,
                    {},
                    "name the flow to run with one of ContactFlowId, QuickConnectId or"
                    " TaskTemplateId",
                )
            ],
        ),
        (
            {"ContactFlowId": "f", "TaskTemplateId": "t"},
            [Problem(FLOWS, {"ContactFlowId": "f", "TaskTemplateId": "t"}, ONE)],
        ),
        (
            {"ContactFlowId": "f", "QuickConnectId": "q", "TaskTemplateId": "t"},
            [
                Problem(
                    FLOWS, {"ContactFlowId": "f", "QuickConnectId": "q", "TaskTemplateId": "t"}, ONE
                )
            ],
        ),
    ],
)
def test_flow_choice_problems_word_for_word(
    chosen: dict[str, object], expected: list[Problem]
) -> None:
    assert t.FLOW_CHOICE_FIELD == FLOWS
    _, problems = _collected(lambda found: t.flow_choice_problems(chosen, found))
    assert problems == expected


def test_flow_choice_problems_without_any_flow_key() -> None:
    _, problems = _collected(lambda found: t.flow_choice_problems({}, found))
    assert [(p.field, p.value) for p in problems] == [(FLOWS, {})]


# --- scheduled time ---------------------------------------------------------------------------

AWARE = "must be a timezone-aware datetime"
PLUS_5 = timezone(timedelta(hours=5))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (NOW, NOW),
        (NOW + timedelta(days=6), NOW + timedelta(days=6)),
        ((NOW + timedelta(days=6)).astimezone(PLUS_5), NOW + timedelta(days=6)),
        (NOW.astimezone(timezone(-timedelta(hours=8))), NOW),
        (NOW - timedelta(microseconds=1), f"cannot be in the past (now {NOW_TEXT})"),
        (NOW - timedelta(days=1), f"cannot be in the past (now {NOW_TEXT})"),
        (
            NOW + timedelta(days=6, microseconds=1),
            f"must be at most 6 days after now ({NOW_TEXT})",
        ),
        (NOW + timedelta(days=7), f"must be at most 6 days after now ({NOW_TEXT})"),
        (datetime(2026, 11, 26, 12), AWARE),
        (datetime(2026, 11, 26, tzinfo=NoOffset()), AWARE),
        ("2026-11-26T12:00:00Z", AWARE),
        (1795694400, AWARE),
        (None, AWARE),
        (
            datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=2))),
            "must fall within the years 1..9999 in UTC",
        ),
        (
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=2))),
            "must fall within the years 1..9999 in UTC",
        ),
    ],
)
def test_scheduled_time_word_for_word(value: object, expected: datetime | str) -> None:
    result, problems = _collected(lambda found: t.scheduled_time(value, NOW, found))
    if isinstance(expected, datetime):
        assert problems == []
        assert result == expected
        assert isinstance(result, datetime)
        assert result.tzinfo is UTC
    else:
        assert result is None
        assert problems == [Problem("ScheduledTime", value, expected)]


# --- attachments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (URL, None),
        (f"https://b.s3.amazonaws.com/k?{SIGV2}", None),
        (f"https://s3.amazonaws.com/b/k?{SIGV4}", None),  # path style
        (f"https://b.s3-us-west-2.amazonaws.com/k?{SIGV4}", None),
        (f"https://b.s3.dualstack.eu-west-1.amazonaws.com/k?{SIGV4}", None),
        (f"https://b.s3.cn-north-1.amazonaws.com.cn/k?{SIGV4}", None),
        (f"HTTPS://B.S3.AMAZONAWS.COM/k?{SIGV2}", None),  # scheme and host are case-insensitive
        (f"https://b.s3.amazonaws.com/k?{SIGV4}&Extra=", None),
        (f"https://b.s3.amazonaws.com/a b?{SIGV4}", "must be a URL without spaces"),
        (f"https://b.s3.amazonaws.com/k?{SIGV4}\n", "must be a URL without spaces"),
        (f"https://[::1/k?{SIGV4}", "must be a URL"),
        (f"http://b.s3.amazonaws.com/k?{SIGV4}", "must be an https:// URL"),
        (f"b.s3.amazonaws.com/k?{SIGV4}", "must be an https:// URL"),
        (f"https://example.com/k?{SIGV4}", NOT_S3),
        (f"https:///k?{SIGV4}", NOT_S3),
        (f"https://b.s3.amazonaws.com.example.com/k?{SIGV4}", NOT_S3),
        (f"https://b.s4.amazonaws.com/k?{SIGV4}", NOT_S3),
        ("https://b.s3.amazonaws.com/k", UNSIGNED),
        *[
            (f"https://b.s3.amazonaws.com/k?{'&'.join(params)}", UNSIGNED)
            for group in (SIGV4, SIGV2)
            for index in range(len(group.split("&")))
            for params in (
                [p for i, p in enumerate(group.split("&")) if i != index],  # one missing
                [
                    p.split("=")[0] + "=" if i == index else p
                    for i, p in enumerate(group.split("&"))
                ],
            )
        ],
        # half of each scheme is not a signature
        (
            "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=a&X-Amz-Credential=c&AWSAccessKeyId=k"
            "&Expires=1",
            UNSIGNED,
        ),
        # the first of two values counts: a blank first signature is no signature
        (
            "https://b.s3.amazonaws.com/k?AWSAccessKeyId=k&Expires=1&Signature=&Signature=s",
            UNSIGNED,
        ),
    ],
)
def test_presigned_s3_url_problem_word_for_word(url: str, expected: str | None) -> None:
    assert t.presigned_s3_url_problem(url) == expected


def _files(count: int) -> list[dict[str, str]]:
    return [{"FileName": f"f{index}.pdf", "S3Url": URL} for index in range(count)]


LIST = "must be a list of attachments"
SHAPE = "must be a TaskAttachment or {'FileName', 'S3Url'}"
NAME = "Attachments[0].FileName"
S3URL = "Attachments[0].S3Url"


@pytest.mark.parametrize(
    ("value", "built", "expected"),
    [
        ([t.TaskAttachment("a.pdf", URL)], [FILE], []),
        ([FILE], [FILE], []),
        (tuple(_files(5)), _files(5), []),  # any iterable but a str, bytes or mapping
        ([{"FileName": "a", "S3Url": URL}], [{"FileName": "a", "S3Url": URL}], []),
        (
            [{"FileName": "n" * 256, "S3Url": URL_2000}],
            [{"FileName": "n" * 256, "S3Url": URL_2000}],
            [],
        ),
        (
            [{"FileName": "résumé 2026.pdf", "S3Url": URL}],
            [{"FileName": "résumé 2026.pdf", "S3Url": URL}],
            [],
        ),
        ([], None, [Problem("Attachments", "<0 items>", "must hold 1..5", "model")]),
        (_files(6), None, [Problem("Attachments", "<6 items>", "must hold 1..5", "model")]),
        ("a.pdf", None, [Problem("Attachments", "a.pdf", LIST)]),
        (b"a.pdf", None, [Problem("Attachments", b"a.pdf", LIST)]),
        (FILE, None, [Problem("Attachments", FILE, LIST)]),
        (5, None, [Problem("Attachments", 5, LIST)]),
        (None, None, [Problem("Attachments", None, LIST)]),
        ([FILE, {"FileName": "a"}], [FILE], [Problem("Attachments[1]", {"FileName": "a"}, SHAPE)]),
        (["a.pdf"], [], [Problem("Attachments[0]", "a.pdf", SHAPE)]),
        (
            [{"FileName": "", "S3Url": URL}, FILE],  # each file judged on its own problems
            [FILE],
            [Problem(NAME, "", "must be 1..256 characters", "model")],
        ),
        (
            [{**FILE, "ContentType": "pdf"}],
            [],
            [Problem("Attachments[0]", {**FILE, "ContentType": "pdf"}, SHAPE)],
        ),
        (
            [{"FileName": "", "S3Url": URL}],
            [],
            [Problem(NAME, "", "must be 1..256 characters", "model")],
        ),
        (
            [{"FileName": "n" * 257, "S3Url": URL}],
            [],
            [Problem(NAME, "n" * 257, "must be 1..256 characters", "model")],
        ),
        ([{"FileName": 5, "S3Url": URL}], [], [Problem(NAME, 5, "must be a string")]),
        (
            [{"FileName": "a\x00.pdf", "S3Url": URL}],
            [],
            [Problem(NAME, "a\x00.pdf", "must not hold control characters")],
        ),
        (
            [{"FileName": "a\u200b.pdf", "S3Url": URL}],  # format (Cf) is a C category too
            [],
            [Problem(NAME, "a\u200b.pdf", "must not hold control characters")],
        ),
        (
            [{"FileName": "a.pdf", "S3Url": URL_2000 + "0"}],
            [],
            [Problem(S3URL, URL_2000 + "0", "must be 1..2000 characters", "model")],
        ),
        (
            [{"FileName": "a.pdf", "S3Url": ""}],
            [],
            [Problem(S3URL, "", "must be 1..2000 characters", "model")],
        ),
        ([{"FileName": "a.pdf", "S3Url": None}], [], [Problem(S3URL, None, "must be a string")]),
        (
            [{"FileName": "a.pdf", "S3Url": "https://example.com/a.pdf"}],
            [],
            [Problem(S3URL, "https://example.com/a.pdf", NOT_S3)],
        ),
        (
            [{"FileName": 5, "S3Url": "http://b.s3.amazonaws.com/a"}],
            [],
            [
                Problem(NAME, 5, "must be a string"),
                Problem(S3URL, "http://b.s3.amazonaws.com/a", "must be an https:// URL"),
            ],
        ),
    ],
)
def test_attachments_word_for_word(
    value: object, built: list[dict[str, str]] | None, expected: list[Problem]
) -> None:
    result, problems = _collected(lambda found: t.attachments(value, found))
    assert problems == expected
    assert result == built


def test_task_attachment_refuses_with_every_problem() -> None:
    assert t.TaskAttachment("a.pdf", URL).to_api() == FILE
    with pytest.raises(ConnectRequestError) as caught:
        t.TaskAttachment("", "https://example.com/a.pdf")
    assert str(caught.value) == (
        "Invalid StartTaskContact request, 2 problems:\n"
        "  Attachments[0].FileName: must be 1..256 characters (got ''; model)\n"
        f"  Attachments[0].S3Url: {NOT_S3} (got 'https://example.com/a.pdf'; API doc)"
    )


# --- segment attributes -----------------------------------------------------------------------


def _expiry(minutes: object) -> dict[str, Any]:
    return {"ValueMap": {"ExpiryDuration": {"ValueInteger": minutes}}}


@pytest.mark.parametrize("minutes", [1, 135, 2**31 - 1])
def test_contact_expiry_builds_the_documented_form(minutes: int) -> None:
    assert t.contact_expiry(minutes) == {EXPIRY: _expiry(minutes)}
    _, problems = _collected(lambda found: t.segment_attributes(t.contact_expiry(minutes), found))
    assert problems == []


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(0, "0"), (-5, "-5"), (2**31, "2147483648"), (True, "True"), (1.0, "1.0"), ("5", "'5'")],
)
def test_contact_expiry_refusals_word_for_word(minutes: Any, shown: str) -> None:
    with pytest.raises(ConnectRequestError) as caught:
        t.contact_expiry(minutes)
    assert str(caught.value) == (
        "Invalid StartTaskContact request: SegmentAttributes['connect:ContactExpiry']:"
        f" must be whole minutes >= 1 (got {shown}; API doc)"
    )


AGENT_RULE = (
    "ValueString must be an agent ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/agent/ID)"
)


def _long_agent(length: int) -> str:
    """An agent ARN of ``length`` characters (its partition stretched): longer than the model's
    1,024-character ValueString only through that stretch."""
    tail = ":connect:us-west-2:123456789012:instance/i-1/agent/a-1"
    return "arn:aws-" + "p" * (length - len("arn:aws-") - len(tail)) + tail


@pytest.mark.parametrize(
    "arn",
    [
        AGENT,
        "arn:aws-cn:connect:cn-north-1:123456789012:instance/i-1/agent/a-1",
        "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/i-1/agent/a-1",
        "arn:aws:connect:us-west-2:123456789012:instance/" + "i" * 100 + "/agent/" + "a" * 100,
        _long_agent(1024),
    ],
)
def test_created_by_user_accepts_agent_arns(arn: str) -> None:
    assert t.created_by_user(arn) == {CREATED: {"ValueString": arn}}


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:connect:us-west-2:123456789012:instance/i-1/queue/q-1",
        "arn:aws:connect:us-west-2:12345678901:instance/i-1/agent/a-1",
        "arn:aws:iam:us-west-2:123456789012:instance/i-1/agent/a-1",
        "arn:aws:connect:us-west-2:123456789012:instance/i-1/agent/a-1/x",
        "arn:aws:connect:us-west-2:123456789012:instance/" + "i" * 101 + "/agent/a-1",
        "a-1",
        _long_agent(1025),
    ],
)
def test_created_by_user_refuses_other_values_word_for_word(arn: str) -> None:
    with pytest.raises(ConnectRequestError) as caught:
        t.created_by_user(arn)
    assert caught.value.operation == "StartTaskContact"
    assert caught.value.problems == (
        Problem("SegmentAttributes['connect:CreatedByUser']", {"ValueString": arn}, AGENT_RULE),
    )


EXPIRY_SHAPE = "must be {'ValueMap': {'ExpiryDuration': {'ValueInteger': MINUTES}}}"
DURATION = "ExpiryDuration must be {'ValueInteger': MINUTES}"
MINUTES = "ExpiryDuration.ValueInteger must be whole minutes >= 1"
CREATED_SHAPE = "must be {'ValueString': AGENT_ARN}"
ONE_OF = "must hold exactly one of ValueString, ValueMap, ValueInteger"
KEY_CHARS = "keys may contain only ASCII letters, digits, '-' and '_'"
KEY_LENGTH = "keys must be strings of 1..128 characters"
INT32 = "ValueInteger must be a 32-bit integer"
SYSTEM = "the system keys a task may set are connect:ContactExpiry and connect:CreatedByUser"


def _refused_item(
    key: str, item: object, rule: str
) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    """A one-entry SegmentAttributes refused with ``rule``, reported with the item."""
    return ({key: item}, {}, [Problem(f"SegmentAttributes[{key!r}]", item, rule)])


def _accepted(key: str, item: object) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    return ({key: item}, {key: item}, [])


@pytest.mark.parametrize(
    ("value", "built", "expected"),
    [
        ({}, {}, []),
        _accepted(EXPIRY, _expiry(1)),
        _accepted(EXPIRY, _expiry(2**31 - 1)),
        _refused_item(EXPIRY, _expiry(0), MINUTES),
        _refused_item(EXPIRY, _expiry(2**31), MINUTES),
        _refused_item(EXPIRY, _expiry(True), MINUTES),
        _refused_item(EXPIRY, _expiry("135"), MINUTES),
        _refused_item(EXPIRY, {"ValueInteger": 135}, EXPIRY_SHAPE),
        _refused_item(EXPIRY, {**_expiry(135), "ValueString": "x"}, EXPIRY_SHAPE),
        _refused_item(EXPIRY, {"ValueMap": "135"}, EXPIRY_SHAPE),
        _refused_item(EXPIRY, {"ValueMap": {}}, EXPIRY_SHAPE),
        _refused_item(
            EXPIRY, {"ValueMap": {"ExpiryDuration": {"ValueInteger": 5}, "X": {}}}, EXPIRY_SHAPE
        ),
        _refused_item(EXPIRY, {"ValueMap": {"ExpiryDuration": 135}}, DURATION),
        _refused_item(EXPIRY, {"ValueMap": {"ExpiryDuration": {}}}, DURATION),
        _refused_item(
            EXPIRY,
            {"ValueMap": {"ExpiryDuration": {"ValueInteger": 5, "ValueString": "5"}}},
            DURATION,
        ),
        _accepted(CREATED, {"ValueString": AGENT}),
        _refused_item(CREATED, {"ValueString": AGENT, "ValueArn": AGENT}, CREATED_SHAPE),
        _refused_item(CREATED, {"ValueArn": AGENT}, CREATED_SHAPE),
        _refused_item(CREATED, {"ValueString": 5}, CREATED_SHAPE),
        _refused_item(CREATED, {"ValueString": "a-1"}, AGENT_RULE),
        _refused_item("connect:Other", {"ValueString": "x"}, SYSTEM),
        _refused_item("connect:contactexpiry", _expiry(5), SYSTEM),
        _accepted("ok_Key-9", {"ValueString": "x"}),
        _accepted("k", {"ValueString": ""}),
        _accepted("k", {"ValueString": "x" * 1024}),
        _refused_item(
            "k",
            {"ValueString": "x" * 1025},
            "ValueString must be a string of at most 1024 characters",
        ),
        _refused_item(
            "k", {"ValueString": 5}, "ValueString must be a string of at most 1024 characters"
        ),
        _accepted("k", {"ValueInteger": -(2**31)}),
        _accepted("k", {"ValueInteger": 0}),
        _accepted("k", {"ValueInteger": 2**31 - 1}),
        _refused_item("k", {"ValueInteger": 2**31}, INT32),
        _refused_item("k", {"ValueInteger": -(2**31) - 1}, INT32),
        _refused_item("k", {"ValueInteger": False}, INT32),
        _refused_item("k", {"ValueInteger": "1"}, INT32),
        _refused_item("k", {"ValueInteger": 1.0}, INT32),
        _accepted("k", {"ValueMap": {"a": {"ValueString": "x"}}}),
        _refused_item("k", {"ValueMap": {}}, "ValueMap must be a non-empty mapping"),
        _refused_item("k", {"ValueMap": [("a", 1)]}, "ValueMap must be a non-empty mapping"),
        _refused_item(
            "k",
            {"ValueList": []},
            "ValueList is only supported for system-defined attributes (API doc)",
        ),
        _refused_item(
            "k",
            {"ValueArn": AGENT},
            "ValueArn is only supported for system-defined attributes (API doc)",
        ),
        _refused_item("k", {}, ONE_OF),
        _refused_item("k", {"Value": "x"}, ONE_OF),
        _refused_item("k", {"ValueString": "x", "ValueInteger": 1}, ONE_OF),
        _refused_item("k", {"ValueString": "x", "Extra": 1}, ONE_OF),
        _refused_item("k", "x", "must be a mapping such as {'ValueString': ...}"),
        _refused_item("k", None, "must be a mapping such as {'ValueString': ...}"),
        # the key breaks the rule, so the key is what the problem shows
        (
            {"a b": {"ValueString": "x"}},
            {},
            [Problem("SegmentAttributes['a b']", "a b", KEY_CHARS)],
        ),
        ({"é": {"ValueString": "x"}}, {}, [Problem("SegmentAttributes['é']", "é", KEY_CHARS)]),
        (
            {"Connect:ContactExpiry": _expiry(5)},
            {},
            [
                Problem(
                    "SegmentAttributes['Connect:ContactExpiry']", "Connect:ContactExpiry", KEY_CHARS
                )
            ],
        ),
        _accepted("k" * 128, {"ValueString": "x"}),
        ({"k" * 129: {}}, {}, [Problem("SegmentAttributes[<key>]", "k" * 129, KEY_LENGTH)]),
        ({"": {}}, {}, [Problem("SegmentAttributes['']", "", KEY_LENGTH)]),
        ({5: {}}, {}, [Problem("SegmentAttributes[<key>]", 5, KEY_LENGTH)]),
        # paths quote keys of up to 60 characters
        (
            {"k" * 59 + " ": {}},
            {},
            [Problem(f"SegmentAttributes[{'k' * 59 + ' '!r}]", "k" * 59 + " ", KEY_CHARS)],
        ),
        (
            {"k" * 60 + " ": {}},
            {},
            [Problem("SegmentAttributes[<key>]", "k" * 60 + " ", KEY_CHARS)],
        ),
        # every entry is checked: the good ones are kept, each bad one reported in order
        (
            {5: {}, "a": "x", "ok": {"ValueInteger": 1}, "connect:X": {}, EXPIRY: _expiry(9)},
            {"ok": {"ValueInteger": 1}, EXPIRY: _expiry(9)},
            [
                Problem("SegmentAttributes[<key>]", 5, KEY_LENGTH),
                Problem(
                    "SegmentAttributes['a']", "x", "must be a mapping such as {'ValueString': ...}"
                ),
                Problem("SegmentAttributes['connect:X']", {}, SYSTEM),
            ],
        ),
        ("x", None, [Problem("SegmentAttributes", "x", "must be a mapping")]),
        ([("k", {})], None, [Problem("SegmentAttributes", [("k", {})], "must be a mapping")]),
    ],
)
def test_segment_attributes_word_for_word(
    value: object, built: dict[str, Any] | None, expected: list[Problem]
) -> None:
    result, problems = _collected(lambda found: t.segment_attributes(value, found))
    assert problems == expected
    assert result == built


# --- through the builder ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flow", "scheduled", "expected"),
    [
        ({"task_template_id": "tpl"}, None, {"TaskTemplateId": "tpl"}),
        ({"quick_connect_id": "qc"}, NOW, {"QuickConnectId": "qc", "ScheduledTime": NOW}),
        (
            {"contact_flow_id": "f"},
            NOW + timedelta(days=6),
            {"ContactFlowId": "f", "ScheduledTime": NOW + timedelta(days=6)},
        ),
        (
            {},
            None,
            f"{FLOWS}: name the flow to run with one of ContactFlowId, QuickConnectId or"
            " TaskTemplateId (got {}; API doc)",
        ),
        (
            {"contact_flow_id": "f", "quick_connect_id": "q"},
            None,
            f"{FLOWS}: {ONE} (got {{'ContactFlowId': 'f', 'QuickConnectId': 'q'}}; API doc)",
        ),
        (
            {"task_template_id": "tpl"},
            NOW - timedelta(seconds=1),
            f"ScheduledTime: cannot be in the past (now {NOW_TEXT}) (got datetime.datetime(2026,"
            " 11, 25, 11, 59, 59, tzinfo=datetime.timezone.utc); API doc)",
        ),
    ],
)
def test_start_task_contact_flow_and_schedule_word_for_word(
    flow: dict[str, Any], scheduled: datetime | None, expected: dict[str, object] | str
) -> None:
    """Today's forms: a template or a quick connect alone, with no ContactFlowId."""

    def build() -> dict[str, object]:
        return dict(
            start_task_contact_request(
                instance_id="i",
                name="n",
                client_token="t",
                scheduled_time=scheduled,
                now=NOW,
                **flow,
            )
        )

    if isinstance(expected, str):
        with pytest.raises(ConnectRequestError) as caught:
            build()
        assert str(caught.value) == f"Invalid StartTaskContact request: {expected}"
    else:
        assert build() == {"InstanceId": "i", "Name": "n", **expected, "ClientToken": "t"}

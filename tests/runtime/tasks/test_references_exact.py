"""Task references to the letter: each check's exact message, each boundary, each constructor.

The property tests (test_requests_properties.py, tasks/test_task_fields.py) accept any refusal that
names the right field; these pin what the refusal says and where each rule starts and stops.
The type lists come from the API texts: the 2021-10-29 reference's ``Type`` enum (the spec file
in tests/runtime/data) and the current StartTaskContact ``References`` doc string in botocore's
model ("URL | NUMBER | STRING | DATE | EMAIL. ATTACHMENT is not a supported reference type
during task creation"). The value formats are the module's own documented choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any

import pytest

from connect_runtime import ConnectRequestError, Reference
from connect_runtime.tasks import references
from connect_runtime.tasks.references import (
    creation_reference_type_problem,
    reference_value_problem,
)
from tests.runtime import spec_oracle

CREATION = "URL, NUMBER, STRING, DATE, EMAIL"
TYPES_2021 = "URL, ATTACHMENT, NUMBER, STRING, DATE, EMAIL"
URL_RULE = "a URL reference must be an http(s) URL with a host"
NUMBER_RULE = "a NUMBER reference must be a decimal number such as 42 or -3.5e2"
DATE_RULE = "a DATE reference must be an epoch timestamp (whole seconds or milliseconds)"
EMAIL_RULE = "an EMAIL reference must be an address such as agent@example.com"
ATTACHMENT_RULE = "an ATTACHMENT reference must be an http(s) URL or an ARN"
# RFC 5321 section 4.5.3.1.3: a path holds at most 256 octets with its angle brackets, so an
# address itself at most 254.
DOMAIN = "@example.com"
EMAIL_254 = "a" * (254 - len(DOMAIN)) + DOMAIN


def test_the_type_lists_are_the_api_texts() -> None:
    assert spec_oracle.spec().reference_types == references.REFERENCE_TYPES
    shape: Any = spec_oracle.model().operation_model("StartTaskContact").input_shape
    doc = re.sub(r"<[^>]+>", "", shape.members["References"].documentation)
    listed = re.search(r"at the time of creation: ([A-Z |]+)\.", doc)
    assert listed is not None, doc
    assert tuple(listed.group(1).split(" | ")) == references.CREATION_REFERENCE_TYPES
    assert "ATTACHMENT is not a supported reference type during task creation" in doc


def test_model_reference_types_are_the_models_enum() -> None:
    shape: Any = spec_oracle.model().operation_model("StartTaskContact").input_shape
    assert references.model_reference_types() == frozenset(
        shape.members["References"].value.members["Type"].enum
    )


@pytest.mark.parametrize(
    ("reference_type", "expected"),
    [
        ("URL", None),
        ("NUMBER", None),
        ("STRING", None),
        ("DATE", None),
        ("EMAIL", None),
        (
            "ATTACHMENT",
            "ATTACHMENT references are not accepted when a task is created (current API"
            " reference); send files as Attachments (TaskAttachment) instead",
        ),
        (
            "CONTACT_ANALYSIS",
            "CONTACT_ANALYSIS is a type the service reports, not one a task is created with;"
            f" use {CREATION}",
        ),
        (
            "VOICEMAIL_RECORDING",
            "VOICEMAIL_RECORDING is a type the service reports, not one a task is created with;"
            f" use {CREATION}",
        ),
        ("url", f"must be one of {CREATION}"),
        ("TEXT", f"must be one of {CREATION}"),
        ("", f"must be one of {CREATION}"),
        (None, f"must be one of {CREATION}"),
        (5, f"must be one of {CREATION}"),
        (["URL"], f"must be one of {CREATION}"),  # unhashable: never looked up in a set
    ],
)
def test_creation_reference_type_problem_word_for_word(
    reference_type: object, expected: str | None
) -> None:
    assert creation_reference_type_problem(reference_type) == expected


@pytest.mark.parametrize(
    ("reference_type", "value", "expected"),
    [
        ("URL", "https://crm.example.com/case/42", None),
        ("URL", "http://crm.example.com", None),
        ("URL", "HTTPS://CRM.EXAMPLE.COM/A", None),  # schemes are case-insensitive
        ("URL", "ftp://crm.example.com/a", URL_RULE),
        ("URL", "https://", URL_RULE),
        ("URL", "https:///path/only", URL_RULE),
        ("URL", "crm.example.com/case/42", URL_RULE),
        ("URL", "https://crm.example.com/a b", URL_RULE),
        ("URL", "https://crm.example.com/a\tb", URL_RULE),
        ("URL", " https://crm.example.com", URL_RULE),
        ("URL", "https://[::1", URL_RULE),  # urlsplit raises ValueError
        ("URL", "", URL_RULE),
        ("NUMBER", "42", None),
        ("NUMBER", "-3.5e2", None),
        ("NUMBER", "+.5", None),
        ("NUMBER", "7.", None),
        ("NUMBER", "1E+30", None),
        ("NUMBER", "", NUMBER_RULE),
        ("NUMBER", ".", NUMBER_RULE),
        ("NUMBER", "1e", NUMBER_RULE),
        ("NUMBER", "1,000", NUMBER_RULE),
        ("NUMBER", "0x1F", NUMBER_RULE),
        ("NUMBER", "NaN", NUMBER_RULE),
        ("NUMBER", " 42", NUMBER_RULE),
        ("DATE", "0", None),
        ("DATE", "1795608000", None),
        ("DATE", "1" * 13, None),  # milliseconds
        ("DATE", "1" * 14, DATE_RULE),
        ("DATE", "", DATE_RULE),
        ("DATE", "-1", DATE_RULE),
        ("DATE", "1795608000.5", DATE_RULE),
        ("DATE", "2026-11-25", DATE_RULE),
        ("EMAIL", "agent@example.com", None),
        ("EMAIL", "first.last+tag@mail.example.co.uk", None),
        ("EMAIL", EMAIL_254, None),
        ("EMAIL", "a" + EMAIL_254, EMAIL_RULE),  # 255 characters
        ("EMAIL", "agent@localhost", EMAIL_RULE),
        ("EMAIL", "agent@@example.com", EMAIL_RULE),
        ("EMAIL", "agent example@example.com", EMAIL_RULE),
        ("EMAIL", "@example.com", EMAIL_RULE),
        ("EMAIL", "agent@example..com", EMAIL_RULE),
        ("EMAIL", "", EMAIL_RULE),
        ("ATTACHMENT", "https://files.example.com/a.pdf", None),
        ("ATTACHMENT", "arn:aws:s3:::bucket/a.pdf", None),
        ("ATTACHMENT", "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/i", None),
        ("ATTACHMENT", "ftp://files.example.com/a.pdf", ATTACHMENT_RULE),
        ("ATTACHMENT", "arn:aws:s3:::bucket/a b.pdf", ATTACHMENT_RULE),
        ("ATTACHMENT", "arn:aws:s3:::", ATTACHMENT_RULE),
        ("ATTACHMENT", "a.pdf", ATTACHMENT_RULE),
        ("STRING", "", None),
        ("STRING", "anything at all, even https:// or 42", None),
        ("TEXT", "x", f"Type must be one of {TYPES_2021}"),
        ("url", "https://crm.example.com", f"Type must be one of {TYPES_2021}"),
    ],
)
def test_reference_value_problem_word_for_word(
    reference_type: str, value: str, expected: str | None
) -> None:
    assert reference_value_problem(reference_type, value) == expected


class NoOffset(tzinfo):
    """A tzinfo that knows no offset: its datetimes count as naive (datetime docs)."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


def _message(field: str, got: str, rule: str) -> str:
    return f"Invalid StartTaskContact request: {field}: {rule} (got {got}; API doc)"


NUMBER_FIELD = "References[].Value (NUMBER)"
DATE_FIELD = "References[].Value (DATE)"
TYPE_MESSAGE = f"must be one of {TYPES_2021}"


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            lambda: Reference("TEXT", "x"),
            _message("References[].Type", "'TEXT'", TYPE_MESSAGE),
        ),
        (
            lambda: Reference(5, "x"),  # type: ignore[arg-type]
            _message("References[].Type", "5", TYPE_MESSAGE),
        ),
        (
            lambda: Reference("URL", 5),  # type: ignore[arg-type]
            _message("References[].Value (URL)", "5", "must be a string"),
        ),
        (
            lambda: Reference("URL", "ftp://x.example.com"),
            _message("References[].Value (URL)", "'ftp://x.example.com'", URL_RULE),
        ),
        (
            lambda: Reference.number("x"),
            _message(NUMBER_FIELD, "'x'", NUMBER_RULE),
        ),
        (
            lambda: Reference.number(True),
            _message(NUMBER_FIELD, "True", "must be a number, not a bool"),
        ),
        (
            lambda: Reference.number(float("nan")),
            _message(NUMBER_FIELD, "nan", "must be a finite number"),
        ),
        (
            lambda: Reference.number(float("-inf")),
            _message(NUMBER_FIELD, "-inf", "must be a finite number"),
        ),
        (
            lambda: Reference.number(Decimal("NaN")),
            _message(NUMBER_FIELD, "Decimal('NaN')", "must be a finite number"),
        ),
        (
            lambda: Reference.number(Decimal("Infinity")),
            _message(NUMBER_FIELD, "Decimal('Infinity')", "must be a finite number"),
        ),
        (
            # past the interpreter's int-to-str limit (4300 digits): even repr fails
            lambda: Reference.number(10**5000),
            _message(NUMBER_FIELD, "<int object>", "has too many digits"),
        ),
        (
            lambda: Reference.number(1 + 2j),  # type: ignore[arg-type]
            _message(NUMBER_FIELD, "(1+2j)", "must be an int, float, Decimal or str"),
        ),
        (
            lambda: Reference.number(None),  # type: ignore[arg-type]
            _message(NUMBER_FIELD, "None", "must be an int, float, Decimal or str"),
        ),
        (
            lambda: Reference.date(datetime(2026, 11, 25, 12)),
            _message(
                DATE_FIELD,
                "datetime.datetime(2026, 11, 25, 12, 0)",
                "datetime must be timezone-aware",
            ),
        ),
        (
            lambda: Reference.date(datetime(2026, 11, 25, tzinfo=NoOffset())),
            _message(
                DATE_FIELD,
                repr(datetime(2026, 11, 25, tzinfo=NoOffset()))[:80] + "...",
                "datetime must be timezone-aware",
            ),
        ),
        (
            lambda: Reference.date(False),
            _message(DATE_FIELD, "False", "must be a datetime or epoch integer"),
        ),
        (
            lambda: Reference.date("1795608000"),  # type: ignore[arg-type]
            _message(DATE_FIELD, "'1795608000'", "must be a datetime or epoch integer"),
        ),
        (
            lambda: Reference.date(-1),
            _message(DATE_FIELD, "'-1'", DATE_RULE),
        ),
        (
            lambda: Reference.email("agent@localhost"),
            _message("References[].Value (EMAIL)", "'agent@localhost'", EMAIL_RULE),
        ),
        (
            lambda: Reference.attachment("a.pdf"),
            _message("References[].Value (ATTACHMENT)", "'a.pdf'", ATTACHMENT_RULE),
        ),
    ],
)
def test_reference_refusals_word_for_word(build: Callable[[], object], expected: str) -> None:
    with pytest.raises(ConnectRequestError) as caught:
        build()
    assert str(caught.value) == expected
    assert caught.value.operation == "StartTaskContact"
    assert len(caught.value.problems) == 1


@pytest.mark.parametrize(
    ("build", "given", "value", "kind"),
    [
        (Reference.url, "https://x.example.com/c/42", "https://x.example.com/c/42", "URL"),
        (Reference.number, 3, "3", "NUMBER"),
        (Reference.number, -12, "-12", "NUMBER"),
        (Reference.number, 10**20, "100000000000000000000", "NUMBER"),
        (Reference.number, -2.5, "-2.5", "NUMBER"),
        (Reference.number, 1e300, "1e+300", "NUMBER"),
        (Reference.number, Decimal("1.50"), "1.50", "NUMBER"),
        (Reference.number, Decimal("-1E+3"), "-1E+3", "NUMBER"),
        (Reference.number, "+7", "+7", "NUMBER"),
        (Reference.string, "", "", "STRING"),
        (Reference.string, "Refund", "Refund", "STRING"),
        (Reference.date, datetime(2026, 11, 25, 12, tzinfo=UTC), "1795608000", "DATE"),
        # the same instant at +02:00: epoch seconds do not depend on the offset
        (
            Reference.date,
            datetime(2026, 11, 25, 14, 0, 0, 999, tzinfo=timezone(timedelta(hours=2))),
            "1795608000",
            "DATE",
        ),
        (Reference.date, 0, "0", "DATE"),
        (Reference.date, 1795608000123, "1795608000123", "DATE"),
        (Reference.email, "agent@example.com", "agent@example.com", "EMAIL"),
        (Reference.attachment, "arn:aws:s3:::b/a.pdf", "arn:aws:s3:::b/a.pdf", "ATTACHMENT"),
        (lambda given: Reference("STRING", given), "direct", "direct", "STRING"),
    ],
)
def test_constructors_build_the_api_form(
    build: Callable[[Any], Reference], given: object, value: str, kind: str
) -> None:
    reference = build(given)  # built in the test, where mutmut switches its mutants on
    assert reference.to_api() == {"Value": value, "Type": kind}
    assert (reference.type, reference.value) == (kind, value)

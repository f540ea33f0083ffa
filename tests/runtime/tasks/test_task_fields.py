"""StartTaskContact's newer members: property tests (valid, one rule broken, junk), 2021 forms."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_runtime import ConnectRequestError, Reference, start_task_contact_request
from connect_runtime.tasks import TaskAttachment, contact_expiry, created_by_user
from connect_runtime.tasks.references import CREATION_REFERENCE_TYPES, model_reference_types
from connect_runtime.testing.strategies import tasks as ts
from tests.runtime import spec_oracle
from tests.runtime.junk import junk_values

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
URL = (
    "https://files.s3.us-east-1.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIA%2F20261125&X-Amz-Date=20261125T000000Z&X-Amz-Signature=abc"
)


def _botocore_accepts(request: Mapping[str, Any]) -> None:
    shape: Any = spec_oracle.model().operation_model("StartTaskContact").input_shape
    try:
        validate_parameters(dict(request), shape)
    except ParamValidationError as error:  # pragma: no cover - the message is the point
        pytest.fail(f"botocore rejects the request: {error}")


def _today_oracle(request: Mapping[str, Any], now: datetime) -> list[str]:
    """The current doc's task rules, judged independently of connect_runtime's checks."""
    broken = []
    flows = [k for k in ("ContactFlowId", "QuickConnectId", "TaskTemplateId") if k in request]
    if len(flows) != 1:
        broken.append("flow choice")
    when = request.get("ScheduledTime")
    if when is not None and not now <= when <= now + timedelta(days=6):
        broken.append("schedule window")
    files = request.get("Attachments")
    if files is not None:
        if not 1 <= len(files) <= 5:
            broken.append("attachment count")
        for item in files:
            parts = urlsplit(item["S3Url"])
            query = parse_qs(parts.query)
            if parts.scheme != "https" or ".amazonaws.com" not in (parts.hostname or ""):
                broken.append("attachment url")
            elif "s3" not in (parts.hostname or "").split(".") or "X-Amz-Signature" not in query:
                broken.append("attachment presigned")
    for ref in (request.get("References") or {}).values():
        if ref["Type"] not in ("URL", "NUMBER", "STRING", "DATE", "EMAIL"):  # the doc's list
            broken.append("creation reference type")
    segments = request.get("SegmentAttributes") or {}
    expiry = segments.get("connect:ContactExpiry")
    if expiry is not None:
        minutes = expiry.get("ValueMap", {}).get("ExpiryDuration", {}).get("ValueInteger")
        if type(minutes) is not int or minutes < 1:
            broken.append("contact expiry")
    user = segments.get("connect:CreatedByUser")
    if user is not None and "/agent/" not in str(user.get("ValueString")):
        broken.append("created by user")
    return broken


@settings(max_examples=150, deadline=None)
@given(ts.start_task_contact_model_kwargs())
def test_today_requests_are_valid_for_botocore_and_the_doc(kwargs: dict[str, Any]) -> None:
    request = start_task_contact_request(**kwargs)
    _botocore_accepts(request)
    assert _today_oracle(request, kwargs["now"]) == []
    chosen = [k for k in ("contact_flow_id", "quick_connect_id", "task_template_id") if k in kwargs]
    assert len(chosen) == 1
    assert request.get("ScheduledTime") == kwargs.get("scheduled_time")
    assert len(request.get("Attachments", [])) == len(kwargs.get("attachments") or [])


@settings(max_examples=200, deadline=None)
@given(ts.broken_start_task_contact_kwargs())
def test_one_broken_rule_is_refused_naming_its_field(case: tuple[dict[str, Any], str]) -> None:
    kwargs, field = case
    with pytest.raises(ConnectRequestError) as caught:
        start_task_contact_request(**kwargs)
    assert caught.value.fields == (field,), str(caught.value)
    assert "StartTaskContact" in str(caught.value)


_JUNK = junk_values()


@settings(max_examples=300, deadline=None)
@given(
    ts.start_task_contact_model_kwargs(),
    st.sampled_from(
        [
            "contact_flow_id",
            "quick_connect_id",
            "task_template_id",
            "related_contact_id",
            "scheduled_time",
            "segment_attributes",
            "attachments",
            "now",
        ]
    ),
    _JUNK,
)
def test_junk_in_any_new_field_raises_only_connect_request_error(
    kwargs: dict[str, Any], field: str, junk: object
) -> None:
    try:
        request = start_task_contact_request(**{**kwargs, field: junk})
    except ConnectRequestError:
        return
    _botocore_accepts(request)  # what junk got through must still be a valid request


def test_the_2021_request_forms_still_build() -> None:
    # ContactFlowId positional-equivalent form of the 2021 API, every 2021 field.
    request = start_task_contact_request(
        instance_id="inst-1",
        contact_flow_id="flow-1",
        name="Refund",
        description="d",
        attributes={"a": "1"},
        references={"r": Reference.url("https://x.example.com")},
        previous_contact_id="c-0",
        client_token="t",
    )
    assert request["ContactFlowId"] == "flow-1"
    assert spec_oracle.start_task_contact(dict(request)) == []


def test_attachment_references_are_refused_with_the_replacement_named() -> None:
    with pytest.raises(ConnectRequestError, match="send files as Attachments") as caught:
        start_task_contact_request(
            instance_id="i",
            contact_flow_id="f",
            name="n",
            references={"file": Reference.attachment("https://x.example.com/a.pdf")},
        )
    assert caught.value.fields == ("References['file'].Type",)
    # The typed constructor still exists for 2021 code that only builds the value.
    assert Reference.attachment("https://x.example.com/a.pdf").type == "ATTACHMENT"


def test_creation_types_are_a_strict_subset_of_the_models_enum() -> None:
    everything = model_reference_types()
    assert set(CREATION_REFERENCE_TYPES) < everything
    for kind in sorted(everything - set(CREATION_REFERENCE_TYPES)):
        with pytest.raises(ConnectRequestError) as caught:
            start_task_contact_request(
                instance_id="i",
                contact_flow_id="f",
                name="n",
                references={"r": {"Value": "v", "Type": kind}},
            )
        assert caught.value.fields == ("References['r'].Type",)


def test_typed_helpers_build_the_documented_shapes() -> None:
    arn = "arn:aws:connect:us-west-2:123456789012:instance/i-1/agent/a-1"
    request = start_task_contact_request(
        instance_id="i",
        task_template_id="tpl",
        name="n",
        segment_attributes={**contact_expiry(135), **created_by_user(arn)},
        attachments=[TaskAttachment("a.pdf", URL)],
        scheduled_time=NOW + timedelta(days=6),
        now=NOW,
    )
    assert request["SegmentAttributes"] == {
        "connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 135}}},
        "connect:CreatedByUser": {"ValueString": arn},
    }
    assert request["Attachments"] == [{"FileName": "a.pdf", "S3Url": URL}]
    with pytest.raises(ConnectRequestError):
        contact_expiry(0)
    with pytest.raises(ConnectRequestError):
        created_by_user("arn:aws:connect:us-west-2:123456789012:instance/i-1/queue/q-1")
    with pytest.raises(ConnectRequestError):
        TaskAttachment("a.pdf", "https://files.s3.amazonaws.com/a.pdf")  # not presigned
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation noise for today's forms
        start_task_contact_request(instance_id="i", quick_connect_id="qc", name="n")

"""The builders take the API's own shapes (the boto3 kwargs a migrating user holds) beside
their keywords: both forms of one request build the same kwargs, and break the same way.

``api_form`` below is the oracle: it rewrites a builder's keyword arguments into the members
boto3 takes (FilterV2 lists, one Interval, one Filters dict, ParticipantDetails,
InitialMessage, ChatStreamingConfiguration), written from the API reference, not the builder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_runtime import (
    ConnectRequestError,
    get_current_metric_data_request,
    get_metric_data_request,
    get_metric_data_v2_request,
    start_chat_contact_request,
    start_contact_streaming_request,
)
from connect_runtime.testing import strategies as s21
from connect_runtime.testing import strategies as st_today
from connect_runtime.testing import strategies as ts
from tests.runtime.junk import junk_values
from tests.runtime.request_problems import problems

Build = Callable[..., Mapping[str, Any]]
FILTER_KEYWORDS = {
    "queues": "Queues",
    "routing_profiles": "RoutingProfiles",
    "channels": "Channels",
    "routing_step_expressions": "RoutingStepExpressions",
    "agent_statuses": "AgentStatuses",
    "subtypes": "Subtypes",
    "validation_test_types": "ValidationTestTypes",
}


def _v2_form(kwargs: dict[str, Any]) -> dict[str, Any]:
    out = dict(kwargs)
    if isinstance(out.get("filters"), Mapping):
        out["filters"] = [
            {"FilterKey": key, "FilterValues": values} for key, values in out["filters"].items()
        ]
    interval = {
        member: out.pop(keyword)
        for keyword, member in (("interval_period", "IntervalPeriod"), ("time_zone", "TimeZone"))
        if out.get(keyword) is not None
    }
    out.pop("interval_period", None)
    out.pop("time_zone", None)
    if interval:
        out["interval"] = interval
    return out


def _filters_form(kwargs: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in kwargs.items() if key not in FILTER_KEYWORDS}
    out["filters"] = {
        FILTER_KEYWORDS[key]: value
        for key, value in kwargs.items()
        if key in FILTER_KEYWORDS and value is not None
    }
    return out


def _streaming_form(kwargs: dict[str, Any]) -> dict[str, Any]:
    out = dict(kwargs)
    arn = out.pop("streaming_endpoint_arn", None)
    if arn is not None:
        out["chat_streaming_configuration"] = {"StreamingEndpointArn": arn}
    return out


def _chat_form(kwargs: dict[str, Any]) -> dict[str, Any]:
    out = _streaming_form(kwargs)
    out["participant_details"] = {"DisplayName": out.pop("display_name", None)}
    content_type = out.pop("initial_message_content_type", "text/plain")
    message = out.get("initial_message")
    if message is not None and not isinstance(message, Mapping):
        out["initial_message"] = {"ContentType": content_type, "Content": message}
    elif isinstance(message, Mapping):
        out["initial_message_content_type"] = content_type
    return out


FORMS: dict[str, tuple[Build, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "GetMetricDataV2": (get_metric_data_v2_request, _v2_form),
    "GetCurrentMetricData": (get_current_metric_data_request, _filters_form),
    "GetMetricData": (get_metric_data_request, _filters_form),
    "StartContactStreaming": (start_contact_streaming_request, _streaming_form),
    "StartChatContact": (start_chat_contact_request, _chat_form),
}
VALID = {
    "GetMetricDataV2": st_today.get_metric_data_v2_kwargs(),
    "GetCurrentMetricData": st.one_of(
        s21.get_current_metric_data_kwargs(), st_today.get_current_metric_data_model_kwargs()
    ),
    "GetMetricData": s21.get_metric_data_kwargs(),
    "StartContactStreaming": s21.start_contact_streaming_kwargs(),
    "StartChatContact": ts.start_chat_contact_kwargs(),
}
BROKEN = {
    "GetMetricDataV2": st_today.broken_get_metric_data_v2_kwargs(),
    "GetCurrentMetricData": st_today.broken_get_current_metric_data_kwargs(),
    "StartChatContact": ts.broken_start_chat_contact_kwargs(),
}


def _outcome(build: Build, kwargs: dict[str, Any]) -> object:
    """What building gives: the request, or every problem as (field, value, rule, source)."""
    if kwargs.get("client_token", "") is None:  # a fresh UUID each time: pin one for both
        kwargs = {**kwargs, "client_token": "t-1"}
    try:
        return dict(build(**{"client_token": "t-1", **kwargs}))
    except ConnectRequestError as error:
        return [(p.field, repr(p.value), p.rule, p.source) for p in error.problems]


def _takes_token(name: str) -> bool:
    return name in ("StartContactStreaming", "StartChatContact")


def _both(name: str, kwargs: dict[str, Any]) -> tuple[object, object]:
    build, rewrite = FORMS[name]
    if not _takes_token(name):
        return _outcome(_without_token(build), kwargs), _outcome(
            _without_token(build), rewrite(kwargs)
        )
    return _outcome(build, kwargs), _outcome(build, rewrite(kwargs))


def _without_token(build: Build) -> Build:
    def call(**kwargs: Any) -> Mapping[str, Any]:
        kwargs.pop("client_token", None)
        return build(**kwargs)

    return call


@pytest.mark.parametrize("name", sorted(VALID))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_both_forms_build_the_same_kwargs(name: str, data: st.DataObject) -> None:
    kwargs = data.draw(VALID[name])
    keyword_form, api_form = _both(name, kwargs)
    assert isinstance(keyword_form, dict), keyword_form
    assert api_form == keyword_form


@pytest.mark.parametrize("name", sorted(BROKEN))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_both_forms_of_a_broken_request_give_the_same_problems(
    name: str, data: st.DataObject
) -> None:
    kwargs, field = data.draw(BROKEN[name])
    keyword_form, api_form = _both(name, kwargs)
    assert isinstance(keyword_form, list), keyword_form
    assert field in [row[0] for row in keyword_form]
    assert api_form == keyword_form


JUNK_FIELDS = {
    "GetMetricDataV2": ("filters", "interval_period", "time_zone"),
    "GetCurrentMetricData": tuple(FILTER_KEYWORDS),
    "GetMetricData": ("queues", "routing_profiles", "channels"),
    "StartContactStreaming": ("streaming_endpoint_arn",),
    "StartChatContact": (
        "display_name",
        "initial_message",
        "initial_message_content_type",
        "streaming_endpoint_arn",
    ),
}


@pytest.mark.parametrize("name", sorted(JUNK_FIELDS))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_junk_in_a_member_reads_the_same_in_both_forms(name: str, data: st.DataObject) -> None:
    kwargs = data.draw(VALID[name])
    field = data.draw(st.sampled_from(JUNK_FIELDS[name]))
    kwargs[field] = data.draw(junk_values())
    keyword_form, api_form = _both(name, kwargs)
    assert api_form == keyword_form


# --- what only the API form can get wrong, word for word -------------------------------------

V2 = {
    "resource_arn": "arn:aws:connect:us-east-1:123456789012:instance/i-1",
    "metrics": ["CONTACTS_HANDLED"],
}
QUEUE = {"FilterKey": "QUEUE", "FilterValues": ["q-1"]}


def _v2(**given: Any) -> dict[str, Any]:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC).replace(microsecond=0)  # one clock for the whole request
    return {**V2, "start_time": now - timedelta(hours=1), "end_time": now, "now": now, **given}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"filters": [QUEUE, {**QUEUE, "FilterValues": ["q-2"]}]},
            [("Filters[1].FilterKey", "QUEUE", "names a filter key given before", "API doc")],
        ),
        (
            {"filters": [QUEUE, "AGENT"]},
            [
                (
                    "Filters[1]",
                    "AGENT",
                    "must be a {'FilterKey', 'FilterValues'} dict (FilterV2)",
                    "API doc",
                )
            ],
        ),
        (
            {"filters": [{**QUEUE, "Values": ["x"]}]},
            [
                (
                    "Filters[0]",
                    {**QUEUE, "Values": ["x"]},
                    "must be a {'FilterKey', 'FilterValues'} dict (FilterV2)",
                    "API doc",
                )
            ],
        ),
        (
            {"filters": [{"FilterKey": "QUEUE", "StringCondition": {"Comparison": "NOT_EXISTS"}}]},
            [
                (
                    "Filters[0].StringCondition",
                    {"Comparison": "NOT_EXISTS"},
                    "is not supported by this builder; name the FilterValues to match",
                    "API doc",
                )
            ],
        ),
        (
            {"filters": [{"FilterKey": ["QUEUE"], "FilterValues": ["q"]}]},
            [("Filters[0].FilterKey", ["QUEUE"], "must be a string", "API doc")],
        ),
        (
            {"filters": [QUEUE], "interval": {"IntervalPeriod": "HOUR"}, "time_zone": "UTC"},
            [
                (
                    "Interval",
                    {"IntervalPeriod": "HOUR"},
                    "pass either interval or interval_period and time_zone, not both",
                    "API doc",
                )
            ],
        ),
        (
            {"filters": [QUEUE], "interval": "HOUR"},
            [("Interval", "HOUR", "must be an {'IntervalPeriod', 'TimeZone'} dict", "API doc")],
        ),
        (
            {"filters": [QUEUE], "interval": {"Period": "HOUR"}},
            [
                (
                    "Interval",
                    {"Period": "HOUR"},
                    "must be an {'IntervalPeriod', 'TimeZone'} dict",
                    "API doc",
                )
            ],
        ),
    ],
)
def test_the_v2_api_forms_own_problems(given: dict[str, Any], expected: list[Any]) -> None:
    assert problems(get_metric_data_v2_request, **_v2(**given)) == expected


def test_the_v2_api_forms_build_what_the_api_takes() -> None:
    request = get_metric_data_v2_request(
        **_v2(filters=[QUEUE], interval={"IntervalPeriod": "HOUR", "TimeZone": "UTC"})
    )
    assert request["Filters"] == [QUEUE]
    assert request["Interval"] == {"IntervalPeriod": "HOUR", "TimeZone": "UTC"}
    assert "Interval" not in get_metric_data_v2_request(**_v2(filters=[QUEUE], interval={}))


FILTERS = "'Queues', 'RoutingProfiles', 'Channels'"
CURRENT_FILTERS = (
    f"{FILTERS}, 'RoutingStepExpressions', 'AgentStatuses', 'Subtypes', 'ValidationTestTypes'"
)


@pytest.mark.parametrize(
    ("build", "given", "expected"),
    [
        (
            get_current_metric_data_request,
            {"filters": {"Queues": ["q"]}, "queues": ["q"], "channels": ["CHAT"]},
            [
                (
                    "Filters",
                    {"Queues": ["q"]},
                    "pass either filters or queues and channels, not both",
                    "API doc",
                )
            ],
        ),
        (
            get_current_metric_data_request,
            {"filters": ["q"]},
            [("Filters", ["q"], f"must be a {{{CURRENT_FILTERS}}} dict, not list", "API doc")],
        ),
        (
            get_current_metric_data_request,
            {"filters": {"Queue": ["q"]}},
            [
                (
                    "Filters",
                    {"Queue": ["q"]},
                    f"unknown keys ['Queue']; expected {CURRENT_FILTERS}",
                    "API doc",
                )
            ],
        ),
        (
            # GetMetricData's Filters doc: "RoutingStepExpression is not a valid filter for
            # GetMetricData"; the shared FiltersTypeDef still lists it.
            get_metric_data_request,
            {"filters": {"Queues": ["q"], "RoutingStepExpressions": ["x"]}},
            [
                (
                    "Filters",
                    {"Queues": ["q"], "RoutingStepExpressions": ["x"]},
                    f"unknown keys ['RoutingStepExpressions']; expected {FILTERS}",
                    "API doc",
                )
            ],
        ),
    ],
)
def test_the_filters_api_forms_own_problems(
    build: Build, given: dict[str, Any], expected: list[Any]
) -> None:
    kwargs: dict[str, Any] = {"instance_id": "i", **given}
    if build is get_current_metric_data_request:
        kwargs["metrics"] = [{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}]
    else:
        from datetime import UTC, datetime, timedelta

        end = datetime.now(UTC).replace(second=0, microsecond=0)
        end -= timedelta(minutes=end.minute % 5)
        kwargs.update(
            start_time=end - timedelta(hours=1),
            end_time=end,
            now=end,
            metrics=[{"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}],
        )
    assert problems(build, **kwargs) == expected


TOPIC = "arn:aws:sns:us-east-1:123456789012:chat"
CHAT: dict[str, Any] = {"instance_id": "i", "contact_flow_id": "f", "client_token": "t"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"display_name": "Jane", "participant_details": {"DisplayName": "Jane"}},
            [
                (
                    "ParticipantDetails",
                    {"DisplayName": "Jane"},
                    "pass either participant_details or display_name, not both",
                    "API doc",
                )
            ],
        ),
        (
            {"participant_details": {"Name": "Jane"}},
            [
                (
                    "ParticipantDetails",
                    {"Name": "Jane"},
                    "unknown keys ['Name']; expected 'DisplayName'",
                    "API doc",
                )
            ],
        ),
        (
            {
                "display_name": "Jane",
                "initial_message": {"ContentType": "text/plain", "Content": "Hi"},
                "initial_message_content_type": "text/markdown",
            },
            [
                (
                    "InitialMessage",
                    {"ContentType": "text/plain", "Content": "Hi"},
                    "pass either initial_message or initial_message_content_type, not both",
                    "API doc",
                )
            ],
        ),
        (
            {
                "display_name": "Jane",
                "streaming_endpoint_arn": TOPIC,
                "chat_streaming_configuration": {"StreamingEndpointArn": TOPIC},
            },
            [
                (
                    "ChatStreamingConfiguration",
                    {"StreamingEndpointArn": TOPIC},
                    "pass either chat_streaming_configuration or streaming_endpoint_arn, not both",
                    "API doc",
                )
            ],
        ),
        (
            {"display_name": "Jane", "chat_streaming_configuration": TOPIC},
            [
                (
                    "ChatStreamingConfiguration",
                    TOPIC,
                    "must be a {'StreamingEndpointArn'} dict, not str",
                    "API doc",
                )
            ],
        ),
    ],
)
def test_the_chat_api_forms_own_problems(given: dict[str, Any], expected: list[Any]) -> None:
    assert problems(start_chat_contact_request, **CHAT, **given) == expected


def test_the_chat_and_streaming_api_forms_build_what_the_api_takes() -> None:
    request = start_chat_contact_request(
        **CHAT,
        participant_details={"DisplayName": "Jane"},
        initial_message={"ContentType": "text/markdown", "Content": "**Hi**"},
        chat_streaming_configuration={"StreamingEndpointArn": TOPIC},
    )
    assert request["ParticipantDetails"] == {"DisplayName": "Jane"}
    assert request["InitialMessage"] == {"ContentType": "text/markdown", "Content": "**Hi**"}
    assert request["ChatStreamingConfiguration"] == {"StreamingEndpointArn": TOPIC}
    streaming = start_contact_streaming_request(
        instance_id="i",
        contact_id="c",
        client_token="t",
        chat_streaming_configuration={"StreamingEndpointArn": TOPIC},
    )
    assert streaming["ChatStreamingConfiguration"] == {"StreamingEndpointArn": TOPIC}
    assert problems(start_contact_streaming_request, instance_id="i", contact_id="c") == [
        ("ChatStreamingConfiguration.StreamingEndpointArn", None, "is required", "API doc")
    ]

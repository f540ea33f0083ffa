"""Request builders: tables match the spec, errors name field/value/rule, junk never escapes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_runtime import (
    ConnectRequestError,
    CurrentMetric,
    HistoricalMetric,
    Reference,
    get_current_metric_data_request,
    get_metric_data_request,
    start_contact_streaming_request,
    start_task_contact_request,
    stop_contact_streaming_request,
)
from connect_runtime.metrics import CURRENT_METRIC_UNITS, HISTORICAL_METRIC_UNITS
from connect_runtime.metrics.catalogue import CHANNELS, GROUPINGS
from connect_runtime.tasks.references import REFERENCE_TYPES
from tests.runtime import spec_oracle

NOW = datetime(2021, 10, 29, 12, 3, tzinfo=UTC)
TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"


# --- the builder's tables are the spec's tables ----------------------------------------------


def test_current_metric_table_is_the_spec_table() -> None:
    facts = spec_oracle.spec()
    assert dict(CURRENT_METRIC_UNITS) == facts.current_units
    assert set(CURRENT_METRIC_UNITS) == set(facts.current_names)


def test_historical_metric_table_is_the_spec_table() -> None:
    documented = spec_oracle.historical_pairs()
    assert set(HISTORICAL_METRIC_UNITS) == set(documented)
    for name, pair in documented.items():
        if pair is not None:
            assert HISTORICAL_METRIC_UNITS[name] == pair, name
    # the spec's one headless row is ABANDON_TIME's (the current model names it)
    assert spec_oracle.spec().historical_orphans == (HISTORICAL_METRIC_UNITS["ABANDON_TIME"],)


def test_undocumented_by_agent_metrics_are_counts() -> None:
    undocumented = {n for n, pair in spec_oracle.historical_pairs().items() if pair is None}
    assert undocumented == {"CONTACTS_TRANSFERRED_IN_BY_AGENT", "CONTACTS_TRANSFERRED_OUT_BY_AGENT"}
    assert {HISTORICAL_METRIC_UNITS[n] for n in undocumented} == {("COUNT", "SUM")}


def test_enums_are_the_spec_enums() -> None:
    facts = spec_oracle.spec()
    assert facts.channels == CHANNELS
    assert facts.groupings == GROUPINGS
    assert facts.reference_types == REFERENCE_TYPES


# --- messages ----------------------------------------------------------------------------


def test_error_names_field_value_rule_and_source() -> None:
    with pytest.raises(ConnectRequestError) as caught:
        start_task_contact_request(
            instance_id="i", contact_flow_id="f", name="n", attributes={"case id": "42"}
        )
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == "Attributes['case id']"
    assert str(error) == (
        "Invalid StartTaskContact request: Attributes['case id']: keys may contain only ASCII"
        " letters, digits, '-' and '_' (got 'case id'; API doc)"
    )


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConnectRequestError) as caught:
        stop_contact_streaming_request(instance_id="", contact_id="x" * 300, streaming_id=None)  # type: ignore[arg-type]
    assert caught.value.fields == ("InstanceId", "ContactId", "StreamingId")
    message = str(caught.value)
    assert "3 problems" in message
    assert "must be at most 256 characters long" in message
    assert "(300 chars)" in message  # long values are truncated, with their length


def test_model_lengths_are_labelled_model() -> None:
    with pytest.raises(ConnectRequestError) as caught:
        start_task_contact_request(instance_id="i", contact_flow_id="f", name="n" * 1025)
    assert caught.value.problems[0].source == "model"
    assert "at most 1024" in str(caught.value)


def test_fifo_topic_is_refused_by_name() -> None:
    with pytest.raises(ConnectRequestError, match="standard SNS topic; FIFO topics"):
        start_contact_streaming_request(
            instance_id="i", contact_id="c", streaming_endpoint_arn=TOPIC + ".fifo"
        )


# --- defaults and shapes -----------------------------------------------------------------


def test_client_token_defaults_to_a_fresh_uuid4() -> None:
    first = start_contact_streaming_request(
        instance_id="i", contact_id="c", streaming_endpoint_arn=TOPIC
    )
    second = start_contact_streaming_request(
        instance_id="i", contact_id="c", streaming_endpoint_arn=TOPIC
    )
    assert uuid.UUID(first["ClientToken"]).version == 4
    assert first["ClientToken"] != second["ClientToken"]


def test_task_request_is_exact() -> None:
    request = start_task_contact_request(
        instance_id="inst",
        contact_flow_id="flow",
        name="Call back",
        description="Customer asked for a call",
        attributes={"case-id": "42"},
        references={
            "case": Reference.url("https://crm.example.com/42"),
            "amount": Reference.number(Decimal("12.50")),
            "due": Reference.date(datetime(2021, 10, 29, tzinfo=UTC)),
            "mail": {"Value": "a@example.com", "Type": "EMAIL"},
        },
        previous_contact_id="prev",
        client_token="tok",
    )
    assert request == {
        "InstanceId": "inst",
        "ContactFlowId": "flow",
        "Name": "Call back",
        "Description": "Customer asked for a call",
        "Attributes": {"case-id": "42"},
        "References": {
            "case": {"Value": "https://crm.example.com/42", "Type": "URL"},
            "amount": {"Value": "12.50", "Type": "NUMBER"},
            "due": {"Value": "1635465600", "Type": "DATE"},
            "mail": {"Value": "a@example.com", "Type": "EMAIL"},
        },
        "PreviousContactId": "prev",
        "ClientToken": "tok",
    }


def test_historical_request_normalises_times_to_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    request: Any = get_metric_data_request(
        instance_id="inst",
        start_time=datetime(2021, 10, 29, 13, 0, tzinfo=plus_two),
        end_time=datetime(2021, 10, 29, 14, 0, tzinfo=plus_two),
        metrics=[
            HistoricalMetric.service_level(20),
            {"Name": "QUEUED_TIME", "Unit": "SECONDS", "Statistic": "MAX"},
        ],
        queues=["q1"],
        groupings=["QUEUE"],
        now=NOW,
    )
    assert request["StartTime"] == datetime(2021, 10, 29, 11, 0, tzinfo=UTC)
    assert request["StartTime"].tzinfo == UTC
    assert request["HistoricalMetrics"] == [
        {
            "Name": "SERVICE_LEVEL",
            "Unit": "PERCENT",
            "Statistic": "AVG",
            "Threshold": {"Comparison": "LT", "ThresholdValue": 20.0},
        },
        {"Name": "QUEUED_TIME", "Unit": "SECONDS", "Statistic": "MAX"},
    ]


def test_window_boundaries_are_inclusive_where_the_spec_says_so() -> None:
    start = NOW.replace(minute=5) - timedelta(hours=24)  # 24 h before 12:05 > NOW-24h
    exactly = datetime(2021, 10, 28, 12, 5, tzinfo=UTC)
    assert start == exactly
    ok: Any = get_metric_data_request(
        instance_id="i",
        start_time=exactly,
        end_time=exactly + timedelta(hours=23, minutes=55),
        metrics=[HistoricalMetric("CONTACTS_HANDLED")],
        channels=["CHAT"],
        now=NOW,
    )
    assert ok["EndTime"] - ok["StartTime"] == timedelta(hours=23, minutes=55)
    with pytest.raises(ConnectRequestError, match="less than 24 hours"):
        get_metric_data_request(
            instance_id="i",
            start_time=exactly,
            end_time=exactly + timedelta(hours=24),
            metrics=[HistoricalMetric("CONTACTS_HANDLED")],
            channels=["CHAT"],
            now=NOW,
        )


def test_typed_metric_specs_cannot_be_built_invalid() -> None:
    with pytest.raises(ConnectRequestError, match="OLDEST_CONTACT_AGE takes Unit SECONDS"):
        CurrentMetric("OLDEST_CONTACT_AGE", "MILLISECONDS")
    with pytest.raises(ConnectRequestError, match="QUEUED_TIME takes Statistic MAX"):
        HistoricalMetric("QUEUED_TIME", statistic="AVG")
    with pytest.raises(ConnectRequestError, match="whole number of seconds from 1 to 604800"):
        HistoricalMetric.service_level(0)
    with pytest.raises(ConnectRequestError, match="only SERVICE_LEVEL takes a Threshold"):
        HistoricalMetric("HANDLE_TIME", threshold_seconds=20)
    with pytest.raises(ConnectRequestError, match="must be one of"):
        CurrentMetric("NOT_A_METRIC")


@pytest.mark.parametrize(
    ("factory", "value", "rule"),
    [
        (Reference.url, "ftp://x.example", r"http\(s\) URL"),
        (Reference.email, "nobody", "address"),
        (Reference.number, "1,5", "decimal number"),
        (Reference.number, float("nan"), "finite"),
        (Reference.number, True, "not a bool"),
        (Reference.date, datetime(2021, 1, 1), "timezone-aware"),
        (Reference.attachment, "file.pdf", "URL or an ARN"),
    ],
)
def test_typed_references_cannot_be_built_invalid(factory: Any, value: Any, rule: str) -> None:
    with pytest.raises(ConnectRequestError, match=rule):
        factory(value)


def test_current_metrics_accept_newer_model_channels_but_not_unknown_ones() -> None:
    request = get_current_metric_data_request(
        instance_id="i", channels=["EMAIL"], metrics=[CurrentMetric("AGENTS_ONLINE")]
    )
    assert request["Filters"] == {"Channels": ["EMAIL"]}
    with pytest.raises(ConnectRequestError, match=r"Filters\.Channels\[0\]"):
        get_current_metric_data_request(
            instance_id="i", channels=["FAX"], metrics=[CurrentMetric("AGENTS_ONLINE")]
        )


# --- junk: nothing but ConnectRequestError escapes ---------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.text(min_size=5000, max_size=6000),
    st.binary(max_size=10),
    st.datetimes(),
    st.lists(
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=5),
            st.dictionaries(st.text(max_size=3), st.integers()),
        ),
        max_size=4,
    ),
    st.dictionaries(
        st.one_of(st.text(max_size=5), st.integers()),
        st.one_of(
            st.none(), st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)
        ),
        max_size=3,
    ),
    st.sets(st.text(max_size=3), max_size=3),
    st.builds(object),
)

# The 2021 keywords both metric builders take after their metrics.
_FILTERS_AND_PAGING = (
    "queues",
    "routing_profiles",
    "channels",
    "groupings",
    "next_token",
    "max_results",
)
BUILDERS = {
    start_contact_streaming_request: (
        "instance_id",
        "contact_id",
        "streaming_endpoint_arn",
        "client_token",
    ),
    stop_contact_streaming_request: ("instance_id", "contact_id", "streaming_id"),
    get_current_metric_data_request: ("instance_id", "metrics", *_FILTERS_AND_PAGING),
    get_metric_data_request: (
        "instance_id",
        "start_time",
        "end_time",
        "metrics",
        *_FILTERS_AND_PAGING,
        "now",
    ),
    start_task_contact_request: (
        "instance_id",
        "contact_flow_id",
        "name",
        "description",
        "attributes",
        "references",
        "previous_contact_id",
        "client_token",
    ),
}


@settings(max_examples=settings().max_examples * 3)
@given(st.sampled_from(sorted(BUILDERS, key=lambda b: b.__name__)), st.data())
def test_junk_raises_only_connect_request_error(builder: Any, data: st.DataObject) -> None:
    names = BUILDERS[builder]
    kwargs = {name: data.draw(JUNK, label=name) for name in names}
    problems: tuple[Any, ...] = ()
    try:
        builder(**kwargs)
    except ConnectRequestError as error:
        problems = error.problems
        assert problems, "a ConnectRequestError always carries its problems"
    assert all(problem.field and problem.rule for problem in problems)

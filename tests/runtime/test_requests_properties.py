"""Property tests: builder output passes botocore and the spec oracle; a broken rule is named."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from hypothesis import given, settings
from hypothesis import strategies as st

import connect_runtime as builders
from connect_runtime import ConnectRequestError, CurrentMetric, HistoricalMetric, Reference
from connect_runtime.testing import strategies as cs
from tests.runtime import spec_oracle

SETTINGS = settings()  # the profile from tests/conftest.py


def _botocore_accepts(operation: str, request: dict[str, Any]) -> None:
    shape: Any = spec_oracle.model().operation_model(operation).input_shape
    try:
        validate_parameters(request, shape)
    except ParamValidationError as error:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"botocore rejects {operation} request: {error}")


# --- valid inputs are accepted, and what comes out is valid by two independent judges --------


@SETTINGS
@given(cs.start_contact_streaming_kwargs())
def test_start_contact_streaming_requests_are_valid(kwargs: dict[str, Any]) -> None:
    request = builders.start_contact_streaming_request(**kwargs)
    _botocore_accepts("StartContactStreaming", dict(request))
    assert spec_oracle.start_contact_streaming(request) == []
    if kwargs["client_token"] is not None:
        assert request["ClientToken"] == kwargs["client_token"]


@SETTINGS
@given(cs.stop_contact_streaming_kwargs())
def test_stop_contact_streaming_requests_are_valid(kwargs: dict[str, Any]) -> None:
    request = builders.stop_contact_streaming_request(**kwargs)
    _botocore_accepts("StopContactStreaming", dict(request))
    assert spec_oracle.stop_contact_streaming(request) == []
    assert request == {
        "InstanceId": kwargs["instance_id"],
        "ContactId": kwargs["contact_id"],
        "StreamingId": kwargs["streaming_id"],
    }


@SETTINGS
@given(cs.get_current_metric_data_kwargs())
def test_get_current_metric_data_requests_are_valid(kwargs: dict[str, Any]) -> None:
    request = builders.get_current_metric_data_request(**kwargs)
    _botocore_accepts("GetCurrentMetricData", dict(request))
    assert spec_oracle.get_current_metric_data(request) == []
    assert len(request["CurrentMetrics"]) == len(kwargs["metrics"])


@SETTINGS
@given(cs.get_metric_data_kwargs())
def test_get_metric_data_requests_are_valid(kwargs: dict[str, Any]) -> None:
    request: Any = builders.get_metric_data_request(**kwargs)
    _botocore_accepts("GetMetricData", dict(request))
    assert spec_oracle.get_metric_data(request, kwargs["now"]) == []
    assert request["StartTime"] == kwargs["start_time"]  # same instant, normalised to UTC
    assert request["StartTime"].utcoffset() == timedelta(0)


@SETTINGS
@given(cs.start_task_contact_kwargs())
def test_start_task_contact_requests_are_valid(kwargs: dict[str, Any]) -> None:
    request = builders.start_task_contact_request(**kwargs)
    _botocore_accepts("StartTaskContact", dict(request))
    assert spec_oracle.start_task_contact(request) == []
    assert set(request.get("References", {})) == set(kwargs.get("references") or {})


# --- break exactly one rule: the builder names it and the oracle agrees it is broken ----------


@dataclass(frozen=True)
class Mutation:
    """One documented rule, broken on purpose."""

    name: str
    field: str
    apply: Callable[[dict[str, Any], st.DataObject], dict[str, Any] | None]


def _naive(operation: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The request a careless caller would send: kwargs copied into API names, unchecked."""

    def api(item: Any) -> Any:
        return (
            item.to_api()
            if isinstance(item, CurrentMetric | HistoricalMetric | Reference)
            else item
        )

    mapping = {
        "instance_id": "InstanceId",
        "contact_id": "ContactId",
        "streaming_id": "StreamingId",
        "client_token": "ClientToken",
        "contact_flow_id": "ContactFlowId",
        "name": "Name",
        "description": "Description",
        "previous_contact_id": "PreviousContactId",
        "attributes": "Attributes",
        "start_time": "StartTime",
        "end_time": "EndTime",
        "groupings": "Groupings",
        "next_token": "NextToken",
        "max_results": "MaxResults",
    }
    request = {mapping[k]: v for k, v in kwargs.items() if k in mapping and v is not None}
    if operation == "StartContactStreaming":
        request["ChatStreamingConfiguration"] = {
            "StreamingEndpointArn": kwargs["streaming_endpoint_arn"]
        }
        request.setdefault("ClientToken", "generated")
    if operation == "StartTaskContact":
        request.setdefault("ClientToken", "generated")
        if kwargs.get("references") is not None:
            request["References"] = {k: api(v) for k, v in kwargs["references"].items()}
    if operation in ("GetCurrentMetricData", "GetMetricData"):
        request["Filters"] = {
            api_name: kwargs[key]
            for key, api_name in (
                ("queues", "Queues"),
                ("routing_profiles", "RoutingProfiles"),
                ("channels", "Channels"),
            )
            if kwargs.get(key) is not None
        }
        field = "CurrentMetrics" if operation == "GetCurrentMetricData" else "HistoricalMetrics"
        request[field] = [api(m) for m in kwargs["metrics"]]
    return request


def _oracle(operation: str, request: dict[str, Any], kwargs: dict[str, Any]) -> list[str]:
    judge = {
        "StartContactStreaming": spec_oracle.start_contact_streaming,
        "StopContactStreaming": spec_oracle.stop_contact_streaming,
        "GetCurrentMetricData": spec_oracle.get_current_metric_data,
        "StartTaskContact": spec_oracle.start_task_contact,
    }
    if operation == "GetMetricData":
        return spec_oracle.get_metric_data(request, kwargs["now"])
    return judge[operation](request)


def _set(key: str, value: Any) -> Callable[[dict[str, Any], st.DataObject], dict[str, Any]]:
    return lambda kwargs, data: {**kwargs, key: value}


def _too_long(key: str, limit: int) -> Callable[[dict[str, Any], st.DataObject], dict[str, Any]]:
    return lambda kwargs, data: {**kwargs, key: "x" * (limit + data.draw(st.integers(1, 50)))}


STREAMING_MUTATIONS = [
    Mutation("empty instance", "InstanceId", _set("instance_id", "")),
    Mutation("long instance", "InstanceId", _too_long("instance_id", 100)),
    Mutation("missing contact", "ContactId", _set("contact_id", None)),
    Mutation("long contact", "ContactId", _too_long("contact_id", 256)),
    Mutation(
        "fifo topic",
        "ChatStreamingConfiguration.StreamingEndpointArn",
        lambda kw, data: {
            **kw,
            "streaming_endpoint_arn": kw["streaming_endpoint_arn"][:300] + ".fifo",
        },
    ),
    Mutation(
        "sqs arn",
        "ChatStreamingConfiguration.StreamingEndpointArn",
        lambda kw, data: {
            **kw,
            "streaming_endpoint_arn": kw["streaming_endpoint_arn"].replace(":sns:", ":sqs:", 1),
        },
    ),
    Mutation("empty token", "ClientToken", _set("client_token", "")),
    Mutation("long token", "ClientToken", _too_long("client_token", 500)),
]


@SETTINGS
@given(cs.start_contact_streaming_kwargs(), st.sampled_from(STREAMING_MUTATIONS), st.data())
def test_start_contact_streaming_names_the_broken_rule(
    kwargs: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    _check_mutation(
        "StartContactStreaming", builders.start_contact_streaming_request, kwargs, mutation, data
    )


STOP_MUTATIONS = [
    Mutation("empty streaming id", "StreamingId", _set("streaming_id", "")),
    Mutation("long streaming id", "StreamingId", _too_long("streaming_id", 100)),
    Mutation("non-string contact", "ContactId", _set("contact_id", 42)),
]


@SETTINGS
@given(cs.stop_contact_streaming_kwargs(), st.sampled_from(STOP_MUTATIONS), st.data())
def test_stop_contact_streaming_names_the_broken_rule(
    kwargs: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    _check_mutation(
        "StopContactStreaming", builders.stop_contact_streaming_request, kwargs, mutation, data
    )


def _with_queues(count: int) -> Callable[[dict[str, Any], st.DataObject], dict[str, Any] | None]:
    def apply(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any] | None:
        if kwargs.get("queues") is None:
            return None
        return {**kwargs, "queues": [f"q-{i}" for i in range(count)]}

    return apply


def _metric_index(kwargs: dict[str, Any], data: st.DataObject) -> int:
    return data.draw(st.integers(0, len(kwargs["metrics"]) - 1))


def _wrong_current_unit(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    index = _metric_index(kwargs, data)
    metric = kwargs["metrics"][index]
    name = metric.name if isinstance(metric, CurrentMetric) else metric["Name"]
    unit = (
        "COUNT"
        if name == "OLDEST_CONTACT_AGE"
        else data.draw(st.sampled_from(["SECONDS", "PERCENT", "MILLISECONDS"]))
    )
    metrics = list(kwargs["metrics"])
    metrics[index] = {"Name": name, "Unit": unit}
    return {**kwargs, "metrics": metrics}


def _drop_filters(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any] | None:
    if kwargs.get("groupings"):
        return None  # grouping rules would also break; keep to one rule
    return {k: v for k, v in kwargs.items() if k not in ("queues", "routing_profiles", "channels")}


def _grouping_without_channels(
    kwargs: dict[str, Any], data: st.DataObject
) -> dict[str, Any] | None:
    if "queues" not in kwargs and "routing_profiles" not in kwargs:
        return None
    return {**{k: v for k, v in kwargs.items() if k != "channels"}, "groupings": ["CHANNEL"]}


def _profile_grouping_without_filter(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    trimmed = {k: v for k, v in kwargs.items() if k not in ("queues", "routing_profiles")}
    metrics = [CurrentMetric("AGENTS_ONLINE")]
    return {**trimmed, "channels": ["CHAT"], "groupings": ["ROUTING_PROFILE"], "metrics": metrics}


def _queue_metric_without_profiles(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    trimmed = {k: v for k, v in kwargs.items() if k != "routing_profiles"}
    metric = data.draw(
        st.sampled_from(["CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"])
    )
    return {
        **trimmed,
        "queues": ["q-1"],
        "groupings": ["ROUTING_PROFILE"],
        "metrics": [CurrentMetric(metric)],
    }


def _queues_and_profiles(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    return {**kwargs, "queues": ["q-1"], "routing_profiles": ["rp-1"]}


CURRENT_MUTATIONS = [
    Mutation("101 queues", "Filters.Queues", _with_queues(101)),
    Mutation(
        "empty queue list",
        "Filters.Queues",
        lambda kw, d: {**kw, "queues": []} if "queues" in kw else None,
    ),
    Mutation("no filters", "Filters", _drop_filters),
    Mutation("queues and profiles", "Filters", _queues_and_profiles),
    Mutation(
        "bad channel",
        "Filters.Channels[0]",
        lambda kw, d: {**kw, "channels": [d.draw(st.sampled_from(["SMS", "voice", "", "VIDEO"]))]},
    ),
    Mutation(
        "bad grouping",
        "Groupings[0]",
        lambda kw, d: (
            None
            if kw.get("groupings")
            else {
                **kw,
                "groupings": [
                    d.draw(st.sampled_from(["AGENT", "queue", "AGENT_HIERARCHY_LEVEL_ONE"]))
                ],
            }
        ),
    ),
    Mutation("three groupings", "Groupings", _set("groupings", ["QUEUE", "CHANNEL", "INSTANCE"])),
    Mutation("five channels", "Filters.Channels", _set("channels", ["CHAT"] * 5)),
    Mutation("channel grouping without channels", "Groupings", _grouping_without_channels),
    Mutation("profile grouping without filter", "Groupings", _profile_grouping_without_filter),
    Mutation(
        "queue metric grouped by profile", "Filters.RoutingProfiles", _queue_metric_without_profiles
    ),
    Mutation("wrong unit", "CurrentMetrics[*].Unit", _wrong_current_unit),
    Mutation(
        "unknown metric",
        "CurrentMetrics[0].Name",
        lambda kw, d: {**kw, "metrics": [{"Name": "CONTACTS_HANDLED", "Unit": "COUNT"}]},
    ),
    Mutation("no metrics", "CurrentMetrics", _set("metrics", [])),
    Mutation("max results 0", "MaxResults", _set("max_results", 0)),
    Mutation("max results 101", "MaxResults", _set("max_results", 101)),
    Mutation("empty next token", "NextToken", _set("next_token", "")),
]


@SETTINGS
@given(cs.get_current_metric_data_kwargs(), st.sampled_from(CURRENT_MUTATIONS), st.data())
def test_get_current_metric_data_names_the_broken_rule(
    kwargs: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    _check_mutation(
        "GetCurrentMetricData", builders.get_current_metric_data_request, kwargs, mutation, data
    )


def _shift(
    key: str, delta: timedelta
) -> Callable[[dict[str, Any], st.DataObject], dict[str, Any] | None]:
    def apply(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any] | None:
        moved = {**kwargs, key: kwargs[key] + delta}
        # keep every other time rule intact
        start, end, now = moved["start_time"], moved["end_time"], moved["now"]
        if not (
            start < end and end - start < timedelta(hours=24) and start >= now - timedelta(hours=24)
        ):
            return None
        return moved

    return apply


def _too_old(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    boundary = (kwargs["now"] - timedelta(hours=24)).astimezone(UTC)
    start = boundary.replace(second=0, microsecond=0) - timedelta(minutes=boundary.minute % 5 + 5)
    return {**kwargs, "start_time": start, "end_time": start + timedelta(minutes=5)}


def _wrong_statistic(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    index = _metric_index(kwargs, data)
    metric = kwargs["metrics"][index]
    api = dict(metric.to_api() if isinstance(metric, HistoricalMetric) else metric)
    api["Statistic"] = {"SUM": "AVG", "AVG": "MAX", "MAX": "SUM"}[api["Statistic"]]
    metrics = list(kwargs["metrics"])
    metrics[index] = api
    return {**kwargs, "metrics": metrics}


def _service_level(
    value: Any, comparison: str = "LT"
) -> Callable[[dict[str, Any], st.DataObject], dict[str, Any]]:
    metric = {
        "Name": "SERVICE_LEVEL",
        "Unit": "PERCENT",
        "Statistic": "AVG",
        "Threshold": {"Comparison": comparison, "ThresholdValue": value},
    }
    return lambda kwargs, data: {**kwargs, "metrics": [metric]}


HISTORICAL_MUTATIONS = [
    Mutation("start off boundary", "StartTime", _shift("start_time", timedelta(minutes=1))),
    Mutation("end off boundary", "EndTime", _shift("end_time", timedelta(seconds=30))),
    Mutation(
        "naive start",
        "StartTime",
        lambda kw, d: {**kw, "start_time": kw["start_time"].replace(tzinfo=None)},
    ),
    Mutation("end before start", "EndTime", lambda kw, d: {**kw, "end_time": kw["start_time"]}),
    Mutation(
        "24 hour range",
        "EndTime",
        lambda kw, d: {**kw, "end_time": kw["start_time"] + timedelta(hours=24)},
    ),
    Mutation("start too old", "StartTime", _too_old),
    Mutation("wrong statistic", "HistoricalMetrics[*].Statistic", _wrong_statistic),
    Mutation("threshold zero", "HistoricalMetrics[0].Threshold.ThresholdValue", _service_level(0)),
    Mutation(
        "threshold over a week",
        "HistoricalMetrics[0].Threshold.ThresholdValue",
        _service_level(604801),
    ),
    Mutation(
        "fractional threshold", "HistoricalMetrics[0].Threshold.ThresholdValue", _service_level(1.5)
    ),
    Mutation("threshold GT", "HistoricalMetrics[0].Threshold.Comparison", _service_level(60, "GT")),
    Mutation(
        "threshold on a count",
        "HistoricalMetrics[0].Threshold",
        _set(
            "metrics",
            [
                {
                    "Name": "CONTACTS_HANDLED",
                    "Unit": "COUNT",
                    "Statistic": "SUM",
                    "Threshold": {"Comparison": "LT", "ThresholdValue": 20},
                }
            ],
        ),
    ),
    Mutation(
        "21 service levels",
        "HistoricalMetrics",
        _set("metrics", [HistoricalMetric.service_level(s) for s in range(1, 22)]),
    ),
    Mutation("101 queues", "Filters.Queues", _with_queues(101)),
]


@SETTINGS
@given(cs.get_metric_data_kwargs(), st.sampled_from(HISTORICAL_MUTATIONS), st.data())
def test_get_metric_data_names_the_broken_rule(
    kwargs: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    _check_mutation("GetMetricData", builders.get_metric_data_request, kwargs, mutation, data)


def _bad_attribute_key(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    key = data.draw(st.sampled_from(["case id", "case.id", "ключ", "a/b", "x:y"]))
    return {**kwargs, "attributes": {**(kwargs.get("attributes") or {}), key: "v"}}


def _big_attributes(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    # two values of 16,384 bytes plus their keys cross 32,768 without breaking a length rule
    return {**kwargs, "attributes": {"a": "é" * 8192, "b": "x" * 16384}}


def _bad_reference(kwargs: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    kind, value = data.draw(
        st.sampled_from(
            [
                ("URL", "ftp://example.com/x"),
                ("URL", "not a url"),
                ("NUMBER", "12abc"),
                ("NUMBER", "nan"),
                ("DATE", "2021-10-29"),
                ("DATE", "-5"),
                ("EMAIL", "agent.example.com"),
                ("EMAIL", "a@b"),
            ]
        )
    )
    return {**kwargs, "references": {"ref": {"Value": value, "Type": kind}}}


TASK_MUTATIONS = [
    Mutation("bad attribute key", "Attributes[*]", _bad_attribute_key),
    Mutation("attributes over budget", "Attributes", _big_attributes),
    Mutation("bad reference value", "References['ref'].Value", _bad_reference),
    Mutation(
        "unknown reference type",
        "References['ref'].Type",
        _set("references", {"ref": {"Value": "x", "Type": "PHONE"}}),
    ),
    Mutation(
        "references over budget",
        "References",
        _set("references", {f"r{i}": Reference.string("y" * 1000) for i in range(5)}),
    ),
    Mutation("long name", "Name", _too_long("name", 1024)),
    Mutation("missing name", "Name", _set("name", None)),
    Mutation("long description", "Description", _too_long("description", 4096)),
    Mutation("empty flow", "ContactFlowId", _set("contact_flow_id", "")),
    Mutation("long flow", "ContactFlowId", _too_long("contact_flow_id", 500)),
    Mutation("empty previous contact", "PreviousContactId", _set("previous_contact_id", "")),
    Mutation("long token", "ClientToken", _too_long("client_token", 500)),
]


@SETTINGS
@given(cs.start_task_contact_kwargs(), st.sampled_from(TASK_MUTATIONS), st.data())
def test_start_task_contact_names_the_broken_rule(
    kwargs: dict[str, Any], mutation: Mutation, data: st.DataObject
) -> None:
    _check_mutation("StartTaskContact", builders.start_task_contact_request, kwargs, mutation, data)


def _check_mutation(
    operation: str,
    builder: Callable[..., Any],
    kwargs: dict[str, Any],
    mutation: Mutation,
    data: st.DataObject,
) -> None:
    broken = mutation.apply(copy.copy(kwargs), data)
    if broken is None:
        return  # this draw cannot break the rule alone; other draws cover it
    with pytest.raises(ConnectRequestError) as caught:
        builder(**broken)
    fields = caught.value.fields
    if mutation.field.endswith("[*]") or "[*]." in mutation.field:
        prefix, suffix = mutation.field.split("[*]")
        prefix += "["
        assert any(f.startswith(prefix) and f.endswith(suffix) for f in fields), (
            mutation.name,
            fields,
        )
    else:
        assert mutation.field in fields, (mutation.name, fields, str(caught.value))
    assert operation in str(caught.value)
    assert _oracle(operation, _naive(operation, broken), broken), (
        f"{mutation.name}: the oracle finds no broken rule in what the builder refused"
    )

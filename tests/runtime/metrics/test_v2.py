"""GetMetricDataV2's builder and catalogue: valid, one-rule-broken and junk inputs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from hypothesis import given
from hypothesis import strategies as st

import connect_runtime as builders
from connect_runtime import (
    ConnectRequestError,
    MetricFilterV2,
    MetricV2,
    _model,
    get_metric_data_v2_request,
)
from connect_runtime.metrics import (
    authorizing_filter_keys,
    interval_ranges,
    metric_catalogue,
    rows_from_v2_response,
)
from connect_runtime.metrics.v2 import months_before
from connect_runtime.testing.strategies import metrics as today
from tests.runtime.junk import junk_values

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ARN = "arn:aws:connect:us-east-1:123456789012:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"


def _doc(*path: str) -> str:
    return str(_model.shape_at("GetMetricDataV2", *path).documentation)


def _botocore_accepts(request: dict[str, Any]) -> None:
    shape: Any = _model.operation_model("GetMetricDataV2").input_shape
    try:
        validate_parameters(request, shape)
    except ParamValidationError as error:  # pragma: no cover - the message is the point
        pytest.fail(f"botocore refused {request}: {error}")


def _days_documented(period: str) -> int:
    # read independently of the builder: the sentence after the period's name
    text = re.sub(r"<[^>]+>", "", _doc("Interval"))
    found = re.search(rf"{period}: The difference .*? less than (\d+) days", text)
    assert found, period
    return int(found.group(1))


def _build(**overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "resource_arn": ARN,
        "start_time": NOW - timedelta(days=1),
        "end_time": NOW,
        "now": NOW,
        "filters": {"QUEUE": ["q-1"]},
        "metrics": ["CONTACTS_HANDLED"],
    }
    kwargs.update(overrides)
    return dict(get_metric_data_v2_request(**kwargs))


# --- properties ----------------------------------------------------------------------------


@given(today.get_metric_data_v2_kwargs())
def test_valid_requests_pass_botocore_and_the_documented_rules(kwargs: dict[str, Any]) -> None:
    request = _build(**kwargs)
    _botocore_accepts(request)
    assert request["ResourceArn"] == kwargs["resource_arn"]
    keys = [f["FilterKey"] for f in request["Filters"]]
    assert 1 <= len(keys) <= 5
    assert len(set(keys)) == len(keys)
    counted = sum(len(f["FilterValues"]) for f in request["Filters"] if f["FilterKey"] != "CHANNEL")
    assert counted <= 100
    assert set(keys) & authorizing_filter_keys()
    assert len(request.get("Groupings", [])) <= 4
    period = request.get("Interval", {}).get("IntervalPeriod", "TOTAL")
    span = request["EndTime"] - request["StartTime"]
    assert timedelta(0) < span < timedelta(days=_days_documented(period))
    assert request["EndTime"] <= kwargs["now"]
    for metric in request["Metrics"]:
        assert len(metric.get("MetricFilters", [])) <= 2
        for threshold in metric.get("Threshold", []):
            assert 1 <= threshold["ThresholdValue"] <= 604_800
            assert float(threshold["ThresholdValue"]).is_integer()


@given(today.broken_get_metric_data_v2_kwargs())
def test_one_broken_rule_is_refused_naming_its_field(case: tuple[dict[str, Any], str]) -> None:
    kwargs, field = case
    with pytest.raises(ConnectRequestError) as caught:
        get_metric_data_v2_request(**kwargs)
    assert field in caught.value.fields, caught.value


_JUNK = junk_values()


@given(
    today.get_metric_data_v2_kwargs(),
    st.sampled_from(
        [
            "resource_arn",
            "start_time",
            "end_time",
            "metrics",
            "filters",
            "groupings",
            "interval_period",
            "time_zone",
            "max_results",
            "now",
        ]
    ),
    _JUNK,
)
def test_junk_raises_only_request_errors(kwargs: dict[str, Any], name: str, junk: object) -> None:
    try:
        request = get_metric_data_v2_request(**{**kwargs, name: junk})
    except ConnectRequestError:
        return  # the one exception type it may raise; any other fails the test
    _botocore_accepts(dict(request))


# --- the catalogue, read from the model's documentation --------------------------------------


def test_catalogue_lists_every_documented_metric_once() -> None:
    names = re.findall(r"<dt>\s*([^<]+?)\s*</dt>", _doc("Metrics"))
    assert set(metric_catalogue()) == set(names)
    assert {"CONTACTS_HANDLED", "AVG_HANDLE_TIME", "ABANDONMENT_RATE", "SERVICE_LEVEL"} <= set(
        names
    )


def test_threshold_metrics_are_the_ones_whose_doc_has_a_threshold() -> None:
    with_threshold = {n for n, s in metric_catalogue().items() if s.threshold_comparisons}
    documented = set(
        re.findall(r"<dt>([A-Z_]+)</dt>\s*<dd>(?:(?!</dd>).)*Threshold:", _doc("Metrics"), re.S)
    )
    assert with_threshold == documented
    assert metric_catalogue()["SERVICE_LEVEL"].threshold_comparisons == {"LT", "LTE"}
    assert metric_catalogue()["CAMPAIGN_CONTACTS_ABANDONED_AFTER_X"].threshold_comparisons == {"GT"}
    assert metric_catalogue()["SERVICE_LEVEL"].max_per_request == 20


def test_interval_ranges_cover_the_model_enum() -> None:
    assert set(interval_ranges()) == _model.enum("GetMetricDataV2", "Interval", "IntervalPeriod")
    for period, limit in interval_ranges().items():
        assert limit.days == _days_documented(period)


def test_doc_only_numbers_are_still_what_the_doc_says() -> None:
    assert "Historical metrics are available for 3 months" in _doc("StartTime")
    assert "up to 100 filter values across all filter keys" in _doc("Filters")
    assert "up to 5 filter keys" in _doc("Filters")


def test_builder_is_re_exported_from_requests() -> None:
    assert builders.get_metric_data_v2_request is get_metric_data_v2_request


# --- edges, by example -----------------------------------------------------------------------


def test_limits_are_exclusive_and_retention_counts_calendar_months() -> None:
    with pytest.raises(ConnectRequestError, match="less than 3 days"):
        _build(start_time=NOW - timedelta(days=3), interval_period="FIFTEEN_MIN")
    _build(start_time=NOW - timedelta(days=3) + timedelta(seconds=1), interval_period="HOUR")
    oldest = months_before(NOW, 3)
    assert oldest == datetime(2026, 8, 25, 12, 0, tzinfo=UTC)
    _build(start_time=oldest, end_time=oldest + timedelta(days=1), interval_period="DAY")
    with pytest.raises(ConnectRequestError, match="3 months") as caught:
        _build(start_time=oldest - timedelta(seconds=1), end_time=oldest + timedelta(days=1))
    assert caught.value.field == "StartTime"


def test_channel_values_do_not_count_towards_the_hundred() -> None:
    filters = {
        "QUEUE": [f"q{i}" for i in range(100)],
        "CHANNEL": ["VOICE", "CHAT", "TASK", "EMAIL"],
    }
    assert len(_build(filters=filters)["Filters"]) == 2
    with pytest.raises(ConnectRequestError, match="at most 100"):
        _build(filters={**filters, "AGENT": ["a"]})


def test_typed_metrics_build_the_api_shapes() -> None:
    handled = MetricV2(
        "CONTACTS_HANDLED",
        filters=(MetricFilterV2("INITIATION_METHOD", ("INBOUND",), negate=True),),
    )
    request = _build(metrics=[handled, MetricV2("SERVICE_LEVEL", threshold=60, comparison="LTE")])
    negated = {"MetricFilterKey": "INITIATION_METHOD", "MetricFilterValues": ["INBOUND"]}
    assert request["Metrics"] == [
        {"Name": "CONTACTS_HANDLED", "MetricFilters": [{**negated, "Negate": True}]},
        {"Name": "SERVICE_LEVEL", "Threshold": [{"Comparison": "LTE", "ThresholdValue": 60.0}]},
    ]  # fmt: skip
    _botocore_accepts(request)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConnectRequestError) as caught:
        _build(resource_arn="inst-1", filters={"CHANNEL": ["VOICE"]}, groupings=["TEAM"])
    assert {"ResourceArn", "Filters", "Groupings[0]"} <= set(caught.value.fields)


SIXTY = {"Comparison": "LT", "ThresholdValue": 60.0}


def test_rows_keep_interval_threshold_and_filters() -> None:
    start = NOW - timedelta(hours=1)
    response = {"MetricResults": [{
        "Dimensions": {"QUEUE": "q-1", "CHANNEL": "VOICE"},
        "MetricInterval": {"Interval": "HOUR", "StartTime": start, "EndTime": NOW},
        "Collections": [
            {"Metric": {"Name": "SERVICE_LEVEL", "Threshold": [SIXTY]}, "Value": 75.0},
            {"Metric": {"Name": "AVG_HANDLE_TIME"}},
        ],
    }]}  # fmt: skip
    first, second = rows_from_v2_response(response)
    assert (first.unit, first.threshold_comparison, first.threshold_value) == (
        "PERCENT",
        "LT",
        60.0,
    )
    assert (first.interval_start, first.interval_end, first.interval_period) == (start, NOW, "HOUR")
    assert dict(first.dimensions) == {"QUEUE": "q-1", "CHANNEL": "VOICE"}
    assert second.value is None
    assert second.unit == "SECONDS"


def test_groupings_a_metric_does_not_document_are_refused() -> None:
    spec = metric_catalogue()["SERVICE_LEVEL"]
    assert spec.groupings == frozenset({"QUEUE", "CHANNEL", "ROUTING_PROFILE", "Q_CONNECT_ENABLED"})
    with pytest.raises(ConnectRequestError, match="SERVICE_LEVEL cannot be grouped by AGENT"):
        _build(metrics=[MetricV2("SERVICE_LEVEL", threshold=60)], groupings=["QUEUE", "AGENT"])
    _botocore_accepts(_build(metrics=["CONTACTS_HANDLED"], groupings=["QUEUE", "AGENT"]))
    # labels naming no documented key (the EVALUATED_* metrics') leave the groupings unchecked
    assert metric_catalogue()["EVALUATED_CSAT_PERCENT"].groupings is None
    hierarchy = metric_catalogue()["AGENT_OCCUPANCY"].groupings or frozenset()
    assert "AGENT_HIERARCHY_LEVEL_THREE" in hierarchy
    assert "QUEUE" not in hierarchy
